package archive

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"eutteum/api/textsearch"
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
		in, format, err := decodeInput(bytes.NewReader(data), format)
		if err != nil {
			return
		}
		rows, err := newRowReader(in, format)
		if err != nil {
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		last := 0
		for n := 0; ; n++ {
			row, rej, err := rows.next()
			if err != nil {
				break
			}
			if n > lines {
				t.Fatalf("more rows than the %d lines of the input", lines)
			}
			if rej == nil {
				if row.line <= last || row.line > lines {
					t.Fatalf("row at line %d after line %d (input of %d lines)", row.line, last, lines)
				}
				last = row.line
			} else if rej.Reason == "" {
				t.Fatal("a rejection without a reason")
			}
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
		terms := highlightTerms(textsearch.ParseQuery(q).Words)
		for _, h := range highlights(text, terms) {
			if h.Start < 0 || h.Length <= 0 || h.Start+h.Length > n {
				t.Fatalf("highlight %+v outside %d characters", h, n)
			}
		}
		if sn := snippet(terms, [][2]string{{"summary", text}}); sn != nil {
			m := utf8.RuneCountInString(sn.Text)
			for _, h := range sn.Highlights {
				if h.Start < 0 || h.Start+h.Length > m {
					t.Fatalf("snippet highlight %+v outside %q", h, sn.Text)
				}
			}
		}
	})
}
