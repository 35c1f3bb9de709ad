// Package textsearch is the one Korean tokenizer of the archive: it builds the tsvector that
// indexes a document and the tsqueries that search it, so both sides always cut text the
// same way. PostgreSQL only stores, matches and ranks what this package produces.
//
// The tokens:
//   - text is NFKC-normalized and lowercased;
//   - Hangul syllables become overlapping two-syllable pieces (bigrams), so 부천 finds
//     부천시가 and 건축물 finds 위반건축물 without a dictionary;
//   - Hangul runs separated only by spaces form one chain before the pieces are cut, so
//     이음 콜, 1인 가구 and 주민 참여 예산 index exactly like 이음콜, 1인가구 and
//     주민참여예산; a chain of one syllable stays whole;
//   - runs of Latin letters and digits stay whole words (119, qr, cctv), and stand beside
//     the Hangul pieces in sequence, so QR코드 and QR 코드 give the same tokens.
//
// Queries add what only the query side can know (see ParseQuery): particles and copula
// endings are taken off the end of a word, and a word ending in one syllable matches any
// piece that starts with it.
package textsearch

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgtype"
	"golang.org/x/text/unicode/norm"
)

// Version names the tokenizer's rules. Archive entries indexed under another version are
// indexed again at start-up (archive.Reindex), so changing the rules needs no migration.
const Version = 3

const (
	// maxPosition and maxPositions are PostgreSQL's limits for a tsvector: positions above
	// 16383 are stored as 16383 (kept once), and a lexeme keeps at most 256 of them.
	maxPosition  = 16383
	maxPositions = 256
	// fieldGap keeps a phrase from matching across two fields.
	fieldGap = 8
	// maxWordLen cuts absurd Latin or digit runs (a pasted hash) to a sane lexeme.
	maxWordLen = 40
)

// Weight is a tsvector weight label: A ranks above B above C above D.
type Weight byte

// Field weights used by the archive.
const (
	Title   Weight = 'A'
	Lead    Weight = 'B' // summary, tags, category, agency
	Body    Weight = 'C'
	Minimal Weight = 'D'
)

// Field is a piece of a document with its weight.
type Field struct {
	Text   string
	Weight Weight
}

// normalize folds width and compatibility forms and case, as both sides must.
func normalize(s string) string {
	return strings.ToLower(norm.NFKC.String(s))
}

func isSyllable(r rune) bool { return r >= '가' && r <= '힣' }

func isWordRune(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }

// token is one index token: a Hangul piece of one or two syllables, kept as runes so that
// indexing allocates nothing per token, or a Latin or digit word.
type token struct {
	a, b rune // a Hangul piece; b is 0 for a lone syllable
	word string
}

func (t token) String() string {
	if t.word != "" {
		return t.word
	}
	if t.b == 0 {
		return string(t.a)
	}
	return string([]rune{t.a, t.b})
}

// single reports a one-syllable chain, which the query side widens to a prefix.
func (t token) single() bool { return t.word == "" && t.b == 0 }

// compare orders tokens as PostgreSQL orders lexemes, by their UTF-8 bytes: words (ASCII)
// before Hangul, a lone syllable before the pieces it starts.
func (t token) compare(u token) int {
	switch {
	case t.word != "" && u.word != "":
		return strings.Compare(t.word, u.word)
	case t.word != "":
		return -1
	case u.word != "":
		return 1
	case t.a != u.a:
		return int(t.a - u.a)
	}
	return int(t.b - u.b)
}

// scan cuts normalized text into tokens and hands each to emit.
func scan(s string, emit func(token)) {
	var prev rune // the last syllable of the open Hangul chain, or 0
	chainLen := 0
	wordStart := -1
	flushChain := func() {
		if chainLen == 1 {
			emit(token{a: prev})
		}
		prev, chainLen = 0, 0
	}
	flushWord := func(end int) {
		if wordStart >= 0 {
			w := s[wordStart:end]
			if len(w) > maxWordLen {
				w = w[:maxWordLen]
				for !utf8.ValidString(w) {
					w = w[:len(w)-1]
				}
			}
			emit(token{word: w})
			wordStart = -1
		}
	}
	for i, r := range s {
		switch {
		case isSyllable(r):
			flushWord(i)
			if chainLen > 0 {
				emit(token{a: prev, b: r})
			}
			prev = r
			chainLen++
		case isWordRune(r) || unicode.IsLetter(r) && r < 0x3000 && !unicode.Is(unicode.Hangul, r):
			// Latin (and other alphabets') letters and digits form words; a word ends a chain.
			flushChain()
			if wordStart < 0 {
				wordStart = i
			}
		case r == ' ' || r == '\t':
			// A chain stays open across spaces (spacing variants meet); a line break or
			// punctuation ends it.
			flushWord(i)
		default:
			flushWord(i)
			flushChain()
		}
	}
	flushWord(len(s))
	flushChain()
}

// Tokens returns the index tokens of text, in order.
func Tokens(text string) []string {
	var out []string
	scan(normalize(text), func(t token) { out = append(out, t.String()) })
	return out
}

// Vector returns the tsvector that indexes the fields: each token with its positions and
// its field's weight, sorted as PostgreSQL keeps them. Positions run on across fields with a
// gap, so a phrase never spans two fields. It travels to PostgreSQL in binary, which costs
// the server far less than parsing the text form.
func Vector(fields ...Field) pgtype.TSVector {
	type occurrence struct {
		lexeme int32
		pos    int32
		weight Weight
	}
	size := 0
	for _, f := range fields {
		size += len(f.Text)
	}
	// Hangul pieces are keyed by their two runes, words by their text: hashing a number is
	// far cheaper than hashing a string, and almost every token is a piece.
	pieces := make(map[uint64]int32, size/6)
	words := map[string]int32{}
	var toks []token
	var occs []occurrence
	var counts []int32
	pos := int32(0)
	for _, f := range fields {
		scan(normalize(f.Text), func(t token) {
			pos++
			var i int32
			var ok bool
			if t.word == "" {
				key := uint64(t.a)<<32 | uint64(t.b)
				if i, ok = pieces[key]; !ok {
					i = int32(len(toks))
					pieces[key] = i
				}
			} else if i, ok = words[t.word]; !ok {
				i = int32(len(toks))
				words[t.word] = i
			}
			if !ok {
				toks = append(toks, t)
				counts = append(counts, 0)
			}
			if counts[i] < maxPositions && (counts[i] == 0 || pos <= maxPosition) {
				counts[i]++
				occs = append(occs, occurrence{i, min(pos, maxPosition), f.Weight})
			}
		})
		pos += fieldGap
	}
	// Group the occurrences by lexeme, in order of position (a counting sort), into one
	// backing array.
	start := make([]int32, len(toks)+1)
	for i, c := range counts {
		start[i+1] = start[i] + c
	}
	positions := make([]pgtype.TSVectorPosition, len(occs))
	next := slices.Clone(start[:len(toks)])
	for _, o := range occs {
		positions[next[o.lexeme]] = pgtype.TSVectorPosition{Position: uint16(o.pos), Weight: pgtype.TSVectorWeight(o.weight)}
		next[o.lexeme]++
	}
	order := make([]int32, len(toks))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return toks[x].compare(toks[y]) })
	v := pgtype.TSVector{Lexemes: make([]pgtype.TSVectorLexeme, len(order)), Valid: true}
	for n, i := range order {
		v.Lexemes[n] = pgtype.TSVectorLexeme{Word: toks[i].String(), Positions: positions[start[i]:start[i+1]:start[i+1]]}
	}
	return v
}

// Only returns the part of v with the given weights, as Vector of only those fields would
// have given it (the fields come first), without cutting the text again.
func Only(v pgtype.TSVector, weights ...Weight) pgtype.TSVector {
	out := pgtype.TSVector{Valid: v.Valid}
	for _, l := range v.Lexemes {
		var kept []pgtype.TSVectorPosition
		for _, p := range l.Positions {
			if slices.Contains(weights, Weight(p.Weight)) {
				kept = append(kept, p)
			}
		}
		if kept != nil {
			out.Lexemes = append(out.Lexemes, pgtype.TSVectorLexeme{Word: l.Word, Positions: kept})
		}
	}
	return out
}

// quote writes a lexeme as a tsvector/tsquery literal. Tokens hold only letters and digits
// today; quoting anyway keeps the query syntax out of reach of what users type.
func quote(s string) string {
	if strings.ContainsAny(s, `'\`) {
		s = literalEscaper.Replace(s)
	}
	return "'" + s + "'"
}

var literalEscaper = strings.NewReplacer(`\`, `\\`, `'`, `''`)

// AnyOf returns a tsquery matching documents that share any of text's first limit distinct
// tokens, for similar cases; "" when text has none.
func AnyOf(text string, limit int) string {
	seen := map[string]bool{}
	var parts []string
	scan(normalize(text), func(t token) {
		if tok := t.String(); len(parts) < limit && !seen[tok] {
			seen[tok] = true
			parts = append(parts, quote(tok))
		}
	})
	return strings.Join(parts, " | ")
}
