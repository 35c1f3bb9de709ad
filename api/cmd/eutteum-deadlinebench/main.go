// Command eutteum-deadlinebench plays a deadline day against two (or more) running
// Eutteum servers on one database and prints a Markdown report: hundreds of teams saving
// their drafts every half minute and submitting in the last minutes before the deadline,
// judges scoring another round's cases, and anonymous visitors searching and reading the
// archive, each client bound to one server as a load balancer would spread them. The report
// gives p50/p95/p99 per endpoint, every answer that was not a success, the servers' memory
// and PostgreSQL's connections. scripts/bench-deadline starts the servers and records the
// report in docs/performance.md.
//
// The contest is set up in-process through the application's own services (accounts,
// teams, rounds, cases, judging), so it goes through the same rules as the API; the load
// then goes through HTTP only.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/sync/errgroup"

	"eutteum/api/account"
	"eutteum/api/app"
	"eutteum/api/cases"
	"eutteum/api/judging"
	"eutteum/api/round"
	"eutteum/api/store"
	"eutteum/api/team"
)

type options struct {
	db       string
	servers  []string
	pids     []int
	teams    int
	judges   int
	visitors int
	window   time.Duration // from the start of the load to the deadline
	rush     time.Duration // submissions fall in this last stretch before the deadline
	save     time.Duration // how often a team saves its draft
}

func main() {
	var o options
	var servers, pids string
	flag.StringVar(&o.db, "db", "", "database URL the servers use (for the set-up and the connection count)")
	flag.StringVar(&servers, "servers", "", "comma-separated base URLs of the servers")
	flag.StringVar(&pids, "pids", "", "comma-separated process ids of the servers, to report their memory")
	flag.IntVar(&o.teams, "teams", 500, "teams saving drafts and submitting")
	flag.IntVar(&o.judges, "judges", 50, "judges scoring")
	flag.IntVar(&o.visitors, "visitors", 20, "anonymous visitors of the archive")
	flag.DurationVar(&o.window, "window", 4*time.Minute, "time from the start of the load to the submission deadline")
	flag.DurationVar(&o.rush, "rush", 2*time.Minute, "the last stretch before the deadline in which teams submit")
	flag.DurationVar(&o.save, "save-every", 30*time.Second, "how often each team saves its draft")
	flag.Parse()
	o.servers = strings.Split(servers, ",")
	for _, p := range strings.Split(pids, ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			o.pids = append(o.pids, n)
		}
	}
	if o.db == "" || servers == "" || o.rush >= o.window {
		fmt.Fprintln(os.Stderr, "usage: eutteum-deadlinebench -db URL -servers URL,URL [-pids PID,PID] (rush must be shorter than window)")
		os.Exit(2)
	}
	if err := run(context.Background(), o); err != nil {
		fmt.Fprintln(os.Stderr, "eutteum-deadlinebench:", err)
		os.Exit(1)
	}
}

// contest is what the set-up made: one round whose deadline is the day's, with a draft per
// team, and one round in judging with its judges' assignments.
type contest struct {
	deadline   time.Time
	categoryID string
	teams      []teamDraft
	stageID    string
	criteria   []string
	judges     []judgeWork
	entries    []string
}

type teamDraft struct {
	token, caseID, etag string
}

type judgeWork struct {
	token string
	cases []string
}

const password = "bench-deadline-2026"

func run(ctx context.Context, o options) error {
	pool, err := store.Open(ctx, o.db)
	if err != nil {
		return err
	}
	defer pool.Close()
	started := time.Now()
	c, err := setUp(ctx, pool, o)
	if err != nil {
		return fmt.Errorf("set-up: %w", err)
	}
	fmt.Fprintf(os.Stderr, "set-up: %d teams with drafts, %d judges, %d archive entries in %s; deadline %s\n",
		len(c.teams), len(c.judges), len(c.entries), time.Since(started).Round(time.Second), c.deadline.Format(time.TimeOnly))
	rec := &recorder{}
	stop := make(chan struct{})
	peaks := watch(ctx, pool, o.pids, stop)
	began := time.Now()
	load(c, o, rec)
	o.window = c.deadline.Sub(began)
	close(stop)
	report(o, c, rec, <-peaks)
	return nil
}

// setUp makes the day's contest through the application's services.
func setUp(ctx context.Context, pool *pgxpool.Pool, o options) (*contest, error) {
	a, err := app.New(ctx, pool, app.DefaultSettings())
	if err != nil {
		return nil, err
	}
	org, err := a.Accounts.PrincipalFor(ctx, "organizer@demo.test")
	if err != nil {
		return nil, fmt.Errorf("the demo data is needed (eutteum seed): %w", err)
	}
	bucheon, err := a.Accounts.EnsureAgency(ctx, account.CreateAgencyInput{Name: "부천시", Level: "basic", Region: "경기"})
	if err != nil {
		return nil, err
	}
	gyeonggi, err := a.Accounts.EnsureAgency(ctx, account.CreateAgencyInput{Name: "경기도", Level: "metropolitan", Region: "경기"})
	if err != nil {
		return nil, err
	}
	run := time.Now().Format("0102-150405")
	c := &contest{}
	// The round of the day: open since this morning; its deadline is set once everything
	// is ready, so that the load runs for the whole window.
	day, dayInput, err := newRound(ctx, a, org, bucheon.ID, "마감일 부하 "+run, time.Now().Add(-8*time.Hour), time.Now().Add(24*time.Hour))
	if err != nil {
		return nil, err
	}
	c.categoryID = day.Categories[0].ID.String()
	// The round in judging: its submissions close as soon as its cases are in.
	judgedCases := max(o.judges*2, 20)
	judgedCloses := time.Now().Add(20*time.Second + time.Duration(judgedCases)*40*time.Millisecond)
	judged, _, err := newRound(ctx, a, org, bucheon.ID, "심사 중 부하 "+run, time.Now().Add(-30*24*time.Hour), judgedCloses)
	if err != nil {
		return nil, err
	}

	c.teams = make([]teamDraft, o.teams)
	var submitted []uuid.UUID
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for i := range o.teams {
		g.Go(func() error {
			p, err := ensureUser(gctx, a, fmt.Sprintf("deadline-%s-team%03d@bench.test", run, i), fmt.Sprintf("팀장 %03d", i), bucheon.ID, "member")
			if err != nil {
				return err
			}
			t, err := a.Teams.Create(gctx, p, team.Input{Name: fmt.Sprintf("마감일 %s 팀 %03d", run, i), Kind: "innovation_team"})
			if err != nil {
				return err
			}
			draft, err := a.Cases.Create(gctx, p, day.ID, cases.CreateInput{TeamID: t.ID, Title: fmt.Sprintf("마감일 사례 %03d", i)})
			if err != nil {
				return err
			}
			draft, err = a.Cases.Update(gctx, p, draft.ID, &draft.Revision, content(i, day.Categories[0].ID))
			if err != nil {
				return err
			}
			token, err := a.Tokens.Issue(p.UserID, p.Roles)
			if err != nil {
				return err
			}
			c.teams[i] = teamDraft{token: token, caseID: draft.ID.String(), etag: `"` + strconv.Itoa(draft.Revision) + `"`}
			if i >= judgedCases {
				return nil
			}
			// The first teams also have a case in the round being judged.
			old, err := a.Cases.Create(gctx, p, judged.ID, cases.CreateInput{TeamID: t.ID, Title: fmt.Sprintf("심사 대상 사례 %03d", i)})
			if err != nil {
				return err
			}
			if old, err = a.Cases.Update(gctx, p, old.ID, &old.Revision, content(i, judged.Categories[0].ID)); err != nil {
				return err
			}
			if _, err = a.Cases.Submit(gctx, p, old.ID, &old.Revision); err != nil {
				return err
			}
			mu.Lock()
			submitted = append(submitted, old.ID)
			mu.Unlock()
			return nil
		})
	}
	judgeIDs := make([]account.Principal, o.judges)
	for i := range o.judges {
		g.Go(func() error {
			p, err := ensureUser(gctx, a, fmt.Sprintf("deadline-%s-judge%02d@bench.test", run, i), fmt.Sprintf("심사위원 %02d", i), gyeonggi.ID, "judge")
			judgeIDs[i] = p
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}

	stage, err := a.Judging.CreateStage(ctx, org, judged.ID, judging.StageInput{
		Name: "서면심사", Kind: "written", ScoringClosesAt: time.Now().Add(24 * time.Hour), Cut: judging.Cut{Kind: "none"},
		Criteria: []judging.Criterion{criterion("창의성"), criterion("효과성"), criterion("확산가능성"), criterion("국민체감도")},
	})
	if err != nil {
		return nil, err
	}
	c.stageID = stage.ID.String()
	for _, cr := range stage.Criteria {
		c.criteria = append(c.criteria, cr.ID.String())
	}
	for _, p := range judgeIDs {
		if _, err := a.Judging.AddJudge(ctx, org, stage.ID, judging.JudgeInput{UserID: p.UserID, Kind: "external"}); err != nil {
			return nil, err
		}
	}
	if wait := time.Until(judgedCloses); wait > 0 {
		fmt.Fprintf(os.Stderr, "waiting %s for the judged round's submissions to close\n", wait.Round(time.Second))
		time.Sleep(wait + time.Second)
	}
	if _, err := a.Judging.OpenStage(ctx, org, stage.ID); err != nil {
		return nil, err
	}
	if _, err := a.Judging.AutoAssign(ctx, org, stage.ID, 5); err != nil {
		return nil, err
	}
	for _, p := range judgeIDs {
		board, err := a.Judging.Dashboard(ctx, p)
		if err != nil {
			return nil, err
		}
		token, err := a.Tokens.Issue(p.UserID, p.Roles)
		if err != nil {
			return nil, err
		}
		w := judgeWork{token: token}
		for _, st := range board {
			if st.Stage.ID != stage.ID {
				continue
			}
			for _, jc := range st.Cases {
				w.cases = append(w.cases, jc.CaseID.String())
			}
		}
		if len(w.cases) > 0 {
			c.judges = append(c.judges, w)
		}
	}
	rows, err := pool.Query(ctx, "select id::text from archive_entries order by published_on desc limit 200")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		c.entries = append(c.entries, id)
	}
	if len(c.entries) == 0 {
		return nil, fmt.Errorf("the archive is empty")
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The organizer moves the deadline to the end of the window, as on the day itself.
	dayInput.Schedule.SubmissionClosesAt = time.Now().Add(o.window).Truncate(time.Second)
	if day, err = a.Rounds.Update(ctx, org, day.ID, dayInput); err != nil {
		return nil, err
	}
	c.deadline = day.Schedule.SubmissionClosesAt
	return c, nil
}

func newRound(ctx context.Context, a *app.App, org account.Principal, agency uuid.UUID, title string, opens, closes time.Time) (round.Round, round.Input, error) {
	in := round.Input{
		Title: title, AwardName: "으뜸상", Year: time.Now().Year(), Period: "H2", HostAgencyID: agency,
		ParticipatingAgencyIDs: []uuid.UUID{agency}, Categories: []string{"복지", "안전", "디지털·데이터"},
		EligibleTeamKinds: []string{"innovation_team", "mz_discovery_group", "department"},
		Schedule: round.Schedule{SubmissionOpensAt: opens, SubmissionClosesAt: closes,
			JudgingClosesAt: closes.Add(7 * 24 * time.Hour), ResultsAnnouncedAt: closes.Add(14 * 24 * time.Hour)},
	}
	r, err := a.Rounds.Create(ctx, org, in)
	if err != nil {
		return r, in, err
	}
	r, err = a.Rounds.Publish(ctx, org, r.ID)
	return r, in, err
}

func ensureUser(ctx context.Context, a *app.App, email, name string, agency uuid.UUID, role string) (account.Principal, error) {
	if _, err := a.Accounts.EnsureUser(ctx, account.EnsureUserInput{
		Email: email, DisplayName: name, AgencyID: agency, Password: password, Roles: []account.RoleGrant{{Role: role}},
	}); err != nil {
		return account.Principal{}, err
	}
	return a.Accounts.PrincipalFor(ctx, email)
}

func criterion(name string) judging.Criterion {
	return judging.Criterion{Name: name, Weight: 25, Scale: judging.Scale{Kind: "points", Min: 0, Max: 10, Step: 1}}
}

func content(i int, category uuid.UUID) cases.Content {
	return cases.Content{
		Title: fmt.Sprintf("마감일 사례 %03d", i), Summary: "민원 대기 시간을 줄인 사례",
		Problem: strings.Repeat("민원 창구 대기가 길었다. ", 40), Solution: "예약제와 알림 문자를 도입했다.",
		Outcomes: "대기 시간이 40분에서 8분으로 줄었다.", CategoryID: &category, Tags: []string{"민원", "예약"},
		Metrics: []cases.Metric{{Name: "대기 시간", Unit: "분", Before: 40, After: 8, Direction: "decrease"}},
	}
}

// recorder keeps every answer's endpoint, time and status.
type recorder struct {
	mu      sync.Mutex
	samples []sample
}

type sample struct {
	endpoint string
	took     time.Duration
	code     int // 0: no answer
}

func (r *recorder) add(endpoint string, took time.Duration, code int) {
	r.mu.Lock()
	r.samples = append(r.samples, sample{endpoint, took, code})
	r.mu.Unlock()
}

// client is one user on one server.
type client struct {
	base, token string
	http        *http.Client
	rec         *recorder
}

func (c *client) do(endpoint, method, path string, body any, headers ...string) (int, []byte, http.Header) {
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, c.base+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	start := time.Now()
	res, err := c.http.Do(req)
	if err != nil {
		c.rec.add(endpoint, time.Since(start), 0)
		return 0, nil, nil
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	c.rec.add(endpoint, time.Since(start), res.StatusCode)
	return res.StatusCode, b, res.Header
}

const (
	epSave   = "PUT /cases/{id} (draft save)"
	epSubmit = "POST /cases/{id}/submit (submission)"
	epRead   = "GET /cases/{id} (team reads its case)"
	epJudge  = "GET /stages/{id}/cases/{id} (judge reads a case)"
	epSheet  = "PUT /stages/{id}/cases/{id}/sheet (judge saves)"
	epSearch = "GET /archive/cases?q= (visitor searches)"
	epEntry  = "GET /archive/cases/{id} (visitor reads)"
)

var endpoints = []string{epSave, epSubmit, epRead, epJudge, epSheet, epSearch, epEntry}

// load plays the day until the deadline: every team saves on its own half-minute rhythm
// and submits once at a random moment of the rush; judges read and score their cases with
// a few seconds between; visitors search and read the archive about once a second.
func load(c *contest, o options, rec *recorder) {
	transport := &http.Transport{MaxIdleConnsPerHost: 512, MaxIdleConns: 2048, IdleConnTimeout: time.Minute}
	httpc := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	server := func(i int) string { return o.servers[i%len(o.servers)] }
	end := c.deadline.Add(-2 * time.Second)
	var wg sync.WaitGroup
	for i, t := range c.teams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 1))
			cl := &client{base: server(i), token: t.token, http: httpc, rec: rec}
			submitAt := end.Add(-time.Duration(r.Int64N(int64(o.rush))))
			etag := t.etag
			next := time.Now().Add(time.Duration(r.Int64N(int64(o.save))))
			submitted := false
			for {
				wake := next
				if !submitted && submitAt.Before(wake) {
					wake = submitAt
				}
				if wake.After(end) {
					return
				}
				time.Sleep(time.Until(wake))
				if !submitted && !time.Now().Before(submitAt) {
					code, _, h := cl.do(epSubmit, "POST", "/api/v1/cases/"+t.caseID+"/submit", nil, "If-Match", etag)
					if code == http.StatusOK {
						etag = h.Get("ETag")
					}
					submitted = true
					continue
				}
				if r.IntN(4) == 0 {
					cl.do(epRead, "GET", "/api/v1/cases/"+t.caseID, nil)
				}
				code, _, h := cl.do(epSave, "PUT", "/api/v1/cases/"+t.caseID, draft(i, r.IntN(1000), c.categoryID), "If-Match", etag)
				if code == http.StatusOK {
					etag = h.Get("ETag")
				}
				next = next.Add(o.save)
			}
		}()
	}
	for i, j := range c.judges {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 2))
			cl := &client{base: server(i), token: j.token, http: httpc, rec: rec}
			for time.Now().Before(end) {
				caseID := j.cases[r.IntN(len(j.cases))]
				path := "/api/v1/stages/" + c.stageID + "/cases/" + caseID
				cl.do(epJudge, "GET", path, nil)
				time.Sleep(time.Duration(1000+r.IntN(2000)) * time.Millisecond)
				cl.do(epSheet, "PUT", path+"/sheet", sheet(c.criteria, r))
				time.Sleep(time.Duration(2000+r.IntN(4000)) * time.Millisecond)
			}
		}()
	}
	queries := []string{"복지", "이음콜", "원 스톱", "부천", "위반 건축물", "드론", "119", "AI 챗봇", "청년 창업", "소상공인에게", "1인가구", "민원"}
	for i := range o.visitors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 3))
			cl := &client{base: server(i), http: httpc, rec: rec}
			// Visitors come from many addresses, as the public does (the proxy names them).
			ip := fmt.Sprintf("198.18.%d.%d", i/250, 1+i%250)
			for time.Now().Before(end) {
				cl.do(epSearch, "GET", "/api/v1/archive/cases?q="+url.QueryEscape(queries[r.IntN(len(queries))]), nil, "X-Forwarded-For", ip)
				time.Sleep(time.Duration(500+r.IntN(1000)) * time.Millisecond)
				cl.do(epEntry, "GET", "/api/v1/archive/cases/"+c.entries[r.IntN(len(c.entries))], nil, "X-Forwarded-For", ip)
				time.Sleep(time.Duration(500+r.IntN(1000)) * time.Millisecond)
			}
		}()
	}
	wg.Wait()
}

func draft(i, edit int, categoryID string) map[string]any {
	return map[string]any{
		"title": fmt.Sprintf("마감일 사례 %03d", i), "summary": fmt.Sprintf("민원 대기 시간을 줄인 사례 (고친 %d)", edit),
		"problem": strings.Repeat("민원 창구 대기가 길었다. ", 40), "solution": "예약제와 알림 문자를 도입했다.",
		"outcomes": "대기 시간이 40분에서 8분으로 줄었다.", "categoryId": categoryID, "tags": []string{"민원", "예약"},
		"metrics": []map[string]any{{"name": "대기 시간", "unit": "분", "before": 40, "after": 8, "direction": "decrease"}},
	}
}

func sheet(criteria []string, r *rand.Rand) map[string]any {
	items := make([]map[string]any, len(criteria))
	for i, id := range criteria {
		items[i] = map[string]any{"criterionId": id, "points": r.IntN(11)}
	}
	return map[string]any{"items": items, "submit": r.IntN(5) == 0, "overallComment": "현장 적용성이 높습니다."}
}

// peaks are the highest readings while the load ran.
type peaks struct {
	rssKiB      []int // per server, the resident set's high-water mark
	connections int   // PostgreSQL backends of the database
}

// watch samples PostgreSQL's connections every second until stop is closed, then reads
// the servers' memory high-water marks.
func watch(ctx context.Context, pool *pgxpool.Pool, pids []int, stop <-chan struct{}) <-chan peaks {
	out := make(chan peaks, 1)
	go func() {
		var p peaks
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			var n int
			if err := pool.QueryRow(ctx, "select count(*) from pg_stat_activity where datname = current_database() and backend_type = 'client backend'").Scan(&n); err == nil {
				p.connections = max(p.connections, n)
			}
			select {
			case <-stop:
				for _, pid := range pids {
					p.rssKiB = append(p.rssKiB, highWater(pid))
				}
				out <- p
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// highWater is VmHWM of a process in KiB, or 0.
func highWater(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}

func report(o options, c *contest, rec *recorder, p peaks) {
	by := map[string][]sample{}
	for _, s := range rec.samples {
		by[s.endpoint] = append(by[s.endpoint], s)
	}
	fmt.Printf("%d teams (a draft saved every %s, submitted in the last %s), %d judges, %d visitors, on %d servers; the deadline came %s after the load began.\n\n",
		len(c.teams), o.save, o.rush, len(c.judges), o.visitors, len(o.servers), o.window.Round(time.Second))
	fmt.Println("| endpoint | requests | p50 ms | p95 ms | p99 ms | max ms | not 2xx |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---|")
	for _, ep := range endpoints {
		ss := by[ep]
		if len(ss) == 0 {
			continue
		}
		took := make([]float64, len(ss))
		failures := map[int]int{}
		for i, s := range ss {
			took[i] = float64(s.took.Microseconds()) / 1000
			if s.code < 200 || s.code > 299 {
				failures[s.code]++
			}
		}
		slices.Sort(took)
		fmt.Printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %s |\n", ep, len(ss), pct(took, 50), pct(took, 95), pct(took, 99), took[len(took)-1], describe(failures))
	}
	submitted := 0
	for _, s := range by[epSubmit] {
		if s.code == http.StatusOK {
			submitted++
		}
	}
	fmt.Printf("\nSubmitted before the deadline: %d of %d teams.\n", submitted, len(c.teams))
	for i, kib := range p.rssKiB {
		fmt.Printf("Server %d resident memory, high-water mark: %d MiB.\n", i+1, kib/1024)
	}
	fmt.Printf("PostgreSQL client connections to the database, at most: %d.\n", p.connections)
}

func describe(failures map[int]int) string {
	if len(failures) == 0 {
		return "0"
	}
	var parts []string
	for code, n := range failures {
		name := strconv.Itoa(code)
		if code == 0 {
			name = "no answer"
		}
		parts = append(parts, fmt.Sprintf("%d × %s", n, name))
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}

func pct(sorted []float64, p float64) float64 {
	i := int(float64(len(sorted)-1) * p / 100)
	return sorted[i]
}
