package textsearch

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"
	"golang.org/x/text/unicode/norm"
)

func TestSpacingVariantsIndexAlike(t *testing.T) {
	for _, pair := range [][2]string{
		{"이음콜", "이음 콜"},
		{"원스톱", "원 스톱"},
		{"1인가구", "1인 가구"},
		{"AI챗봇", "AI 챗봇"},
		{"QR코드", "QR 코드"},
		{"위반건축물", "위반 건축물"},
		{"주민참여예산", "주민 참여 예산"},
		{"ＡＩ챗봇", "ai챗봇"}, // full-width Latin folds by NFKC
	} {
		a, b := Tokens(pair[0]), Tokens(pair[1])
		if !slices.Equal(a, b) {
			t.Errorf("%q gives %v but %q gives %v", pair[0], a, pair[1], b)
		}
	}
}

func TestTokens(t *testing.T) {
	for text, want := range map[string][]string{
		"부천시가":          {"부천", "천시", "시가"},
		"119 이음콜":       {"119", "이음", "음콜"},
		"콜":             {"콜"},
		"74.7% → 85.8%": {"74", "7", "85", "8"},
		"민원.\n처리":       {"민원", "처리"}, // punctuation and line breaks end a chain
		"CCTV·비상벨":      {"cctv", "비상", "상벨"},
		"행정(行政) 혁신":     {"행정", "혁신"},
	} {
		if got := Tokens(text); !slices.Equal(got, want) {
			t.Errorf("Tokens(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestStem(t *testing.T) {
	for word, want := range map[string]string{
		// particles and endings come off
		"소상공인에게": "소상공인", "민원을": "민원", "청소년들은": "청소년", "주민의": "주민",
		"어르신께": "어르신", "드론으로": "드론", "위반건축물을": "위반건축물", "전통시장에서도": "전통시장",
		"사례입니다": "사례", "사업이다": "사업", "공무원이": "공무원", "이음콜로": "이음콜", "서비스로": "서비스",
		"경찰서와": "경찰서", "마을이": "마을", "도로를": "도로", "의회의": "의회", "주민들에게": "주민",
		// after Latin letters and digits
		"119에서": "119", "cctv를": "cctv", "ai가": "ai", "1인은": "1인",
		// nouns that merely end in particle-like syllables keep them
		"의회": "의회", "도로": "도로", "어린이": "어린이", "어린이가": "어린이", "전문가": "전문가", "하수도": "하수도",
		"경기도": "경기도", "경기도의": "경기도", "마을": "마을", "교차로": "교차로", "산책로": "산책로", "만족도": "만족도",
		"고속도로": "고속도로", "횡단보도": "횡단보도", "1인가구": "1인가구", "인가": "인가", "10만": "10만",
		"36.5도": "36.5도", "민주주의": "민주주의", "감사": "감사", "가구": "가구", "복지관": "복지관",
	} {
		if got := Stem(word); got != want {
			t.Errorf("Stem(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	for in, want := range map[string]Query{
		"원 스톱":  {Match: "'원스' <-> '스톱'", Title: "'원스':A <-> '스톱':A", Lead: "'원스':AB <-> '스톱':AB", Words: []string{"원스톱"}},
		"이음 콜":  {Match: "'이음' <-> '음콜'", Title: "'이음':A <-> '음콜':A", Lead: "'이음':AB <-> '음콜':AB", Words: []string{"이음콜"}},
		"1인":    {Match: "'1' <-> '인':*", Title: "'1':A <-> '인':*A", Lead: "'1':AB <-> '인':*AB", Words: []string{"1인"}},
		"1인 가구": {Match: "'1' <-> '인가' <-> '가구'", Title: "'1':A <-> '인가':A <-> '가구':A", Lead: "'1':AB <-> '인가':AB <-> '가구':AB", Words: []string{"1인가구"}},
		"민원을 처리": {
			Match: "('민원') & ('처리')", Exact: "('민원' <-> '원을') & ('처리')",
			Title: "('민원':A) & ('처리':A)", Lead: "('민원':AB) & ('처리':AB)", Words: []string{"민원", "처리"},
		},
		"&|!()": {},
	} {
		got := ParseQuery(in)
		if got.Match != want.Match || got.Exact != want.Exact || got.Title != want.Title || got.Lead != want.Lead || !slices.Equal(got.Words, want.Words) {
			t.Errorf("ParseQuery(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestQueriesQuoteEverything(t *testing.T) {
	q := ParseQuery(`' OR 1=1 -- a:* <-> 가\`)
	for _, part := range strings.Fields(q.Match) {
		if part != "&" && part != "<->" && !strings.HasPrefix(part, "('") && !strings.HasPrefix(part, "'") {
			t.Errorf("unquoted %q in %s", part, q.Match)
		}
	}
}

func TestVector(t *testing.T) {
	got := Vector(Field{"이음콜", Title}, Field{"이음 콜 119", Body}).String()
	want := "'119':13C '음콜':2A,12C '이음':1A,11C"
	if got != want {
		t.Errorf("Vector = %s, want %s", got, want)
	}
	long := strings.Repeat("민원. ", 400)
	if v := Vector(Field{long, Body}); len(v.Lexemes) != 1 || len(v.Lexemes[0].Positions) != maxPositions {
		t.Errorf("a lexeme keeps %d positions", len(v.Lexemes[0].Positions))
	}
	// Beyond PostgreSQL's last position every token is kept once, at that position.
	beyond := Vector(Field{strings.Repeat("가. ", maxPosition) + "끝. 끝. 끝", Body})
	for _, l := range beyond.Lexemes {
		if l.Word == "끝" && (len(l.Positions) != 1 || l.Positions[0].Position != maxPosition) {
			t.Errorf("beyond the last position: %+v", l.Positions)
		}
	}
}

func TestAnyOf(t *testing.T) {
	if got := AnyOf("드론, 드론, 위반", 10); got != "'드론' | '위반'" {
		t.Errorf("AnyOf = %s", got)
	}
	if AnyOf("!!!", 10) != "" {
		t.Error("nothing to search must give an empty query")
	}
}

func TestOnlyIsTheVectorOfThoseFields(t *testing.T) {
	title := Field{"119 이음콜 출동정보", Title}
	lead := Field{"신고자에게 발신 정보를 보였다. 이음 콜", Lead}
	body := Field{"통화 성공률이 74.7%에서 85.8%로 올랐다. 이음콜", Body}
	got := Only(Vector(title, lead, body), Title, Lead).String()
	if want := Vector(title, lead).String(); got != want {
		t.Errorf("Only = %s\nwant   %s", got, want)
	}
}

// normalize takes a short cut around NFKC for ASCII and Hangul syllables; it must give
// what NFKC and lowercasing give, above all where the text mixes them with runes that do
// combine: conjoining jamo after a syllable, accents after a letter, width forms, invalid
// UTF-8.
func TestNormalizeIsNFKCLowered(t *testing.T) {
	pieces := []string{
		"민원", "가", "A", "z", "Q", " ", ".", "\n", "1", "ᄀ", "\u1161", "\u11a8", "\u0301", "é", "Ａ", "ﾡ", "…",
		"·", "→", "㈜", "Ⅻ", "ß", "İ", "Σ", "ﬁ", "\xff", "\xe1\x84", "가\u11a8", "e\u0301", "\u3131", "㎞",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := normalize(s), strings.ToLower(norm.NFKC.String(s)); got != want {
			t.Fatalf("normalize(%q) = %q, want %q", s, got, want)
		}
	}
	raw, err := os.ReadFile("testdata/case.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := normalize(string(raw)), strings.ToLower(norm.NFKC.String(string(raw))); got != want {
		t.Error("normalize differs from NFKC on testdata/case.txt")
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("ＡＩ챗봇 가\u11a8 e\u0301 …")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalize(s), strings.ToLower(norm.NFKC.String(s)); got != want {
			t.Fatalf("normalize(%q) = %q, want %q", s, got, want)
		}
	})
}

// The vector's lexemes are in PostgreSQL's order (by bytes, strictly increasing), and each
// holds exactly the positions its tokens stand at.
func TestVectorOrderAndPositions(t *testing.T) {
	raw, err := os.ReadFile("testdata/case.txt")
	if err != nil {
		t.Fatal(err)
	}
	fields := []Field{{"MZ혁신발굴단 AI 챗봇 ＱＲ코드", Title}, {"Ελληνικά и кириллица, café 119", Lead}, {string(raw), Body}}
	want := map[string][]pgtype.TSVectorPosition{}
	pos := 0
	for _, f := range fields {
		for _, tok := range Tokens(f.Text) {
			pos++
			if len(want[tok]) < maxPositions {
				want[tok] = append(want[tok], pgtype.TSVectorPosition{Position: uint16(pos), Weight: pgtype.TSVectorWeight(f.Weight)})
			}
		}
		pos += fieldGap
	}
	v := Vector(fields...)
	if len(v.Lexemes) != len(want) {
		t.Fatalf("%d lexemes, want %d", len(v.Lexemes), len(want))
	}
	for i, l := range v.Lexemes {
		if i > 0 && v.Lexemes[i-1].Word >= l.Word {
			t.Errorf("lexeme %q after %q", l.Word, v.Lexemes[i-1].Word)
		}
		if !slices.Equal(l.Positions, want[l.Word]) {
			t.Errorf("%q at %v, want %v", l.Word, l.Positions, want[l.Word])
		}
	}
}
