// Package testdb gives each test its own PostgreSQL database, cloned from a template that
// was migrated once (pgtestdb). Tests run on real PostgreSQL: TEST_DATABASE_URL names the
// server, or else the embedded cluster under <repo>/.data/postgres-test is started.
package testdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver pgtestdb uses
	"github.com/peterldowns/pgtestdb"

	"eutteum/api/pgcluster"
	"eutteum/api/store"
	"eutteum/db"
)

var (
	serverOnce sync.Once
	serverConf pgtestdb.Config
	serverErr  error
)

// New returns a pool on a fresh, migrated database that is dropped when the test ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	return NewTraced(t, nil)
}

// NewTraced is New with tracer on every connection of the pool (see store.OpenTraced).
func NewTraced(t testing.TB, tracer pgx.QueryTracer) *pgxpool.Pool {
	t.Helper()
	conf := server(t)
	dbConf := pgtestdb.Custom(t, conf, migrator{})
	pool, err := store.OpenTraced(context.Background(), dbConf.URL(), tracer)
	if err != nil {
		t.Fatalf("testdb: connect to test database: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// URL returns the connection URL of a fresh, migrated database, for tests that start the
// server binary themselves.
func URL(t testing.TB) string {
	t.Helper()
	return pgtestdb.Custom(t, server(t), migrator{}).URL()
}

// EmptyURL returns the connection URL of a fresh database with no schema at all, as
// CREATE DATABASE makes it, dropped when the test ends.
func EmptyURL(t testing.TB) string {
	t.Helper()
	return pgtestdb.Custom(t, server(t), pgtestdb.NoopMigrator{}).URL()
}

func server(t testing.TB) pgtestdb.Config {
	serverOnce.Do(func() { serverConf, serverErr = resolveServer() })
	if serverErr != nil {
		t.Fatalf("testdb: %v", serverErr)
	}
	return serverConf
}

func resolveServer() (pgtestdb.Config, error) {
	raw := os.Getenv("TEST_DATABASE_URL")
	if raw == "" {
		root, err := repoRoot()
		if err != nil {
			return pgtestdb.Config{}, err
		}
		cluster, err := pgcluster.New(pgcluster.Options{DataDir: filepath.Join(root, ".data", "postgres-test")})
		if err != nil {
			return pgtestdb.Config{}, err
		}
		// Left running for the next test binary; `eutteum db stop` with
		// EUTTEUM_DATA_DIR=.data/postgres-test stops it.
		if _, err := cluster.Start(context.Background()); err != nil {
			return pgtestdb.Config{}, err
		}
		raw = cluster.URL("postgres")
	}
	pc, err := pgx.ParseConfig(raw)
	if err != nil {
		return pgtestdb.Config{}, fmt.Errorf("TEST_DATABASE_URL: %w", err)
	}
	conf := pgtestdb.Config{
		DriverName:                "pgx",
		Host:                      pc.Host,
		Port:                      fmt.Sprint(pc.Port),
		User:                      pc.User,
		Password:                  pc.Password,
		Database:                  pc.Database,
		Options:                   "sslmode=disable",
		ForceTerminateConnections: true,
	}
	if strings.HasPrefix(pc.Host, "/") {
		// pgtestdb writes host:port into a URL; a unix socket directory goes in the query.
		conf.Host = "localhost"
		conf.Options = "host=" + url.QueryEscape(pc.Host) + "&sslmode=disable"
	}
	return conf, nil
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// migrator builds the template with the same tern migrations the server runs.
type migrator struct{}

func (migrator) Hash() (string, error) {
	h := sha256.New()
	names, err := fs.Glob(db.Migrations, "migrations/*.sql")
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	for _, name := range names {
		content, err := fs.ReadFile(db.Migrations, name)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(content))
		h.Write(content)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (migrator) Migrate(ctx context.Context, _ *sql.DB, conf pgtestdb.Config) error {
	conn, err := pgx.Connect(ctx, conf.URL())
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return store.Migrate(ctx, conn)
}
