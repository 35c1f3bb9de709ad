// Command eutteum runs the Eutteum server and its maintenance tasks.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/account"
	"eutteum/api/app"
	"eutteum/api/archive"
	"eutteum/api/backup"
	"eutteum/api/config"
	"eutteum/api/httpapi"
	"eutteum/api/idempotency"
	"eutteum/api/mail"
	"eutteum/api/pgcluster"
	"eutteum/api/ratelimit"
	"eutteum/api/seed"
	"eutteum/api/store"
	"eutteum/api/textsearch"
)

const usage = `eutteum — 공공부문 혁신 우수사례 경진대회와 사례 아카이브

Usage:
  eutteum serve            migrate, then serve HTTP on EUTTEUM_ADDR (default :8080)
  eutteum migrate          apply database migrations
  eutteum seed             migrate, then load the Korean demo data (idempotent)
  eutteum db start|stop|status
                           manage the embedded PostgreSQL cluster (used when DATABASE_URL is unset)
  eutteum db url [NAME]    print the URL of database NAME (default eutteum), creating it if missing
  eutteum import cases FILE [--create-agencies]
                           import past winners into the archive from CSV or JSON Lines (docs/import.md)
  eutteum backup [-o FILE] write the database, attachment files included, to a pg_dump archive
                           (default eutteum-YYYYMMDD-HHMMSS.dump; docs/backup.md)
  eutteum restore FILE [--force]
                           restore a backup into the database; --force replaces a database
                           that is not empty

Environment: DATABASE_URL, EUTTEUM_READ_DATABASE_URL, EUTTEUM_DATA_DIR, EUTTEUM_ADDR,
EUTTEUM_WEB_DIR, EUTTEUM_JWT_KEY, EUTTEUM_ACCESS_TTL, EUTTEUM_OPEN_SIGNUP, EUTTEUM_SECURE_COOKIES,
EUTTEUM_TRUSTED_PROXIES, EUTTEUM_LOG_LEVEL, EUTTEUM_LOG_FORMAT, EUTTEUM_SMTP_URL,
EUTTEUM_MAIL_OUTBOX, EUTTEUM_PUBLIC_URL (see README.md).
`

const databaseName = "eutteum"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	cfg, err := config.FromEnv()
	if err != nil {
		fmt.Fprintln(os.Stderr, "eutteum:", err)
		os.Exit(2)
	}
	setupLogging(cfg)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch os.Args[1] {
	case "serve":
		err = serve(ctx, cfg)
	case "migrate":
		err = withDatabase(ctx, cfg, func(ctx context.Context, pool *pgxpool.Pool) error { return nil })
	case "seed":
		err = withDatabase(ctx, cfg, func(ctx context.Context, pool *pgxpool.Pool) error {
			a, err := newApp(ctx, pool, cfg, nil)
			if err != nil {
				return err
			}
			res, err := seed.Demo(ctx, a)
			if err != nil {
				return err
			}
			slog.Info("demo data loaded", "new_agencies", res.Agencies, "new_users", res.Users, "new_teams", res.Teams, "new_rounds", res.Rounds, "new_cases", res.Cases, "new_archive_entries", res.Archived)
			return nil
		})
	case "db":
		err = dbCommand(ctx, cfg, os.Args[2:])
	case "import":
		err = importCommand(ctx, cfg, os.Args[2:])
	case "backup":
		err = backupCommand(ctx, cfg, os.Args[2:])
	case "restore":
		err = restoreCommand(ctx, cfg, os.Args[2:])
	case "help", "-h", "--help":
		fmt.Print(usage)
	default:
		fmt.Fprintf(os.Stderr, "eutteum: unknown command %q\n\n%s", os.Args[1], usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "eutteum:", err)
		os.Exit(1)
	}
}

func setupLogging(cfg config.Config) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewJSONHandler(os.Stderr, opts)
	if strings.EqualFold(cfg.LogFormat, "text") {
		h = slog.NewTextHandler(os.Stderr, opts)
	}
	slog.SetDefault(slog.New(h))
}

func settings(cfg config.Config) (app.Settings, error) {
	s := app.DefaultSettings()
	mailer, err := mail.New(cfg.SMTPURL, cfg.MailOutbox, slog.Default())
	if err != nil {
		return s, err
	}
	s.Mailer = mailer
	s.PublicURL = cfg.PublicURL
	s.JWTKey = cfg.JWTKey
	s.AccessTTL = cfg.AccessTTL
	s.Accounts.OpenSignup = cfg.OpenSignup
	s.WebDir = cfg.WebDir
	s.SecureCookies = cfg.SecureCookies
	s.TrustedProxies = cfg.TrustedProxies
	return s, nil
}

// newApp assembles the application with the configured settings.
// A server reads its archive search and public pages from replica when there is one.
func newApp(ctx context.Context, pool *pgxpool.Pool, cfg config.Config, replica *pgxpool.Pool) (*app.App, error) {
	s, err := settings(cfg)
	if err != nil {
		return nil, err
	}
	s.ReadReplica = replica
	return app.New(ctx, pool, s)
}

// withDatabase opens the configured database (starting the embedded cluster when
// DATABASE_URL is unset, and stopping it afterwards if it was started here), migrates it,
// brings the archive's search index up to the current tokenizer, and runs fn.
func withDatabase(ctx context.Context, cfg config.Config, fn func(context.Context, *pgxpool.Pool) error) error {
	return withDatabaseURL(ctx, cfg, func(ctx context.Context, url string) error {
		pool, err := store.Open(ctx, url)
		if err != nil {
			return err
		}
		defer pool.Close()
		if err := store.MigratePool(ctx, pool); err != nil {
			return err
		}
		if n, err := archive.Reindex(ctx, store.New(pool)); err != nil {
			return err
		} else if n > 0 {
			slog.Info("archive search index rebuilt", "entries", n, "tokenizer", textsearch.Version)
		}
		return fn(ctx, pool)
	})
}

// withDatabaseURL runs fn with the configured database's URL: DATABASE_URL, or else the
// embedded cluster's database, started for fn and stopped afterwards if it was started
// here. Nothing is migrated.
func withDatabaseURL(ctx context.Context, cfg config.Config, fn func(context.Context, string) error) (err error) {
	url := cfg.DatabaseURL
	if url == "" {
		cluster, err := pgcluster.New(pgcluster.Options{DataDir: cfg.DataDir, Logger: slog.Default()})
		if err != nil {
			return err
		}
		started, err := cluster.Start(ctx)
		if err != nil {
			return err
		}
		if started {
			defer func() {
				// The caller's context may be cancelled by the signal that ends us; stopping
				// the cluster must still happen.
				stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				if stopErr := cluster.Stop(stopCtx); stopErr != nil {
					err = errors.Join(err, stopErr)
				} else {
					slog.Info("embedded PostgreSQL stopped")
				}
			}()
		}
		if err := cluster.EnsureDatabase(ctx, databaseName); err != nil {
			return err
		}
		url = cluster.URL(databaseName)
	}
	return fn(ctx, url)
}

func serve(ctx context.Context, cfg config.Config) error {
	tuneGC()
	return withDatabase(ctx, cfg, func(ctx context.Context, pool *pgxpool.Pool) error {
		var replica *pgxpool.Pool
		if cfg.ReadDatabaseURL != "" {
			var err error
			if replica, err = store.OpenReplica(ctx, cfg.ReadDatabaseURL); err != nil {
				return err
			}
			// Closed after the last request has drained.
			defer replica.Close()
		}
		a, err := newApp(ctx, pool, cfg, replica)
		if err != nil {
			return err
		}
		go housekeeping(ctx, pool)
		srv := httpapi.NewHTTPServer(cfg.Addr, a.Handler)
		errc := make(chan error, 1)
		go func() { errc <- srv.ListenAndServe() }()
		slog.Info("serving", "addr", cfg.Addr, "web_dir", cfg.WebDir)
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
		}
		slog.Info("shutting down: draining in-flight requests")
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
}

// tuneGC trades memory for CPU where the operator has not chosen: the live heap of a
// serving process is small (tens of MiB), so collecting at 4× instead of 2× of it spends
// far less CPU on garbage collection under load, and the soft limit keeps a burst from
// growing the heap without bound.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(512 << 20)
	}
}

func dbCommand(ctx context.Context, cfg config.Config, args []string) error {
	if len(args) == 0 {
		return errors.New("db needs one of: start, stop, status, url")
	}
	cluster, err := pgcluster.New(pgcluster.Options{DataDir: cfg.DataDir, Logger: slog.Default()})
	if err != nil {
		return err
	}
	switch args[0] {
	case "start":
		_, err := cluster.Start(ctx)
		return err
	case "stop":
		return cluster.Stop(ctx)
	case "status":
		if cluster.Running() {
			fmt.Printf("running (data %s)\n", cluster.DataDir())
			return nil
		}
		fmt.Printf("stopped (data %s)\n", cluster.DataDir())
		return nil
	case "url":
		name := databaseName
		if len(args) > 1 {
			name = args[1]
		}
		if !cluster.Running() {
			return errors.New("the embedded cluster is not running: run `eutteum db start` first")
		}
		if err := cluster.EnsureDatabase(ctx, name); err != nil {
			return err
		}
		fmt.Println(cluster.URL(name))
		return nil
	}
	return fmt.Errorf("unknown db command %q", args[0])
}

func importCommand(ctx context.Context, cfg config.Config, args []string) error {
	usage := errors.New("usage: eutteum import cases FILE [--create-agencies]")
	if len(args) == 0 || args[0] != "cases" {
		return usage
	}
	path, create, ok := fileAndSwitch(args[1:], "create-agencies")
	if !ok {
		return usage
	}
	tuneGC() // a long import allocates and frees a batch at a time, like a busy server
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	started := time.Now()
	return withDatabase(ctx, cfg, func(ctx context.Context, pool *pgxpool.Pool) error {
		a, err := newApp(ctx, pool, cfg, nil)
		if err != nil {
			return err
		}
		format := ""
		if strings.HasSuffix(strings.ToLower(path), ".jsonl") {
			format = "jsonl"
		}
		report, err := a.Archive.Import(ctx, account.Operator(), a.Accounts, f, archive.ImportOptions{
			Format: format, CreateAgencies: create, Progress: progressBar(info.Size()),
		})
		fmt.Fprintln(os.Stderr)
		if err != nil {
			return err
		}
		took := time.Since(started)
		fmt.Printf("행 %d: 새로 %d, 바뀜 %d, 그대로 %d, 거부 %d (%.1f초, 초당 %.0f행)\n", report.Rows, report.Imported, report.Updated,
			report.Unchanged, len(report.Rejected), took.Seconds(), float64(report.Rows)/max(took.Seconds(), 0.001))
		for _, r := range report.Rejected {
			fmt.Printf("  %d행 %s: %s\n", r.Line, r.Field, r.Reason)
		}
		if len(report.NewAgencies) > 0 {
			fmt.Printf("새 기관: %s\n", strings.Join(report.NewAgencies, ", "))
		}
		return nil
	})
}

func backupCommand(ctx context.Context, cfg config.Config, args []string) error {
	usage := errors.New("usage: eutteum backup [-o FILE]")
	path := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-o" || a == "--output" || a == "-output":
			if i+1 >= len(args) || path != "" {
				return usage
			}
			i++
			path = args[i]
		case strings.HasPrefix(a, "-o="), strings.HasPrefix(a, "--output="), strings.HasPrefix(a, "-output="):
			if path != "" {
				return usage
			}
			_, path, _ = strings.Cut(a, "=")
		default:
			return usage
		}
	}
	if path == "" {
		path = backup.FileName(time.Now())
	}
	return withDatabaseURL(ctx, cfg, func(ctx context.Context, url string) error {
		res, err := backup.Backup(ctx, url, path)
		if err != nil {
			return err
		}
		fmt.Printf("%s\t%s\t(database %s, schema version %d)\n", res.Path, humanSize(res.Size), res.Database, res.SchemaVersion)
		return nil
	})
}

func restoreCommand(ctx context.Context, cfg config.Config, args []string) error {
	usage := errors.New("usage: eutteum restore FILE [--force]")
	path, force, ok := fileAndSwitch(args, "force")
	if !ok {
		return usage
	}
	return withDatabaseURL(ctx, cfg, func(ctx context.Context, url string) error {
		res, err := backup.Restore(ctx, url, path, backup.RestoreOptions{Force: force})
		if err != nil {
			return err
		}
		fmt.Printf("restored %s into database %s (schema version %d)\n", res.Path, res.Database, res.SchemaVersion)
		return nil
	})
}

// fileAndSwitch reads the arguments of a command taking one file and one optional switch
// (--name or -name), in any order; ok is false for anything else.
func fileAndSwitch(args []string, name string) (file string, set, ok bool) {
	var files []string
	for _, a := range args {
		switch a {
		case "--" + name, "-" + name:
			set = true
		default:
			if strings.HasPrefix(a, "-") {
				return "", false, false
			}
			files = append(files, a)
		}
	}
	if len(files) != 1 {
		return "", false, false
	}
	return files[0], set, true
}

// humanSize writes n bytes the way ls -h does, in powers of 1024.
func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// progressBar draws the import's progress on standard error when that is a terminal. The
// share done is of the file's bytes, which the import reports as it streams, so the bar is
// true for any file size without counting its lines first.
func progressBar(size int64) func(rows int, read int64) {
	if info, err := os.Stderr.Stat(); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	size = max(size, 1)
	return func(rows int, read int64) {
		pct := int(min(100, read*100/size))
		fmt.Fprintf(os.Stderr, "\r가져오는 중 %d행 [%-30s] %3d%%", rows, strings.Repeat("#", pct*30/100), pct)
	}
}

// housekeeping deletes shared state that has run out: remembered answers older than a
// day and rate-limit budgets that are whole again. Every server runs it; the deletes are
// idempotent, so running it N times costs only the scans.
func housekeeping(ctx context.Context, pool *pgxpool.Pool) {
	keys := idempotency.New(pool)
	limiter := ratelimit.New(pool)
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		if err := keys.Expire(ctx); err != nil && ctx.Err() == nil {
			slog.Warn("expiring idempotency keys failed", "error", err)
		}
		if _, err := limiter.Expire(ctx); err != nil && ctx.Err() == nil {
			slog.Warn("expiring rate limits failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
