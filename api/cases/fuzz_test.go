package cases

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSniff: any bytes under any name get an allowed type or none, never a panic.
func FuzzSniff(f *testing.F) {
	f.Add("보고서.pdf", []byte("%PDF-1.7\n"))
	f.Add("사진.png", []byte("\x89PNG\r\n\x1a\n"))
	f.Add("계획서.hwp", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, []byte("HWP Document File")...))
	f.Add("지표.csv", []byte("a,b\n1,2\n"))
	f.Add("악성.pdf", []byte("MZ\x90\x00"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		got := sniff(name, data)
		if _, ok := allowedTypes[got]; got != "" && !ok {
			t.Fatalf("sniff returned %q", got)
		}
	})
}

// FuzzSafeFilename: no path, no control characters, always a name with the type's extension.
func FuzzSafeFilename(f *testing.F) {
	f.Add("../../etc/passwd")
	f.Add(`C:\Windows\보고서.pdf`)
	f.Add("성과 보고서 (최종).pdf")
	f.Add("\x00\n\r.pdf")
	f.Fuzz(func(t *testing.T, name string) {
		got := safeFilename(name, typePDF)
		if got == "" || strings.ContainsAny(got, "/\\\x00\r\n") || strings.Contains(got, "..") && !strings.HasSuffix(got, ".pdf") {
			t.Fatalf("safeFilename(%q) = %q", name, got)
		}
		if !utf8.ValidString(got) || !strings.HasSuffix(strings.ToLower(got), ".pdf") {
			t.Fatalf("safeFilename(%q) = %q", name, got)
		}
	})
}
