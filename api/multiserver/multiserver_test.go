// Package multiserver runs two real server processes (the eutteum binary) on one database
// and checks that they behave as one server: shared rate limits and login throttling,
// idempotency keys honoured across servers, one ballot per person, and one clock for the
// submission deadline.
package multiserver

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/servertest"
	"eutteum/api/testdb"
)

const password = "demo-pass-2025"

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

	a := servertest.Start(t, bin, "A", "DATABASE_URL="+db)
	b := servertest.Start(t, bin, "B", "DATABASE_URL="+db)

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
func rateLimitIsShared(t *testing.T, a, b *servertest.Server) {
	asker := servertest.Login(t, a, "organizer.incheon@demo.test", password)
	entries := servertest.Items(servertest.Anonymous(a).Do(t, "GET", "/api/v1/archive/cases?limit=1", nil))
	if len(entries) == 0 {
		t.Fatal("no archived case")
	}
	path := "/api/v1/archive/cases/" + entries[0]["id"].(string) + "/questions"
	servers := []*servertest.Server{a, b}
	for i := range 10 {
		res := asker.On(servers[i%2]).Do(t, "POST", path, map[string]string{"text": fmt.Sprintf("도입 비용이 궁금합니다 %d", i)})
		if res.Code != http.StatusCreated {
			t.Fatalf("question %d on %s: %d %v", i+1, servers[i%2].Name, res.Code, res.Body)
		}
	}
	for _, s := range servers {
		res := asker.On(s).Do(t, "POST", path, map[string]string{"text": "한 번 더 여쭙니다"})
		servertest.Problem(t, res, http.StatusTooManyRequests, "rate_limited")
		if secs, _ := res.Body["retryAfterSeconds"].(float64); secs < 1 || secs > 60 {
			t.Fatalf("retry after %v s on %s; one question a minute refills", res.Body["retryAfterSeconds"], s.Name)
		}
	}

	// Vote codes: three per voter and stage in ten minutes, over both servers together.
	stageID, _ := openVote(t, a)
	codes := "/api/v1/public/stages/" + stageID + "/vote/codes"
	for i := range 3 {
		if res := servertest.Anonymous(servers[i%2]).Do(t, "POST", codes, map[string]string{"email": "two.servers@example.kr"}); res.Code != http.StatusAccepted {
			t.Fatalf("code %d on %s: %d %v", i+1, servers[i%2].Name, res.Code, res.Body)
		}
	}
	for _, s := range servers {
		servertest.Problem(t, servertest.Anonymous(s).Do(t, "POST", codes, map[string]string{"email": "two.servers@example.kr"}), http.StatusTooManyRequests, "rate_limited")
	}

	// The public search per address: 30 at once, then 5 a second. Sent alternately to both
	// servers, what is granted is one budget and its refill, not two.
	search := []*servertest.Client{servertest.Anonymous(a), servertest.Anonymous(b)}
	start := time.Now()
	granted, refusedBy := 0, map[int]int{}
	for i := range 80 {
		res := search[i%2].Do(t, "GET", "/api/v1/archive/cases?limit=1&q="+fmt.Sprint(i), nil)
		switch res.Code {
		case http.StatusOK:
			granted++
		case http.StatusTooManyRequests:
			servertest.Problem(t, res, http.StatusTooManyRequests, "rate_limited")
			refusedBy[i%2]++
		default:
			t.Fatalf("search: %d %v", res.Code, res.Body)
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
func loginThrottlingIsShared(t *testing.T, a, b *servertest.Server) {
	servers := []*servertest.Server{a, b}
	for i := range 5 {
		res := servertest.Anonymous(servers[i%2]).Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "judge@demo.test", "password": fmt.Sprintf("guess-%d", i)})
		servertest.Problem(t, res, http.StatusUnauthorized, "invalid_credentials")
	}
	for _, s := range servers {
		res := servertest.Anonymous(s).Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": "judge@demo.test", "password": password})
		servertest.Problem(t, res, http.StatusTooManyRequests, "too_many_login_attempts")
	}

	results := make([]servertest.Response, 10)
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i := range results {
		wg.Go(func() {
			<-gate
			var err error
			results[i], err = servertest.Anonymous(servers[i%2]).Try("POST", "/api/v1/auth/login", map[string]string{"email": "guesser@demo.test", "password": fmt.Sprintf("together-%d", i)})
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
		byCode[res.Code]++
	}
	if byCode[http.StatusUnauthorized] != 5 || byCode[http.StatusTooManyRequests] != 5 {
		t.Fatalf("10 concurrent guesses on two servers: %v; want 5 tried (401) and 5 refused (429)", byCode)
	}
}

// A create retried on the other server with the same Idempotency-Key gets the first answer
// and creates nothing more, also when the two arrive together.
func idempotencyAcrossServers(t *testing.T, pool *pgxpool.Pool, a, b *servertest.Server) {
	member := servertest.Login(t, a, "member@demo.test", password)
	teamsNamed := func(name string) int {
		var n int
		if err := pool.QueryRow(context.Background(), "select count(*) from teams where name = $1", name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	team := map[string]string{"name": "두 서버 혁신팀", "kind": "innovation_team"}
	first := member.Do(t, "POST", "/api/v1/teams", team, "Idempotency-Key", "two-servers-retry")
	if first.Code != http.StatusCreated || first.Head.Get("Idempotent-Replayed") != "" {
		t.Fatalf("first create on A: %d %v", first.Code, first.Body)
	}
	retry := member.On(b).Do(t, "POST", "/api/v1/teams", team, "Idempotency-Key", "two-servers-retry")
	if retry.Code != http.StatusCreated || retry.Head.Get("Idempotent-Replayed") != "true" || retry.Body["id"] != first.Body["id"] {
		t.Fatalf("retry on B: %d replayed %q %v; first was %v", retry.Code, retry.Head.Get("Idempotent-Replayed"), retry.Body, first.Body["id"])
	}
	if n := teamsNamed(team["name"]); n != 1 {
		t.Fatalf("%d teams after a retry on the other server; want 1", n)
	}

	// Together: one runs, the other is answered in progress (409) or, if it came second,
	// with the replay. Retried after the first finished, it is the replay.
	together := map[string]string{"name": "동시 요청 혁신팀", "kind": "innovation_team"}
	results := make([]servertest.Response, 2)
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i, s := range []*servertest.Server{a, b} {
		wg.Go(func() {
			<-gate
			var err error
			if results[i], err = member.On(s).Try("POST", "/api/v1/teams", together, "Idempotency-Key", "two-servers-together"); err != nil {
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
		case res.Code == http.StatusCreated:
			if created != "" && res.Body["id"] != created {
				t.Fatalf("two teams created: %v and %v", created, res.Body["id"])
			}
			created, _ = res.Body["id"].(string)
		case res.Code == http.StatusConflict && res.Body["code"] == "idempotency_key_in_progress":
			again := member.On([]*servertest.Server{a, b}[i]).Do(t, "POST", "/api/v1/teams", together, "Idempotency-Key", "two-servers-together")
			for again.Code == http.StatusConflict {
				time.Sleep(50 * time.Millisecond)
				again = member.On([]*servertest.Server{a, b}[i]).Do(t, "POST", "/api/v1/teams", together, "Idempotency-Key", "two-servers-together")
			}
			if again.Code != http.StatusCreated || again.Head.Get("Idempotent-Replayed") != "true" {
				t.Fatalf("retry after in-progress: %d %v", again.Code, again.Body)
			}
			results[i] = again
		default:
			t.Fatalf("concurrent create: %d %v", res.Code, res.Body)
		}
	}
	if results[0].Body["id"] != results[1].Body["id"] {
		t.Fatalf("answers differ: %v and %v", results[0].Body["id"], results[1].Body["id"])
	}
	if n := teamsNamed(together["name"]); n != 1 {
		t.Fatalf("%d teams after concurrent requests on two servers; want 1", n)
	}
}

// openVote is the demo data's open public vote: its stage and one finalist.
func openVote(t *testing.T, s *servertest.Server) (stageID, finalist string) {
	t.Helper()
	for _, v := range servertest.Items(servertest.Anonymous(s).Do(t, "GET", "/api/v1/public/votes", nil)) {
		if v["status"] == "open" {
			stageID = v["stageId"].(string)
		}
	}
	if stageID == "" {
		t.Fatal("the demo data has no open vote")
	}
	vote := servertest.Anonymous(s).Do(t, "GET", "/api/v1/public/stages/"+stageID+"/vote", nil)
	finalists, _ := vote.Body["cases"].([]any)
	if vote.Code != http.StatusOK || len(finalists) == 0 {
		t.Fatalf("vote %s: %d %v", stageID, vote.Code, vote.Body)
	}
	return stageID, finalists[0].(map[string]any)["caseId"].(string)
}

// A person who sends a ballot to each server at the same moment has one ballot counted.
func oneBallotAcrossServers(t *testing.T, pool *pgxpool.Pool, a, b *servertest.Server) {
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
		voter := servertest.Login(t, a, email, password)
		results := make([]servertest.Response, 2)
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for i, s := range []*servertest.Server{a, b} {
			wg.Go(func() {
				<-gate
				var err error
				if results[i], err = voter.On(s).Try("POST", path, map[string]any{"caseIds": choice}); err != nil {
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
			switch res.Code {
			case http.StatusCreated:
				counted++
			case http.StatusConflict:
				servertest.Problem(t, res, http.StatusConflict, "already_voted")
			default:
				t.Fatalf("ballot of %s: %d %v", email, res.Code, res.Body)
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
func deadlineByOneClock(t *testing.T, pool *pgxpool.Pool, a, b *servertest.Server) {
	ctx := context.Background()
	member := servertest.Login(t, a, "member@demo.test", password)
	var roundID string
	for _, r := range servertest.Items(member.Do(t, "GET", "/api/v1/rounds?status=open", nil)) {
		if r["title"] == "2026 하반기 으뜸상" {
			roundID = r["id"].(string)
		}
	}
	teams := servertest.Items(member.Do(t, "GET", "/api/v1/teams", nil))
	if roundID == "" || len(teams) == 0 {
		t.Fatal("no open round or team in the demo data")
	}
	round := member.Do(t, "GET", "/api/v1/rounds/"+roundID, nil)
	category := round.Body["categories"].([]any)[0].(map[string]any)["id"].(string)

	type draft struct {
		id, etag string
		srv      *servertest.Server
	}
	var drafts []*draft
	for _, s := range []*servertest.Server{a, b} {
		c := member.On(s)
		res := c.Do(t, "POST", "/api/v1/rounds/"+roundID+"/cases", map[string]any{"teamId": teams[0]["id"], "title": "마감 시각 " + s.Name})
		if res.Code != http.StatusCreated {
			t.Fatalf("create case on %s: %d %v", s.Name, res.Code, res.Body)
		}
		id := res.Body["id"].(string)
		res = c.Do(t, "PUT", "/api/v1/cases/"+id, map[string]any{"title": "마감 시각 " + s.Name, "summary": "요약", "problem": "배경",
			"solution": "내용", "outcomes": "성과", "categoryId": category}, "If-Match", res.Head.Get("ETag"))
		if res.Code != http.StatusOK {
			t.Fatalf("save case on %s: %d %v", s.Name, res.Code, res.Body)
		}
		drafts = append(drafts, &draft{id: id, etag: res.Head.Get("ETag"), srv: s})
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
			c := member.On(d.srv)
			for {
				before, err := dbNow()
				if err != nil {
					t.Error(err)
					return
				}
				if before.After(deadline.Add(700 * time.Millisecond)) {
					return
				}
				res, err := c.Try("POST", "/api/v1/cases/"+d.id+"/submit", nil, "If-Match", d.etag)
				if err != nil {
					t.Error(err)
					return
				}
				after, err := dbNow()
				if err != nil {
					t.Error(err)
					return
				}
				at := attempt{server: d.srv.Name, before: before, after: after, code: res.Code, problemCode: res.Body["code"]}
				if res.Code == http.StatusOK {
					d.etag = res.Head.Get("ETag")
					at.submittedAt, _ = time.Parse(time.RFC3339Nano, fmt.Sprint(res.Body["submittedAt"]))
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
