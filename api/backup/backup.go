// Package backup writes and restores backups of Eutteum's database with PostgreSQL's
// own programs: pg_dump, pg_restore and psql. Attachment files are kept in the database
// (attachment_blobs), so the database archive is the whole backup: there is no directory
// of files beside it.
package backup

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/pgcluster"
	"eutteum/api/store"
)

var (
	// ErrNotEmpty: Restore was asked to write into a database that already holds tables,
	// without Force.
	ErrNotEmpty = errors.New("the database is not empty")
	// ErrNewerSchema: the backup was taken by a newer eutteum whose migrations this one
	// does not have.
	ErrNewerSchema = errors.New("the backup's schema is newer than this eutteum")
	// ErrNotBackup: the file is not a pg_dump archive of a migrated Eutteum database.
	ErrNotBackup = errors.New("not an eutteum backup")
	// ErrNotMigrated: Backup was asked to back up a database that has no Eutteum schema.
	ErrNotMigrated = errors.New("the database has no eutteum schema")
)

// archiveMagic opens every pg_dump custom-format archive.
var archiveMagic = []byte("PGDMP")

// Result describes a backup written or restored.
type Result struct {
	// Path is the archive file.
	Path string
	// Size is the archive's size in bytes.
	Size int64
	// SchemaVersion is the migration version recorded in the database the archive holds.
	SchemaVersion int32
	// Database is the name of the database backed up or restored into.
	Database string
}

// FileName is the default name of a backup taken at t, e.g. eutteum-20261125-103000.dump.
// Names sort by time.
func FileName(t time.Time) string {
	return "eutteum-" + t.Format("20060102-150405") + ".dump"
}

// Backup writes a pg_dump custom-format archive of the database at databaseURL to path,
// replacing an existing file only once the new archive is complete and has been read
// back. The file is readable by its owner only: it holds password hashes and the token
// signing key.
func Backup(ctx context.Context, databaseURL, path string) (Result, error) {
	target, err := newTarget(databaseURL)
	if err != nil {
		return Result{}, err
	}
	version, err := target.schemaVersion(ctx)
	if err != nil {
		return Result{}, err
	}
	if version < 0 {
		return Result{}, fmt.Errorf("back up database %q: %w: it has not been migrated (run eutteum migrate)", target.name, ErrNotMigrated)
	}
	pgDump, err := pgcluster.Program("pg_dump")
	if err != nil {
		return Result{}, err
	}

	abs, err := filepath.Abs(path)
	if err != nil {
		return Result{}, fmt.Errorf("backup file %s: %w", path, err)
	}
	dir := filepath.Dir(abs)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".*.partial")
	if err != nil {
		return Result{}, fmt.Errorf("create backup file in %s: %w", dir, err)
	}
	tmpName := tmp.Name()
	if err := tmp.Close(); err != nil {
		os.Remove(tmpName)
		return Result{}, fmt.Errorf("create backup file: %w", err)
	}
	keep := false
	defer func() {
		if !keep {
			os.Remove(tmpName)
		}
	}()

	if _, err := target.run(ctx, pgDump, "--format=custom", "--no-password", "--file="+tmpName, "--dbname="+target.conn); err != nil {
		return Result{}, fmt.Errorf("back up database %q: %w", target.name, err)
	}
	// Reading the version back proves the archive is complete enough for pg_restore
	// to find its way through it.
	archived, err := archiveSchemaVersion(ctx, tmpName)
	if err != nil {
		return Result{}, fmt.Errorf("check the new backup: %w", err)
	}
	if err := syncFile(tmpName); err != nil {
		return Result{}, err
	}
	if err := os.Rename(tmpName, abs); err != nil {
		return Result{}, fmt.Errorf("backup file %s: %w", path, err)
	}
	keep = true
	syncDir(dir)
	fi, err := os.Stat(abs)
	if err != nil {
		return Result{}, fmt.Errorf("backup file %s: %w", path, err)
	}
	return Result{Path: path, Size: fi.Size(), SchemaVersion: archived, Database: target.name}, nil
}

// copyVersion finds the version table's data in pg_restore's script output.
var copyVersion = regexp.MustCompile(`^COPY (?:"?[^ ]+"?\.)?"?` + store.VersionTable + `"? \(version\) FROM stdin;$`)

// archiveSchemaVersion reads the migration version held in an archive, without a
// database: pg_restore prints the version table's data as a script.
func archiveSchemaVersion(ctx context.Context, path string) (int32, error) {
	pgRestore, err := pgcluster.Program("pg_restore")
	if err != nil {
		return 0, err
	}
	out, err := run(ctx, "", pgRestore, "--data-only", "--table="+store.VersionTable, "--file=-", "--", path)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", path, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if !copyVersion.MatchString(sc.Text()) {
			continue
		}
		if !sc.Scan() {
			break
		}
		v, err := strconv.ParseInt(strings.TrimSpace(sc.Text()), 10, 32)
		if err != nil {
			break
		}
		return int32(v), nil
	}
	return 0, fmt.Errorf("%s: %w: it holds no %s table, so it is not a backup of a migrated eutteum database", path, ErrNotBackup, store.VersionTable)
}

// target is the database backed up or restored into.
type target struct {
	config   *pgx.ConnConfig
	name     string
	conn     string // connection string for the PostgreSQL programs, without the password
	password string
}

func newTarget(databaseURL string) (*target, error) {
	// pgx's parse errors may quote the URL, password included. The pool's parser is the
	// server's, which accepts (and takes out) the pool_* settings.
	poolCfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, errUnparsable
	}
	cfg := poolCfg.ConnConfig
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["application_name"] = "eutteum-backup"
	conn, password, err := clientConnString(databaseURL)
	if err != nil {
		return nil, err
	}
	return &target{config: cfg, name: cfg.Database, conn: conn, password: password}, nil
}

func (t *target) connect(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, t.config.Copy())
	if err != nil {
		return nil, fmt.Errorf("connect to database %q: %w", t.name, err)
	}
	return conn, nil
}

func (t *target) exec(ctx context.Context, sql string) error {
	conn, err := t.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, err = conn.Exec(ctx, sql)
	return err
}

// schemaVersion is the database's migration version, or -1 when it has no version
// table.
func (t *target) schemaVersion(ctx context.Context) (int32, error) {
	conn, err := t.connect(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return versionOf(ctx, conn)
}

func versionOf(ctx context.Context, conn *pgx.Conn) (int32, error) {
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", store.VersionTable).Scan(&exists); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	if !exists {
		return -1, nil
	}
	var v int32
	if err := conn.QueryRow(ctx, "SELECT version FROM "+store.VersionTable).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// userRelations counts the tables, views and sequences outside PostgreSQL's own schemas.
const userRelations = `
SELECT count(*) FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%'
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`

// checkEmpty refuses a database that already holds tables: restoring over them would
// fail half-way or, worse, mix two databases' rows.
func (t *target) checkEmpty(ctx context.Context) error {
	conn, err := t.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var n int
	if err := conn.QueryRow(ctx, userRelations).Scan(&n); err != nil {
		return fmt.Errorf("check database %q is empty: %w", t.name, err)
	}
	if n == 0 {
		return nil
	}
	what := fmt.Sprintf("%d tables, views or sequences", n)
	if v, err := versionOf(ctx, conn); err == nil && v >= 0 {
		what += fmt.Sprintf(", eutteum schema version %d", v)
	}
	return fmt.Errorf("restore into database %q: %w (%s): restore into a new, empty database, or pass --force to replace the objects the backup contains",
		t.name, ErrNotEmpty, what)
}

func (t *target) run(ctx context.Context, prog string, args ...string) ([]byte, error) {
	return run(ctx, t.password, prog, args...)
}

// env is the environment of a PostgreSQL program connecting to the target.
func (t *target) env() []string {
	return programEnv(t.password)
}

func (t *target) programError(name string, err error, stderr string) error {
	return programError(name, err, stderr, t.password)
}

// programEnv passes our environment on, as pgx also reads the PG* variables, with the
// password in PGPASSWORD.
func programEnv(password string) []string {
	env := os.Environ()
	if password != "" {
		env = append(env, "PGPASSWORD="+password)
	}
	return env
}

// programError carries the end of a program's standard error, with the password masked
// should a server ever echo it.
func programError(name string, err error, stderr, password string) error {
	msg := tail(stderr, 10)
	if password != "" {
		msg = strings.ReplaceAll(msg, password, "xxxxx")
	}
	if msg == "" {
		return fmt.Errorf("%s: %w", name, err)
	}
	return fmt.Errorf("%s: %w: %s", name, err, msg)
}

// run runs a PostgreSQL program and returns its standard output.
func run(ctx context.Context, password, prog string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Env = programEnv(password)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(prog), ctx.Err())
	}
	if err != nil {
		return nil, programError(filepath.Base(prog), err, stderr.String(), password)
	}
	return stdout.Bytes(), nil
}

// tail returns the last n non-empty lines of s on one line each.
func tail(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("sync backup file: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync backup file: %w", err)
	}
	return nil
}

// syncDir makes a rename durable; file systems that cannot sync a directory are no
// reason to fail a finished backup.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
