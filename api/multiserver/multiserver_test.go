// Package multiserver runs two real server processes (the eutteum binary) on one database
// and checks that they behave as one server: shared rate limits and login throttling,
// idempotency keys honoured across servers, one ballot per person, and one clock for the
// submission deadline.
package multiserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/servertest"
	"eutteum/api/testdb"
)

const password = "demo-pass-2025"

// syncBuffer is a log both a process and the test touch.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type server struct {
	name string
	url  string
	cmd  *exec.Cmd
	logs *syncBuffer
}

// startServer runs `eutteum serve` on db and waits until it is ready; the test's end
// stops it with SIGTERM.
func startServer(t *testing.T, bin, db, name string) *server {
	addr := servertest.FreeAddr(t)
	s := &server{name: name, url: "http://" + addr, logs: &syncBuffer{}}
	s.cmd = exec.Command(bin, "serve")
	s.cmd.Env = append(os.Environ(), "DATABASE_URL="+db, "EUTTEUM_ADDR="+addr, "EUTTEUM_WEB_DIR=",
		"EUTTEUM_LOG_LEVEL=warn", "EUTTEUM_MAIL_OUTBOX="+t.TempDir())
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = s.cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("server %s log:\n%s", s.name, s.logs)
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(s.url + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server %s did not become ready:\n%s", name, s.logs)
	return nil
}

// client calls one server as one user; on() points the same user at another server.
type client struct {
	base  string
	token string
	http  *http.Client
}

type response struct {
	code int
	body map[string]any
	head http.Header
}

func (c *client) on(s *server) *client { return &client{base: s.url, token: c.token, http: c.http} }

func (c *client) do(t *testing.T, method, path string, body any, headers ...string) response {
	t.Helper()
	res, err := c.try(method, path, body, headers...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// try is do for other goroutines than the test's, which must not call t.Fatal.
func (c *client) try(method, path string, body any, headers ...string) (response, error) {
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		return response{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.http.Do(req)
	if err != nil {
		return response{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	out := response{code: res.StatusCode, head: res.Header}
	_ = json.NewDecoder(res.Body).Decode(&out.body)
	return out, nil
}

func anonymous(s *server) *client {
	return &client{base: s.url, http: &http.Client{Timeout: 10 * time.Second}}
}

func login(t *testing.T, s *server, email string) *client {
	t.Helper()
	c := anonymous(s)
	res := c.do(t, "POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password})
	if res.code != http.StatusOK {
		t.Fatalf("login %s on %s: %d %v", email, s.name, res.code, res.body)
	}
	c.token = res.body["accessToken"].(string)
	return c
}

// problem checks a problem document's status and code, and a Retry-After on a 429.
func problem(t *testing.T, res response, status int, code string) {
	t.Helper()
	if res.code != status || res.body["code"] != code {
		t.Fatalf("want %d %s, got %d %v", status, code, res.code, res.body)
	}
	if ct := res.head.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type %q", ct)
	}
	if status == http.StatusTooManyRequests && res.head.Get("Retry-After") == "" {
		t.Fatalf("429 without Retry-After: %v", res.body)
	}
}

func items(res response) []map[string]any {
	var out []map[string]any
	list, _ := res.body["items"].([]any)
	for _, it := range list {
		out = append(out, it.(map[string]any))
	}
	return out
}

func TestTwoServersBehaveAsOne(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two server processes")
	}
	bin := servertest.Binary(t)
	db := testdb.URL(t)
	seed := exec.Command(bin, "seed")
	seed.Env = append(os.Environ(), "DATABASE_URL="+db, "EUTTEUM_LOG_LEVEL=warn", "EUTTEUM_MAIL_OUTBOX="+t.TempDir())
	if out, err := seed.CombinedOutput(); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	pool, err := pgxpool.New(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	skewDatabaseClock(t, pool)

	a := startServer(t, bin, db, "A")
	b := startServer(t, bin, db, "B")

	t.Run("RateLimitIsShared", func(t *testing.T) { rateLimitIsShared(t, a, b) })
	t.Run("LoginThrottlingIsShared", func(t *testing.T) { loginThrottlingIsShared(t, a, b) })
	t.Run("IdempotencyKeyHoldsAcrossServers", func(t *testing.T) { idempotencyAcrossServers(t, pool, a, b) })
	t.Run("OneBallotPerPersonAcrossServers", func(t *testing.T) { oneBallotAcrossServers(t, pool, a, b) })
	t.Run("DeadlineIsJudgedByOneClock", func(t *testing.T) { deadlineByOneClock(t, pool, a, b) })
}

// dbSkew is how far the database's clock runs ahead of the servers' own.
const dbSkew = time.Hour

// skewDatabaseClock makes the database's clock disagree with the servers', as when a
// server's clock drifts: a deadline must follow the database's. PostgreSQL's clock cannot
// be moved, but a now() in a schema searched before pg_catalog shadows it in every query
// of the connections opened afterwards (the servers'). Column defaults were bound to
// pg_catalog.now() when the tables were made and keep the true time; nothing here relies
// on them.
func skewDatabaseClock(t *testing.T, pool *pgxpool.Pool) {
	ctx := context.Background()
	for _, stmt := range []string{
		fmt.Sprintf("CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql STABLE AS 'SELECT pg_catalog.now() + interval ''%d seconds'''", int(dbSkew.Seconds())),
		`ALTER DATABASE ` + pgx.Identifier{pool.Config().ConnConfig.Database}.Sanitize() + ` SET search_path = "$user", public, pg_catalog`,
	} {
		if _, err := pool.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	// A connection opened now, as the servers' will be, sees the skewed clock.
	conn, err := pgx.Connect(ctx, pool.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var secs int
	if err := conn.QueryRow(ctx, "select extract(epoch from now() - pg_catalog.now())::int").Scan(&secs); err != nil || secs != int(dbSkew.Seconds()) {
		t.Fatalf("database clock skew %d s, %v; want %v", secs, err, dbSkew)
	}
}

// Questions on an archived case: 10 at once per user, then one a minute. Asked alternately
// on both servers the 10 are spent together, and both refuse the 11th; a second server
// does not double the budget. Vote codes and the search likewise.
func rateLimitIsShared(t *testing.T, a, b *server) {
	asker := login(t, a, "organizer.incheon@demo.test")
	entries := items(anonymous(a).do(t, "GET", "/api/v1/archive/cases?limit=1", nil))
	if len(entries) == 0 {
		t.Fatal("no archived case")
	}
	path := "/api/v1/archive/cases/" + entries[0]["id"].(string) + "/questions"
	servers := []*server{a, b}
	for i := range 10 {
		res := asker.on(servers[i%2]).do(t, "POST", path, map[string]string{"text": fmt.Sprintf("도입 비용이 궁금합니다 %d", i)})
		if res.code != http.StatusCreated {
			t.Fatalf("question %d on %s: %d %v", i+1, servers[i%2].name, res.code, res.body)
		}
	}
	for _, s := range servers {
		res := asker.on(s).do(t, "POST", path, map[string]string{"text": "한 번 더 여쭙니다"})
		problem(t, res, http.StatusTooManyRequests, "rate_limited")
		if secs, _ := res.body["retryAfterSeconds"].(float64); secs < 1 || secs > 60 {
			t.Fatalf("retry after %v s on %s; one question a minute refills", res.body["retryAfterSeconds"], s.name)
		}
	}

	// Vote codes: three per voter and stage in ten minutes, over both servers together.
	stageID, _ := openVote(t, a)
	codes := "/api/v1/public/stages/" + stageID + "/vote/codes"
	for i := range 3 {
		if res := anonymous(servers[i%2]).do(t, "POST", codes, map[string]string{"email": "two.servers@example.kr"}); res.code != http.StatusAccepted {
			t.Fatalf("code %d on %s: %d %v", i+1, servers[i%2].name, res.code, res.body)
		}
	}
	for _, s := range servers {
		problem(t, anonymous(s).do(t, "POST", codes, map[string]string{"email": "two.servers@example.kr"}), http.StatusTooManyRequests, "rate_limited")
	}

	// The public search per address: 30 at once, then 5 a second. Sent alternately to both
	// servers, what is granted is one budget and its refill, not two.
	search := []*client{anonymous(a), anonymous(b)}
	start := time.Now()
	granted, refusedBy := 0, map[int]int{}
	for i := range 80 {
		res := search[i%2].do(t, "GET", "/api/v1/archive/cases?limit=1&q="+fmt.Sprint(i), nil)
		switch res.code {
		case http.StatusOK:
			granted++
		case http.StatusTooManyRequests:
			problem(t, res, http.StatusTooManyRequests, "rate_limited")
			refusedBy[i%2]++
		default:
			t.Fatalf("search: %d %v", res.code, res.body)
		}
	}
	// The archive lookup above took one of the 30.
	most := 29 + 1 + int(time.Since(start)/(200*time.Millisecond))
	if granted > most || refusedBy[0] == 0 || refusedBy[1] == 0 {
		t.Fatalf("granted %d searches (at most %d with one shared budget), refused by A %d, by B %d",
			granted, most, refusedBy[0], refusedBy[1])
	}
}

// Five failed logins for one account, spread over both servers, lock it on both; ten
// guesses sent at once, five to each server, get five tries between them.
func loginThrottlingIsShared(t *testing.T, a, b *server) {
	servers := []*server{a, b}
	for i := range 5 {
		res := anonymous(servers[i%2]).do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "judge@demo.test", "password": fmt.Sprintf("guess-%d", i)})
		problem(t, res, http.StatusUnauthorized, "invalid_credentials")
	}
	for _, s := range servers {
		res := anonymous(s).do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "judge@demo.test", "password": password})
		problem(t, res, http.StatusTooManyRequests, "too_many_login_attempts")
	}

	results := make([]response, 10)
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i := range results {
		wg.Go(func() {
			<-gate
			var err error
			results[i], err = anonymous(servers[i%2]).try("POST", "/api/v1/auth/login", map[string]string{"email": "guesser@demo.test", "password": fmt.Sprintf("together-%d", i)})
			if err != nil {
				t.Error(err)
			}
		})
	}
	close(gate)
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	byCode := map[int]int{}
	for _, res := range results {
		byCode[res.code]++
	}
	if byCode[http.StatusUnauthorized] != 5 || byCode[http.StatusTooManyRequests] != 5 {
		t.Fatalf("10 concurrent guesses on two servers: %v; want 5 tried (401) and 5 refused (429)", byCode)
	}
}

// A create retried on the other server with the same Idempotency-Key gets the first answer
// and creates nothing more, also when the two arrive together.
func idempotencyAcrossServers(t *testing.T, pool *pgxpool.Pool, a, b *server) {
	member := login(t, a, "member@demo.test")
	teamsNamed := func(name string) int {
		var n int
		if err := pool.QueryRow(context.Background(), "select count(*) from teams where name = $1", name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	team := map[string]string{"name": "두 서버 혁신팀", "kind": "innovation_team"}
	first := member.do(t, "POST", "/api/v1/teams", team, "Idempotency-Key", "two-servers-retry")
	if first.code != http.StatusCreated || first.head.Get("Idempotent-Replayed") != "" {
		t.Fatalf("first create on A: %d %v", first.code, first.body)
	}
	retry := member.on(b).do(t, "POST", "/api/v1/teams", team, "Idempotency-Key", "two-servers-retry")
	if retry.code != http.StatusCreated || retry.head.Get("Idempotent-Replayed") != "true" || retry.body["id"] != first.body["id"] {
		t.Fatalf("retry on B: %d replayed %q %v; first was %v", retry.code, retry.head.Get("Idempotent-Replayed"), retry.body, first.body["id"])
	}
	if n := teamsNamed(team["name"]); n != 1 {
		t.Fatalf("%d teams after a retry on the other server; want 1", n)
	}

	// Together: one runs, the other is answered in progress (409) or, if it came second,
	// with the replay. Retried after the first finished, it is the replay.
	together := map[string]string{"name": "동시 요청 혁신팀", "kind": "innovation_team"}
	results := make([]response, 2)
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i, s := range []*server{a, b} {
		wg.Go(func() {
			<-gate
			var err error
			if results[i], err = member.on(s).try("POST", "/api/v1/teams", together, "Idempotency-Key", "two-servers-together"); err != nil {
				t.Error(err)
			}
		})
	}
	close(gate)
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	var created string
	for i, res := range results {
		switch {
		case res.code == http.StatusCreated:
			if created != "" && res.body["id"] != created {
				t.Fatalf("two teams created: %v and %v", created, res.body["id"])
			}
			created, _ = res.body["id"].(string)
		case res.code == http.StatusConflict && res.body["code"] == "idempotency_key_in_progress":
			again := member.on([]*server{a, b}[i]).do(t, "POST", "/api/v1/teams", together, "Idempotency-Key", "two-servers-together")
			for again.code == http.StatusConflict {
				time.Sleep(50 * time.Millisecond)
				again = member.on([]*server{a, b}[i]).do(t, "POST", "/api/v1/teams", together, "Idempotency-Key", "two-servers-together")
			}
			if again.code != http.StatusCreated || again.head.Get("Idempotent-Replayed") != "true" {
				t.Fatalf("retry after in-progress: %d %v", again.code, again.body)
			}
			results[i] = again
		default:
			t.Fatalf("concurrent create: %d %v", res.code, res.body)
		}
	}
	if results[0].body["id"] != results[1].body["id"] {
		t.Fatalf("answers differ: %v and %v", results[0].body["id"], results[1].body["id"])
	}
	if n := teamsNamed(together["name"]); n != 1 {
		t.Fatalf("%d teams after concurrent requests on two servers; want 1", n)
	}
}

// openVote is the demo data's open public vote: its stage and one finalist.
func openVote(t *testing.T, s *server) (stageID, finalist string) {
	t.Helper()
	for _, v := range items(anonymous(s).do(t, "GET", "/api/v1/public/votes", nil)) {
		if v["status"] == "open" {
			stageID = v["stageId"].(string)
		}
	}
	if stageID == "" {
		t.Fatal("the demo data has no open vote")
	}
	vote := anonymous(s).do(t, "GET", "/api/v1/public/stages/"+stageID+"/vote", nil)
	finalists, _ := vote.body["cases"].([]any)
	if vote.code != http.StatusOK || len(finalists) == 0 {
		t.Fatalf("vote %s: %d %v", stageID, vote.code, vote.body)
	}
	return stageID, finalists[0].(map[string]any)["caseId"].(string)
}

// A person who sends a ballot to each server at the same moment has one ballot counted.
func oneBallotAcrossServers(t *testing.T, pool *pgxpool.Pool, a, b *server) {
	stageID, finalist := openVote(t, b)
	choice := []string{finalist}
	path := "/api/v1/public/stages/" + stageID + "/ballots"

	voters := 0
	for _, email := range []string{"member@demo.test", "member.fire@demo.test", "organizer@demo.test", "admin@demo.test"} {
		var voted bool
		if err := pool.QueryRow(context.Background(),
			"select exists (select 1 from ballots b join users u on u.id = b.user_id where b.stage_id = $1 and u.email = $2)",
			stageID, email).Scan(&voted); err != nil {
			t.Fatal(err)
		}
		if voted {
			continue
		}
		voters++
		voter := login(t, a, email)
		results := make([]response, 2)
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for i, s := range []*server{a, b} {
			wg.Go(func() {
				<-gate
				var err error
				if results[i], err = voter.on(s).try("POST", path, map[string]any{"caseIds": choice}); err != nil {
					t.Error(err)
				}
			})
		}
		close(gate)
		wg.Wait()
		if t.Failed() {
			t.FailNow()
		}
		counted := 0
		for _, res := range results {
			switch res.code {
			case http.StatusCreated:
				counted++
			case http.StatusConflict:
				problem(t, res, http.StatusConflict, "already_voted")
			default:
				t.Fatalf("ballot of %s: %d %v", email, res.code, res.body)
			}
		}
		var n int
		if err := pool.QueryRow(context.Background(),
			"select count(*) from ballots b join users u on u.id = b.user_id where b.stage_id = $1 and u.email = $2",
			stageID, email).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if counted != 1 || n != 1 {
			t.Fatalf("%s: %d ballots accepted, %d stored; want exactly one", email, counted, n)
		}
	}
	if voters == 0 {
		t.Fatal("every demo login has voted already; nobody left to try")
	}
}

type attempt struct {
	server        string
	before, after time.Time // the database's clock around the request
	code          int
	problemCode   any
	submittedAt   time.Time
}

// Two cases, one submitted over and over on each server while the deadline passes: every
// answer agrees with the database's clock. A submission is accepted only if it was made
// before the deadline; once the database's clock has passed it, both servers refuse.
func deadlineByOneClock(t *testing.T, pool *pgxpool.Pool, a, b *server) {
	ctx := context.Background()
	member := login(t, a, "member@demo.test")
	var roundID string
	for _, r := range items(member.do(t, "GET", "/api/v1/rounds?status=open", nil)) {
		if r["title"] == "2026 하반기 으뜸상" {
			roundID = r["id"].(string)
		}
	}
	teams := items(member.do(t, "GET", "/api/v1/teams", nil))
	if roundID == "" || len(teams) == 0 {
		t.Fatal("no open round or team in the demo data")
	}
	round := member.do(t, "GET", "/api/v1/rounds/"+roundID, nil)
	category := round.body["categories"].([]any)[0].(map[string]any)["id"].(string)

	type draft struct {
		id, etag string
		srv      *server
	}
	var drafts []*draft
	for _, s := range []*server{a, b} {
		c := member.on(s)
		res := c.do(t, "POST", "/api/v1/rounds/"+roundID+"/cases", map[string]any{"teamId": teams[0]["id"], "title": "마감 시각 " + s.name})
		if res.code != http.StatusCreated {
			t.Fatalf("create case on %s: %d %v", s.name, res.code, res.body)
		}
		id := res.body["id"].(string)
		res = c.do(t, "PUT", "/api/v1/cases/"+id, map[string]any{"title": "마감 시각 " + s.name, "summary": "요약", "problem": "배경",
			"solution": "내용", "outcomes": "성과", "categoryId": category}, "If-Match", res.head.Get("ETag"))
		if res.code != http.StatusOK {
			t.Fatalf("save case on %s: %d %v", s.name, res.code, res.body)
		}
		drafts = append(drafts, &draft{id: id, etag: res.head.Get("ETag"), srv: s})
	}

	var deadline time.Time
	// On the database's clock, an hour ahead of both servers' own: a server that judged
	// by its own clock would accept every submission below.
	if err := pool.QueryRow(ctx, "update rounds set submission_closes_at = public.now() + interval '1500 milliseconds' where id = $1 returning submission_closes_at",
		roundID).Scan(&deadline); err != nil {
		t.Fatal(err)
	}
	dbNow := func() (time.Time, error) {
		var now time.Time
		err := pool.QueryRow(ctx, "select public.now()").Scan(&now)
		return now, err
	}

	var (
		mu       sync.Mutex
		attempts []attempt
		wg       sync.WaitGroup
	)
	for _, d := range drafts {
		wg.Go(func() {
			c := member.on(d.srv)
			for {
				before, err := dbNow()
				if err != nil {
					t.Error(err)
					return
				}
				if before.After(deadline.Add(700 * time.Millisecond)) {
					return
				}
				res, err := c.try("POST", "/api/v1/cases/"+d.id+"/submit", nil, "If-Match", d.etag)
				if err != nil {
					t.Error(err)
					return
				}
				after, err := dbNow()
				if err != nil {
					t.Error(err)
					return
				}
				at := attempt{server: d.srv.name, before: before, after: after, code: res.code, problemCode: res.body["code"]}
				if res.code == http.StatusOK {
					d.etag = res.head.Get("ETag")
					at.submittedAt, _ = time.Parse(time.RFC3339Nano, fmt.Sprint(res.body["submittedAt"]))
				}
				mu.Lock()
				attempts = append(attempts, at)
				mu.Unlock()
				time.Sleep(25 * time.Millisecond)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}

	outcomes := map[string]map[int]int{}
	for _, at := range attempts {
		if outcomes[at.server] == nil {
			outcomes[at.server] = map[int]int{}
		}
		outcomes[at.server][at.code]++
		switch {
		case at.code == http.StatusOK:
			if !at.submittedAt.Before(deadline) || !at.before.Before(deadline) {
				t.Errorf("%s accepted a submission at %s, deadline %s", at.server, at.submittedAt.Format(time.RFC3339Nano), deadline.Format(time.RFC3339Nano))
			}
		case at.code == http.StatusConflict && at.problemCode == "submission_closed":
			if at.after.Before(deadline) {
				t.Errorf("%s refused a submission answered at %s, before the deadline %s", at.server, at.after.Format(time.RFC3339Nano), deadline.Format(time.RFC3339Nano))
			}
		default:
			t.Errorf("%s answered %d %v", at.server, at.code, at.problemCode)
		}
	}
	for _, s := range []string{"A", "B"} {
		if outcomes[s][http.StatusOK] == 0 || outcomes[s][http.StatusConflict] == 0 {
			t.Fatalf("server %s: %v; want submissions both accepted before and refused after the deadline", s, outcomes[s])
		}
	}
	t.Logf("outcomes by server: %v", outcomes)
}
