// Package readreplica runs the server against a real streaming replica of its database,
// made by pg_basebackup from a cluster the test starts, and checks that the archive search
// and the public results are read from the replica while writes stay on the primary, and
// that the server reads from the primary while the replica is down.
package readreplica

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"eutteum/api/pgcluster"
	"eutteum/api/servertest"
)

const password = "demo-pass-2025"

func TestSearchIsServedFromTheReplica(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a primary, a streaming replica and a server")
	}
	ctx := context.Background()
	bin := servertest.Binary(t)
	dir, err := os.MkdirTemp("/tmp", "eutteum-replica-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	_ = os.Chmod(dir, 0o755) // the postgres user must reach the data directories when we are root

	primary, err := pgcluster.New(pgcluster.Options{DataDir: filepath.Join(dir, "primary")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := primary.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = primary.Stop(context.Background()) })
	if err := primary.EnsureDatabase(ctx, "eutteum"); err != nil {
		t.Fatal(err)
	}
	run(t, bin, "DATABASE_URL="+primary.URL("eutteum"), "seed")

	standby, err := primary.NewStandby(ctx, filepath.Join(dir, "standby"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := standby.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = standby.Stop(context.Background()) })
	onPrimary, onStandby := connect(t, primary.URL("eutteum")), connect(t, standby.URL("eutteum"))
	var inRecovery bool
	if err := onStandby.QueryRow(ctx, "select pg_is_in_recovery()").Scan(&inRecovery); err != nil || !inRecovery {
		t.Fatalf("the standby is not a standby: in recovery %v, %v", inRecovery, err)
	}

	srv := servertest.Start(t, bin, "A", "DATABASE_URL="+primary.URL("eutteum"), "EUTTEUM_READ_DATABASE_URL="+standby.URL("eutteum"))
	anon := servertest.Anonymous(srv)
	const title = "복제 서버 확인용 야간 민원 창구"
	search := "/api/v1/archive/cases?q=" + url.QueryEscape(title)
	found := func() bool {
		res := anon.Do(t, "GET", search, nil)
		if res.Code != http.StatusOK {
			t.Fatalf("search: %d %v", res.Code, res.Body)
		}
		for _, it := range servertest.Items(res) {
			if it["title"] == title {
				return true
			}
		}
		return false
	}
	if found() {
		t.Fatal("the case is found before it was imported")
	}

	// With the replica holding still, a new case lands on the primary and the search, read
	// from the replica, does not see it yet.
	if _, err := onStandby.Exec(ctx, "select pg_wal_replay_pause()"); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(dir, "cases.csv")
	if err := os.WriteFile(csv, []byte("external_id,title,agency,year,period,published_date,award_tier\n"+
		"replica-1,"+title+",부천시,2025,H1,2025-06-30,우수\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, bin, "DATABASE_URL="+primary.URL("eutteum"), "import", "cases", csv)
	if n := count(t, onPrimary, title); n != 1 {
		t.Fatalf("the primary holds %d entries titled %q, want 1", n, title)
	}
	if found() {
		t.Fatal("the search found a case the paused replica does not hold: it did not read from the replica")
	}
	// Writes still go to the primary while the replica holds still.
	org := servertest.Login(t, srv, "organizer.incheon@demo.test", password)
	entry := entryID(t, onPrimary, title)
	if res := org.Do(t, "PUT", "/api/v1/archive/cases/"+entry+"/adoption", map[string]any{"status": "interested"}); res.Code != http.StatusOK {
		t.Fatalf("adoption with the replica paused: %d %v", res.Code, res.Body)
	}

	if _, err := onStandby.Exec(ctx, "select pg_wal_replay_resume()"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for !found() {
		if time.Now().After(deadline) {
			t.Fatal("the search did not find the case after the replica caught up")
		}
		time.Sleep(100 * time.Millisecond)
	}

	// With the replica gone, the search is read from the primary.
	onStandby.Close(ctx)
	if err := standby.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if !found() {
		t.Fatal("the search failed or lost the case while the replica was down")
	}
	res := anon.Do(t, "GET", "/api/v1/archive/cases?q="+url.QueryEscape("민원"), nil)
	if res.Code != http.StatusOK || len(servertest.Items(res)) == 0 {
		t.Fatalf("search with the replica down: %d %v", res.Code, res.Body)
	}
}

func run(t *testing.T, bin, env string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env, "EUTTEUM_LOG_LEVEL=warn")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("eutteum %v: %v\n%s", args, err, out)
	}
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func count(t *testing.T, conn *pgx.Conn, title string) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(context.Background(), "select count(*) from archive_entries where title = $1", title).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func entryID(t *testing.T, conn *pgx.Conn, title string) string {
	t.Helper()
	var id string
	if err := conn.QueryRow(context.Background(), "select id::text from archive_entries where title = $1", title).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
