// Package servertest helps tests that run the real server binary as a process of its own.
package servertest

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Binary is bin/eutteum as scripts/test builds it (EUTTEUM_BIN), or a fresh build.
func Binary(t *testing.T) string {
	t.Helper()
	if b := os.Getenv("EUTTEUM_BIN"); b != "" {
		return b
	}
	out := filepath.Join(t.TempDir(), "eutteum")
	cmd := exec.Command("go", "build", "-o", out, "eutteum/api/cmd/eutteum")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, b)
	}
	return out
}

// FreeAddr is a loopback address with a port nothing listens on now.
func FreeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
