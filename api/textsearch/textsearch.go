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
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Version names the tokenizer's rules. Archive entries indexed under another version are
// indexed again at start-up (archive.Reindex), so changing the rules needs no migration.
const Version = 2

const (
	// maxPosition and maxPositions are PostgreSQL's limits for a tsvector: positions above
	// 16383 are stored as 16383, and a lexeme keeps at most 256 of them.
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

// scan cuts normalized text into tokens and hands each to emit. A token that is a
// one-syllable chain is reported with single set, so the query side can widen it.
func scan(s string, emit func(tok string, single bool)) {
	var chain []rune
	var word []rune
	flushChain := func() {
		switch len(chain) {
		case 0:
		case 1:
			emit(string(chain), true)
		default:
			for i := 0; i+1 < len(chain); i++ {
				emit(string(chain[i:i+2]), false)
			}
		}
		chain = chain[:0]
	}
	flushWord := func() {
		if len(word) > 0 {
			emit(string(word[:min(len(word), maxWordLen)]), false)
			word = word[:0]
		}
	}
	for _, r := range s {
		switch {
		case isSyllable(r):
			flushWord()
			chain = append(chain, r)
		case isWordRune(r) || unicode.IsLetter(r) && r < 0x3000 && !unicode.Is(unicode.Hangul, r):
			// Latin (and other alphabets') letters and digits form words; a word ends a chain.
			flushChain()
			word = append(word, r)
		case r == ' ' || r == '\t':
			// A chain stays open across spaces (spacing variants meet); a line break or
			// punctuation ends it.
			flushWord()
		default:
			flushWord()
			flushChain()
		}
	}
	flushWord()
	flushChain()
}

// Tokens returns the index tokens of text, in order.
func Tokens(text string) []string {
	var out []string
	scan(normalize(text), func(tok string, _ bool) { out = append(out, tok) })
	return out
}

// Vector returns the tsvector literal that indexes the fields: each token with its
// positions and its field's weight. Positions run on across fields with a gap, so a phrase
// never spans two fields.
func Vector(fields ...Field) string {
	type occurrence struct {
		pos    int
		weight Weight
	}
	lexemes := map[string][]occurrence{}
	pos := 0
	for _, f := range fields {
		scan(normalize(f.Text), func(tok string, _ bool) {
			pos++
			occ := lexemes[tok]
			if len(occ) < maxPositions {
				lexemes[tok] = append(occ, occurrence{min(pos, maxPosition), f.Weight})
			}
		})
		pos += fieldGap
	}
	keys := make([]string, 0, len(lexemes))
	for k := range lexemes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.Grow(len(keys) * 12)
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quote(k))
		b.WriteByte(':')
		last := -1
		first := true
		for _, o := range lexemes[k] {
			if o.pos == last {
				continue // clamped at maxPosition
			}
			last = o.pos
			if !first {
				b.WriteByte(',')
			}
			first = false
			b.WriteString(strconv.Itoa(o.pos))
			if o.weight != Minimal {
				b.WriteByte(byte(o.weight))
			}
		}
	}
	return b.String()
}

// quote writes a lexeme as a tsvector/tsquery literal. Tokens hold only letters and digits
// today; quoting anyway keeps the query syntax out of reach of what users type.
func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}

// AnyOf returns a tsquery matching documents that share any of text's first limit distinct
// tokens, for similar cases; "" when text has none.
func AnyOf(text string, limit int) string {
	seen := map[string]bool{}
	var parts []string
	scan(normalize(text), func(tok string, _ bool) {
		if len(parts) < limit && !seen[tok] {
			seen[tok] = true
			parts = append(parts, quote(tok))
		}
	})
	return strings.Join(parts, " | ")
}
