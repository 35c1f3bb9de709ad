package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// A template is text with slots, parsed once: see vocab.go for the notation.
type piece struct {
	lit    string
	slot   string
	plural bool
	josa   string
}

type tmpl []piece

// rareMark opens a template that a case uses only one time in four.
const rareMark = "~"

func parseTmpl(s string) tmpl {
	var t tmpl
	if rest, ok := strings.CutPrefix(s, rareMark); ok {
		t = append(t, piece{slot: rareMark})
		s = rest
	}
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			t = append(t, piece{lit: s})
			break
		}
		if i > 0 {
			t = append(t, piece{lit: s[:i]})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			panic("unclosed slot in template: " + s)
		}
		spec := s[i+1 : i+j]
		s = s[i+j+1:]
		var p piece
		spec, p.josa, _ = strings.Cut(spec, "/")
		spec, plural, _ := strings.Cut(spec, "+")
		p.plural = plural == "들"
		p.slot = spec
		t = append(t, p)
	}
	return t
}

func parseAll(ss []string) []tmpl {
	out := make([]tmpl, len(ss))
	for i, s := range ss {
		out[i] = parseTmpl(s)
	}
	return out
}

type ctopic struct {
	*topic
	titles, summaries, problem, solution, outcomes []tmpl
}

var (
	cTopics                            []ctopic
	cGenProblem, cGenSolution, cGenOut []tmpl
	cGenTitles, cGenSummaries          []tmpl
	cTeamForms                         []tmpl
	topicCum, agencyCum, yearCum       []int
	awardCum, tierCum                  []int
	fireAgencies, eduAgencies          []string
)

func init() {
	for i := range topics {
		t := &topics[i]
		cTopics = append(cTopics, ctopic{topic: t, titles: parseAll(t.titles), summaries: parseAll(t.summaries),
			problem: parseAll(t.problem), solution: parseAll(t.solution), outcomes: parseAll(t.outcomes)})
	}
	cGenProblem, cGenSolution, cGenOut = parseAll(genProblem), parseAll(genSolution), parseAll(genOutcomes)
	cGenTitles, cGenSummaries = parseAll(genTitles), parseAll(genSummaries)
	cTeamForms = parseAll(teamForms)
	// Zipf-like: topic k (0-based) weighs 1/(k+1).
	w := make([]int, len(topics))
	for k := range w {
		w[k] = 100000 / (k + 1)
	}
	topicCum = cumulative(w)
	w = w[:0]
	for _, a := range agencies {
		w = append(w, a.weight)
		switch {
		case strings.HasSuffix(a.name, "본부") && strings.Contains(a.name, "소방"):
			fireAgencies = append(fireAgencies, a.name)
		case strings.HasSuffix(a.name, "교육청"):
			eduAgencies = append(eduAgencies, a.name)
		}
	}
	agencyCum = cumulative(w)
	// More cases each year: an archive grows as more agencies take part.
	w = w[:0]
	for y := minYear; y <= maxYear; y++ {
		w = append(w, 10+4*(y-minYear))
	}
	yearCum = cumulative(w)
	awardCum, tierCum = cumulative(awardWeights), cumulative(tierWeights)
}

const minYear, maxYear = 2010, 2026

func cumulative(w []int) []int {
	out := make([]int, len(w))
	sum := 0
	for i, x := range w {
		sum += x
		out[i] = sum
	}
	return out
}

func pickCum(r *rand.Rand, cum []int) int {
	n := r.IntN(cum[len(cum)-1])
	i, _ := slices.BinarySearch(cum, n+1)
	return i
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// doc is the state of one case being written.
type doc struct {
	r       *rand.Rand
	t, t2   *ctopic
	agency  string
	year    int
	h1      bool
	spaced  float64 // the chance that an optional space is written
	metrics []metricV
	award   string
	tier    string
	buf     []byte // scratch for one field
}

type metricV struct {
	name, unit, direction string
	before, after         float64
}

// slot returns the raw vocabulary word (with "|" for optional spaces) or formatted number.
func (d *doc) slot(name string) string {
	r := d.r
	pool := func(own, own2, gen []string) string {
		if len(own) > 0 && r.IntN(100) < 75 {
			return pick(r, own)
		}
		if len(own2) > 0 && r.IntN(100) < 30 {
			return pick(r, own2)
		}
		return pick(r, gen)
	}
	t, t2 := d.t, d.t2
	switch name {
	case "W":
		return pool(t.W, t2.W, genW)
	case "T":
		return pool(t.T, t2.T, genT)
	case "M":
		return pool(t.M, t2.M, genM)
	case "P":
		return pool(t.P, t2.P, genP)
	case "I":
		return pool(t.I, t2.I, genI)
	case "D":
		return pool(t.D, t2.D, genD)
	case "X":
		return pool(t.X, t2.X, genX)
	case "A":
		return d.agency
	case "AG":
		for {
			if a := agencies[pickCum(r, agencyCum)].name; a != d.agency {
				return a
			}
		}
	case "S":
		return shortName(d.agency)
	case "Y":
		return strconv.Itoa(d.year)
	case "Y1":
		return strconv.Itoa(d.year - 1)
	case "H":
		if d.h1 {
			return "상반기"
		}
		return "하반기"
	case "CNT":
		return commas(logUniform(r, 12, 9000)) + "건"
	case "PPL":
		return commas(logUniform(r, 10, 5000)) + "명"
	case "PCT":
		if r.IntN(3) == 0 {
			return strconv.FormatFloat(float64(50+r.IntN(900))/10, 'f', 1, 64) + "%"
		}
		return strconv.Itoa(5+r.IntN(91)) + "%"
	case "MIN":
		return strconv.Itoa(5+r.IntN(56)) + "분"
	case "DAY":
		return strconv.Itoa(2+r.IntN(29)) + "일"
	case "SN":
		return strconv.Itoa(2 + r.IntN(8))
	case "HR":
		return strconv.Itoa(2+r.IntN(14)) + "시간"
	case "MONEY":
		switch r.IntN(3) {
		case 0:
			return strconv.Itoa(1+r.IntN(20)) + "억 원"
		case 1:
			return strconv.Itoa(1+r.IntN(9)) + "천만 원"
		default:
			return strconv.Itoa(1+r.IntN(9)) + "억 " + strconv.Itoa(1+r.IntN(9)) + "천만 원"
		}
	case "MN", "MB", "MA", "MDIR":
		m := d.firstMetric()
		switch name {
		case "MN":
			return m.name
		case "MB":
			return numText(m.before) + m.unit
		case "MA":
			return numText(m.after) + m.unit
		}
		if m.direction == "decrease" {
			return pick(r, []string{"줄었다", "감소했다", "낮아졌다"})
		}
		return pick(r, []string{"늘었다", "증가했다", "높아졌다"})
	case "AWARD":
		return d.award
	case "TIER":
		if d.tier == "대상" {
			return "대상"
		}
		return d.tier + "상"
	}
	panic("unknown slot " + name)
}

func (d *doc) firstMetric() metricV {
	if len(d.metrics) > 0 {
		return d.metrics[0]
	}
	m := d.t.metrics[0]
	return makeMetric(d.r, m)
}

// appendWord writes a vocabulary word, deciding each optional space.
func (d *doc) appendWord(b []byte, w string) []byte {
	for {
		i := strings.IndexByte(w, '|')
		if i < 0 {
			return append(b, w...)
		}
		b = append(b, w[:i]...)
		if d.r.Float64() < d.spaced {
			b = append(b, ' ')
		}
		w = w[i+1:]
	}
}

func (d *doc) render(b []byte, t tmpl) []byte {
	for _, p := range t {
		if p.slot == rareMark {
			continue
		}
		if p.slot == "" {
			b = d.appendWord(b, p.lit)
			continue
		}
		b = d.appendWord(b, d.slot(p.slot))
		if p.plural {
			b = append(b, "들"...)
		}
		if p.josa != "" {
			b = appendJosa(b, p.josa)
		}
	}
	return b
}

// finalSound says whether what b ends with is read with a final consonant, and whether
// that consonant is ㄹ (which takes 로, not 으로). Digits and Latin letters are read as
// Koreans read them: 119 (일일구) ends open, QR (큐알) in ㄹ, 3 (삼) closed.
func finalSound(b []byte) (closed, rieul bool) {
	r, _ := utf8.DecodeLastRune(b)
	switch {
	case r >= 0xAC00 && r <= 0xD7A3:
		jong := (r - 0xAC00) % 28
		return jong != 0, jong == 8
	case r >= '0' && r <= '9':
		switch r {
		case '1', '7', '8':
			return true, true
		case '0', '3', '6':
			return true, false
		}
		return false, false
	case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
		switch r | 0x20 {
		case 'l', 'r':
			return true, true
		case 'm', 'n':
			return true, false
		}
		return false, false
	}
	return false, false
}

func appendJosa(b []byte, j string) []byte {
	closed, rieul := finalSound(b)
	pair := func(c, o string) []byte {
		if closed {
			return append(b, c...)
		}
		return append(b, o...)
	}
	switch j {
	case "이":
		return pair("이", "가")
	case "은":
		return pair("은", "는")
	case "을":
		return pair("을", "를")
	case "과":
		return pair("과", "와")
	case "으로":
		if closed && !rieul {
			return append(b, "으로"...)
		}
		return append(b, "로"...)
	case "이다":
		return pair("이다", "다")
	case "이었다":
		return pair("이었다", "였다")
	case "이나":
		return pair("이나", "나")
	}
	return append(b, j...)
}

func logUniform(r *rand.Rand, lo, hi int) int {
	// a cheap log-uniform draw: pick a decade, then a value in it
	x := float64(lo)
	span := float64(hi) / float64(lo)
	f := 1.0
	for f*10 < span {
		if r.IntN(2) == 0 {
			break
		}
		f *= 10
	}
	v := x * f * (1 + 9*r.Float64())
	if v > float64(hi) {
		v = float64(hi)
	}
	return int(v)
}

func commas(n int) string {
	s := strconv.Itoa(n)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

func numText(v float64) string {
	if v == float64(int(v)) {
		return commas(int(v))
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func makeMetric(r *rand.Rand, m metricT) metricV {
	before := m.lo + r.Float64()*(m.hi-m.lo)
	after := before * (m.flo + r.Float64()*(m.fhi-m.flo))
	round := func(v float64) float64 {
		if m.unit == "%" || m.unit == "점" && v < 10 || m.unit == "ha" || v < 10 && m.unit != "회" && m.unit != "건" {
			return float64(int(v*10+0.5)) / 10
		}
		return float64(int(v + 0.5))
	}
	before, after = round(before), round(after)
	if m.unit == "%" {
		before, after = min(before, 99.0), min(after, 99.9)
	}
	if m.direction == "increase" && after <= before {
		after = before + 1
	}
	if m.direction == "decrease" && after >= before && before > 0 {
		after = before - 1
	}
	return metricV{name: m.name, unit: m.unit, direction: m.direction, before: before, after: after}
}

var genMetrics = []metricT{
	{"민원 만족도", "점", 60, 75, 1.1, 1.25, "increase"},
	{"민원 처리 기간", "일", 5, 20, 0.3, 0.7, "decrease"},
	{"반복 민원", "건", 100, 900, 0.3, 0.7, "decrease"},
	{"서비스 이용자", "명", 300, 3000, 1.5, 3, "increase"},
}

var genRoles = []string{"자료 제공", "현장 협력", "홍보", "예산 지원", "시스템 운영", "자문", "교육 운영"}

var connectives = []string{"또한 ", "특히 ", "이에 ", "아울러 ", "한편 ", "이와 함께 "}

// openers are the words a sentence may already start with; it then takes no connective.
var openers = append(slices.Clip(connectives), "먼저 ", "그 결과 ", "앞으로 ")

func startsWithConnective(s string) bool {
	for _, c := range openers {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// section writes sentences drawn without repeats, own ones first, until about target
// characters; it returns the scratch buffer holding the text.
func (d *doc) section(b []byte, own []tmpl, own2 []tmpl, gen []tmpl, target int, first tmpl) []byte {
	r := d.r
	n := 0
	count := 0
	prevBullet := false
	add := func(t tmpl) {
		start := len(b)
		lead := ""
		if len(t) > 0 {
			lead = t[0].lit
		}
		bullet := strings.HasPrefix(lead, "○")
		if count > 0 {
			if bullet || prevBullet || count%4 == 0 && r.IntN(2) == 0 {
				b = append(b, '\n')
			} else {
				b = append(b, ' ')
			}
		}
		if count > 0 && !bullet && r.IntN(7) == 0 && !startsWithConnective(lead) {
			b = append(b, pick(r, connectives)...)
		}
		prevBullet = bullet
		b = d.render(b, t)
		n += runeCount(b[start:])
		count++
	}
	if first != nil {
		add(first)
	}
	for _, i := range r.Perm(len(own)) {
		if n >= target && count > 0 {
			return b
		}
		add(own[i])
	}
	if len(own2) > 0 && r.IntN(3) == 0 {
		add(pick(r, own2))
	}
	for _, i := range r.Perm(len(gen)) {
		if n >= target {
			break
		}
		if t := gen[i]; len(t) > 0 && t[0].slot == rareMark && r.IntN(4) != 0 {
			continue
		}
		add(gen[i])
	}
	return b
}

// row appends one case as a JSON line.
func (d *doc) row(out []byte, id int) []byte {
	r := d.r
	d.t = &cTopics[pickCum(r, topicCum)]
	d.t2 = &cTopics[r.IntN(len(cTopics))]
	switch {
	case d.t.key == "119 이음콜" && r.IntN(10) < 7, d.t.key == "폭염 한파" && r.IntN(10) < 3, d.t.key == "드론" && r.IntN(10) < 3:
		d.agency = pick(r, fireAgencies)
	case d.t.category == "교육·청소년" && r.IntN(10) < 4:
		d.agency = pick(r, eduAgencies)
	default:
		d.agency = agencies[pickCum(r, agencyCum)].name
	}
	d.year = minYear + pickCum(r, yearCum)
	d.h1 = r.IntN(2) == 0
	d.spaced = []float64{0.05, 0.5, 0.95}[r.IntN(3)]
	d.award = awards[pickCum(r, awardCum)]
	if d.t.category == "규제개혁" && r.IntN(2) == 0 {
		d.award = "규제혁신 우수사례"
	}
	d.tier = tiers[pickCum(r, tierCum)]
	d.metrics = d.metrics[:0]
	if r.IntN(100) < 85 {
		k := 1 + r.IntN(len(d.t.metrics))
		for _, m := range d.t.metrics[:k] {
			d.metrics = append(d.metrics, makeMetric(r, m))
		}
		if r.IntN(100) < 30 {
			d.metrics = append(d.metrics, makeMetric(r, pick(r, genMetrics)))
		}
	}

	out = append(out, `{"external_id":"scale-`...)
	idBuf := strconv.AppendInt(d.buf[:0], int64(id), 10)
	for range 7 - len(idBuf) {
		out = append(out, '0')
	}
	out = append(out, idBuf...)
	out = append(out, '"')

	// title
	b := d.buf[:0]
	if r.IntN(10) == 0 {
		b = append(b, regionStem(d.agency)...)
		b = append(b, "형 "...)
	}
	if r.IntN(3) == 0 {
		b = d.render(b, pick(r, cGenTitles))
	} else {
		b = d.render(b, pick(r, d.t.titles))
		if s := pick(r, titleSuffixes); s != "" && !strings.HasSuffix(string(b), strings.TrimSpace(s)) {
			b = append(b, s...)
		}
	}
	b = truncateRunes(dedupeWords(b), 100)
	total := runeCount(b)
	out = appendField(out, "title", b)

	// summary
	if r.IntN(3) == 0 {
		b = d.render(d.buf[:0], pick(r, cGenSummaries))
	} else {
		b = d.render(d.buf[:0], pick(r, d.t.summaries))
	}
	if r.IntN(3) == 0 {
		b = append(b, ". "...)
		b = d.render(b, pick(r, cGenOut))
	}
	b = truncateRunes(dedupeWords(b), 300)
	total += runeCount(b)
	out = appendField(out, "summary", b)

	// the body: about 800–2,500 characters in all, triangular around 1,650
	target := 800 + int(800*(r.Float64()+r.Float64())) - total
	target = max(target, 400)
	b = d.section(d.buf[:0], d.t.problem, d.t2.problem, cGenProblem, target*30/100, nil)
	out = appendField(out, "problem", b)
	b = d.section(d.buf[:0], d.t.solution, nil, cGenSolution, target*45/100, nil)
	out = appendField(out, "solution", b)
	var first tmpl
	if len(d.metrics) > 0 {
		first = cGenOut[0]
	}
	b = d.section(d.buf[:0], d.t.outcomes, nil, cGenOut[1:], target*25/100, first)
	out = appendField(out, "outcomes", b)

	out = append(out, `,"metrics":[`...)
	for i, m := range d.metrics {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"name":`...)
		out = appendJSONString(out, m.name)
		out = append(out, `,"unit":`...)
		out = appendJSONString(out, m.unit)
		out = append(out, `,"before":`...)
		out = strconv.AppendFloat(out, m.before, 'f', -1, 64)
		out = append(out, `,"after":`...)
		out = strconv.AppendFloat(out, m.after, 'f', -1, 64)
		out = append(out, `,"direction":"`...)
		out = append(out, m.direction...)
		out = append(out, `"}`...)
	}
	out = append(out, `],"collaborators":[`...)
	seen := make([]string, 0, 4)
	nc := 0
	addCollab := func(c collabT) {
		if slices.Contains(seen, c.name) {
			return
		}
		seen = append(seen, c.name)
		if nc > 0 {
			out = append(out, ',')
		}
		nc++
		out = append(out, `{"name":`...)
		out = appendJSONString(out, c.name)
		out = append(out, `,"kind":"`...)
		out = append(out, c.kind...)
		out = append(out, `","role":`...)
		out = appendJSONString(out, c.role)
		out = append(out, '}')
	}
	for _, i := range r.Perm(len(d.t.collabs))[:1+r.IntN(len(d.t.collabs))] {
		addCollab(d.t.collabs[i])
	}
	if r.IntN(2) == 0 {
		if r.IntN(2) == 0 {
			addCollab(collabT{pick(r, genD), "department", pick(r, genRoles)})
		} else {
			addCollab(collabT{pick(r, genX), "external", pick(r, genRoles)})
		}
	}
	out = append(out, `],"agency":`...)
	out = appendJSONString(out, d.agency)
	out = append(out, `,"year":`...)
	out = strconv.AppendInt(out, int64(d.year), 10)
	half := "하반기"
	if d.h1 {
		out = append(out, `,"period":"H1"`...)
		half = "상반기"
	} else {
		out = append(out, `,"period":"H2"`...)
	}
	out = append(out, `,"round":"`...)
	out = strconv.AppendInt(out, int64(d.year), 10)
	out = append(out, ' ')
	out = append(out, half...)
	out = append(out, ' ')
	out = append(out, d.award...)
	out = append(out, `","award_name":"`...)
	out = append(out, d.award...)
	out = append(out, `","award_tier":"`...)
	out = append(out, d.tier...)
	out = append(out, `","category":"`...)
	out = append(out, d.t.category...)
	out = append(out, `","tags":[`...)
	tags := make([]string, 0, 8)
	for _, i := range r.Perm(len(d.t.tags))[:1+r.IntN(len(d.t.tags))] {
		tags = append(tags, string(d.appendWord(d.buf[:0], d.t.tags[i])))
	}
	for range r.IntN(4) {
		if t := pick(r, genTags); !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	for i, t := range tags {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendJSONString(out, t)
	}
	out = append(out, `],"team_name":`...)
	b = d.render(d.buf[:0], pick(r, cTeamForms))
	out = appendJSONString(out, string(b))
	out = append(out, `,"published_date":"`...)
	out = strconv.AppendInt(out, int64(d.year), 10)
	var month int
	if d.h1 {
		month = 6 + r.IntN(3)
	} else {
		month = 11 + r.IntN(2)
	}
	out = append(out, '-', byte('0'+month/10), byte('0'+month%10), '-')
	day := 1 + r.IntN(28)
	out = append(out, byte('0'+day/10), byte('0'+day%10), '"', '}', '\n')
	d.buf = b[:0]
	return out
}

// dedupeWords drops a word or two repeated right after themselves, as a slot can repeat
// the template's own words ("찾아가는 복지 복지 서비스", "일자리 매칭 일자리 매칭").
func dedupeWords(b []byte) []byte {
	w := strings.Split(string(b), " ")
	out := w[:0:0]
	for i := 0; i < len(w); i++ {
		out = append(out, w[i])
		for k := 1; k <= 2; k++ {
			if n := len(out); n >= 2*k && slices.Equal(out[n-k:], out[n-2*k:n-k]) {
				out = out[:n-k]
				break
			}
		}
	}
	if len(out) == len(w) {
		return b
	}
	return append(b[:0], strings.Join(out, " ")...)
}

// provinceStems are how the 도 names shorten: 충청남도 → 충남형.
var provinceStems = map[string]string{"충청북도": "충북", "충청남도": "충남", "전라남도": "전남", "경상북도": "경북", "경상남도": "경남"}

// regionStem is what "부천형", "서울형" are made of.
func regionStem(agency string) string {
	first := strings.Fields(agency)[0]
	if s, ok := provinceStems[first]; ok {
		return s
	}
	if f := strings.Fields(agency); len(f) > 1 && !strings.Contains(f[1], "본부") && !strings.Contains(f[1], "위원회") {
		first = f[1]
	}
	for changed := true; changed; {
		changed = false
		for _, suffix := range []string{"교육청", "특별자치시", "특별자치도", "특별시", "광역시", "도", "시", "군", "구"} {
			if strings.HasSuffix(first, suffix) && utf8.RuneCountInString(first) > utf8.RuneCountInString(suffix)+1 {
				first, changed = strings.TrimSuffix(first, suffix), true
				break
			}
		}
	}
	return first
}

func truncateRunes(b []byte, n int) []byte {
	if utf8.RuneCount(b) <= n {
		return b
	}
	i, k := 0, 0
	for k < n {
		_, size := utf8.DecodeRune(b[i:])
		i += size
		k++
	}
	return b[:i]
}

func appendField(out []byte, name string, v []byte) []byte {
	out = append(out, ',', '"')
	out = append(out, name...)
	out = append(out, '"', ':')
	return appendJSONBytes(out, v)
}

func appendJSONString(out []byte, s string) []byte {
	out = append(out, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			out = append(out, s[start:i]...)
			out = escapeByte(out, c)
			start = i + 1
		}
	}
	out = append(out, s[start:]...)
	return append(out, '"')
}

func appendJSONBytes(out []byte, s []byte) []byte {
	out = append(out, '"')
	start := 0
	for i, c := range s {
		if c < 0x20 || c == '"' || c == '\\' {
			out = append(out, s[start:i]...)
			out = escapeByte(out, c)
			start = i + 1
		}
	}
	out = append(out, s[start:]...)
	return append(out, '"')
}

func escapeByte(out []byte, c byte) []byte {
	switch {
	case c == '"' || c == '\\':
		return append(out, '\\', c)
	case c == '\n':
		return append(out, '\\', 'n')
	}
	return fmt.Appendf(out, `\u%04x`, c)
}

// runeCount counts the characters of valid UTF-8: every byte that does not continue one.
func runeCount(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// generate writes n cases as JSON Lines. Each row draws from its own generator seeded by
// (seed, row number), so the output is the same for any number of workers; rows are built
// in chunks by several goroutines and written in order, with a bounded number of chunks in
// flight, so memory stays constant however large n is.
func generate(w io.Writer, n int, seed uint64) error {
	const chunk = 500
	workers := max(1, runtime.GOMAXPROCS(0))
	type job struct {
		start, count int
		done         chan []byte
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	jobs := make(chan job)
	order := make(chan job, workers*2)
	free := make(chan []byte, workers*3)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := rand.NewPCG(0, 0)
			d := &doc{r: rand.New(src), buf: make([]byte, 0, 8192)}
			for j := range jobs {
				var out []byte
				select {
				case out = <-free:
				default:
					out = make([]byte, 0, chunk*6000)
				}
				for i := j.start; i < j.start+j.count; i++ {
					src.Seed(seed, uint64(i))
					out = d.row(out, i)
				}
				j.done <- out
			}
		}()
	}
	go func() {
		for start := 1; start <= n; start += chunk {
			j := job{start: start, count: min(chunk, n-start+1), done: make(chan []byte, 1)}
			order <- j
			jobs <- j
		}
		close(jobs)
		close(order)
	}()
	var werr error
	for j := range order {
		out := <-j.done
		if werr == nil {
			_, werr = bw.Write(out)
		}
		select {
		case free <- out[:0]:
		default:
		}
	}
	wg.Wait()
	if werr != nil {
		return werr
	}
	return bw.Flush()
}
