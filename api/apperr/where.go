package apperr

import (
	"fmt"
	"runtime"
	"strings"
)

// WithOperation prefixes an internal cause with the operation that met it, found on the
// caller's stack ("cases.Service.Update: no rows in result set"), so that a log line says
// where a failure happened without every call site spelling it out. Frames of this package,
// of dberr and of one-line helpers named fail are passed over. It runs only on the way to
// an error, never on a request that succeeds.
func WithOperation(err error) error {
	if err == nil {
		return nil
	}
	if op := operation(); op != "" {
		return fmt.Errorf("%s: %w", op, err)
	}
	return err
}

func operation() string {
	pcs := make([]uintptr, 16)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		name := f.Function
		switch {
		case name == "":
		case strings.HasPrefix(name, "eutteum/api/apperr."), strings.HasPrefix(name, "eutteum/api/dberr."),
			strings.HasSuffix(name, ".fail"):
		case strings.HasPrefix(name, "eutteum/api/"):
			return operationName(strings.TrimPrefix(name, "eutteum/api/"))
		default:
			return ""
		}
		if !more {
			return ""
		}
	}
}

// operationName makes "cases.(*Service).Update.func1" read "cases.Service.Update".
func operationName(fn string) string {
	fn = strings.NewReplacer("(*", "", ")", "").Replace(fn)
	parts := strings.Split(fn, ".")
	for len(parts) > 2 && (strings.HasPrefix(parts[len(parts)-1], "func") || isDigits(parts[len(parts)-1])) {
		parts = parts[:len(parts)-1]
	}
	return strings.Join(parts, ".")
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
