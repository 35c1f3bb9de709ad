// Command eutteum-bench drives a realistic load against a running Eutteum server on
// loopback and prints a Markdown table: anonymous archive searches and case reads, draft
// saves and submissions on deadline day, judges' score sheets. It also serves a bare Gin +
// pgx handler reading one row from the same database, as the ceiling to compare GET-a-case
// with. scripts/bench starts everything and records the table in docs/performance.md.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type sample struct {
	endpoint string
	took     time.Duration
	ok       bool
	code     int // 0 when the request failed without an answer
}

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server to load")
	db := flag.String("db", "", "database URL, for the bare handler baseline")
	duration := flag.Duration("duration", 20*time.Second, "how long each phase runs")
	workers := flag.Int("c", 32, "concurrent clients")
	pid := flag.Int("pid", 0, "server process id, to report its memory")
	bareAddr := flag.String("serve-bare", "", "only serve the bare baseline on this address (the benchmark starts itself so)")
	flag.Parse()
	if *bareAddr != "" {
		if err := serveBare(*db, *bareAddr); err != nil {
			fmt.Fprintln(os.Stderr, "eutteum-bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*base, *db, *duration, *workers, *pid); err != nil {
		fmt.Fprintln(os.Stderr, "eutteum-bench:", err)
		os.Exit(1)
	}
}

type session struct {
	base   string
	token  string
	client *http.Client
}

func (s *session) do(method, path string, body any, headers ...string) (int, []byte, http.Header, error) {
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, s.base+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := s.client.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b, res.Header, nil
}

func login(base, email string, client *http.Client) (*session, error) {
	s := &session{base: base, client: client}
	code, b, _, err := s.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": "demo-pass-2025"})
	if err != nil || code != 200 {
		return nil, fmt.Errorf("login %s: %d %v", email, code, err)
	}
	var body map[string]any
	_ = json.Unmarshal(b, &body)
	s.token = body["accessToken"].(string)
	return s, nil
}

func items(b []byte) []map[string]any {
	var body struct {
		Items []map[string]any `json:"items"`
	}
	_ = json.Unmarshal(b, &body)
	return body.Items
}

func run(base, db string, duration time.Duration, workers, pid int) error {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers * 2}, Timeout: 30 * time.Second}
	anon := &session{base: base, client: client}
	member, err := login(base, "member@demo.test", client)
	if err != nil {
		return err
	}
	judge, err := login(base, "judge@demo.test", client)
	if err != nil {
		return err
	}
	_, b, _, _ := anon.do("GET", "/api/v1/archive/cases?limit=50", nil)
	var entries []string
	for _, it := range items(b) {
		entries = append(entries, it["id"].(string))
	}
	_, b, _, _ = member.do("GET", "/api/v1/rounds?status=open", nil)
	var roundID, categoryID string
	for _, r := range items(b) {
		if r["title"] == "2026 하반기 으뜸상" {
			roundID = r["id"].(string)
			categoryID = r["categories"].([]any)[0].(map[string]any)["id"].(string)
		}
	}
	_, b, _, _ = member.do("GET", "/api/v1/teams", nil)
	teamID := items(b)[0]["id"].(string)
	_, b, _, _ = judge.do("GET", "/api/v1/judging/assignments", nil)
	dash := items(b)[0]
	stage := dash["stage"].(map[string]any)
	var judgeCases []string
	for _, c := range dash["cases"].([]any) {
		judgeCases = append(judgeCases, c.(map[string]any)["caseId"].(string))
	}
	// Each writer keeps its own draft, as each team member edits their own case.
	drafts := make([]string, workers)
	etags := make([]string, workers)
	for w := range drafts {
		_, b, h, err := member.do("POST", "/api/v1/rounds/"+roundID+"/cases", map[string]any{"teamId": teamID, "title": fmt.Sprintf("부하 시험 %d", w)})
		if err != nil {
			return err
		}
		var c map[string]any
		_ = json.Unmarshal(b, &c)
		drafts[w], etags[w] = c["id"].(string), h.Get("ETag")
		// A first save makes the draft complete, so a submission drawn before any save in
		// the mix is a real submission rather than a refused empty draft.
		code, _, h, err := member.do("PUT", "/api/v1/cases/"+drafts[w], draftBody(w, categoryID), "If-Match", etags[w])
		if err != nil || code != http.StatusOK {
			return fmt.Errorf("first save of draft %d: status %d: %v", w, code, err)
		}
		etags[w] = h.Get("ETag")
	}
	queries := []string{"복지", "이음콜", "원 스톱", "부천", "위반 건축물", "드론", "119", "AI 챗봇", "청년 창업", "감사"}

	type op struct {
		name   string
		weight int
		fn     func(w int, r *rand.Rand) (int, error)
	}
	ops := []op{
		{"GET /archive/cases?q= (anonymous search)", 35, func(w int, r *rand.Rand) (int, error) {
			code, _, _, err := anon.do("GET", "/api/v1/archive/cases?q="+url.QueryEscape(queries[r.IntN(len(queries))]), nil, "X-Forwarded-For", fakeIP(r))
			return code, err
		}},
		{"GET /archive/cases/{id} (anonymous read)", 30, func(w int, r *rand.Rand) (int, error) {
			code, _, _, err := anon.do("GET", "/api/v1/archive/cases/"+entries[r.IntN(len(entries))], nil, "X-Forwarded-For", fakeIP(r))
			return code, err
		}},
		{"GET /cases/{id} (team member)", 10, func(w int, r *rand.Rand) (int, error) {
			code, _, _, err := member.do("GET", "/api/v1/cases/"+drafts[w], nil)
			return code, err
		}},
		{"PUT /cases/{id} (draft save)", 12, func(w int, r *rand.Rand) (int, error) {
			code, _, h, err := member.do("PUT", "/api/v1/cases/"+drafts[w], draftBody(w, categoryID), "If-Match", etags[w])
			if code == 200 {
				etags[w] = h.Get("ETag")
			}
			return code, err
		}},
		{"POST /cases/{id}/submit (submission)", 5, func(w int, r *rand.Rand) (int, error) {
			code, _, h, err := member.do("POST", "/api/v1/cases/"+drafts[w]+"/submit", nil, "If-Match", etags[w])
			if code == 200 {
				etags[w] = h.Get("ETag")
			}
			return code, err
		}},
		{"PUT /stages/{id}/cases/{id}/sheet (judge)", 8, func(w int, r *rand.Rand) (int, error) {
			code, _, _, err := judge.do("PUT", "/api/v1/stages/"+stage["id"].(string)+"/cases/"+judgeCases[r.IntN(len(judgeCases))]+"/sheet", sheet(stage, 1+r.IntN(10)))
			return code, err
		}},
	}
	total := 0
	for _, o := range ops {
		total += o.weight
	}
	mix := phase(duration, workers, func(w int, r *rand.Rand) (string, int, error) {
		n := r.IntN(total)
		for _, o := range ops {
			if n < o.weight {
				code, err := o.fn(w, r)
				return o.name, code, err
			}
			n -= o.weight
		}
		return "", 0, nil
	})
	rss := readRSS(pid)

	// GET-a-case alone, a team's GET of its case alone and the bare handler, alternating in
	// three rounds so that a change in the machine's load during the run weighs on every side
	// alike; the ratios reported are the medians of the rounds'.
	bareSession, stopBare, err := startBare(db, client)
	if err != nil {
		return err
	}
	defer stopBare()
	const rounds = 3
	slice := duration / rounds
	var caseOnly, teamOnly, bare []sample
	var ratios, teamRatios []float64
	for range rounds {
		c := phase(slice, workers, func(w int, r *rand.Rand) (string, int, error) {
			code, _, _, err := anon.do("GET", "/api/v1/archive/cases/"+entries[r.IntN(len(entries))], nil, "X-Forwarded-For", fakeIP(r))
			return "GET /archive/cases/{id} alone", code, err
		})
		b := phase(slice, workers, func(w int, r *rand.Rand) (string, int, error) {
			code, _, _, err := bareSession.do("GET", "/row/"+entries[r.IntN(len(entries))], nil)
			return "bare Gin + pgx, the same row", code, err
		})
		tc := phase(slice, workers, func(w int, r *rand.Rand) (string, int, error) {
			code, _, _, err := member.do("GET", "/api/v1/cases/"+drafts[w], nil)
			return "GET /cases/{id} (team member) alone", code, err
		})
		caseOnly, teamOnly, bare = append(caseOnly, c...), append(teamOnly, tc...), append(bare, b...)
		ratios = append(ratios, float64(len(c))/float64(len(b)))
		teamRatios = append(teamRatios, float64(len(tc))/float64(len(b)))
	}

	fmt.Printf("| endpoint | requests | RPS | p50 ms | p95 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|---:|---:|\n")
	printRows(mix, duration)
	printRows(caseOnly, slice*rounds)
	printRows(teamOnly, slice*rounds)
	printRows(bare, slice*rounds)
	caseRPS, bareRPS := float64(len(caseOnly))/(slice*rounds).Seconds(), float64(len(bare))/(slice*rounds).Seconds()
	perRound := make([]string, len(ratios))
	for i, r := range ratios {
		perRound[i] = fmt.Sprintf("%.0f %%", 100*r)
	}
	slices.Sort(ratios)
	fmt.Printf("\nGET-a-case RPS / bare Gin + pgx RPS: %.0f / %.0f overall; by round %s; median **%.0f %%**\n",
		caseRPS, bareRPS, strings.Join(perRound, ", "), 100*ratios[len(ratios)/2])
	teamRPS := float64(len(teamOnly)) / (slice * rounds).Seconds()
	for i, r := range teamRatios {
		perRound[i] = fmt.Sprintf("%.0f %%", 100*r)
	}
	slices.Sort(teamRatios)
	fmt.Printf("\nTeam's GET /cases/{id} RPS / bare Gin + pgx RPS: %.0f / %.0f overall; by round %s; median **%.0f %%**\n",
		teamRPS, bareRPS, strings.Join(perRound, ", "), 100*teamRatios[len(teamRatios)/2])
	if rss > 0 {
		fmt.Printf("\nServer resident memory after the mixed phase: %.0f MiB\n", float64(rss)/1024)
	}
	return nil
}

func fakeIP(r *rand.Rand) string {
	// 198.18.0.0/15 is set aside for benchmarks; the header only names a client.
	return fmt.Sprintf("198.18.%d.%d", r.IntN(256), 1+r.IntN(254))
}

func sheet(stage map[string]any, points int) map[string]any {
	var its []map[string]any
	for _, c := range stage["criteria"].([]any) {
		c := c.(map[string]any)
		it := map[string]any{"criterionId": c["id"]}
		if c["scale"].(map[string]any)["kind"] == "grades" {
			it["grade"] = "A"
		} else {
			it["points"] = points
		}
		its = append(its, it)
	}
	return map[string]any{"items": its, "submit": false}
}

// phase runs fn from workers goroutines for d and returns every sample.
func phase(d time.Duration, workers int, fn func(w int, r *rand.Rand) (string, int, error)) []sample {
	var mu sync.Mutex
	var out []sample
	var wg sync.WaitGroup
	end := time.Now().Add(d)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 42))
			var local []sample
			for time.Now().Before(end) {
				start := time.Now()
				name, code, err := fn(w, r)
				local = append(local, sample{endpoint: name, took: time.Since(start), ok: err == nil && code < 300, code: code})
			}
			mu.Lock()
			out = append(out, local...)
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	return out
}

// startBare runs the bare baseline in a process of its own, as the server runs in its own:
// served from inside the load generator it would share a Go runtime with the clients and
// be spared the cost of crossing between processes that the server pays.
func startBare(db string, client *http.Client) (*session, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	addr := l.Addr().String()
	l.Close()
	self, err := os.Executable()
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(self, "-db", db, "-serve-bare", addr)
	// The same garbage collector settings as the server's defaults (see tuneGC), so only the
	// handlers differ.
	cmd.Env = append(os.Environ(), "GOGC=300", "GOMEMLIMIT=512MiB")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	stop := func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
	s := &session{base: "http://" + addr, client: client}
	for range 100 {
		if code, _, _, err := s.do("GET", "/row/00000000-0000-0000-0000-000000000000", nil); err == nil && code == http.StatusNotFound {
			return s, stop, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	return nil, nil, fmt.Errorf("the bare baseline did not start on %s", addr)
}

// serveBare serves one row from the database with plain Gin + pgx.
func serveBare(db, addr string) error {
	pool, err := pgxpool.New(context.Background(), db)
	if err != nil {
		return err
	}
	defer pool.Close()
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	// The row is the archive entry's, every column the case page shows, so both sides read
	// and send the same data and the ratio measures what the server adds around it.
	e.GET("/row/:id", func(c *gin.Context) {
		rows, _ := pool.Query(c, `select id, title, summary, problem, solution, outcomes, metrics, collaborators, tags,
			category, team_name, team_kind, year, period, round_title, award_name, award_tier, stage, evidence_level,
			licence, attachments, published_on, agency_name from archive_entries where id = $1`, c.Param("id"))
		row, err := pgx.CollectExactlyOneRow(rows, pgx.RowToMap)
		if err != nil {
			c.Status(http.StatusNotFound)
			return
		}
		c.JSON(http.StatusOK, row)
	})
	return http.ListenAndServe(addr, e)
}

// draftBody is a deadline-day save of worker w's draft, complete enough to submit.
func draftBody(w int, categoryID string) map[string]any {
	return map[string]any{
		"title": fmt.Sprintf("부하 시험 %d", w), "summary": "마감일 저장", "problem": strings.Repeat("추진배경 ", 50),
		"solution": "추진내용", "outcomes": "성과", "categoryId": categoryID,
	}
}

func printRows(samples []sample, d time.Duration) {
	by := map[string][]sample{}
	var names []string
	for _, s := range samples {
		if _, ok := by[s.endpoint]; !ok {
			names = append(names, s.endpoint)
		}
		by[s.endpoint] = append(by[s.endpoint], s)
	}
	sort.Strings(names)
	for _, name := range names {
		list := by[name]
		var lat []time.Duration
		errors := 0
		codes := map[int]int{}
		for _, s := range list {
			lat = append(lat, s.took)
			if !s.ok {
				errors++
				codes[s.code]++
			}
		}
		// Failures say what they were: a status, or 0 for no answer at all.
		errText := strconv.Itoa(errors)
		if errors > 0 {
			var parts []string
			for _, c := range slices.Sorted(maps.Keys(codes)) {
				parts = append(parts, fmt.Sprintf("%d×%d", c, codes[c]))
			}
			errText += " (" + strings.Join(parts, ", ") + ")"
		}
		slices.Sort(lat)
		q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
		fmt.Printf("| %s | %d | %.0f | %.1f | %.1f | %.1f | %s |\n", name, len(list), float64(len(list))/d.Seconds(), q(0.5), q(0.95), q(0.99), errText)
	}
}

func readRSS(pid int) int {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var kb int
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmRSS:")), "%d", &kb)
			return kb
		}
	}
	return 0
}
