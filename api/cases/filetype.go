package cases

import (
	"archive/zip"
	"bytes"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"

	"eutteum/api/apperr"
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

// Limits for the zip containers XLSX and HWPX are: what they unpack to, in all and per
// byte of the upload, and how many entries they hold.
const (
	maxUnpackedBytes = 200 << 20
	maxUnpackRatio   = 100
	maxZipEntries    = 5000
)

// checkZipContainer refuses an XLSX or HWPX that is not a readable zip or would unpack to
// far more than it weighs (a decompression bomb). The sizes checked are those the entries
// declare; the reader refuses entries that inflate past their declared size.
func checkZipContainer(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return apperr.Invalid(apperr.Field("file", "file_type"))
	}
	if len(zr.File) > maxZipEntries {
		return apperr.Invalid(apperr.Field("file", "compressed_too_large"))
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxUnpackedBytes || (f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > maxUnpackRatio) ||
			(f.CompressedSize64 == 0 && f.UncompressedSize64 > 1<<20) {
			return apperr.Invalid(apperr.Field("file", "compressed_too_large"))
		}
	}
	return nil
}
