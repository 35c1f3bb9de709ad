// Package pgcluster creates, starts and stops the product's own local
// PostgreSQL cluster, used when DATABASE_URL is not set.
//
// The cluster is built from the installed PostgreSQL server programs
// (initdb, pg_ctl, postgres). It listens only on a unix socket in a private
// directory (/tmp/eutteum-pg-<hash>, mode 0700) and trusts local connections:
// the socket directory's permissions are the access control. When the process
// runs as root, the server programs run as the "postgres" OS user, which
// PostgreSQL requires.
//
// Start and Stop take a file lock next to the data directory, so several
// processes (for example parallel test binaries) may call Start at once:
// exactly one of them starts the server and the others find it running.
package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Options configures a Cluster.
type Options struct {
	// DataDir is the PostgreSQL data directory, e.g. "<repo>/.data/postgres".
	// It is made absolute. Empty means ".data/postgres" under the current
	// directory.
	DataDir string
	// Logger receives progress messages; nil discards them.
	Logger *slog.Logger
}

// Cluster is one local PostgreSQL cluster. Its methods may be called from
// several goroutines and processes at once.
type Cluster struct {
	bins      binaries
	requested string   // absolute data directory asked for
	dataDir   string   // absolute data directory actually used
	lockPath  string   // flock file beside the data directory
	logPath   string   // server log beside the data directory
	socketDir string   // /tmp/eutteum-pg-<hash>
	runAs     *account // nil: run the programs as ourselves
	log       *slog.Logger
}

const (
	// superuser is the cluster's superuser role (initdb -U).
	superuser = "postgres"
	// confName is the settings file included from postgresql.conf.
	confName = "eutteum.conf"
	// includeLine is appended once to postgresql.conf.
	includeLine = "include_if_exists = '" + confName + "'"
	// startTimeout bounds pg_ctl start/stop and the readiness wait.
	startTimeout = 120 * time.Second
	// maxLogSize: a bigger server log is rotated (to .1) before a start.
	maxLogSize = 16 << 20
)

// New finds the server programs and works out where the cluster lives. It
// changes nothing on disk.
func New(opts Options) (*Cluster, error) {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	dir := opts.DataDir
	if dir == "" {
		dir = filepath.Join(".data", "postgres")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("pgcluster: data dir %q: %w", dir, err)
	}
	bins, err := findBinaries()
	if err != nil {
		return nil, err
	}
	c := &Cluster{bins: bins, requested: abs, log: logger}

	if os.Geteuid() == 0 {
		acct, err := lookupAccount(serverUser)
		if err != nil {
			return nil, fmt.Errorf("pgcluster: running as root, and PostgreSQL refuses to run as root, but there is no %q OS user to run it as (%v): install the postgresql package, create the user (adduser --system --group %s), or run as a non-root user", serverUser, err, serverUser)
		}
		c.runAs = acct
		if !acct.canReach(abs) {
			// Start says so when it starts the server.
			abs = fallbackDataDir(abs)
		}
	}
	c.setPaths(abs)
	return c, nil
}

func (c *Cluster) setPaths(dataDir string) {
	c.dataDir = dataDir
	parent, base := filepath.Dir(dataDir), filepath.Base(dataDir)
	c.lockPath = filepath.Join(parent, base+".lock")
	c.logPath = filepath.Join(parent, base+".log")
	// Unix socket paths are limited to about 107 bytes, so the socket lives in
	// a short, per-cluster directory rather than in the data directory.
	c.socketDir = "/tmp/eutteum-pg-" + shortHash(dataDir)
}

// DataDir is the absolute data directory in use (possibly the fallback under
// /var/lib/eutteum when running as root).
func (c *Cluster) DataDir() string { return c.dataDir }

// LogPath is the server's log file.
func (c *Cluster) LogPath() string { return c.logPath }

// SocketDir is the directory holding the server's unix socket.
func (c *Cluster) SocketDir() string { return c.socketDir }

// URL is a libpq/pgx connection URL for database dbname on this cluster, e.g.
// postgres://postgres@/eutteum?host=/tmp/eutteum-pg-1a2b3c4d&sslmode=disable
func (c *Cluster) URL(dbname string) string {
	u := url.URL{
		Scheme: "postgres",
		User:   url.User(superuser),
		Path:   "/" + dbname,
		// The socket directory is made of [a-z0-9/-] only: no escaping needed,
		// and the URL stays readable.
		RawQuery: "host=" + c.socketDir + "&sslmode=disable",
	}
	return u.String()
}

// Running reports whether a server is running on this data directory.
func (c *Cluster) Running() bool {
	_, alive, _ := c.postmaster()
	return alive
}

// Start initialises the data directory if needed and starts the server,
// waiting until it accepts connections. It returns startedByUs=false when the
// server was already running. It is safe to call from several processes at
// once.
func (c *Cluster) Start(ctx context.Context) (startedByUs bool, err error) {
	if err := c.makeParent(); err != nil {
		return false, err
	}
	unlock, err := c.lock(ctx)
	if err != nil {
		return false, err
	}
	defer unlock()

	pid, alive, err := c.postmaster()
	if err != nil {
		return false, err
	}
	if alive {
		if err := c.waitReady(ctx, pid); err != nil {
			return false, err
		}
		return false, nil
	}

	if c.dataDir != c.requested {
		c.log.Info("the postgres user cannot reach the requested data directory, so the PostgreSQL data lives elsewhere",
			"requested", c.requested, "data_dir", c.dataDir)
	}
	if err := c.initIfNeeded(ctx); err != nil {
		return false, err
	}
	if err := c.writeConf(); err != nil {
		return false, err
	}
	if err := c.ensureSocketDir(); err != nil {
		return false, err
	}
	if err := c.prepareLog(); err != nil {
		return false, err
	}
	if pid != 0 {
		// A postmaster.pid left by a crash, naming a process that is gone or is
		// not our server. PostgreSQL itself copes with most of these, but a
		// reused PID belonging to some other live process would make it (and
		// pg_ctl) refuse to start, so remove the stale file first.
		c.log.Info("removing stale postmaster.pid", "data_dir", c.dataDir, "pid", pid)
		if err := os.Remove(filepath.Join(c.dataDir, "postmaster.pid")); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, fmt.Errorf("pgcluster: remove stale postmaster.pid: %w", err)
		}
	}

	c.log.Info("starting PostgreSQL", "data_dir", c.dataDir, "socket_dir", c.socketDir, "log", c.logPath)
	err = c.pgCtlStart(ctx)
	if err == nil {
		pid, alive, err = c.postmaster()
		if err == nil && !alive {
			err = c.startError("server exited right after starting", nil)
		}
	}
	if err == nil {
		err = c.waitReady(ctx, pid)
	}
	if err != nil {
		// Do not leave behind a server we started but cannot hand over (for
		// example when ctx was cancelled while it was starting). A cancelled
		// pg_ctl may have launched a postmaster that has not yet written its
		// postmaster.pid: give it a moment to show up.
		alive := false
		for wait := time.Now().Add(2 * time.Second); ; {
			if _, alive, _ = c.postmaster(); alive || ctx.Err() == nil || time.Now().After(wait) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if alive {
			stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), startTimeout)
			defer cancel()
			if stopErr := c.stopLocked(stopCtx); stopErr != nil {
				err = errors.Join(err, stopErr)
			}
		}
		return false, err
	}
	return true, nil
}

// Stop shuts the server down (pg_ctl stop -m fast -w). Stopping a server that
// is not running is not an error.
func (c *Cluster) Stop(ctx context.Context) error {
	if _, err := os.Stat(filepath.Dir(c.dataDir)); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	unlock, err := c.lock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	return c.stopLocked(ctx)
}

// stopLocked is Stop with the lock held.
func (c *Cluster) stopLocked(ctx context.Context) error {
	if _, alive, _ := c.postmaster(); !alive {
		_ = os.Remove(c.socketDir) // only if empty
		return nil
	}
	c.log.Info("stopping PostgreSQL", "data_dir", c.dataDir)
	out, err := c.run(ctx, c.bins.pgCtl, "stop", "-D", c.dataDir, "-m", "fast", "-w",
		"-t", strconv.Itoa(int(startTimeout/time.Second)))
	if err != nil {
		return fmt.Errorf("pgcluster: pg_ctl stop: %v: %s", err, oneLine(out))
	}
	// The server removes its socket and lock files; drop the empty directory.
	_ = os.Remove(c.socketDir)
	return nil
}

// EnsureDatabase creates database name unless it exists. The server must be
// running.
func (c *Cluster) EnsureDatabase(ctx context.Context, name string) error {
	if name == "" {
		return errors.New("pgcluster: empty database name")
	}
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("pgcluster: connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))

	for attempt := 0; ; attempt++ {
		var exists bool
		if err := conn.QueryRow(ctx, "select exists (select 1 from pg_database where datname = $1)", name).Scan(&exists); err != nil {
			return fmt.Errorf("pgcluster: look up database %q: %w", name, err)
		}
		if exists {
			return nil
		}
		_, err := conn.Exec(ctx, "create database "+pgx.Identifier{name}.Sanitize())
		var pgErr *pgconn.PgError
		switch {
		case err == nil:
			c.log.Info("created database", "name", name)
			return nil
		case errors.As(err, &pgErr) && (pgErr.Code == "42P04" || pgErr.Code == "23505"):
			// Created concurrently: duplicate_database, or the unique index
			// on pg_database when both creations overlapped.
			return nil
		case errors.As(err, &pgErr) && pgErr.Code == "55006" && attempt < 20: // template1 busy
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(250 * time.Millisecond):
			}
		default:
			return fmt.Errorf("pgcluster: create database %q: %w", name, err)
		}
	}
}

// makeParent creates the directory holding the data directory, lock and log.
func (c *Cluster) makeParent() error {
	parent := filepath.Dir(c.dataDir)
	var err error
	if c.runAs != nil {
		err = mkdirAllMode(parent, 0o755)
	} else {
		err = os.MkdirAll(parent, 0o755)
	}
	if err != nil {
		return fmt.Errorf("pgcluster: create %s: %w", parent, err)
	}
	if c.runAs != nil && filepath.Dir(parent) == fallbackRoot {
		// Say which checkout this fallback data belongs to.
		_ = os.WriteFile(filepath.Join(parent, "README"),
			[]byte("PostgreSQL data for "+c.requested+", which the postgres user cannot reach.\n"), 0o644)
	}
	return nil
}

// lock takes the exclusive file lock guarding init, start and stop. It waits
// for other holders, giving up when ctx ends.
func (c *Cluster) lock(ctx context.Context) (unlock func(), err error) {
	f, err := os.OpenFile(c.lockPath, os.O_RDWR|os.O_CREATE, 0o644)
	if errors.Is(err, fs.ErrPermission) {
		f, err = os.Open(c.lockPath) // flock works on a read-only descriptor too
	}
	if err != nil {
		return nil, fmt.Errorf("pgcluster: open lock file: %w", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("pgcluster: lock %s: %w", c.lockPath, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("pgcluster: waiting for lock %s: %w", c.lockPath, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// postmaster reads postmaster.pid. pid is 0 when there is no such file;
// alive says whether that process is our running server. A pid with
// alive=false is a stale file left by a crash.
func (c *Cluster) postmaster() (pid int, alive bool, err error) {
	data, err := os.ReadFile(filepath.Join(c.dataDir, "postmaster.pid"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("pgcluster: read postmaster.pid: %w", err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	pid, err = strconv.Atoi(strings.TrimSpace(first))
	if err != nil || pid == 0 {
		// Being written right now, or garbage; treat as not running but keep
		// pid non-zero so a start removes it.
		return -1, false, nil
	}
	if pid < 0 {
		pid = -pid // a single-user backend writes its PID negated
	}
	return pid, isOurServer(pid, c.dataDir), nil
}

// isOurServer reports whether process pid is alive and is a server working on
// dataDir (the postmaster's working directory is its data directory).
func isOurServer(pid int, dataDir string) bool {
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return false
	}
	if _, err := os.Stat("/proc/self/cwd"); err != nil {
		// No /proc: trust that the process exists.
		return true
	}
	cwd, err := os.Stat(fmt.Sprintf("/proc/%d/cwd", pid))
	if err != nil {
		// Gone, or not ours to inspect: a server on our data directory runs
		// as us, or as the postgres user when we are root.
		return false
	}
	dd, err := os.Stat(dataDir)
	return err == nil && os.SameFile(cwd, dd)
}

// initialized reports whether the data directory has been created by initdb.
func (c *Cluster) initialized() bool {
	_, err := os.Stat(filepath.Join(c.dataDir, "PG_VERSION"))
	return err == nil
}

// initIfNeeded runs initdb when the data directory is not initialised. It
// initialises a temporary sibling directory and renames it into place, so a
// failed or interrupted initdb never leaves a half-made data directory.
func (c *Cluster) initIfNeeded(ctx context.Context) error {
	if c.initialized() {
		return nil
	}
	if entries, err := os.ReadDir(c.dataDir); err == nil && len(entries) > 0 {
		return fmt.Errorf("pgcluster: %s is not empty and is not a PostgreSQL data directory; move it away", c.dataDir)
	}
	tmp := c.dataDir + ".initdb"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	defer os.RemoveAll(tmp)

	args := []string{"-D", tmp, "-U", superuser, "--auth-local=trust", "--auth-host=reject", "--encoding=UTF8"}
	c.log.Info("initialising PostgreSQL data directory", "data_dir", c.dataDir)
	out, err := c.initdb(ctx, tmp, append(args, "--locale=C.UTF-8"))
	if ctx.Err() != nil {
		return fmt.Errorf("pgcluster: initdb: %w", ctx.Err())
	}
	if err != nil && strings.Contains(strings.ToLower(string(out)), "locale") {
		c.log.Info("locale C.UTF-8 unavailable, initialising with --no-locale")
		out, err = c.initdb(ctx, tmp, append(args, "--no-locale"))
	}
	if err != nil {
		return fmt.Errorf("pgcluster: initdb failed: %v: %s", err, tail(out, 10))
	}
	conf := filepath.Join(tmp, "postgresql.conf")
	if err := appendInclude(conf); err != nil {
		return err
	}
	if err := os.Remove(c.dataDir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("pgcluster: %w", err)
	}
	if err := os.Rename(tmp, c.dataDir); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	return nil
}

// initdb runs initdb into the fresh directory dir.
func (c *Cluster) initdb(ctx context.Context, dir string, args []string) ([]byte, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return nil, err
	}
	if err := c.chown(dir); err != nil {
		return nil, err
	}
	return c.run(ctx, c.bins.initdb, args...)
}

// appendInclude makes postgresql.conf include our settings file.
func appendInclude(conf string) error {
	data, err := os.ReadFile(conf)
	if err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	if bytes.Contains(data, []byte(includeLine)) {
		return nil
	}
	f, err := os.OpenFile(conf, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	_, err = fmt.Fprintf(f, "\n# Settings managed by eutteum (rewritten at every start).\n%s\n", includeLine)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	return nil
}

// settings are written to eutteum.conf in the data directory at every start.
func (c *Cluster) settings() string {
	return strings.Join([]string{
		"# Managed by eutteum: rewritten at every start. Use ALTER SYSTEM for local overrides.",
		"listen_addresses = ''",
		"unix_socket_directories = '" + c.socketDir + "'",
		"max_connections = 200",
		"shared_buffers = 128MB",
		"fsync = on",
		"logging_collector = off",
		"",
	}, "\n")
}

// writeConf (re)writes eutteum.conf when it differs.
func (c *Cluster) writeConf() error {
	if err := appendInclude(filepath.Join(c.dataDir, "postgresql.conf")); err != nil {
		return err
	}
	path := filepath.Join(c.dataDir, confName)
	want := c.settings()
	if have, err := os.ReadFile(path); err == nil && string(have) == want {
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(want), 0o600); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	if err := c.chown(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	return nil
}

// ensureSocketDir creates the socket directory, mode 0700, owned by the user
// the server runs as; an existing one must be a real directory of that user.
// It must only be called while the server is not running.
func (c *Cluster) ensureSocketDir() error {
	fi, err := os.Lstat(c.socketDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Mkdir(c.socketDir, 0o700); err != nil {
			return fmt.Errorf("pgcluster: create socket directory: %w", err)
		}
	case err != nil:
		return fmt.Errorf("pgcluster: socket directory: %w", err)
	case !fi.IsDir():
		return fmt.Errorf("pgcluster: socket directory %s exists and is not a directory", c.socketDir)
	default:
		st, ok := fi.Sys().(*syscall.Stat_t)
		if ok && c.runAs == nil && int(st.Uid) != os.Geteuid() {
			return fmt.Errorf("pgcluster: socket directory %s belongs to another user (uid %d)", c.socketDir, st.Uid)
		}
	}
	if err := c.chown(c.socketDir); err != nil {
		return err
	}
	if err := os.Chmod(c.socketDir, 0o700); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	// Only called when our server is not running, and the directory is ours
	// alone: a socket or socket lock file in it was left by a crashed server
	// (whose PID may still exist as a zombie, or be reused), and would make
	// the new server refuse to start.
	stale, _ := filepath.Glob(filepath.Join(c.socketDir, ".s.PGSQL.*"))
	for _, f := range stale {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("pgcluster: remove stale %s: %w", f, err)
		}
	}
	return nil
}

// prepareLog rotates an oversized server log and makes sure the server user
// can append to it.
func (c *Cluster) prepareLog() error {
	if fi, err := os.Stat(c.logPath); err == nil && fi.Size() > maxLogSize {
		_ = os.Rename(c.logPath, c.logPath+".1")
	}
	f, err := os.OpenFile(c.logPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o640)
	if err != nil {
		return fmt.Errorf("pgcluster: server log: %w", err)
	}
	f.Close()
	return c.chown(c.logPath)
}

// pgCtlStart runs pg_ctl start, retrying briefly while processes of a crashed
// server still hold the old shared memory.
func (c *Cluster) pgCtlStart(ctx context.Context) error {
	for attempt := 0; ; attempt++ {
		out, err := c.run(ctx, c.bins.pgCtl, "start", "-D", c.dataDir, "-l", c.logPath, "-w",
			"-t", strconv.Itoa(int(startTimeout/time.Second)))
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("pgcluster: starting PostgreSQL: %w", ctx.Err())
		}
		if attempt < 10 && ctx.Err() == nil && strings.Contains(c.logTail(5), "pre-existing shared memory block") {
			time.Sleep(time.Second)
			continue
		}
		return c.startError("pg_ctl start: "+oneLine(out), err)
	}
}

// waitReady pings the server until it accepts connections.
func (c *Cluster) waitReady(ctx context.Context, pid int) error {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	var last error
	for {
		last = c.ping(ctx)
		if last == nil {
			return nil
		}
		if !isOurServer(pid, c.dataDir) {
			return c.startError("server stopped while waiting for it to accept connections", last)
		}
		select {
		case <-ctx.Done():
			return c.startError("server does not accept connections", last)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func (c *Cluster) ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return conn.Ping(ctx)
}

// startError describes a failed start, with the end of the server log.
func (c *Cluster) startError(what string, err error) error {
	msg := "pgcluster: starting PostgreSQL failed: " + what
	if err != nil {
		msg += ": " + err.Error()
	}
	if t := c.logTail(20); t != "" {
		msg += "\nlast lines of " + c.logPath + ":\n" + t
	}
	return errors.New(msg)
}

// logTail returns the last n lines of the server log.
func (c *Cluster) logTail(n int) string {
	f, err := os.Open(c.logPath)
	if err != nil {
		return ""
	}
	defer f.Close()
	const window = 16 << 10
	if fi, err := f.Stat(); err == nil && fi.Size() > window {
		_, _ = f.Seek(fi.Size()-window, io.SeekStart)
	}
	data, _ := io.ReadAll(f)
	return tail(data, n)
}

// tail returns the last n non-empty lines of out.
func tail(out []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func oneLine(out []byte) string {
	return strings.Join(strings.Fields(string(out)), " ")
}

// chown gives path to the server user when we run the programs as it.
func (c *Cluster) chown(path string) error {
	if c.runAs == nil {
		return nil
	}
	if err := os.Lchown(path, int(c.runAs.uid), int(c.runAs.gid)); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	return nil
}

// run runs one of the server programs, as the server user when we are root,
// and returns its combined output.
func (c *Cluster) run(ctx context.Context, prog string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = "/"
	env := make([]string, 0, len(os.Environ()))
	for _, kv := range os.Environ() {
		// PG* variables (PGHOST, PGDATA, PGOPTIONS, ...) would point the
		// programs somewhere else.
		if strings.HasPrefix(kv, "PG") {
			continue
		}
		if c.runAs != nil && (strings.HasPrefix(kv, "HOME=") || strings.HasPrefix(kv, "USER=") || strings.HasPrefix(kv, "LOGNAME=")) {
			continue
		}
		env = append(env, kv)
	}
	if c.runAs != nil {
		env = append(env, "HOME="+c.runAs.home, "USER="+c.runAs.name, "LOGNAME="+c.runAs.name)
		cmd.SysProcAttr = &syscall.SysProcAttr{
			Credential: &syscall.Credential{Uid: c.runAs.uid, Gid: c.runAs.gid, Groups: c.runAs.groups},
		}
	}
	cmd.Env = env
	cmd.WaitDelay = 5 * time.Second
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = &buf
	err := cmd.Run()
	return buf.Bytes(), err
}
