package archive

import (
	"testing"
	"unicode/utf8"
)

// FuzzParseRows: any file parses into rows or reported rejections, never a panic.
func FuzzParseRows(f *testing.F) {
	f.Add([]byte("external_id,title,agency,year,period,published_date\nx,제목,부천시,2023,H1,2023-07-01\n"), "csv")
	f.Add([]byte("external_id,title,agency,year,period,published_date\n\"unterminated,\n"), "csv")
	f.Add([]byte(`{"external_id":"x","title":"제목","agency":"부천시","year":2023,"period":"H1","published_date":"2023-07-01"}`+"\n{bad"), "jsonl")
	f.Add([]byte("metrics\n|||||\n"), "csv")
	f.Fuzz(func(t *testing.T, data []byte, format string) {
		if format != "csv" && format != "jsonl" {
			format = "csv"
		}
		rows, rejected, err := parseRows(data, format)
		if err == nil && len(rows)+len(rejected) < 0 {
			t.Fatal("impossible")
		}
	})
}

// FuzzHighlights: highlights of any query in any text stay inside the text.
func FuzzHighlights(f *testing.F) {
	f.Add("이음 콜", "119 이음콜 출동정보 알리미")
	f.Add("원 스톱", "원스톱 복지서비스")
	f.Add("&|!():*'\\", "괄호 (와) 별표*")
	f.Add("a", "AAAA")
	f.Fuzz(func(t *testing.T, q, text string) {
		if !utf8.ValidString(text) {
			return
		}
		n := utf8.RuneCountInString(text)
		for _, h := range highlights(text, highlightTerms(q)) {
			if h.Start < 0 || h.Length <= 0 || h.Start+h.Length > n {
				t.Fatalf("highlight %+v outside %d characters", h, n)
			}
		}
		if sn := snippet(highlightTerms(q), [][2]string{{"summary", text}}); sn != nil {
			m := utf8.RuneCountInString(sn.Text)
			for _, h := range sn.Highlights {
				if h.Start < 0 || h.Start+h.Length > m {
					t.Fatalf("snippet highlight %+v outside %q", h, sn.Text)
				}
			}
		}
	})
}
