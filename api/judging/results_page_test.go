package judging

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/uuid"

	"eutteum/api/apperr"
	"eutteum/api/paging"
	"eutteum/api/round"
)

// A ranking of 250 cases, the first 12 awarded, read in pages of 7: every row once in rank
// order, the whole ranking's figures on every page.
func TestResultsPage(t *testing.T) {
	gold := &round.AwardTier{AwardTierInput: round.AwardTierInput{Name: "최우수", Count: 2, PrizeKRW: 3_000_000}}
	silver := &round.AwardTier{AwardTierInput: round.AwardTierInput{Name: "우수", Count: 10, PrizeKRW: 1_000_000}}
	all := RoundResults{RoundID: uuid.New(), Method: "mean"}
	for i := range 250 {
		row := AwardRow{CaseID: uuid.New(), Title: fmt.Sprint("사례 ", i+1), Rank: i + 1}
		switch {
		case i < 2:
			row.Tier = gold
		case i < 12:
			row.Tier = silver
		}
		all.Rows = append(all.Rows, row)
	}
	var got []uuid.UUID
	req := paging.Request{Limit: 7}
	for pages := 0; ; pages++ {
		p, err := all.Page(req)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 250 || p.Awarded != 12 || p.PrizeTotalKRW != 16_000_000 {
			t.Fatalf("page %d: %d rows, %d awarded, %d won", pages, p.Total, p.Awarded, p.PrizeTotalKRW)
		}
		if len(p.Rows) > 7 || (p.Next != "" && len(p.Rows) != 7) {
			t.Fatalf("page %d has %d rows, next %q", pages, len(p.Rows), p.Next)
		}
		for _, r := range p.Rows {
			got = append(got, r.CaseID)
		}
		if p.Next == "" {
			break
		}
		req.Cursor = p.Next
	}
	want := make([]uuid.UUID, len(all.Rows))
	for i, r := range all.Rows {
		want[i] = r.CaseID
	}
	if !slices.Equal(got, want) {
		t.Fatalf("pages hold %d rows, not the ranking of %d in order", len(got), len(want))
	}

	// A cursor whose case has left the ranking continues after its rank.
	gone := paging.Encode(resultsList, rankKey{Rank: 20, CaseID: uuid.New()})
	p, err := all.Page(paging.Request{Cursor: gone, Limit: 3})
	if err != nil || p.Rows[0].Rank != 21 {
		t.Fatalf("after a vanished case: %v, %+v", err, p.Rows)
	}
	// The last row's cursor gives an empty last page.
	last := paging.Encode(resultsList, rankKey{Rank: 250, CaseID: all.Rows[249].CaseID})
	if p, err := all.Page(paging.Request{Cursor: last, Limit: 3}); err != nil || len(p.Rows) != 0 || p.Next != "" {
		t.Fatalf("after the last row: %v, %+v", err, p)
	}
	if _, err := all.Page(paging.Request{Cursor: paging.Encode("users", rankKey{}), Limit: 3}); !apperr.Is(err, apperr.CodeInvalidCursor) {
		t.Fatalf("a cursor of another list: %v", err)
	}
}
