package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"eutteum/api/archive"
	"eutteum/api/validation"
)

// The generated rows are what the importer accepts, the same for the same seed, and of
// the promised shape.
func TestGenerateImportRows(t *testing.T) {
	var a, b bytes.Buffer
	if err := generate(&a, 3000, 1); err != nil {
		t.Fatal(err)
	}
	if err := generate(&b, 3000, 1); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same seed wrote different files")
	}
	var c bytes.Buffer
	if err := generate(&c, 10, 2); err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(a.Bytes(), c.Bytes()[:200]) {
		t.Fatal("another seed wrote the same rows")
	}
	sc := bufio.NewScanner(&a)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n, spaced, glued := 0, 0, 0
	agenciesSeen := map[string]bool{}
	for sc.Scan() {
		n++
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var r archive.ImportRow
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("row %d: %v", n, err)
		}
		if err := validation.Struct(r); err != nil {
			t.Fatalf("row %d (%s): %v", n, r.ExternalID, err)
		}
		if _, err := time.Parse(time.DateOnly, r.PublishedOn); err != nil {
			t.Fatalf("row %d: %v", n, err)
		}
		if r.Year < 2010 || r.Year > 2026 || !strings.HasPrefix(r.PublishedOn, r.Round[:4]) {
			t.Fatalf("row %d: year %d, round %q, published %s", n, r.Year, r.Round, r.PublishedOn)
		}
		text := r.Title + r.Summary + r.Problem + r.Solution + r.Outcomes
		if l := utf8.RuneCountInString(text); l < 800 || l > 2600 {
			t.Errorf("row %d: %d characters of text", n, l)
		}
		if strings.Contains(text, "{") || strings.Contains(text, "|") || strings.Contains(strings.ReplaceAll(text, "20~30대", ""), "~") {
			t.Fatalf("row %d: template left over: %s", n, text)
		}
		for _, bad := range []string{"건를", "건였다", "가구이", "명를", "일가 ", "원를"} {
			if strings.Contains(text, bad) {
				t.Fatalf("row %d: wrong particle %q in %s", n, bad, text)
			}
		}
		spaced += strings.Count(text, "1인 가구") + strings.Count(text, "AI 챗봇")
		glued += strings.Count(text, "1인가구") + strings.Count(text, "AI챗봇")
		agenciesSeen[r.Agency] = true
	}
	if n != 3000 {
		t.Fatalf("%d rows", n)
	}
	if spaced == 0 || glued == 0 {
		t.Errorf("spacing variants: %d spaced, %d glued", spaced, glued)
	}
	if len(agenciesSeen) < 200 {
		t.Errorf("only %d agencies", len(agenciesSeen))
	}
}

// An agency name's first word is its region (the importer reads it): a province's city
// stands alone.
func TestAgencyNames(t *testing.T) {
	metroNames := map[string]bool{}
	for _, m := range metros {
		metroNames[m.name] = true
	}
	seen := map[string]bool{}
	for _, a := range agencies {
		if seen[a.name] {
			t.Errorf("%s twice", a.name)
		}
		seen[a.name] = true
		if f := strings.Fields(a.name); len(f) > 1 && !metroNames[f[0]] {
			t.Errorf("%s: the first word is not a 시·도", a.name)
		}
	}
	if len(agencies) < 240 {
		t.Errorf("%d agencies", len(agencies))
	}
}

func TestParticles(t *testing.T) {
	for _, c := range []struct{ word, josa, want string }{
		{"주민", "이", "주민이"}, {"1인 가구", "이", "1인 가구가"}, {"QR 코드", "으로", "QR 코드로"}, {"QR", "을", "QR을"},
		{"CCTV", "을", "CCTV를"}, {"119", "으로", "119로"}, {"드론", "으로", "드론으로"}, {"서울특별시 중구", "은", "서울특별시 중구는"},
		{"AI", "이", "AI가"}, {"8,206건", "을", "8,206건을"}, {"청년들", "에게", "청년들에게"}, {"민원 처리 지연", "이었다", "민원 처리 지연이었다"},
	} {
		if got := string(appendJosa([]byte(c.word), c.josa)); got != c.want {
			t.Errorf("%s + %s = %s, want %s", c.word, c.josa, got, c.want)
		}
	}
}

func TestTitleHelpers(t *testing.T) {
	for in, want := range map[string]string{
		"찾아가는 복지 복지 서비스": "찾아가는 복지 서비스", "청년 일자리 매칭 일자리 매칭": "청년 일자리 매칭", "AI 챗봇 민원 상담": "AI 챗봇 민원 상담",
	} {
		if got := string(dedupeWords([]byte(in))); got != want {
			t.Errorf("dedupeWords(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"부천시": "부천", "서울특별시": "서울", "서울특별시 중구": "중구", "충청남도 소방본부": "충남", "경기도교육청": "경기",
		"세종특별자치시": "세종", "전북특별자치도": "전북", "인천광역시 소방본부": "인천",
	} {
		if got := regionStem(in); got != want {
			t.Errorf("regionStem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQueries(t *testing.T) {
	if len(queries) < 48 {
		t.Fatalf("%d queries", len(queries))
	}
	for _, k := range kinds {
		if countKind(k) == 0 {
			t.Errorf("no %s query", k)
		}
	}
	if p := (benchQuery{kFilterQ, "1인 가구", "region=부산&sort=newest"}).path("x"); p != "/api/v1/archive/cases?q=1%EC%9D%B8+%EA%B0%80%EA%B5%AC&region=%EB%B6%80%EC%82%B0&sort=newest" {
		t.Errorf("path %s", p)
	}
}

func BenchmarkGenerate(b *testing.B) {
	src := rand.NewPCG(0, 0)
	d := &doc{r: rand.New(src), buf: make([]byte, 0, 8192)}
	out := make([]byte, 0, 1<<16)
	for i := range b.N {
		src.Seed(1, uint64(i))
		out = d.row(out[:0], i)
		b.SetBytes(int64(len(out)))
	}
}

// The benchmark runs whole rounds, names each client in X-Forwarded-For, and counts a
// refused answer or one without facets as an error.
func TestMeasure(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.Header.Get("X-Forwarded-For")] = true
		mu.Unlock()
		switch r.URL.Query().Get("q") {
		case "드론":
			_, _ = w.Write([]byte(`{"items":[],"total":0}`))
		case "복지":
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			_, _ = w.Write([]byte(`{"items":[],"total":0,"facets":{"year":[]}}`))
		}
	}))
	defer srv.Close()
	c := &client{base: srv.URL, http: srv.Client()}
	paths := make([]string, len(queries))
	for i, q := range queries {
		paths[i] = q.path("x")
	}
	res := measure(c, paths, 3, 0, 2)
	if len(res) != 2*len(queries) {
		t.Fatalf("%d results for 2 rounds of %d", len(res), len(queries))
	}
	per := map[int]int{}
	fails := map[string]int{}
	for _, r := range res {
		per[r.query]++
		fails[r.fail]++
	}
	for i := range queries {
		if per[i] != 2 {
			t.Errorf("query %d ran %d times", i, per[i])
		}
	}
	drone, welfare := 0, 0
	for _, q := range queries {
		switch q.q {
		case "드론":
			drone++
		case "복지":
			welfare++
		}
	}
	if fails["no facets"] != 2*drone || fails["429"] != 2*welfare {
		t.Errorf("failures %v", fails)
	}
	if len(seen) < len(res) {
		t.Errorf("%d client addresses for %d requests", len(seen), len(res))
	}
	// duration mode: at least one round, whole rounds only
	res = measure(c, paths, 4, time.Millisecond, 0)
	if len(res) == 0 || len(res)%len(queries) != 0 {
		t.Errorf("%d results in duration mode", len(res))
	}
}

// Every template of every topic renders: no unknown slot, no left-over notation.
func TestEveryTemplate(t *testing.T) {
	d := &doc{r: rand.New(rand.NewPCG(1, 2)), agency: "부천시", year: 2024, h1: true, spaced: 0.5, award: "으뜸상", tier: "우수"}
	var all []tmpl
	for i := range cTopics {
		ct := &cTopics[i]
		all = append(all, ct.titles...)
		all = append(all, ct.summaries...)
		all = append(all, ct.problem...)
		all = append(all, ct.solution...)
		all = append(all, ct.outcomes...)
		if len(ct.metrics) == 0 || len(ct.collabs) == 0 || len(ct.tags) == 0 || len(ct.titles) == 0 || len(ct.summaries) == 0 {
			t.Errorf("topic %s lacks metrics, collaborators, tags, titles or summaries", ct.key)
		}
	}
	for _, l := range [][]tmpl{cGenProblem, cGenSolution, cGenOut, cGenTitles, cGenSummaries, cTeamForms} {
		all = append(all, l...)
	}
	for i := range cTopics {
		d.t, d.t2 = &cTopics[i], &cTopics[(i+1)%len(cTopics)]
		for _, tm := range all {
			s := string(d.render(nil, tm))
			if strings.ContainsAny(s, "{}|") || strings.HasPrefix(s, "~") {
				t.Fatalf("rendered %q", s)
			}
		}
	}
}
