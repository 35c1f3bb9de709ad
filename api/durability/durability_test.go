// Package durability runs the real server binary on its own PostgreSQL cluster and breaks
// things under load: the server is killed with SIGKILL mid-run, and PostgreSQL is stopped
// and started while the server keeps serving.
package durability

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/pgcluster"
	"eutteum/api/servertest"
)

const password = "demo-pass-2025"

type server struct {
	t    *testing.T
	bin  string
	url  string
	db   string
	cmd  *exec.Cmd
	logs *bytes.Buffer
}

func (s *server) start() {
	addr := servertest.FreeAddr(s.t)
	s.url = "http://" + addr
	s.logs = &bytes.Buffer{}
	s.cmd = exec.Command(s.bin, "serve")
	s.cmd.Env = append(os.Environ(), "DATABASE_URL="+s.db, "EUTTEUM_ADDR="+addr, "EUTTEUM_WEB_DIR=", "EUTTEUM_LOG_LEVEL=warn")
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(s.url + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("server did not become ready:\n%s", s.logs)
}

func (s *server) kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	_ = s.cmd.Wait()
}

type client struct {
	base  string
	token string
	http  *http.Client
}

func (c *client) do(method, path string, body any, headers ...string) (int, map[string]any, http.Header, error) {
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
	res, err := c.http.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out, res.Header, nil
}

func login(t *testing.T, base, email string) *client {
	c := &client{base: base, http: &http.Client{Timeout: 10 * time.Second}}
	code, body, _, err := c.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password})
	if err != nil || code != http.StatusOK {
		t.Fatalf("login %s: %d %v %v", email, code, body, err)
	}
	c.token = body["accessToken"].(string)
	return c
}

// newCluster starts a private PostgreSQL cluster with a seeded database.
func newCluster(t *testing.T, bin string) (*pgcluster.Cluster, string) {
	dir, err := os.MkdirTemp("/tmp", "eutteum-durability-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	_ = os.Chmod(dir, 0o755)
	cluster, err := pgcluster.New(pgcluster.Options{DataDir: filepath.Join(dir, "postgres")})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := cluster.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cluster.Stop(context.Background()) })
	if err := cluster.EnsureDatabase(ctx, "eutteum"); err != nil {
		t.Fatal(err)
	}
	url := cluster.URL("eutteum")
	seed := exec.Command(bin, "seed")
	seed.Env = append(os.Environ(), "DATABASE_URL="+url, "EUTTEUM_LOG_LEVEL=warn")
	if out, err := seed.CombinedOutput(); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	return cluster, url
}

// TestAcknowledgedWritesSurviveSIGKILL runs 200 concurrent writers — case submissions,
// score sheets and adoptions — kills the server with SIGKILL mid-run, restarts it, and
// checks that every write the server acknowledged is there and nothing is half-written.
func TestAcknowledgedWritesSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL cluster and the server")
	}
	bin := servertest.Binary(t)
	_, db := newCluster(t, bin)
	srv := &server{t: t, bin: bin, db: db}
	srv.start()

	member := login(t, srv.url, "member@demo.test")
	organizer := login(t, srv.url, "organizer@demo.test")
	judge := login(t, srv.url, "judge@demo.test")
	rounds := mustList(t, member, "/api/v1/rounds?status=open")
	var roundID string
	for _, r := range rounds {
		if r["title"] == "2026 하반기 으뜸상" {
			roundID = r["id"].(string)
		}
	}
	teams := mustList(t, member, "/api/v1/teams")
	teamID := teams[0]["id"].(string)
	_, archive, _, _ := organizer.do("GET", "/api/v1/archive/cases?limit=50&region="+url.QueryEscape("인천"), nil)
	var entries []string
	for _, it := range archive["items"].([]any) {
		entries = append(entries, it.(map[string]any)["id"].(string))
	}
	dash := mustList(t, judge, "/api/v1/judging/assignments")
	stage := dash[0]["stage"].(map[string]any)
	stageID := stage["id"].(string)
	var judgeCases []string
	for _, c := range dash[0]["cases"].([]any) {
		judgeCases = append(judgeCases, c.(map[string]any)["caseId"].(string))
	}

	category := categoryOf(t, member, roundID)
	var (
		mu        sync.Mutex
		submitted = map[string]bool{} // case id → acknowledged submitted
		created   = map[string]bool{}
		adopted   = map[string]bool{}
		scored    = map[string]bool{}
		stop      = make(chan struct{})
		wg        sync.WaitGroup
		acked     int
	)
	for w := 0; w < 200; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				switch w % 3 {
				case 0:
					code, c, h, err := member.do("POST", "/api/v1/rounds/"+roundID+"/cases", map[string]any{"teamId": teamID, "title": fmt.Sprintf("내구성 %d-%d", w, i)})
					if err != nil || code != http.StatusCreated {
						continue
					}
					id := c["id"].(string)
					mu.Lock()
					created[id], acked = true, acked+1
					mu.Unlock()
					code, c, h, err = member.do("PUT", "/api/v1/cases/"+id, map[string]any{"title": fmt.Sprintf("내구성 %d-%d", w, i), "summary": "요약", "problem": "배경", "solution": "내용", "outcomes": "성과", "categoryId": category}, "If-Match", h.Get("ETag"))
					if err != nil || code != http.StatusOK {
						continue
					}
					code, _, _, err = member.do("POST", "/api/v1/cases/"+id+"/submit", nil, "If-Match", h.Get("ETag"))
					if err == nil && code == http.StatusOK {
						mu.Lock()
						submitted[id], acked = true, acked+1
						mu.Unlock()
					}
				case 1:
					entry := entries[(w*7+i)%len(entries)]
					code, _, _, err := organizer.do("PUT", "/api/v1/archive/cases/"+entry+"/adoption", map[string]any{"status": "adopted", "adoptedOn": "2026-10-01", "adaptation": fmt.Sprintf("writer %d", w)})
					if err == nil && code == http.StatusOK {
						mu.Lock()
						adopted[entry], acked = true, acked+1
						mu.Unlock()
					}
				case 2:
					caseID := judgeCases[(w+i)%len(judgeCases)]
					code, _, _, err := judge.do("PUT", "/api/v1/stages/"+stageID+"/cases/"+caseID+"/sheet", fullSheet(stage, 7))
					if err == nil && code == http.StatusOK {
						mu.Lock()
						scored[caseID], acked = true, acked+1
						mu.Unlock()
					}
				}
			}
		}(w)
	}
	time.Sleep(3 * time.Second)
	srv.kill()
	close(stop)
	wg.Wait()
	if acked < 20 {
		t.Fatalf("only %d writes were acknowledged before the kill:\n%s", acked, srv.logs)
	}

	srv.start()
	defer srv.kill()
	member = login(t, srv.url, "member@demo.test")
	for id := range created {
		code, c, _, err := member.do("GET", "/api/v1/cases/"+id, nil)
		if err != nil || code != http.StatusOK {
			t.Fatalf("acknowledged case %s lost: %d %v", id, code, err)
		}
		if submitted[id] && c["submittedVersion"].(float64) < 1 {
			t.Fatalf("acknowledged submission of %s lost", id)
		}
	}
	pool, err := pgxpool.New(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	for entry := range adopted {
		var n int
		if err := pool.QueryRow(context.Background(), "select count(*) from adoptions a join agencies g on g.id = a.agency_id where a.entry_id = $1 and g.name = '부천시' and a.status = 'adopted'", entry).Scan(&n); err != nil || n != 1 {
			t.Fatalf("acknowledged adoption of %s lost (%d, %v)", entry, n, err)
		}
	}
	for caseID := range scored {
		var n int
		if err := pool.QueryRow(context.Background(), "select count(*) from score_sheets s join users u on u.id = s.judge_id where s.case_id = $1 and u.email = 'judge@demo.test'", caseID).Scan(&n); err != nil || n != 1 {
			t.Fatalf("acknowledged score sheet for %s lost (%d, %v)", caseID, n, err)
		}
	}
	// Nothing half-written: every submitted case has its version; every sheet change its sheet.
	for _, check := range []string{
		"select count(*) from cases c where c.submitted_version > 0 and not exists (select 1 from case_versions v where v.case_id = c.id and v.version = c.submitted_version)",
		"select count(*) from cases c where c.status = 'submitted' and c.submitted_version = 0",
		"select count(*) from teams t where not exists (select 1 from team_members m where m.team_id = t.id and m.role = 'leader')",
		"select count(*) from score_sheets where status = 'submitted' and total is null",
	} {
		var n int
		if err := pool.QueryRow(context.Background(), check).Scan(&n); err != nil || n != 0 {
			t.Fatalf("half-written data (%d, %v): %s", n, err, check)
		}
	}
	t.Logf("%d acknowledged writes, %d cases, %d submissions, %d adoptions, %d sheets survived", acked, len(created), len(submitted), len(adopted), len(scored))
}

// TestDatabaseRestartAnswers503AndRecovers stops PostgreSQL under a running server: requests
// get 503 with Retry-After, and once PostgreSQL is back the server serves again by itself.
func TestDatabaseRestartAnswers503AndRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL cluster and the server")
	}
	bin := servertest.Binary(t)
	cluster, db := newCluster(t, bin)
	srv := &server{t: t, bin: bin, db: db}
	srv.start()
	defer srv.kill()
	anon := &client{base: srv.url, http: &http.Client{Timeout: 10 * time.Second}}
	if code, _, _, _ := anon.do("GET", "/api/v1/agencies", nil); code != http.StatusOK {
		t.Fatalf("before: %d", code)
	}
	if err := cluster.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	code, body, h, err := anon.do("GET", "/api/v1/agencies", nil)
	if err != nil || code != http.StatusServiceUnavailable || h.Get("Retry-After") == "" || body["code"] != "database_unavailable" {
		t.Fatalf("with the database down: %d %v %v", code, body, err)
	}
	if code, _, _, _ := anon.do("GET", "/readyz", nil); code != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the database down: %d", code)
	}
	if _, err := cluster.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, _, _, _ := anon.do("GET", "/api/v1/agencies", nil)
		if code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not recover: %d\n%s", code, srv.logs)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func mustList(t *testing.T, c *client, path string) []map[string]any {
	code, body, _, err := c.do("GET", path, nil)
	if err != nil || code != http.StatusOK {
		t.Fatalf("GET %s: %d %v", path, code, err)
	}
	var out []map[string]any
	for _, it := range body["items"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

// categoryOf is the round's first category. It is read before the writers start: once the
// server is killed, a read would find nobody to answer.
func categoryOf(t *testing.T, c *client, roundID string) string {
	code, r, _, err := c.do("GET", "/api/v1/rounds/"+roundID, nil)
	list, ok := r["categories"].([]any)
	if err != nil || code != http.StatusOK || !ok || len(list) == 0 {
		t.Fatalf("GET the round: %d %v %v", code, r, err)
	}
	return list[0].(map[string]any)["id"].(string)
}

func fullSheet(stage map[string]any, points float64) map[string]any {
	var items []map[string]any
	for _, c := range stage["criteria"].([]any) {
		c := c.(map[string]any)
		item := map[string]any{"criterionId": c["id"]}
		if c["scale"].(map[string]any)["kind"] == "grades" {
			item["grade"] = "A"
		} else {
			item["points"] = points
		}
		items = append(items, item)
	}
	return map[string]any{"items": items, "submit": true}
}
