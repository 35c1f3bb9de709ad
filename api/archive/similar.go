package archive

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/store"
	"eutteum/api/textsearch"
	"eutteum/api/validation"
)

// Similar is an archived case like another, with why.
type Similar struct {
	ID        uuid.UUID
	Title     string
	Agency    account.AgencyRef
	Year      int
	AwardTier string
	Score     float64
	Reasons   []string
}

// Draft is what a team has written so far, to compare with the archive.
type Draft struct {
	Title    string `json:"title" validate:"required,max=100"`
	Summary  string `json:"summary" validate:"max=300"`
	Problem  string `json:"problem" validate:"max=20000"`
	Solution string `json:"solution" validate:"max=20000"`
	Category string `json:"category" validate:"max=50"`
}

// SimilarTo returns the archived cases most like an archived one.
func (s *Service) SimilarTo(ctx context.Context, id uuid.UUID) ([]Similar, error) {
	e, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.similar(ctx, Draft{Title: e.Title, Summary: e.Summary.Summary + " " + strings.Join(e.Tags, " "), Category: e.Category}, &id)
}

// SimilarToDraft returns the archived cases most like a draft.
func (s *Service) SimilarToDraft(ctx context.Context, d Draft) ([]Similar, error) {
	if err := validation.Struct(d); err != nil {
		return nil, err
	}
	return s.similar(ctx, d, nil)
}

func (s *Service) similar(ctx context.Context, d Draft, exclude *uuid.UUID) ([]Similar, error) {
	text := d.Title + "\n" + d.Summary + "\n" + firstRunes(d.Problem, 300) + "\n" + firstRunes(d.Solution, 300)
	query := textsearch.AnyOf(text, 60)
	if query == "" {
		return []Similar{}, nil
	}
	params := store.SimilarEntriesParams{Query: query, Category: d.Category}
	if exclude != nil {
		params.Exclude = uuid.NullUUID{UUID: *exclude, Valid: true}
	}
	rows, err := s.readOnly.SimilarEntries(ctx, params)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	words := significantWords(d.Title + " " + d.Summary)
	out := make([]Similar, 0, len(rows))
	for _, r := range rows {
		sim := Similar{ID: r.ID, Title: r.Title, Agency: account.AgencyRef{ID: r.AgencyID, Name: r.AgencyName}, Year: int(r.Year), AwardTier: r.AwardTier, Score: r.Score, Reasons: []string{}}
		haystack := r.Title + " " + r.Summary + " " + strings.Join(r.Tags, " ")
		var shared []string
		for _, w := range words {
			if strings.Contains(haystack, w) && !slices.Contains(shared, w) {
				shared = append(shared, w)
			}
		}
		if len(shared) > 0 {
			sim.Reasons = append(sim.Reasons, "공통 키워드: "+strings.Join(shared[:min(len(shared), 5)], ", "))
		}
		if d.Category != "" && r.Category == d.Category {
			sim.Reasons = append(sim.Reasons, "같은 분야: "+r.Category)
		}
		if len(sim.Reasons) == 0 {
			sim.Reasons = append(sim.Reasons, "비슷한 표현이 쓰였습니다")
		}
		out = append(out, sim)
	}
	return out, nil
}

// significantWords are the words of a title worth naming as shared: two characters or more,
// with common particles cut off.
func significantWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, ".,·:;!?()[]「」『』\"'")
		for _, p := range []string{"으로", "에서", "에게", "까지", "부터", "를", "을", "이", "가", "은", "는", "의", "에", "와", "과", "로", "도"} {
			if utf8.RuneCountInString(w) > utf8.RuneCountInString(p)+1 && strings.HasSuffix(w, p) {
				w = strings.TrimSuffix(w, p)
				break
			}
		}
		if utf8.RuneCountInString(w) >= 2 && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// Spread is how far an agency's cases travelled and what it took from others.
type Spread struct {
	Agency            account.AgencyRef
	Cases             int
	AdoptionsReceived int
	AdoptingAgencies  []FacetValue
	AdoptionsMade     []Made
	TopCases          []Summary
}

// Made is a case an agency adopted.
type Made struct {
	EntryID   uuid.UUID
	Title     string
	Agency    account.AgencyRef
	AdoptedOn time.Time
}

// AgencySpread returns the spread statistics of an agency.
func (s *Service) AgencySpread(ctx context.Context, agencyID uuid.UUID) (Spread, error) {
	agency, err := s.q.GetAgency(ctx, agencyID)
	if store.IsNoRows(err) {
		return Spread{}, apperr.NotFound()
	}
	if err != nil {
		return Spread{}, dberr.Fail(err)
	}
	out := Spread{Agency: account.AgencyRef{ID: agency.ID, Name: agency.Name}, AdoptingAgencies: []FacetValue{}, AdoptionsMade: []Made{}, TopCases: []Summary{}}
	n, err := s.q.AgencyArchiveCount(ctx, agencyID)
	if err != nil {
		return Spread{}, dberr.Fail(err)
	}
	out.Cases = int(n)
	received, err := s.q.AdoptionsReceivedByAgency(ctx, agencyID)
	if err != nil {
		return Spread{}, dberr.Fail(err)
	}
	for _, r := range received {
		out.AdoptingAgencies = append(out.AdoptingAgencies, FacetValue{Value: r.ID.String(), Label: r.Name, Count: int(r.N)})
		out.AdoptionsReceived += int(r.N)
	}
	made, err := s.q.AdoptionsMadeByAgency(ctx, agencyID)
	if err != nil {
		return Spread{}, dberr.Fail(err)
	}
	for _, m := range made {
		mm := Made{EntryID: m.ID, Title: m.Title, Agency: account.AgencyRef{ID: m.AgencyID, Name: m.AgencyName}}
		if m.AdoptedOn != nil {
			mm.AdoptedOn = *m.AdoptedOn
		}
		out.AdoptionsMade = append(out.AdoptionsMade, mm)
	}
	top, err := s.q.TopEntriesOfAgency(ctx, agencyID)
	if err != nil {
		return Spread{}, dberr.Fail(err)
	}
	for _, id := range top {
		e, err := s.Get(ctx, id)
		if err != nil {
			return Spread{}, err
		}
		out.TopCases = append(out.TopCases, e.Summary)
	}
	return out, nil
}
