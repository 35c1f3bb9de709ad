package cases

import (
	"bytes"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"
)

// Types accepted as attachments, by the type read from the content.
const (
	typePDF  = "application/pdf"
	typeHWP  = "application/x-hwp"
	typeHWPX = "application/hwp+zip"
	typeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	typeCSV  = "text/csv"
)

var allowedTypes = map[string]string{
	typePDF:      ".pdf",
	typeHWP:      ".hwp",
	typeHWPX:     ".hwpx",
	typeXLSX:     ".xlsx",
	typeCSV:      ".csv",
	"image/png":  ".png",
	"image/jpeg": ".jpg",
	"image/gif":  ".gif",
	"image/webp": ".webp",
}

var extendOnce sync.Once

// hwp5Signature opens the FileHeader stream of an HWP 5 document, an OLE compound file.
var hwp5Signature = []byte("HWP Document File")

// registerKoreanOfficeTypes teaches mimetype the Hancom formats Korean agencies write.
func registerKoreanOfficeTypes() {
	extendOnce.Do(func() {
		mimetype.Lookup("application/x-ole-storage").Extend(func(raw []byte, _ uint32) bool {
			return bytes.Contains(raw, hwp5Signature)
		}, typeHWP, ".hwp")
		// HWPX is an OWPML zip whose first entry is "mimetype" holding "application/hwp+zip".
		mimetype.Lookup("application/zip").Extend(func(raw []byte, _ uint32) bool {
			return len(raw) > 38 && bytes.Equal(raw[30:38], []byte("mimetype")) && bytes.Contains(raw[:min(len(raw), 200)], []byte(typeHWPX))
		}, typeHWPX, ".hwpx")
	})
}

// sniff returns the accepted type of content, or "" when the content is none of them. A
// CSV is recognised by its name as well, because plain text has no signature.
func sniff(filename string, head []byte) string {
	registerKoreanOfficeTypes()
	mimetype.SetLimit(64 << 10)
	detected := mimetype.Detect(head)
	for m := detected; m != nil; m = m.Parent() {
		if _, ok := allowedTypes[m.String()]; ok && m.String() != typeCSV {
			return m.String()
		}
	}
	if strings.EqualFold(filepath.Ext(filename), ".csv") && detected.Is("text/plain") || detected.Is(typeCSV) {
		if bytes.IndexByte(head, 0) < 0 {
			return typeCSV
		}
	}
	return ""
}

// safeFilename keeps a Korean name readable and takes away what could steer a path or a
// header: directories, control characters, quotes and separators. The extension follows
// the detected type.
func safeFilename(name, contentType string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = filepath.Base("/" + name)
	if name == "/" {
		name = ""
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
		case strings.ContainsRune(`/\:*?"<>|`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	clean := strings.TrimSpace(strings.Trim(b.String(), "."))
	ext := allowedTypes[contentType]
	base := strings.TrimSuffix(clean, filepath.Ext(clean))
	if strings.EqualFold(filepath.Ext(clean), ext) || (ext == ".jpg" && strings.EqualFold(filepath.Ext(clean), ".jpeg")) {
		base, ext = clean[:len(clean)-len(filepath.Ext(clean))], filepath.Ext(clean)
	}
	if base == "" {
		base = "첨부파일"
	}
	if utf8.RuneCountInString(base) > 150 {
		base = string([]rune(base)[:150])
	}
	return base + ext
}
