package scoring

import (
	"encoding/json"
	"os"
	"testing"
)

// The web app's live total reads the same file (frontend/src/pages/judging/scoring.test.ts).
func TestSheetTotalsShared(t *testing.T) {
	raw, err := os.ReadFile("testdata/sheet-totals.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixture struct {
		Sheets []struct {
			Name     string
			Criteria []struct{ Weight, Min, Max float64 }
			Points   []float64
			Total    float64
		}
	}
	if err := json.Unmarshal(raw, &fixture); err != nil {
		t.Fatal(err)
	}
	if len(fixture.Sheets) == 0 {
		t.Fatal("no sheets in the fixture")
	}
	for _, s := range fixture.Sheets {
		criteria := make([]Criterion, len(s.Criteria))
		for i, c := range s.Criteria {
			criteria[i] = Criterion{Weight: c.Weight, Min: c.Min, Max: c.Max}
		}
		if got := SheetTotal(criteria, s.Points); got != s.Total {
			t.Errorf("%s: SheetTotal = %v, want %v", s.Name, got, s.Total)
		}
	}
}
