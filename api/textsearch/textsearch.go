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

// normalize folds width and compatibility forms and case, as both sides must: it is
// strings.ToLower(norm.NFKC.String(s)), run in a fraction of the time on the text archives
// hold. ASCII and Hangul syllables, nearly all of it, are NFKC already and never combine
// with what comes before them, so they are copied (A–Z lowered); only the stretches between
// them go through NFKC, each with the rune before it, which a combining mark or a jamo
// after it may change.
func normalize(s string) string {
	if !utf8.ValidString(s) {
		// NFKC reads a broken sequence together with what follows it: no short cut.
		return strings.ToLower(norm.NFKC.String(s))
	}
	out := make([]byte, 0, len(s))
	last := 0 // where in s the last copied rune starts
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			out = append(out, c)
			last = i
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSyllable(r) {
			out = append(out, s[i:i+n]...)
			last = i
			i += n
			continue
		}
		start := min(last, i)
		out = out[:len(out)-(i-start)]
		end := i + n
		for end < len(s) {
			r, n := utf8.DecodeRuneInString(s[end:])
			if r < utf8.RuneSelf || isSyllable(r) {
				break
			}
			end += n
		}
		out = append(out, strings.ToLower(norm.NFKC.String(s[start:end]))...)
		last, i = end, end
	}
	return string(out)
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
	return string(t.appendTo(nil))
}

func (t token) appendTo(b []byte) []byte {
	if t.word != "" {
		return append(b, t.word...)
	}
	b = utf8.AppendRune(b, t.a)
	if t.b != 0 {
		b = utf8.AppendRune(b, t.b)
	}
	return b
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
	// About one token a syllable (three bytes), fewer distinct ones: sized up front, the
	// slices are not copied as they grow.
	toks := make([]token, 0, size/6)
	occs := make([]occurrence, 0, size/3+8)
	counts := make([]int32, 0, size/6)
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
	order := sortedOrder(toks)
	// Every lexeme's text is cut from one string, one allocation for the whole vector.
	var text []byte
	ends := make([]int, len(order))
	for n, i := range order {
		text = toks[i].appendTo(text)
		ends[n] = len(text)
	}
	all := string(text)
	v := pgtype.TSVector{Lexemes: make([]pgtype.TSVectorLexeme, len(order)), Valid: true}
	from := 0
	for n, i := range order {
		v.Lexemes[n] = pgtype.TSVectorLexeme{Word: all[from:ends[n]], Positions: positions[start[i]:start[i+1]:start[i+1]]}
		from = ends[n]
	}
	return v
}

// sortedOrder returns the indexes of toks in token order. The Hangul pieces, nearly all of
// them, sort as packed integers: UTF-8 keeps code point order, so comparing the two runes
// compares the bytes PostgreSQL compares, and a lone syllable (b = 0) comes before the
// pieces it starts. Words come first: their letters all stand below the Hangul block.
func sortedOrder(toks []token) []int32 {
	const runeBits, indexBits = 21, 21
	order := make([]int32, 0, len(toks))
	if len(toks) >= 1<<indexBits {
		// Too many to pack (no document comes near): compare them one by one.
		for i := range toks {
			order = append(order, int32(i))
		}
		slices.SortFunc(order, func(x, y int32) int { return toks[x].compare(toks[y]) })
		return order
	}
	packed := make([]uint64, 0, len(toks))
	for i, t := range toks {
		if t.word != "" {
			order = append(order, int32(i))
			continue
		}
		packed = append(packed, uint64(t.a)<<(runeBits+indexBits)|uint64(t.b)<<indexBits|uint64(i))
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(toks[x].word, toks[y].word) })
	slices.Sort(packed)
	for _, p := range packed {
		order = append(order, int32(p&(1<<indexBits-1)))
	}
	return order
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
