package pgcluster

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ErrBinariesMissing is returned (wrapped in a one-line explanation) by New
// when the PostgreSQL server programs initdb, pg_ctl and postgres cannot be
// found.
var ErrBinariesMissing = errors.New("PostgreSQL server binaries not found")

// ErrProgramMissing is returned (wrapped) by Program when the program cannot
// be found.
var ErrProgramMissing = errors.New("PostgreSQL program not found")

// serverPrograms are the programs a cluster needs, all from one installation.
var serverPrograms = []string{"initdb", "pg_ctl", "postgres"}

// versionedBinGlobs are searched, highest version first, when the programs are
// not on PATH. Debian/Ubuntu install them under /usr/lib/postgresql/<v>/bin,
// RPM-based systems under /usr/pgsql-<v>/bin. A variable so tests can point it
// elsewhere.
var versionedBinGlobs = []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin"}

// binaries holds the absolute paths of the server programs.
type binaries struct {
	dir      string // directory holding all three (empty when they were found one by one)
	initdb   string
	pgCtl    string
	postgres string
}

// findBinaries locates initdb, pg_ctl and postgres: on PATH first, otherwise
// in the highest-versioned directory matching versionedBinGlobs.
func findBinaries() (binaries, error) {
	// pg_ctl on PATH is often a symlink (Debian's /usr/bin wrappers, or a
	// hand-made /usr/local/bin link): prefer the real directory behind it so
	// that all three programs come from the same installation.
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			if b, ok := binariesIn(filepath.Dir(real)); ok {
				return b, nil
			}
		}
		if b, ok := binariesIn(filepath.Dir(p)); ok {
			return b, nil
		}
	}
	var b binaries
	var found []string
	for _, name := range serverPrograms {
		p, err := exec.LookPath(name)
		if err != nil {
			break
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		found = append(found, p)
	}
	if len(found) == len(serverPrograms) {
		b.initdb, b.pgCtl, b.postgres = found[0], found[1], found[2]
		return b, nil
	}

	for _, dir := range versionedBinDirs() {
		if b, ok := binariesIn(dir); ok {
			return b, nil
		}
	}
	return binaries{}, missingError{}
}

// missingError is the one-line message New returns when the programs are
// missing; errors.Is(err, ErrBinariesMissing) holds for it.
type missingError struct{}

func (missingError) Error() string {
	return `PostgreSQL server binaries (initdb, pg_ctl) not found: install them with "apt-get install postgresql" (Debian/Ubuntu) or put them on PATH`
}

func (missingError) Unwrap() error { return ErrBinariesMissing }

// binariesIn reports whether dir holds all the server programs as executables.
func binariesIn(dir string) (binaries, bool) {
	b := binaries{dir: dir}
	paths := make([]string, len(serverPrograms))
	for i, name := range serverPrograms {
		p := filepath.Join(dir, name)
		if !isExecutable(p) {
			return binaries{}, false
		}
		paths[i] = p
	}
	b.initdb, b.pgCtl, b.postgres = paths[0], paths[1], paths[2]
	return b, true
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode().Perm()&0o111 != 0
}

// Program returns the path of another PostgreSQL program, such as pg_dump or
// pg_restore. It looks first beside the server programs the cluster would use:
// pg_dump refuses to dump a server newer than itself, and the embedded
// cluster runs those server programs. Then it looks on PATH (a machine with
// only the client package, talking to a server of its own), then in the
// versioned installation directories, highest version first.
func Program(name string) (string, error) {
	if b, err := findBinaries(); err == nil {
		dir := b.dir
		if dir == "" {
			dir = filepath.Dir(b.pgCtl)
		}
		if p := filepath.Join(dir, name); isExecutable(p) {
			return p, nil
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		return p, nil
	}
	for _, dir := range versionedBinDirs() {
		if p := filepath.Join(dir, name); isExecutable(p) {
			return p, nil
		}
	}
	return "", programMissingError{name}
}

// programMissingError is Program's one-line message; errors.Is(err,
// ErrProgramMissing) holds for it.
type programMissingError struct{ name string }

func (e programMissingError) Error() string {
	return fmt.Sprintf(`PostgreSQL program %s not found: install it with "apt-get install postgresql-client" (Debian/Ubuntu) or put it on PATH`, e.name)
}

func (programMissingError) Unwrap() error { return ErrProgramMissing }

// versionedBinDirs lists the directories matching versionedBinGlobs, highest
// version first.
func versionedBinDirs() []string {
	type cand struct {
		dir string
		ver []int
	}
	var cands []cand
	for _, g := range versionedBinGlobs {
		matches, _ := filepath.Glob(g)
		for _, m := range matches {
			cands = append(cands, cand{dir: m, ver: parseVersion(m)})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		return compareVersions(cands[i].ver, cands[j].ver) > 0
	})
	out := make([]string, len(cands))
	for i, c := range cands {
		out[i] = c.dir
	}
	return out
}

// parseVersion extracts the numeric version from a path such as
// /usr/lib/postgresql/15/bin or /usr/pgsql-9.6/bin: the name of the
// directory holding bin.
func parseVersion(path string) []int {
	name := strings.TrimPrefix(filepath.Base(filepath.Dir(path)), "pgsql-")
	var ver []int
	for _, f := range strings.Split(name, ".") {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil
		}
		ver = append(ver, n)
	}
	return ver
}

func compareVersions(a, b []int) int {
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y int
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			if x > y {
				return 1
			}
			return -1
		}
	}
	return 0
}
