package pgcluster

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
)

// serverUser is the OS account the server runs as when we are root: initdb,
// pg_ctl and postgres all refuse to run as root.
const serverUser = "postgres"

// fallbackRoot holds the data of checkouts the server user cannot reach
// (typically a clone under /root, which is mode 0700). A variable for tests.
var fallbackRoot = "/var/lib/eutteum"

// account is the OS user the server programs are run as.
type account struct {
	name   string
	home   string
	uid    uint32
	gid    uint32
	groups []uint32 // supplementary groups, including gid
}

// lookupAccount resolves an OS user by name.
func lookupAccount(name string) (*account, error) {
	u, err := user.Lookup(name)
	if err != nil {
		return nil, err
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("user %s: bad uid %q", name, u.Uid)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("user %s: bad gid %q", name, u.Gid)
	}
	a := &account{name: u.Username, home: u.HomeDir, uid: uint32(uid), gid: uint32(gid)}
	a.groups = []uint32{a.gid}
	if ids, err := u.GroupIds(); err == nil {
		for _, s := range ids {
			if g, err := strconv.ParseUint(s, 10, 32); err == nil && !slices.Contains(a.groups, uint32(g)) {
				a.groups = append(a.groups, uint32(g))
			}
		}
	}
	return a, nil
}

// canSearch reports whether the account may traverse (search) a directory
// with the given owner, group and permission bits.
func (a *account) canSearch(uid, gid uint32, perm fs.FileMode) bool {
	switch {
	case uid == a.uid:
		return perm&0o100 != 0
	case slices.Contains(a.groups, gid):
		return perm&0o010 != 0
	default:
		return perm&0o001 != 0
	}
}

// canReach reports whether the account can get to path: every existing
// directory on the way must be searchable by it. Directories that do not
// exist yet are created later with mode 0755, so they do not block.
func (a *account) canReach(path string) bool {
	// Find the deepest existing ancestor and resolve symlinks from there, so
	// that the directories actually traversed are the ones checked.
	existing := filepath.Dir(path)
	for {
		if _, err := os.Stat(existing); err == nil {
			break
		}
		parent := filepath.Dir(existing)
		if parent == existing {
			return true
		}
		existing = parent
	}
	real, err := filepath.EvalSymlinks(existing)
	if err != nil {
		return false
	}
	for dir := real; ; dir = filepath.Dir(dir) {
		fi, err := os.Stat(dir)
		if err != nil {
			return false
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok || !a.canSearch(st.Uid, st.Gid, fi.Mode().Perm()) {
			return false
		}
		if parent := filepath.Dir(dir); parent == dir {
			return true
		}
	}
}

// shortHash is the first 8 hex digits of sha256(s).
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:8]
}

// fallbackDataDir is where the data of an unreachable data dir lives instead.
func fallbackDataDir(abs string) string {
	return filepath.Join(fallbackRoot, shortHash(abs), "postgres")
}

// mkdirAllMode creates dir and its missing parents with exactly mode perm
// (whatever the umask), so that the server user can traverse them.
func mkdirAllMode(dir string, perm fs.FileMode) error {
	fi, err := os.Stat(dir)
	if err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%s exists and is not a directory", dir)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := mkdirAllMode(parent, perm); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, perm); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return os.Chmod(dir, perm)
}
