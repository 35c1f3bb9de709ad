package cases

import (
	"archive/zip"
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestImprovement(t *testing.T) {
	callSuccess := Metric{Name: "통화 성공률", Unit: "%", Before: 74.7, After: 85.8, Direction: "increase"}.Improvement()
	if !callSuccess.Improved || *callSuccess.PercentagePoints != 11.1 || callSuccess.Delta != 11.1 {
		t.Fatalf("74.7 → 85.8 %%: %+v", callSuccess)
	}
	processing := Metric{Name: "처리 시간", Unit: "분", Before: 120, After: 2, Direction: "decrease"}.Improvement()
	if !processing.Improved || *processing.Factor != 60 || processing.PercentagePoints != nil || *processing.PercentChange != -98.333333 {
		t.Fatalf("120 → 2 분: %+v", processing)
	}
	worse := Metric{Unit: "건", Before: 10, After: 8, Direction: "increase"}.Improvement()
	if worse.Improved || *worse.Factor != 0.8 {
		t.Fatalf("a drop of a higher-is-better metric: %+v", worse)
	}
	fromZero := Metric{Unit: "건", Before: 0, After: 5, Direction: "increase"}.Improvement()
	if fromZero.PercentChange != nil || fromZero.Factor != nil || !fromZero.Improved {
		t.Fatalf("from zero: %+v", fromZero)
	}
}

func TestSniff(t *testing.T) {
	pdf := []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	exe := append([]byte("MZ\x90\x00"), make([]byte, 100)...)
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	hwp := append(append([]byte{}, ole...), []byte("HWP Document File V5.00")...)

	var hwpx bytes.Buffer
	zw := zip.NewWriter(&hwpx)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/hwp+zip"))
	w2, _ := zw.Create("Contents/section0.xml")
	w2.Write([]byte("<hs:sec/>"))
	zw.Close()

	var plainZip bytes.Buffer
	zw = zip.NewWriter(&plainZip)
	w3, _ := zw.Create("notes.txt")
	w3.Write([]byte("x"))
	zw.Close()

	for _, tc := range []struct {
		name, filename string
		data           []byte
		want           string
	}{
		{"pdf", "보고서.pdf", pdf, typePDF},
		{"png named pdf", "사진.pdf", png, "image/png"},
		{"renamed exe", "보고서.pdf", exe, ""},
		{"hwp", "계획서.hwp", hwp, typeHWP},
		{"other OLE document", "문서.hwp", ole, ""},
		{"hwpx", "계획서.hwpx", hwpx.Bytes(), typeHWPX},
		{"zip", "자료.zip", plainZip.Bytes(), ""},
		{"csv by name", "지표.csv", []byte("지표,이전,이후\n통화 성공률,74.7,85.8\n"), typeCSV},
		{"text not csv", "메모.txt", []byte("그냥 메모"), ""},
	} {
		if got := sniff(tc.filename, tc.data); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSafeFilename(t *testing.T) {
	for in, want := range map[string]string{
		"../../etc/passwd.pdf":   "passwd.pdf",
		`C:\Users\공무원\성과보고서.pdf`: "성과보고서.pdf",
		"성과 보고서 (최종).PDF":        "성과 보고서 (최종).PDF",
		"사진.jpeg":                "사진.jpeg",
		"보고서.exe":                "보고서.pdf",
		"a\"b<c>\x00d\nе.pdf":    "a_b_c_dе.pdf",
		"...":                    "첨부파일.pdf",
		"":                       "첨부파일.pdf",
	} {
		ct := typePDF
		if want == "사진.jpeg" {
			ct = "image/jpeg"
		}
		if got := safeFilename(in, ct); got != want {
			t.Errorf("safeFilename(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDiffNamesChangedFields(t *testing.T) {
	cat := uuid.New()
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	a := Content{Title: "이음콜", Tags: []string{"119"}, Metrics: []Metric{}, Collaborators: []Collaborator{}, CategoryID: &cat, CategoryName: "안전", StartedOn: &day}
	b := a
	b.Title = "119 이음콜"
	b.Metrics = []Metric{{Name: "통화 성공률", Unit: "%", Before: 74.7, After: 85.8, Direction: "increase"}}
	changes := Diff(a, b, nil, []Attachment{{Filename: "보고서.pdf"}})
	var fields []string
	for _, c := range changes {
		fields = append(fields, c.Field)
	}
	if len(fields) != 3 || fields[0] != "title" || fields[1] != "metrics" || fields[2] != "attachments" {
		t.Fatalf("changes: %v", fields)
	}
	if len(Diff(a, a, nil, nil)) != 0 {
		t.Fatal("identical versions differ")
	}
}

func TestZipBombsAreRefused(t *testing.T) {
	xlsx := func(entry string, content []byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
			w, _ := zw.Create(name)
			w.Write([]byte("<x/>"))
		}
		w, _ := zw.Create(entry)
		w.Write(content)
		zw.Close()
		return buf.Bytes()
	}
	normal := xlsx("xl/worksheets/sheet1.xml", []byte("<sheetData><row><c>74.7</c></row></sheetData>"))
	if err := checkZipContainer(normal); err != nil {
		t.Fatalf("a normal workbook was refused: %v", err)
	}
	bomb := xlsx("xl/worksheets/sheet1.xml", bytes.Repeat([]byte{0}, 50<<20))
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes; it should be small", len(bomb))
	}
	if err := checkZipContainer(bomb); err == nil {
		t.Fatal("50 MB of zeros packed into a small workbook was accepted")
	}
	if err := checkZipContainer([]byte("PK\x03\x04 not really a zip")); err == nil {
		t.Fatal("a broken zip was accepted")
	}
}

// Changed answers as Diff does, whichever way it takes.
func TestChangedAgreesWithDiff(t *testing.T) {
	cat, other := uuid.New(), uuid.New()
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	base := Content{Title: "이음콜", Summary: "요약", CategoryID: &cat, CategoryName: "안전", Tags: []string{"119"},
		Metrics: []Metric{{Name: "통화 성공률", Unit: "%", Before: 74.7, After: 85.8, Direction: "increase"}}, Collaborators: []Collaborator{}, StartedOn: &day}
	files := []Attachment{{ID: uuid.New(), Filename: "보고서.pdf"}}
	sameDayElsewhere := day.In(time.FixedZone("", 0))
	for name, change := range map[string]func(c *Content, f *[]Attachment){
		"nothing": func(*Content, *[]Attachment) {},
		"title":   func(c *Content, _ *[]Attachment) { c.Title = "이음콜 2" },
		"a metric": func(c *Content, _ *[]Attachment) {
			c.Metrics = []Metric{{Name: "통화 성공률", Unit: "%", Before: 74.7, After: 90}}
		},
		"category by name":          func(c *Content, _ *[]Attachment) { c.CategoryName = "복지" },
		"category id, same name":    func(c *Content, _ *[]Attachment) { c.CategoryID = &other },
		"start day, other location": func(c *Content, _ *[]Attachment) { c.StartedOn = &sameDayElsewhere },
		"a file's name": func(_ *Content, f *[]Attachment) {
			*f = []Attachment{{ID: (*f)[0].ID, Filename: "보고서 최종.pdf"}}
		},
		"a file's id only": func(_ *Content, f *[]Attachment) { *f = []Attachment{{ID: uuid.New(), Filename: "보고서.pdf"}} },
		"no files":         func(_ *Content, f *[]Attachment) { *f = nil },
	} {
		c, f := base, files
		c.Tags, c.Metrics = slices.Clone(base.Tags), slices.Clone(base.Metrics)
		change(&c, &f)
		if got, want := Changed(base, c, files, f), len(Diff(base, c, files, f)) > 0; got != want {
			t.Errorf("%s: Changed %v, Diff says %v", name, got, want)
		}
	}
}
