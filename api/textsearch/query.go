package textsearch

import (
	"strings"
)

// Query is what a user typed, turned into tsqueries over the archive's index. Words are
// ANDed; each word's pieces must stand in sequence.
type Query struct {
	// Match finds the documents: every word, with particles and endings taken off.
	Match string
	// Exact is every word as typed, to rank literal matches first, and ExactTitle the same
	// in the title; both "" when no word lost an ending (then they equal Match and Title).
	Exact, ExactTitle string
	// Title and Lead are Match restricted to the title, and to the title, summary, tags,
	// category and agency: the field tiers of the ranking.
	Title, Lead string
	// Words are the searched words (stems), for highlighting.
	Words []string
}

// Empty reports whether nothing searchable was typed (only punctuation, say).
func (q Query) Empty() bool { return q.Match == "" }

// ParseQuery reads a search box. A one-syllable word joins its neighbour (원 스톱 →
// 원스톱, 이음 콜 → 이음콜, 1인 가구 → 1인가구), because the index chains Hangul across
// spaces and keeps no one-syllable pieces inside a chain. A word ending in a particle or
// copula ending (소상공인에게, 민원을, 사례입니다) searches its stem; see Stem for the rule.
func ParseQuery(s string) Query {
	words := glue(strings.Fields(normalize(s)))
	var match, exact, exactTitle, title, lead []string
	var q Query
	changed := false
	for _, w := range words {
		st := Stem(w)
		m := phrase(st, "")
		if m == "" {
			continue
		}
		q.Words = append(q.Words, st)
		match = append(match, m)
		title = append(title, phrase(st, "A"))
		lead = append(lead, phrase(st, "AB"))
		e, et := phrase(w, ""), phrase(w, "A")
		if e == "" {
			e, et = m, phrase(st, "A")
		}
		exact = append(exact, e)
		exactTitle = append(exactTitle, et)
		changed = changed || e != m
	}
	q.Match = and(match)
	q.Title = and(title)
	q.Lead = and(lead)
	if changed {
		q.Exact, q.ExactTitle = and(exact), and(exactTitle)
	}
	return q
}

func and(parts []string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	for i, p := range parts {
		parts[i] = "(" + p + ")"
	}
	return strings.Join(parts, " & ")
}

// phrase is a word's tokens in sequence. A trailing one-syllable piece matches any token
// starting with it: 1인 finds 1인가구 (pieces 1, 인가, 가구) as well as a lone 1인.
func phrase(word, weights string) string {
	var parts []string
	scan(word, func(t token) {
		p := quote(t.String())
		if t.single() {
			p += ":*" + weights
		} else if weights != "" {
			p += ":" + weights
		}
		parts = append(parts, p)
	})
	return strings.Join(parts, " <-> ")
}

// glue joins a word ending in a one-syllable Hangul run with the next Hangul word, and a
// lone syllable with the word before it.
func glue(words []string) []string {
	var out []string
	for _, w := range words {
		if n := len(out); n > 0 {
			prev := out[n-1]
			if endsWithSyllable(prev) && startsWithSyllable(w) && (trailingSyllables(prev) == 1 || trailingSyllables(w) == 1 && len([]rune(w)) == 1) {
				out[n-1] = prev + w
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

func endsWithSyllable(w string) bool { return trailingSyllables(w) > 0 }

func startsWithSyllable(w string) bool {
	for _, r := range w {
		return isSyllable(r)
	}
	return false
}

func trailingSyllables(w string) int {
	r := []rune(w)
	n := 0
	for i := len(r) - 1; i >= 0 && isSyllable(r[i]); i-- {
		n++
	}
	return n
}

// A particle is an ending that may be taken off a word, with the sound it must follow:
// 은/이/을/과/으로 follow a closing consonant (받침), 는/가/를/와/로 a vowel, the rest either.
type particle struct {
	text  string
	after sound
}

type sound int

const (
	anySound sound = iota
	consonant
	vowel
	vowelOrRieul // 로 follows a vowel or ㄹ: 이음콜로, 서비스로
	// hangulOnly endings also read as counters after a number (10만, 36.5도), so they
	// come off only after Hangul.
	hangulOnly
)

// particles, longest first so that 에서는 comes off whole rather than as 는.
var particles = []particle{
	{"으로부터", consonant}, {"에서부터", anySound},
	{"에게서", anySound}, {"에서는", anySound}, {"에서도", anySound}, {"에서의", anySound},
	{"으로는", consonant}, {"으로도", consonant}, {"으로서", consonant}, {"으로써", consonant},
	{"이라는", consonant}, {"이라고", consonant}, {"입니다", anySound}, {"에게는", anySound},
	{"에게도", anySound}, {"까지는", anySound}, {"까지도", anySound}, {"부터는", anySound},
	{"에서", anySound}, {"에게", anySound}, {"한테", anySound}, {"께서", anySound},
	{"으로", consonant}, {"까지", anySound}, {"부터", anySound}, {"처럼", anySound},
	{"보다", anySound}, {"마다", anySound}, {"이나", consonant}, {"이랑", consonant},
	{"이다", consonant}, {"이며", consonant}, {"이고", consonant}, {"이란", consonant},
	{"라는", vowel}, {"와의", vowel}, {"과의", consonant}, {"에는", anySound}, {"에도", anySound},
	{"로는", vowelOrRieul}, {"로도", vowelOrRieul}, {"로서", vowelOrRieul}, {"로써", vowelOrRieul},
	{"은", consonant}, {"는", vowel}, {"이", consonant}, {"가", vowel}, {"을", consonant},
	{"를", vowel}, {"에", anySound}, {"께", anySound}, {"로", vowelOrRieul}, {"와", vowel},
	{"과", consonant}, {"의", anySound}, {"도", hangulOnly}, {"만", hangulOnly}, {"들", hangulOnly},
}

// nounEndings are words (or word endings) whose last syllables look like a particle but
// belong to the noun: 어린이 is not 어린 + 이, 하수도 not 하수 + 도. A word ending in one of
// them keeps it. Grammar already protects most nouns: 전문가 (가 after a consonant) and
// 산책로 (로 after ㄱ) cannot be particles, and a one-syllable stem is never cut (도로, 의회).
var nounEndings = []string{
	"어린이", "지킴이", "길잡이", "나들이", "해돋이", "도우미",
	"하수도", "상수도", "보도", "한반도", "울릉도", "경기도", "강원도", "충청도", "전라도", "경상도",
	"제주도", "북도", "남도", "자치도", "만족도", "신뢰도", "청렴도", "인지도", "체감도", "난이도",
	"중요도", "활용도", "참여도", "이해도", "숙련도", "완성도", "투명도", "선호도", "밀도", "속도",
	"온도", "습도", "농도", "정도", "제도", "태도", "지도", "용도", "빈도",
	"교차로", "활주로", "대로", "도로", "주의", "코로나",
}

// Stem takes particles and copula endings off the end of a word, up to three (청소년들은 →
// 청소년, 전통시장에서도 → 전통시장). An ending comes off only when it follows the sound it
// needs, a stem of at least two syllables (or a Latin or digit word: CCTV를 → cctv) is
// left, and the word does not end in one of nounEndings.
func Stem(word string) string {
	r := []rune(word)
	i := len(r)
	for i > 0 && isSyllable(r[i-1]) {
		i--
	}
	head, run := r[:i], r[i:]
	for range 3 {
		next, ok := stripOne(head, run)
		if !ok {
			break
		}
		run = next
	}
	return string(head) + string(run)
}

func stripOne(head, run []rune) ([]rune, bool) {
	s := string(run)
	for _, e := range nounEndings {
		if strings.HasSuffix(s, e) {
			return nil, false
		}
	}
	afterWord := len(head) > 0 && isWordRune(head[len(head)-1])
	for _, p := range particles {
		if !strings.HasSuffix(s, p.text) {
			continue
		}
		stem := run[:len(run)-len([]rune(p.text))]
		switch {
		case len(stem) >= 2:
		case len(stem) >= 1 && len(head) > 0: // 1인은 → 1인
		case len(stem) == 0 && afterWord && p.after != hangulOnly: // 119에서 → 119
			return stem, true
		default:
			continue
		}
		if fits(stem[len(stem)-1], p.after) {
			return stem, true
		}
	}
	return nil, false
}

// fits reports whether a particle needing sound may follow the syllable.
func fits(syllable rune, need sound) bool {
	final := (syllable - '가') % 28 // 0: no closing consonant; 8: ㄹ
	switch need {
	case consonant:
		return final != 0
	case vowel:
		return final == 0
	case vowelOrRieul:
		return final == 0 || final == 8
	}
	return true
}
