package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestMissingBinaries(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	old := versionedBinGlobs
	versionedBinGlobs = []string{filepath.Join(t.TempDir(), "*", "bin")}
	t.Cleanup(func() { versionedBinGlobs = old })

	_, err := New(Options{DataDir: t.TempDir()})
	if !errors.Is(err, ErrBinariesMissing) {
		t.Fatalf("New: got %v, want ErrBinariesMissing", err)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "apt-get install postgresql") {
		t.Fatalf("want one clear line, got %q", msg)
	}
}

func TestVersionedBinDirs(t *testing.T) {
	root := t.TempDir()
	for _, v := range []string{"9.6", "15", "16", "10"} {
		dir := filepath.Join(root, v, "bin")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if v == "16" {
			continue // incomplete installation: must be skipped
		}
		for _, p := range serverPrograms {
			if err := os.WriteFile(filepath.Join(dir, p), []byte("#!/bin/sh\n"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	old := versionedBinGlobs
	versionedBinGlobs = []string{filepath.Join(root, "*", "bin")}
	t.Cleanup(func() { versionedBinGlobs = old })
	t.Setenv("PATH", t.TempDir())

	b, err := findBinaries()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "15", "bin", "pg_ctl"); b.pgCtl != want {
		t.Fatalf("pg_ctl = %s, want %s", b.pgCtl, want)
	}
}

func TestProgram(t *testing.T) {
	root := t.TempDir()
	write := func(dir string, names ...string) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(dir, n), []byte("#!/bin/sh\n"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	server := filepath.Join(root, "15", "bin")
	write(server, append(serverPrograms, "pg_dump")...)
	// A newer client-only installation: pg_dump must still come from beside the
	// server programs, or the cluster's own server would be dumped by another
	// version.
	write(filepath.Join(root, "16", "bin"), "pg_dump", "pg_restore")
	old := versionedBinGlobs
	versionedBinGlobs = []string{filepath.Join(root, "*", "bin")}
	t.Cleanup(func() { versionedBinGlobs = old })
	t.Setenv("PATH", t.TempDir())

	if p, err := Program("pg_dump"); err != nil || p != filepath.Join(server, "pg_dump") {
		t.Fatalf("Program(pg_dump) = %q, %v; want the server's", p, err)
	}
	if p, err := Program("pg_restore"); err != nil || p != filepath.Join(root, "16", "bin", "pg_restore") {
		t.Fatalf("Program(pg_restore) = %q, %v; want the only one there is", p, err)
	}
	_, err := Program("pg_nothing")
	if !errors.Is(err, ErrProgramMissing) || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "pg_nothing") {
		t.Fatalf("Program(pg_nothing) error = %v", err)
	}
}

func TestCanReach(t *testing.T) {
	base, err := os.MkdirTemp("", "eutteum-reach-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	closed := filepath.Join(base, "closed")
	if err := os.Mkdir(closed, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(closed, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	stranger := &account{uid: 4242424, gid: 4242424, groups: []uint32{4242424}}
	if stranger.canReach(filepath.Join(closed, "x", "postgres")) {
		t.Fatal("a 0700 directory of another user must not be reachable")
	}
	if !stranger.canReach(filepath.Join(base, "open", "postgres")) {
		t.Fatal("directories still to be created (0755) must not block")
	}
	if err := os.Chmod(closed, 0o711); err != nil {
		t.Fatal(err)
	}
	if !stranger.canReach(filepath.Join(closed, "x", "postgres")) {
		t.Fatal("a 0711 directory must be reachable")
	}
}

func TestFallbackWhenUnreachable(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root switches to the postgres user")
	}
	if _, err := findBinaries(); err != nil {
		t.Skip(err)
	}
	if _, err := lookupAccount(serverUser); err != nil {
		t.Skip(err)
	}
	closed, err := os.MkdirTemp("", "eutteum-closed-") // mode 0700, owned by root
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(closed) })
	// Keep the fallback data out of /var/lib during the test.
	fb, err := os.MkdirTemp("", "eutteum-fallback-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(fb) })
	if err := os.Chmod(fb, 0o755); err != nil {
		t.Fatal(err)
	}
	old := fallbackRoot
	fallbackRoot = filepath.Join(fb, "var", "lib", "eutteum")
	t.Cleanup(func() { fallbackRoot = old })

	want := filepath.Join(closed, "repo", ".data", "postgres")
	c, err := New(Options{DataDir: want})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.DataDir(); got != fallbackDataDir(want) || !strings.HasPrefix(got, fallbackRoot+"/") {
		t.Fatalf("DataDir = %s, want fallback %s", got, fallbackDataDir(want))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if s, err := c.Start(ctx); err != nil || !s {
		t.Fatalf("Start = %v, %v", s, err)
	}
	defer c.Stop(ctx)
	if got := queryInt(t, ctx, c.URL("postgres"), "select 1"); got != 1 {
		t.Fatalf("select 1 = %d", got)
	}
	if _, err := os.Stat(want); err == nil {
		t.Fatalf("%s was created although it is unreachable", want)
	}
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestURL(t *testing.T) {
	c := &Cluster{}
	c.setPaths("/srv/x/.data/postgres")
	got := c.URL("eutteum")
	want := "postgres://postgres@/eutteum?host=/tmp/eutteum-pg-" + shortHash("/srv/x/.data/postgres") + "&sslmode=disable"
	if got != want {
		t.Fatalf("URL = %s, want %s", got, want)
	}
	if _, err := pgx.ParseConfig(c.URL("으뜸 db")); err != nil {
		t.Fatal(err)
	}
}

// testCluster makes a cluster in a fresh directory the server user can reach.
func testCluster(t *testing.T) (dir string, newCluster func() *Cluster) {
	t.Helper()
	if _, err := findBinaries(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	dir, err := os.MkdirTemp("", "eutteum-pgcluster-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	newCluster = func() *Cluster {
		c, err := New(Options{DataDir: filepath.Join(dir, "data", "postgres")})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c := newCluster()
		if err := c.Stop(ctx); err != nil {
			t.Errorf("cleanup stop: %v", err)
		}
		os.RemoveAll(dir)
	})
	return dir, newCluster
}

func queryInt(t *testing.T, ctx context.Context, url, sql string) int {
	t.Helper()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, sql).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func exec1(t *testing.T, ctx context.Context, url, sql string) {
	t.Helper()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir, newCluster := testCluster(t)
	c := newCluster()
	if !strings.HasPrefix(c.DataDir(), dir) {
		t.Fatalf("DataDir %s is not under %s", c.DataDir(), dir)
	}
	if c.Running() {
		t.Fatal("Running before Start")
	}

	// Several processes (here: independent Cluster values, each with its own
	// lock descriptor) start the same cluster at once: exactly one starts it.
	const starters = 3
	var wg sync.WaitGroup
	started := make([]bool, starters)
	errs := make([]error, starters)
	for i := range starters {
		wg.Go(func() { started[i], errs[i] = newCluster().Start(ctx) })
	}
	wg.Wait()
	n := 0
	for i := range starters {
		if errs[i] != nil {
			t.Fatalf("Start %d: %v", i, errs[i])
		}
		if started[i] {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d concurrent starters report startedByUs, want 1", n)
	}
	if !c.Running() {
		t.Fatal("not Running after Start")
	}
	if fi, err := os.Stat(c.socketDir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("socket dir %s: %v %v", c.socketDir, fi.Mode(), err)
	}

	// EnsureDatabase is idempotent, also when racing, and quotes names.
	for _, name := range []string{"demo", "으뜸 \"db\""} {
		for range 2 {
			wg.Go(func() {
				if err := c.EnsureDatabase(ctx, name); err != nil {
					t.Errorf("EnsureDatabase(%q): %v", name, err)
				}
			})
		}
		wg.Wait()
		if got := queryInt(t, ctx, c.URL(name), "select 1"); got != 1 {
			t.Fatalf("select 1 = %d", got)
		}
	}
	if enc := queryString(t, ctx, c.URL("demo"), "select pg_encoding_to_char(encoding) from pg_database where datname = current_database()"); enc != "UTF8" {
		t.Fatalf("encoding %s, want UTF8", enc)
	}
	exec1(t, ctx, c.URL("demo"), "create table kept (v text); insert into kept values ('으뜸')")

	if again, err := c.Start(ctx); err != nil || again {
		t.Fatalf("second Start = %v, %v; want false, nil", again, err)
	}

	// Clean stop and restart: the data survives.
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if c.Running() {
		t.Fatal("Running after Stop")
	}
	if err := c.Stop(ctx); err != nil {
		t.Fatalf("Stop when stopped: %v", err)
	}
	if s, err := c.Start(ctx); err != nil || !s {
		t.Fatalf("Start after Stop = %v, %v; want true, nil", s, err)
	}
	if v := queryString(t, ctx, c.URL("demo"), "select v from kept"); v != "으뜸" {
		t.Fatalf("kept = %q", v)
	}

	// A crash (postmaster killed) leaves a stale postmaster.pid: Start copes.
	pid, alive, err := c.postmaster()
	if err != nil || !alive {
		t.Fatalf("postmaster: %d %v %v", pid, alive, err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return !c.Running() })
	if s, err := c.Start(ctx); err != nil || !s {
		t.Fatalf("Start after crash = %v, %v; want true, nil", s, err)
	}
	exec1(t, ctx, c.URL("demo"), "insert into kept values ('after crash')")
	if n := queryInt(t, ctx, c.URL("demo"), "select count(*) from kept"); n != 2 {
		t.Fatalf("rows after crash = %d, want 2", n)
	}

	// A stale postmaster.pid naming some other live process (a PID reused
	// after a reboot) must not make Start refuse or report "running".
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	other := exec.Command("sleep", "60")
	if err := other.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { other.Process.Kill(); other.Wait() }()
	pidFile := filepath.Join(c.DataDir(), "postmaster.pid")
	stale := fmt.Sprintf("%d\n%s\n0\n5432\n%s\n\n  5432001    0\nready\n", other.Process.Pid, c.DataDir(), c.socketDir)
	if err := os.WriteFile(pidFile, []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}
	if c.Running() {
		t.Fatal("a foreign process in postmaster.pid counts as running")
	}
	if s, err := c.Start(ctx); err != nil || !s {
		t.Fatalf("Start with stale pid file = %v, %v; want true, nil", s, err)
	}
	if n := queryInt(t, ctx, c.URL("demo"), "select count(*) from kept"); n != 2 {
		t.Fatalf("rows = %d, want 2", n)
	}
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestStartFailureShowsLog(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, newCluster := testCluster(t)
	c := newCluster()
	if _, err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	// Break the configuration: the server refuses to start.
	auto := filepath.Join(c.DataDir(), "postgresql.auto.conf")
	orig, err := os.ReadFile(auto)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(auto, []byte("shared_buffers = 'lots'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = c.Start(ctx)
	if err == nil {
		t.Fatal("Start succeeded with a broken configuration")
	}
	if !strings.Contains(err.Error(), "shared_buffers") {
		t.Fatalf("error lacks the server log: %v", err)
	}
	if err := os.WriteFile(auto, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := c.Start(ctx); err != nil || !s {
		t.Fatalf("Start after repair = %v, %v", s, err)
	}
}

func queryString(t *testing.T, ctx context.Context, url, sql string) string {
	t.Helper()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	var s string
	if err := conn.QueryRow(ctx, sql).Scan(&s); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return s
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestInterruptedStart(t *testing.T) {
	t.Parallel()
	_, newCluster := testCluster(t)
	c := newCluster()
	for _, d := range []time.Duration{50 * time.Millisecond, 300 * time.Millisecond} {
		short, cancel := context.WithTimeout(context.Background(), d)
		_, err := c.Start(short)
		cancel()
		if err == nil {
			// Fast enough to finish: fine, but it must then be running.
			if !c.Running() {
				t.Fatal("Start returned nil but the server is not running")
			}
			continue
		}
		if c.Running() {
			t.Fatalf("a cancelled Start (%v) left a server running", err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := c.Start(ctx); err != nil {
		t.Fatalf("Start after interrupted starts: %v", err)
	}
	if got := queryInt(t, ctx, c.URL("postgres"), "select 1"); got != 1 {
		t.Fatalf("select 1 = %d", got)
	}

	// Initialised: now interrupt pg_ctl start / the readiness wait.
	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	for _, d := range []time.Duration{60 * time.Millisecond} {
		short, cancel := context.WithTimeout(context.Background(), d)
		_, err := c.Start(short)
		cancel()
		t.Logf("Start with %v timeout: %.200s", d, err)
		if err != nil {
			time.Sleep(time.Second) // a leftover server would be up by now
			if c.Running() {
				t.Fatalf("a cancelled Start (%v) left a server running", err)
			}
		}
		if err := c.Stop(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Start(ctx); err != nil {
		t.Fatalf("Start after interrupted starts: %v", err)
	}
}
