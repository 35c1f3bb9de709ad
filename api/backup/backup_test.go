package backup_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"eutteum/api/app"
	"eutteum/api/backup"
	"eutteum/api/seed"
	"eutteum/api/store"
	"eutteum/api/testdb"
)

// TestBackupAndRestore takes a backup of a database holding the demo data and an
// attachment, restores it into an empty database, and compares every table, sequence,
// index and constraint, and the file's bytes. Restoring over a database that holds data is
// refused unless forced, and forcing it brings that database back to the backup's state.
func TestBackupAndRestore(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	src := testdb.URL(t)
	pool, err := store.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, pool, app.DefaultSettings())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Demo(ctx, a); err != nil {
		t.Fatal(err)
	}
	// Random bytes, including every byte value, so that nothing about bytea's text form
	// can go unnoticed.
	file := make([]byte, 256<<10)
	rand.Read(file)
	for i := range 256 {
		file[i] = byte(i)
	}
	sum := sha256.Sum256(file)
	var caseID, userID uuid.UUID
	if err := pool.QueryRow(ctx, "SELECT id, created_by FROM cases ORDER BY created_at, id LIMIT 1").Scan(&caseID, &userID); err != nil {
		t.Fatal(err)
	}
	err = store.InTx(ctx, pool, func(q *store.Queries) error {
		if err := q.InsertBlob(ctx, store.InsertBlobParams{Sha256: sum[:], SizeBytes: int64(len(file)), Data: file}); err != nil {
			return err
		}
		_, err := q.CreateAttachment(ctx, store.CreateAttachmentParams{
			CaseID: caseID, Filename: "성과보고서.pdf", ContentType: "application/pdf",
			SizeBytes: int64(len(file)), Sha256: sum[:], CreatedBy: userID,
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// A restore over this database must not wait for the pool's sessions.
	pool.Close()

	original := fingerprint(t, ctx, src)
	for _, table := range []string{"public.agencies", "public.users", "public.cases", "public.archive_entries", "public.attachments", "public.attachment_blobs"} {
		if strings.HasPrefix(original["rows "+table], "0 ") {
			t.Fatalf("%s is empty: the demo data should fill it", table)
		}
	}

	path := filepath.Join(t.TempDir(), backup.FileName(time.Now()))
	made, err := backup.Backup(ctx, src, path)
	if err != nil {
		t.Fatal(err)
	}
	latest, err := store.LatestVersion()
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if made.Size != fi.Size() || made.Size < int64(len(file))/2 || made.SchemaVersion != latest {
		t.Fatalf("Backup = %+v; file %d bytes, want schema version %d", made, fi.Size(), latest)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Fatalf("backup file mode %v, want 0600: it holds password hashes", perm)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.partial")); len(leftovers) > 0 {
		t.Fatalf("temporary files left behind: %v", leftovers)
	}

	dst := testdb.EmptyURL(t)
	restored, err := backup.Restore(ctx, dst, path, backup.RestoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if restored.SchemaVersion != latest {
		t.Fatalf("Restore = %+v, want schema version %d", restored, latest)
	}
	sameFingerprint(t, "restored database", fingerprint(t, ctx, dst), original)

	conn, err := pgx.Connect(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	var data []byte
	var size int64
	var name string
	err = conn.QueryRow(ctx, `SELECT b.data, b.size_bytes, a.filename FROM attachments a
		JOIN attachment_blobs b ON b.sha256 = a.sha256 WHERE a.case_id = $1 AND a.sha256 = $2`, caseID, sum[:]).Scan(&data, &size, &name)
	conn.Close(ctx)
	if err != nil {
		t.Fatalf("the attachment is missing from the restored database: %v", err)
	}
	if got := sha256.Sum256(data); !bytes.Equal(data, file) || got != sum || size != int64(len(file)) || name != "성과보고서.pdf" {
		t.Fatalf("restored file: %d bytes (size_bytes %d), sha256 %x, name %q; want %d bytes, sha256 %x", len(data), size, got, name, len(file), sum)
	}

	// The source has moved on since the backup; restoring over it without --force must
	// change nothing.
	execSQL(t, ctx, src, "UPDATE agencies SET name = name || ' (개편)' WHERE id = (SELECT id FROM agencies ORDER BY id LIMIT 1)")
	moved := fingerprint(t, ctx, src)
	_, err = backup.Restore(ctx, src, path, backup.RestoreOptions{})
	if !errors.Is(err, backup.ErrNotEmpty) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("restore over a database holding data: got %v, want ErrNotEmpty naming --force", err)
	}
	noPassword(t, err, src)
	sameFingerprint(t, "database after a refused restore", fingerprint(t, ctx, src), moved)

	if _, err := backup.Restore(ctx, src, path, backup.RestoreOptions{Force: true}); err != nil {
		t.Fatalf("forced restore: %v", err)
	}
	sameFingerprint(t, "database after a forced restore", fingerprint(t, ctx, src), original)
}

// TestRestoreRefusesNewerSchema: a backup from a newer eutteum is not restored by an older
// one, which could neither run on it nor migrate it.
func TestRestoreRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	latest, err := store.LatestVersion()
	if err != nil {
		t.Fatal(err)
	}
	src := testdb.URL(t)
	execSQL(t, ctx, src, fmt.Sprintf("UPDATE schema_version SET version = %d", latest+1))
	path := filepath.Join(t.TempDir(), "newer.dump")
	if _, err := backup.Backup(ctx, src, path); err != nil {
		t.Fatal(err)
	}
	dst := testdb.EmptyURL(t)
	_, err = backup.Restore(ctx, dst, path, backup.RestoreOptions{})
	if !errors.Is(err, backup.ErrNewerSchema) || !strings.Contains(err.Error(), fmt.Sprint(latest+1)) {
		t.Fatalf("got %v, want ErrNewerSchema naming version %d", err, latest+1)
	}
	if fp := fingerprint(t, ctx, dst); len(fp) != 0 {
		t.Fatalf("the refused restore left %d objects behind", len(fp))
	}
}

// TestFailedRestoreChangesNothing breaks an archive in the middle of its data: the
// restore fails after the schema and some rows have gone in, and all of it is rolled back,
// both into an empty database and, forced, over one that holds data.
func TestFailedRestoreChangesNothing(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	src := testdb.URL(t)
	// Random bytes do not compress: this blob is most of the archive, and the middle of
	// the file falls inside it, after the tables that sort before attachment_blobs.
	file := make([]byte, 2<<20)
	rand.Read(file)
	sum := sha256.Sum256(file)
	conn, err := pgx.Connect(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(ctx, "INSERT INTO attachment_blobs (sha256, size_bytes, data) VALUES ($1, $2, $3)", sum[:], len(file), file)
	if err == nil {
		_, err = conn.Exec(ctx, "INSERT INTO agencies (name, level, region) VALUES ('부천시', 'basic', '경기')")
	}
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "broken.dump")
	if _, err := backup.Backup(ctx, src, path); err != nil {
		t.Fatal(err)
	}
	archive, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mid := len(archive) / 2
	for i := mid; i < mid+4096; i++ {
		archive[i] ^= 0x5a
	}
	if err := os.WriteFile(path, archive, 0o600); err != nil {
		t.Fatal(err)
	}

	dst := testdb.EmptyURL(t)
	_, err = backup.Restore(ctx, dst, path, backup.RestoreOptions{})
	if err == nil || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("restore of a broken archive: got %v, want a failure that changed nothing", err)
	}
	t.Logf("error: %v", err)
	if fp := fingerprint(t, ctx, dst); len(fp) != 0 {
		t.Fatalf("the failed restore left %d objects behind", len(fp))
	}

	execSQL(t, ctx, src, "UPDATE agencies SET name = '인천광역시'")
	before := fingerprint(t, ctx, src)
	if _, err := backup.Restore(ctx, src, path, backup.RestoreOptions{Force: true}); err == nil {
		t.Fatal("forced restore of a broken archive succeeded")
	}
	sameFingerprint(t, "database after a failed forced restore", fingerprint(t, ctx, src), before)
}

func TestRefusesWhatIsNotABackup(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	dst := testdb.EmptyURL(t)

	text := filepath.Join(t.TempDir(), "notes.dump")
	if err := os.WriteFile(text, []byte("-- not an archive\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Restore(ctx, dst, text, backup.RestoreOptions{}); !errors.Is(err, backup.ErrNotBackup) {
		t.Fatalf("restore of a text file: got %v, want ErrNotBackup", err)
	}
	if _, err := backup.Restore(ctx, dst, filepath.Join(t.TempDir(), "missing.dump"), backup.RestoreOptions{}); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("restore of a missing file: got %v, want ErrNotExist", err)
	}
	// An empty database has nothing to back up; saying so beats an archive that
	// restore would refuse.
	if _, err := backup.Backup(ctx, dst, filepath.Join(t.TempDir(), "empty.dump")); !errors.Is(err, backup.ErrNotMigrated) {
		t.Fatalf("backup of an empty database: got %v, want ErrNotMigrated", err)
	}
}

// TestErrorsKeepThePasswordOut: failures name the database, never the password in its URL.
func TestErrorsKeepThePasswordOut(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const secret = "s3cret-Passw0rd"

	src := testdb.URL(t)
	path := filepath.Join(t.TempDir(), "good.dump")
	if _, err := backup.Backup(ctx, src, path); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), secret)
	u.Path = "/no_such_database_" + strings.ReplaceAll(uuid.NewString(), "-", "")
	missing := u.String()

	_, err = backup.Backup(ctx, missing, filepath.Join(t.TempDir(), "x.dump"))
	noPassword(t, err, missing)
	// Forced, the restore goes straight to pg_restore, whose own message is passed on.
	_, err = backup.Restore(ctx, missing, path, backup.RestoreOptions{Force: true})
	noPassword(t, err, missing)
	_, err = backup.Backup(ctx, "postgres://someone:"+secret+"@db.invalid:port/eutteum", filepath.Join(t.TempDir(), "x.dump"))
	noPassword(t, err, secret)
	_, err = backup.Restore(ctx, "host=db.invalid password="+secret+" dbname='unterminated", path, backup.RestoreOptions{})
	noPassword(t, err, secret)
}

func noPassword(t *testing.T, err error, connString string) {
	t.Helper()
	if err == nil {
		t.Fatal("want an error")
	}
	password := connString
	if u, perr := url.Parse(connString); perr == nil && u.User != nil {
		password, _ = u.User.Password()
	}
	if password != "" && strings.Contains(err.Error(), password) {
		t.Fatalf("the error shows the password: %v", err)
	}
	t.Logf("error: %v", err)
}

func execSQL(t *testing.T, ctx context.Context, dbURL, sql string) {
	t.Helper()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatal(err)
	}
}

// fingerprint describes a database's contents outside PostgreSQL's own schemas: each
// table's row count and a hash of its rows, each sequence's position, and the definitions
// of indexes and constraints.
func fingerprint(t *testing.T, ctx context.Context, dbURL string) map[string]string {
	t.Helper()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	out := map[string]string{}
	collect := func(sql string) {
		t.Helper()
		rows, err := conn.Query(ctx, sql)
		if err != nil {
			t.Fatal(err)
		}
		pairs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
			var p [2]string
			return p, r.Scan(&p[0], &p[1])
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pairs {
			out[p[0]] = p[1]
		}
	}
	const userSchemas = "NOT IN ('pg_catalog', 'information_schema')"
	rows, err := conn.Query(ctx, "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname "+userSchemas)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		var count int64
		var hash string
		err := conn.QueryRow(ctx, "SELECT count(*), coalesce(md5(string_agg(r::text, E'\\n' ORDER BY r::text)), '') FROM "+table+" r").Scan(&count, &hash)
		if err != nil {
			t.Fatal(err)
		}
		out["rows "+table] = fmt.Sprintf("%d %s", count, hash)
	}
	collect("SELECT format('sequence %I.%I', schemaname, sequencename), coalesce(last_value::text, 'unused') FROM pg_sequences WHERE schemaname " + userSchemas)
	collect("SELECT format('index %I.%I', schemaname, indexname), indexdef FROM pg_indexes WHERE schemaname " + userSchemas)
	collect(`SELECT format('constraint %s %I', c.conrelid::regclass, c.conname), pg_get_constraintdef(c.oid)
		FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname ` + userSchemas)
	return out
}

func sameFingerprint(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	var diffs []string
	for k, v := range want {
		if got[k] != v {
			diffs = append(diffs, fmt.Sprintf("%s: %q, want %q", k, got[k], v))
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: %q, not in the original", k, v))
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		t.Fatalf("%s differs from the original in %d places:\n%s", what, len(diffs), strings.Join(diffs, "\n"))
	}
}
