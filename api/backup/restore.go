package backup

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"

	"eutteum/api/pgcluster"
	"eutteum/api/store"
)

// RestoreOptions changes how Restore treats the database it writes into.
type RestoreOptions struct {
	// Force restores into a database that already holds tables: the objects the
	// backup contains are dropped and recreated (pg_restore --clean --if-exists).
	// Objects the backup does not contain are left alone.
	Force bool
}

// Restore loads the archive at path into the database at databaseURL, in one
// transaction: it either restores everything or changes nothing. It refuses a file that
// is not an Eutteum backup, a backup whose schema is newer than this binary's
// migrations, and (without opts.Force) a database that is not empty.
func Restore(ctx context.Context, databaseURL, path string, opts RestoreOptions) (Result, error) {
	fi, err := checkArchive(path)
	if err != nil {
		return Result{}, err
	}
	archived, err := archiveSchemaVersion(ctx, path)
	if err != nil {
		return Result{}, err
	}
	latest, err := store.LatestVersion()
	if err != nil {
		return Result{}, err
	}
	if archived > latest {
		return Result{}, fmt.Errorf("%s: %w: it is at schema version %d and this eutteum knows versions up to %d; restore it with the eutteum that made it, or a newer one",
			path, ErrNewerSchema, archived, latest)
	}
	schemas, err := functionSchemas(ctx, path)
	if err != nil {
		return Result{}, err
	}
	target, err := newTarget(databaseURL)
	if err != nil {
		return Result{}, err
	}
	if !opts.Force {
		if err := target.checkEmpty(ctx); err != nil {
			return Result{}, err
		}
	}
	if err := target.restore(ctx, path, schemas, opts.Force); err != nil {
		return Result{}, fmt.Errorf("restore into database %q (nothing was changed): %w", target.name, err)
	}

	restored, err := target.schemaVersion(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("check the restored database: %w", err)
	}
	if restored != archived {
		return Result{}, fmt.Errorf("check the restored database %q: schema version %d, but the backup holds %d", target.name, restored, archived)
	}
	// pg_restore leaves the planner without statistics until autovacuum comes round.
	if err := target.exec(ctx, "ANALYZE"); err != nil {
		return Result{}, fmt.Errorf("analyze the restored database %q: %w", target.name, err)
	}
	return Result{Path: path, Size: fi.Size(), SchemaVersion: restored, Database: target.name}, nil
}

// restore has pg_restore write the archive out as an SQL script and psql run it,
// rather than pg_restore loading the database itself, for one reason: the script empties
// search_path, and functions of the schema call each other and its tables by bare name
// (in backups from before migration 011, the generated search column's search_vector
// called search_tokens while rows were loaded; since then, the archive's facet triggers),
// so the stream gets one statement added after the script's own, putting the schemas that
// hold them back on the path.
//
// The whole script is one transaction: pg_restore --single-transaction opens it with
// BEGIN and writes COMMIT only after the last object, so if pg_restore fails half-way
// psql reaches the end of its input without COMMIT, and PostgreSQL rolls everything back
// when psql disconnects. psql stops at the first error (ON_ERROR_STOP), with the same
// result.
func (t *target) restore(ctx context.Context, path string, schemas []string, clean bool) error {
	pgRestore, err := pgcluster.Program("pg_restore")
	if err != nil {
		return err
	}
	psql, err := pgcluster.Program("psql")
	if err != nil {
		return err
	}
	// Objects are owned by whoever restores: the role that owned them where the backup
	// was taken (postgres in the embedded cluster) need not exist here.
	args := []string{"--no-owner", "--exit-on-error", "--single-transaction"}
	if clean {
		args = append(args, "--clean", "--if-exists")
	}
	args = append(args, "--file=-", "--", path)
	script := exec.CommandContext(ctx, pgRestore, args...)
	script.WaitDelay = 5 * time.Second
	var scriptErr bytes.Buffer
	script.Stderr = &scriptErr
	scriptOut, err := script.StdoutPipe()
	if err != nil {
		return err
	}

	load := exec.CommandContext(ctx, psql, "--no-psqlrc", "--quiet", "--no-password",
		"--set=ON_ERROR_STOP=1", "--file=-", "--dbname="+t.conn)
	load.Env = t.env()
	load.WaitDelay = 5 * time.Second
	var loadErr bytes.Buffer
	load.Stdout = io.Discard
	load.Stderr = &loadErr
	in, out := io.Pipe()
	load.Stdin = in

	if err := script.Start(); err != nil {
		return fmt.Errorf("pg_restore: %w", err)
	}
	go func() {
		out.CloseWithError(withSearchPath(out, scriptOut, schemas))
	}()
	loadRunErr := load.Run()
	// psql may have stopped reading early: release the copying goroutine and let
	// pg_restore end on a closed pipe rather than wait for a reader.
	in.Close()
	scriptOut.Close()
	scriptRunErr := script.Wait()

	if ctx.Err() != nil {
		return ctx.Err()
	}
	if loadRunErr != nil {
		return t.programError("psql", loadRunErr, loadErr.String())
	}
	if scriptRunErr != nil {
		return t.programError("pg_restore", scriptRunErr, scriptErr.String())
	}
	return nil
}

// emptySearchPath is the line of pg_restore's script header that empties search_path.
const emptySearchPath = "SELECT pg_catalog.set_config('search_path', '', false);"

// withSearchPath copies script to w, adding a statement that sets search_path to
// schemas right after the header's line emptying it. The header is short: the line is
// looked for only among the first lines.
func withSearchPath(w io.Writer, script io.Reader, schemas []string) error {
	br := bufio.NewReaderSize(script, 64<<10)
	if len(schemas) > 0 {
		for range 100 {
			line, err := br.ReadString('\n')
			if _, werr := io.WriteString(w, line); werr != nil {
				return werr
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if strings.TrimSpace(line) == emptySearchPath {
				stmt := "SELECT pg_catalog.set_config('search_path', " + quoteLiteral(searchPath(schemas)) + ", false);\n"
				if _, err := io.WriteString(w, stmt); err != nil {
					return err
				}
				break
			}
		}
	}
	_, err := io.Copy(w, br)
	return err
}

// searchPath is the search_path setting naming schemas.
func searchPath(schemas []string) string {
	quoted := make([]string, len(schemas))
	for i, s := range schemas {
		quoted[i] = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return strings.Join(quoted, ", ")
}

func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// listedFunction matches a function in pg_restore --list output, e.g.
// "252; 1255 61523 FUNCTION public search_tokens(text) postgres".
var listedFunction = regexp.MustCompile(`^\d+; \d+ \d+ FUNCTION (\S+) `)

// functionSchemas lists the schemas holding the archive's functions, in order of first
// appearance.
func functionSchemas(ctx context.Context, path string) ([]string, error) {
	pgRestore, err := pgcluster.Program("pg_restore")
	if err != nil {
		return nil, err
	}
	out, err := run(ctx, "", pgRestore, "--list", "--", path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var schemas []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if m := listedFunction.FindStringSubmatch(sc.Text()); m != nil && !seen[m[1]] {
			seen[m[1]] = true
			schemas = append(schemas, m[1])
		}
	}
	return schemas, sc.Err()
}

// checkArchive makes sure path is a pg_dump custom-format archive before anything is
// handed to pg_restore, whose own complaint about other files is obscure.
func checkArchive(path string) (os.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("backup file: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("backup file: %w", err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: %w: it is a directory", path, ErrNotBackup)
	}
	head := make([]byte, len(archiveMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, archiveMagic) {
		return nil, fmt.Errorf("%s: %w: not a pg_dump custom-format archive (eutteum backup writes those)", path, ErrNotBackup)
	}
	return fi, nil
}
