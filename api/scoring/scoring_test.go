package scoring

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"
)

// rubric is a realistic 적극행정 rubric: 창의성 40, 효과성 35, 확산가능성 25 on a 1–10 scale.
// A sheet (a, b, c) totals (40·(a−1) + 35·(b−1) + 25·(c−1)) / 9.
var rubric = []Criterion{
	{ID: "creativity", Weight: 40, Min: 1, Max: 10},
	{ID: "impact", Weight: 35, Min: 1, Max: 10},
	{ID: "transferability", Weight: 25, Min: 1, Max: 10},
}

// overall is a one-criterion rubric on 0–100, so a sheet's points are its total.
var overall = []Criterion{{ID: "overall", Weight: 100, Min: 0, Max: 100}}

func cases(ids ...string) []Case {
	out := make([]Case, len(ids))
	for i, id := range ids {
		out[i] = Case{ID: id}
	}
	return out
}

func sheet(caseID, judgeID string, points ...float64) Sheet {
	return Sheet{CaseID: caseID, JudgeID: judgeID, Points: points}
}

// realistic is 4 cases × 5 judges × the 40/35/25 rubric. The points are chosen so that
// every total is a whole number; J1 is lenient (mean 75), J2 and J3 strict (mean 45, J3
// with twice the spread).
func realistic() Input {
	return Input{
		Criteria: rubric,
		Cases:    cases("C1", "C2", "C3", "C4"),
		Sheets: []Sheet{
			sheet("C1", "J1", 9, 10, 8), // (40·8 + 35·9 + 25·7)/9 = (320+315+175)/9 = 810/9 = 90
			sheet("C2", "J1", 10, 7, 7), // (40·9 + 35·6 + 25·6)/9 = (360+210+150)/9 = 720/9 = 80
			sheet("C3", "J1", 8, 6, 8),  // (40·7 + 35·5 + 25·7)/9 = (280+175+175)/9 = 630/9 = 70
			sheet("C4", "J1", 7, 6, 6),  // (40·6 + 35·5 + 25·5)/9 = (240+175+125)/9 = 540/9 = 60
			sheet("C1", "J2", 5, 5, 7),  // (40·4 + 35·4 + 25·6)/9 = (160+140+150)/9 = 450/9 = 50
			sheet("C2", "J2", 7, 6, 6),  // (40·6 + 35·5 + 25·5)/9 = (240+175+125)/9 = 540/9 = 60
			sheet("C3", "J2", 3, 5, 3),  // (40·2 + 35·4 + 25·2)/9 = (80+140+50)/9 = 270/9 = 30
			sheet("C4", "J2", 4, 5, 5),  // (40·3 + 35·4 + 25·4)/9 = (120+140+100)/9 = 360/9 = 40
			sheet("C1", "J3", 5, 7, 6),  // (40·4 + 35·6 + 25·5)/9 = (160+210+125)/9 = 495/9 = 55
			sheet("C2", "J3", 4, 3, 6),  // (40·3 + 35·2 + 25·5)/9 = (120+70+125)/9 = 315/9 = 35
			sheet("C3", "J3", 8, 8, 7),  // (40·7 + 35·7 + 25·6)/9 = (280+245+150)/9 = 675/9 = 75
			sheet("C4", "J3", 2, 3, 2),  // (40·1 + 35·2 + 25·1)/9 = (40+70+25)/9 = 135/9 = 15
			sheet("C1", "J4", 8, 6, 8),  // (40·7 + 35·5 + 25·7)/9 = 630/9 = 70
			sheet("C2", "J4", 6, 5, 9),  // (40·5 + 35·4 + 25·8)/9 = (200+140+200)/9 = 540/9 = 60
			sheet("C3", "J4", 4, 5, 5),  // (40·3 + 35·4 + 25·4)/9 = 360/9 = 40
			sheet("C4", "J4", 6, 6, 4),  // (40·5 + 35·5 + 25·3)/9 = (200+175+75)/9 = 450/9 = 50
			sheet("C1", "J5", 8, 7, 3),  // (40·7 + 35·6 + 25·2)/9 = (280+210+50)/9 = 540/9 = 60
			sheet("C2", "J5", 6, 9, 7),  // (40·5 + 35·8 + 25·6)/9 = (200+280+150)/9 = 630/9 = 70
			sheet("C3", "J5", 5, 5, 7),  // (40·4 + 35·4 + 25·6)/9 = 450/9 = 50
			sheet("C4", "J5", 3, 4, 8),  // (40·2 + 35·3 + 25·7)/9 = (80+105+175)/9 = 360/9 = 40
		},
		TieBreaks: []TieBreak{{Kind: TieBreakCriterion, CriterionID: "transferability"}},
	}
	// Totals by case (J1..J5):
	//   C1: 90 50 55 70 60    C2: 80 60 35 60 70
	//   C3: 70 30 75 40 50    C4: 60 40 15 50 40
}

type want struct {
	caseID string
	score  float64
	tie    string
}

func checkRanking(t *testing.T, r Result, ws []want) {
	t.Helper()
	if len(r.Rows) != len(ws) {
		t.Fatalf("%s: %d rows, want %d", r.Method, len(r.Rows), len(ws))
	}
	for i, w := range ws {
		row := r.Rows[i]
		if row.Rank != i+1 || row.CaseID != w.caseID || row.Score != w.score || row.TieBrokenBy != w.tie {
			t.Errorf("%s rank %d: got %s score %v tie %q (rank %d), want %s %v %q",
				r.Method, i+1, row.CaseID, row.Score, row.TieBrokenBy, row.Rank, w.caseID, w.score, w.tie)
		}
	}
}

func compute(t *testing.T, in Input, m Method) Result {
	t.Helper()
	in.Method = m
	r, err := Compute(in)
	if err != nil {
		t.Fatalf("%s: %v", m, err)
	}
	if r.Method != m {
		t.Fatalf("Result.Method = %s, want %s", r.Method, m)
	}
	return r
}

func row(t *testing.T, r Result, caseID string) Row {
	t.Helper()
	for _, row := range r.Rows {
		if row.CaseID == caseID {
			return row
		}
	}
	t.Fatalf("no row for %s", caseID)
	return Row{}
}

func TestRealisticMean(t *testing.T) {
	r := compute(t, realistic(), Mean)
	checkRanking(t, r, []want{
		{"C1", 65, ""}, // (90+50+55+70+60)/5 = 325/5
		{"C2", 61, ""}, // (80+60+35+60+70)/5 = 305/5
		{"C3", 53, ""}, // (70+30+75+40+50)/5 = 265/5
		{"C4", 41, ""}, // (60+40+15+50+40)/5 = 205/5
	})
	c1 := row(t, r, "C1")
	wantTotals := []JudgeTotal{{"J1", 90, nil}, {"J2", 50, nil}, {"J3", 55, nil}, {"J4", 70, nil}, {"J5", 60, nil}}
	if !reflect.DeepEqual(c1.JudgeTotals, wantTotals) {
		t.Errorf("C1 judge totals = %v, want %v", c1.JudgeTotals, wantTotals)
	}
	// creativity (9+5+5+8+8)/5 = 35/5 = 7; impact (10+5+7+6+7)/5 = 35/5 = 7;
	// transferability (8+7+6+8+3)/5 = 32/5 = 6.4
	if want := []float64{7, 7, 6.4}; !slices.Equal(c1.CriterionMeans, want) {
		t.Errorf("C1 criterion means = %v, want %v", c1.CriterionMeans, want)
	}
	// Highest total per judge: J1 90 → C1, J2 60 → C2, J3 75 → C3, J4 70 → C1, J5 70 → C2.
	for id, n := range map[string]int{"C1": 2, "C2": 2, "C3": 1, "C4": 0} {
		if got := row(t, r, id).FirstPlaces; got != n {
			t.Errorf("%s first places = %d, want %d", id, got, n)
		}
	}
	if c1.Dropped != nil || r.Normalization != nil || c1.JudgeTotals[0].Normalized != nil {
		t.Errorf("Mean reports trimmed-mean or z-score figures: %+v", c1)
	}
}

func TestRealisticTrimmedMean(t *testing.T) {
	r := compute(t, realistic(), TrimmedMean)
	checkRanking(t, r, []want{
		{"C2", 63.3333, ""}, // 35 60 60 70 80 → drop 80 (J1), 35 (J3) → (60+60+70)/3 = 190/3 = 63.3333
		{"C1", 61.6667, ""}, // 50 55 60 70 90 → drop 90 (J1), 50 (J2) → (55+60+70)/3 = 185/3 = 61.6667
		{"C3", 53.3333, ""}, // 30 40 50 70 75 → drop 75 (J3), 30 (J2) → (40+50+70)/3 = 160/3 = 53.3333
		{"C4", 43.3333, ""}, // 15 40 40 50 60 → drop 60 (J1), 15 (J3) → (40+40+50)/3 = 130/3 = 43.3333
	})
	for id, d := range map[string][]string{"C1": {"J1", "J2"}, "C2": {"J1", "J3"}, "C3": {"J3", "J2"}, "C4": {"J1", "J3"}} {
		if got := row(t, r, id).Dropped; !slices.Equal(got, d) {
			t.Errorf("%s dropped = %v, want %v (highest, lowest)", id, got, d)
		}
	}
}

func TestRealisticMedian(t *testing.T) {
	r := compute(t, realistic(), Median)
	checkRanking(t, r, []want{
		// C1 (50 55 60 70 90) and C2 (35 60 60 70 80) both have median 60. The declared
		// tie-break is the transferability mean: C2 (7+6+6+9+7)/5 = 7 > C1 (8+7+6+8+3)/5 = 6.4.
		{"C2", 60, ""},
		{"C1", 60, TieBreakCriterion},
		{"C3", 50, ""}, // 30 40 50 70 75
		{"C4", 40, ""}, // 15 40 40 50 60
	})
	if c1 := row(t, r, "C1"); c1.TieBrokenByCriterion != "transferability" || c1.CriterionMeans[2] != 6.4 {
		t.Errorf("C1 tie broken by criterion %q with mean %v", c1.TieBrokenByCriterion, c1.CriterionMeans[2])
	}
}

func TestRealisticZScore(t *testing.T) {
	// Each judge's four totals are m_j + k·d_j with k ∈ {3, 1, −1, −3}:
	//   J1 90 80 70 60 (C1..C4): m 75, d 5;   J2 50 60 30 40: m 45, d 5;
	//   J3 55 35 75 15: m 45, d 10;           J4 70 60 40 50: m 55, d 5;   J5 60 70 50 40: m 55, d 5.
	// Population SD of {m+3d, m+d, m−d, m−3d} = d·√((9+1+1+9)/4) = d·√5, so z = k/√5.
	// All 20 totals: mean M = (75+45+45+55+55)/5 = 55; variance = mean within-judge variance
	// + variance of judge means = (125+125+500+125+125)/5 + (20²+10²+10²+0+0)/5 = 200 + 120 = 320,
	// S = √320 = 8√5 = 17.8885. normalized = 55 + (k/√5)·8√5 = 55 + 8k ∈ {79, 63, 47, 31}.
	// k per case (J1..J5): C1 3 1 1 3 1 (Σ 9); C2 1 3 −1 1 3 (Σ 7); C3 −1 −3 3 −3 −1 (Σ −5);
	// C4 −3 −1 −3 −1 −3 (Σ −11). Score = 55 + 8·Σk/5.
	r := compute(t, realistic(), ZScore)
	checkRanking(t, r, []want{
		{"C1", 69.4, ""}, // 55 + 8·9/5 = 55 + 14.4
		{"C2", 66.2, ""}, // 55 + 8·7/5 = 55 + 11.2
		{"C3", 47, ""},   // 55 − 8·5/5
		{"C4", 37.4, ""}, // 55 − 8·11/5 = 55 − 17.6
	})
	wantNorm := map[string][]float64{
		"C1": {79, 63, 63, 79, 63}, "C2": {63, 79, 47, 63, 79},
		"C3": {47, 31, 79, 31, 47}, "C4": {31, 47, 31, 47, 31},
	}
	for id, ws := range wantNorm {
		for i, jt := range row(t, r, id).JudgeTotals {
			if jt.Normalized == nil || *jt.Normalized != ws[i] {
				t.Errorf("%s %s normalized = %v, want %v", id, jt.JudgeID, jt.Normalized, ws[i])
			}
		}
	}
	n := r.Normalization
	if n == nil || n.Mean != 55 || n.SD != 17.8885 {
		t.Fatalf("normalization = %+v, want mean 55, SD √320 = 17.8885", n)
	}
	// √125 = 11.1803, √500 = 22.3607
	wantJudges := []JudgeScale{{"J1", 4, 75, 11.1803}, {"J2", 4, 45, 11.1803}, {"J3", 4, 45, 22.3607}, {"J4", 4, 55, 11.1803}, {"J5", 4, 55, 11.1803}}
	if !reflect.DeepEqual(n.Judges, wantJudges) {
		t.Errorf("judge scales = %+v, want %+v", n.Judges, wantJudges)
	}
}

func TestTrimmedMeanTiedExtremes(t *testing.T) {
	in := Input{Criteria: overall, Cases: cases("A"), Method: TrimmedMean, Sheets: []Sheet{
		sheet("A", "J1", 50), sheet("A", "J2", 90), sheet("A", "J3", 70), sheet("A", "J4", 90), sheet("A", "J5", 50),
	}}
	r := compute(t, in, TrimmedMean)
	// 90 90 70 50 50: one 90 (J2, the smaller judge ID of J2/J4) and one 50 (J1, of J1/J5)
	// are dropped → (90 + 70 + 50)/3 = 210/3 = 70.
	checkRanking(t, r, []want{{"A", 70, ""}})
	if d := r.Rows[0].Dropped; !slices.Equal(d, []string{"J2", "J1"}) {
		t.Errorf("dropped = %v, want [J2 J1]", d)
	}

	// All equal: the highest dropped is J1, the lowest is the first of the others, J2.
	in.Sheets = []Sheet{sheet("A", "J1", 60), sheet("A", "J2", 60), sheet("A", "J3", 60)}
	r = compute(t, in, TrimmedMean)
	if row := r.Rows[0]; row.Score != 60 || !slices.Equal(row.Dropped, []string{"J1", "J2"}) {
		t.Errorf("all equal: score %v dropped %v, want 60 [J1 J2]", row.Score, row.Dropped)
	}
}

func TestTrimmedMeanTooFewJudges(t *testing.T) {
	in := Input{Criteria: overall, Cases: cases("A", "B", "C"), Sheets: []Sheet{
		sheet("A", "J1", 80), sheet("A", "J2", 70), sheet("A", "J3", 60),
		sheet("B", "J1", 80), sheet("B", "J2", 70), // 2 judges
		sheet("C", "J3", 75), // 1 judge
	}}
	in.Method = TrimmedMean
	_, err := Compute(in)
	var few *TooFewJudgesError
	if !errors.As(err, &few) || !errors.Is(err, ErrTooFewJudges) || !errors.Is(err, ErrInvalidInput) {
		t.Fatalf("err = %v, want TooFewJudgesError", err)
	}
	if !slices.Equal(few.CaseIDs, []string{"B", "C"}) || few.Min != 3 || few.Method != TrimmedMean {
		t.Errorf("err = %+v, want cases [B C], min 3", few)
	}
	// The other methods accept small panels: B (80+70)/2 = 75, C 75, A (80+70+60)/3 = 70.
	all := ComputeAll(in)
	if !errors.Is(all[TrimmedMean].Err, ErrTooFewJudges) {
		t.Errorf("ComputeAll trimmed mean err = %v", all[TrimmedMean].Err)
	}
	if all[Mean].Err != nil {
		t.Fatalf("ComputeAll mean err = %v", all[Mean].Err)
	}
	checkRanking(t, all[Mean].Result, []want{{"B", 75, ""}, {"C", 75, TieBreakCaseID}, {"A", 70, ""}})
}

func TestZScoreLenientAndStrictJudges(t *testing.T) {
	// Two panels: lenient L judges A and B, strict S judges C and D, N judges all four.
	in := Input{Criteria: overall, Cases: cases("A", "B", "C", "D"), Sheets: []Sheet{
		sheet("A", "L", 90), sheet("B", "L", 80),
		sheet("C", "S", 50), sheet("D", "S", 40),
		sheet("A", "N", 61), sheet("B", "N", 59), sheet("C", "N", 67), sheet("D", "N", 53),
	}}
	// Mean favours the lenient panel: A (90+61)/2 = 75.5, B (80+59)/2 = 69.5,
	// C (50+67)/2 = 58.5, D (40+53)/2 = 46.5.
	checkRanking(t, compute(t, in, Mean), []want{{"A", 75.5, ""}, {"B", 69.5, ""}, {"C", 58.5, ""}, {"D", 46.5, ""}})

	// ZScore. L: mean 85, SD 5 → z A +1, B −1. S: mean 45, SD 5 → z C +1, D −1.
	// N: mean 240/4 = 60, deviations 1 −1 7 −7, variance (1+1+49+49)/4 = 25, SD 5
	//    → z A 0.2, B −0.2, C 1.4, D −1.4.
	// All totals: sum 500, M = 62.5; deviations 27.5 17.5 −12.5 −22.5 −1.5 −3.5 4.5 −9.5,
	// squares 756.25+306.25+156.25+506.25+2.25+12.25+20.25+90.25 = 1850, variance 1850/8 = 231.25,
	// S = √231.25 = 15.20690633.
	// A: (z 1 + z 0.2)/2 = 0.6 → 62.5 + 0.6·S = 71.6241;  B: −0.6 → 62.5 − 9.1241 = 53.3759
	// C: (1 + 1.4)/2 = 1.2 → 62.5 + 18.2483 = 80.7483;   D: −1.2 → 44.2517
	r := compute(t, in, ZScore)
	checkRanking(t, r, []want{{"C", 80.7483, ""}, {"A", 71.6241, ""}, {"B", 53.3759, ""}, {"D", 44.2517, ""}})
	// A: L 62.5 + 15.2069 = 77.7069, N 62.5 + 0.2·15.2069 = 65.5414
	a := row(t, r, "A")
	if *a.JudgeTotals[0].Normalized != 77.7069 || *a.JudgeTotals[1].Normalized != 65.5414 {
		t.Errorf("A normalized = %v, %v", *a.JudgeTotals[0].Normalized, *a.JudgeTotals[1].Normalized)
	}
	if r.Normalization.Mean != 62.5 || r.Normalization.SD != 15.2069 {
		t.Errorf("normalization = %+v", r.Normalization)
	}
}

func TestZScoreClampAndConstantJudge(t *testing.T) {
	in := Input{Criteria: overall, Cases: cases("A", "B", "C", "D", "E"), Sheets: []Sheet{
		sheet("A", "J1", 100), sheet("B", "J1", 0), sheet("C", "J1", 0), sheet("D", "J1", 0), sheet("E", "J1", 0),
		sheet("A", "J2", 100), sheet("B", "J2", 100), sheet("C", "J2", 100), sheet("D", "J2", 100), sheet("E", "J2", 100),
	}}
	// J1: mean 20, deviations 80 −20 −20 −20 −20, variance (6400 + 4·400)/5 = 1600, SD 40
	//     → z A (100−20)/40 = 2, others −0.5.
	// J2: SD 0 → z 0 for every case.
	// All totals: six 100s and four 0s, M = 60, variance (6·40² + 4·60²)/10 = 2400, S = 48.9898.
	// J1 A: 60 + 2·48.9898 = 157.98 → clamped to 100; J1 B..E: 60 − 24.4949 = 35.5051; J2: 60.
	// A: (100 + 60)/2 = 80; B..E: (35.5051 + 60)/2 = 47.7526, tied, so case ID decides.
	r := compute(t, in, ZScore)
	checkRanking(t, r, []want{
		{"A", 80, ""}, {"B", 47.7526, ""}, {"C", 47.7526, TieBreakCaseID}, {"D", 47.7526, TieBreakCaseID}, {"E", 47.7526, TieBreakCaseID},
	})
	if n := *r.Rows[0].JudgeTotals[0].Normalized; n != 100 {
		t.Errorf("J1 on A normalized = %v, want clamped 100", n)
	}
	if n := *r.Rows[1].JudgeTotals[1].Normalized; n != 60 {
		t.Errorf("J2 on B normalized = %v, want 60 (SD 0 → z 0)", n)
	}
	if js := r.Normalization.Judges[1]; js.SD != 0 || js.Mean != 100 {
		t.Errorf("J2 scale = %+v", js)
	}
}

func TestMedianEvenCount(t *testing.T) {
	in := Input{Criteria: overall, Cases: cases("A", "B"), Sheets: []Sheet{
		sheet("A", "J1", 80), sheet("A", "J2", 60), sheet("A", "J3", 70), sheet("A", "J4", 90),
		sheet("B", "J1", 55), sheet("B", "J2", 65),
	}}
	checkRanking(t, compute(t, in, Median), []want{
		{"A", 75, ""}, // 60 70 80 90 → (70 + 80)/2
		{"B", 60, ""}, // 55 65 → (55 + 65)/2
	})
}

func TestTieBreaks(t *testing.T) {
	t0 := time.Date(2025, 6, 30, 9, 0, 0, 0, time.UTC)

	t.Run("criterion", func(t *testing.T) {
		// creativity 50 + impact 50 on 0–10: total = 5·creativity + 5·impact.
		crit := []Criterion{{ID: "creativity", Weight: 50, Min: 0, Max: 10}, {ID: "impact", Weight: 50, Min: 0, Max: 10}}
		in := Input{Criteria: crit, Cases: cases("A", "B"), Sheets: []Sheet{
			sheet("A", "J1", 6, 8), sheet("A", "J2", 6, 8), sheet("A", "J3", 6, 8), // 30 + 40 = 70
			sheet("B", "J1", 8, 6), sheet("B", "J2", 8, 6), sheet("B", "J3", 8, 6), // 40 + 30 = 70
		}}
		in.TieBreaks = []TieBreak{{Kind: TieBreakCriterion, CriterionID: "impact"}} // A 8 > B 6
		r := compute(t, in, Mean)
		checkRanking(t, r, []want{{"A", 70, ""}, {"B", 70, TieBreakCriterion}})
		if r.Rows[1].TieBrokenByCriterion != "impact" {
			t.Errorf("TieBrokenByCriterion = %q", r.Rows[1].TieBrokenByCriterion)
		}
		in.TieBreaks = []TieBreak{{Kind: TieBreakCriterion, CriterionID: "creativity"}} // B 8 > A 6
		checkRanking(t, compute(t, in, Mean), []want{{"B", 70, ""}, {"A", 70, TieBreakCriterion}})
	})

	t.Run("first places after a tied criterion", func(t *testing.T) {
		in := Input{Criteria: overall, Sheets: []Sheet{
			sheet("A", "J1", 90), sheet("B", "J1", 60), // J1's first place: A
			sheet("A", "J2", 50), sheet("B", "J2", 70), // J2's: B
			sheet("A", "J3", 60), sheet("B", "J3", 70), // J3's: B
		}}
		// Means A (90+50+60)/3 = 200/3 = 66.6667, B (60+70+70)/3 = 200/3 = 66.6667; the
		// "overall" criterion mean is the same 66.6667, so first places decide: B 2 > A 1,
		// before A's earlier submission is looked at.
		in.Cases = []Case{{ID: "A", SubmittedAt: t0}, {ID: "B", SubmittedAt: t0.Add(time.Hour)}}
		in.TieBreaks = []TieBreak{{Kind: TieBreakCriterion, CriterionID: "overall"}, {Kind: TieBreakFirstPlaces}, {Kind: TieBreakEarlierSubmission}}
		r := compute(t, in, Mean)
		checkRanking(t, r, []want{{"B", 66.6667, ""}, {"A", 66.6667, TieBreakFirstPlaces}})
		if r.Rows[0].FirstPlaces != 2 || r.Rows[1].FirstPlaces != 1 {
			t.Errorf("first places = %d, %d, want 2, 1", r.Rows[0].FirstPlaces, r.Rows[1].FirstPlaces)
		}
		// Without declared tie-breaks, the case ID decides.
		in.TieBreaks = nil
		checkRanking(t, compute(t, in, Mean), []want{{"A", 66.6667, ""}, {"B", 66.6667, TieBreakCaseID}})
	})

	t.Run("earlier submission then case ID", func(t *testing.T) {
		in := Input{Criteria: overall,
			Cases: []Case{
				{ID: "A", SubmittedAt: t0.Add(time.Hour)},
				{ID: "B", SubmittedAt: t0},
				{ID: "C"}, // unknown submission time: after every known time
				{ID: "D", SubmittedAt: t0},
			},
			TieBreaks: []TieBreak{{Kind: TieBreakFirstPlaces}, {Kind: TieBreakEarlierSubmission}},
		}
		for _, c := range []string{"A", "B", "C", "D"} { // every case 70 from both judges: 2 first places each
			in.Sheets = append(in.Sheets, sheet(c, "J1", 70), sheet(c, "J2", 70))
		}
		checkRanking(t, compute(t, in, Mean), []want{
			{"B", 70, ""},
			{"D", 70, TieBreakCaseID},            // same time as B
			{"A", 70, TieBreakEarlierSubmission}, // an hour later
			{"C", 70, TieBreakEarlierSubmission}, // unknown time
		})
	})

	t.Run("ties are compared on rounded scores", func(t *testing.T) {
		// On the 40/35/25 rubric, (5, 6, 2) = (160+175+25)/9 = 360/9 = 40 but sums to
		// 40.00000000000001 in float64, while (1, 7, 7) = (0+210+150)/9 = 40 exactly.
		in := Input{Criteria: rubric, Cases: cases("A", "Z"), Sheets: []Sheet{
			sheet("Z", "J1", 5, 6, 2), sheet("A", "J1", 1, 7, 7),
		}}
		r := compute(t, in, Mean)
		checkRanking(t, r, []want{{"A", 40, ""}, {"Z", 40, TieBreakCaseID}})
		if r.Rows[0].FirstPlaces != 1 || r.Rows[1].FirstPlaces != 1 {
			t.Errorf("rounded totals 40 and 40 should both be J1's first place: %d, %d", r.Rows[0].FirstPlaces, r.Rows[1].FirstPlaces)
		}
	})
}

func TestDisagreement(t *testing.T) {
	in := Input{Criteria: overall, Cases: cases("X", "Y", "Z"), Sheets: []Sheet{
		sheet("X", "J1", 90), sheet("X", "J2", 70), sheet("X", "J3", 68), sheet("X", "J4", 66), sheet("X", "J5", 40),
		sheet("Y", "J1", 90), sheet("Y", "J2", 10),
		sheet("Z", "J1", 80), sheet("Z", "J2", 60), sheet("Z", "J3", 40),
	}}
	r := compute(t, in, Mean)
	for _, w := range []struct {
		id          string
		sd, rng     float64
		outliers    []string
		explanation string
	}{
		// mean 334/5 = 66.8; deviations 23.2 3.2 1.2 −0.8 −26.8; squares
		// 538.24+10.24+1.44+0.64+718.24 = 1268.8; variance 253.76; SD 15.9298. Range 90−40 = 50.
		// Median 68: J1 |90−68| = 22 ≥ 20 and J5 |40−68| = 28 ≥ 20 are outliers; J2 2, J3 0, J4 2 are not.
		{"X", 15.9298, 50, []string{"J1", "J5"}, ""},
		// Two judges: deviations ±40, SD 40, range 80; no outliers below 3 judges.
		{"Y", 40, 80, nil, ""},
		// Median 60; J1 and J3 are exactly 20 away (≥ 20). Variance (400+0+400)/3 = 266.6667, SD 16.3299.
		{"Z", 16.3299, 40, []string{"J1", "J3"}, ""},
	} {
		got := row(t, r, w.id)
		if got.StdDev != w.sd || got.Range != w.rng || !slices.Equal(got.Outliers, w.outliers) {
			t.Errorf("%s: SD %v range %v outliers %v, want %v %v %v", w.id, got.StdDev, got.Range, got.Outliers, w.sd, w.rng, w.outliers)
		}
	}

	// Weighted totals: (7, 4, 7) = (240+105+150)/9 = 495/9 = 55 (54.99999999999999 in float64),
	// (1, 10, 1) = 315/9 = 35 twice. Median 35; |55 − 35| = 20 after rounding → outlier.
	in = Input{Criteria: rubric, Cases: cases("W"), Sheets: []Sheet{
		sheet("W", "J1", 7, 4, 7), sheet("W", "J2", 1, 10, 1), sheet("W", "J3", 1, 10, 1),
	}}
	w := compute(t, in, Mean).Rows[0]
	// mean 125/3 = 41.6667; deviations 13.3333 −6.6667 −6.6667; variance (177.7778 + 2·44.4444)/3 = 88.8889; SD 9.4281
	if !slices.Equal(w.Outliers, []string{"J1"}) || w.Range != 20 || w.StdDev != 9.4281 || w.Score != 41.6667 {
		t.Errorf("W: %+v", w)
	}
}

func TestValidation(t *testing.T) {
	base := func() Input {
		in := realistic()
		in.Method = Mean
		return in
	}
	for _, tc := range []struct {
		name   string
		mutate func(*Input)
		is     error
		want   error
	}{
		{"unknown method", func(in *Input) { in.Method = "average" }, ErrUnknownMethod, &UnknownMethodError{Method: "average"}},
		{"weights sum to 95", func(in *Input) {
			in.Criteria = slices.Clone(rubric)
			in.Criteria[2].Weight = 20
		}, ErrWeightSum, &WeightSumError{Sum: 95}},
		{"weights off by 1e-6", func(in *Input) {
			in.Criteria = slices.Clone(rubric)
			in.Criteria[2].Weight = 25.000001
		}, ErrWeightSum, &WeightSumError{Sum: 40 + 35 + 25.000001}},
		{"empty rubric", func(in *Input) { in.Criteria = nil; in.Sheets = nil }, ErrWeightSum, &WeightSumError{Sum: 0}},
		{"max not above min", func(in *Input) {
			in.Criteria = slices.Clone(rubric)
			in.Criteria[1].Max = 1
		}, ErrInvalidCriterion, &InvalidCriterionError{Index: 1, CriterionID: "impact", Problem: CriterionBadScale}},
		{"negative weight", func(in *Input) {
			in.Criteria = []Criterion{{ID: "a", Weight: 120, Min: 0, Max: 10}, {ID: "b", Weight: -20, Min: 0, Max: 10}}
		}, ErrInvalidCriterion, &InvalidCriterionError{Index: 1, CriterionID: "b", Problem: CriterionBadWeight}},
		{"duplicate criterion", func(in *Input) {
			in.Criteria = slices.Clone(rubric)
			in.Criteria[2].ID = "creativity"
		}, ErrInvalidCriterion, &InvalidCriterionError{Index: 2, CriterionID: "creativity", Problem: CriterionDuplicateID}},
		{"unknown tie-break criterion", func(in *Input) {
			in.TieBreaks = []TieBreak{{Kind: TieBreakCriterion, CriterionID: "budget"}}
		}, ErrUnknownCriterion, &UnknownCriterionError{CriterionID: "budget"}},
		{"unknown tie-break kind", func(in *Input) {
			in.TieBreaks = []TieBreak{{Kind: TieBreakFirstPlaces}, {Kind: "coin_toss"}}
		}, ErrUnknownTieBreak, &UnknownTieBreakError{Index: 1, Kind: "coin_toss"}},
		{"duplicate case", func(in *Input) { in.Cases = append(in.Cases, Case{ID: "C2"}) }, ErrDuplicateCase, &DuplicateCaseError{CaseID: "C2"}},
		{"unknown case", func(in *Input) { in.Sheets = append(in.Sheets, sheet("C9", "J1", 5, 5, 5)) }, ErrUnknownCase, &UnknownCaseError{CaseID: "C9", JudgeID: "J1"}},
		{"duplicate sheet", func(in *Input) { in.Sheets = append(in.Sheets, sheet("C3", "J2", 5, 5, 5)) }, ErrDuplicateSheet, &DuplicateSheetError{CaseID: "C3", JudgeID: "J2"}},
		{"too few points", func(in *Input) { in.Sheets[5].Points = []float64{7, 6} }, ErrPointsCount, &PointsCountError{CaseID: "C2", JudgeID: "J2", Got: 2, Want: 3}},
		{"points above max", func(in *Input) { in.Sheets[6].Points = []float64{3, 11, 3} }, ErrPointsRange,
			&PointsRangeError{CaseID: "C3", JudgeID: "J2", CriterionID: "impact", Points: 11, Min: 1, Max: 10}},
		{"points below min", func(in *Input) { in.Sheets[0].Points = []float64{9, 10, 0} }, ErrPointsRange,
			&PointsRangeError{CaseID: "C1", JudgeID: "J1", CriterionID: "transferability", Points: 0, Min: 1, Max: 10}},
		{"cases without sheets", func(in *Input) { in.Cases = append(in.Cases, Case{ID: "C6"}, Case{ID: "C5"}) }, ErrNoSheets, &NoSheetsError{CaseIDs: []string{"C5", "C6"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			tc.mutate(&in)
			_, err := Compute(in)
			if !errors.Is(err, tc.is) || !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("err = %v, want %v", err, tc.is)
			}
			if !reflect.DeepEqual(err, tc.want) {
				t.Errorf("err = %#v, want %#v", err, tc.want)
			}
			if err.Error() == "" {
				t.Error("empty message")
			}
		})
	}

	t.Run("NaN points", func(t *testing.T) {
		in := base()
		in.Sheets[0].Points = []float64{math.NaN(), 10, 8}
		var pe *PointsRangeError
		if _, err := Compute(in); !errors.As(err, &pe) || pe.CaseID != "C1" || pe.JudgeID != "J1" {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("weights within tolerance", func(t *testing.T) {
		in := Input{Criteria: []Criterion{{ID: "a", Weight: 33.3, Max: 1}, {ID: "b", Weight: 33.3, Max: 1}, {ID: "c", Weight: 33.4, Max: 1}},
			Cases: cases("A"), Sheets: []Sheet{sheet("A", "J1", 1, 1, 1)}, Method: Mean}
		if r, err := Compute(in); err != nil || r.Rows[0].Score != 100 {
			t.Errorf("33.3/33.3/33.4: %v %v", r, err)
		}
	})

	t.Run("reported problem does not depend on sheet order", func(t *testing.T) {
		in := base()
		in.Sheets[5].Points = []float64{7, 6, 0}  // C2 J2
		in.Sheets[14].Points = []float64{4, 0, 5} // C3 J4
		in.Sheets[16].Points = []float64{0, 7, 3} // C1 J5: smallest (case, judge)
		want := &PointsRangeError{CaseID: "C1", JudgeID: "J5", CriterionID: "creativity", Points: 0, Min: 1, Max: 10}
		rng := rand.New(rand.NewPCG(1, 2))
		for range 20 {
			rng.Shuffle(len(in.Sheets), func(i, j int) { in.Sheets[i], in.Sheets[j] = in.Sheets[j], in.Sheets[i] })
			if _, err := Compute(in); !reflect.DeepEqual(err, error(want)) {
				t.Fatalf("err = %v, want %v", err, want)
			}
		}
		// An unknown case is reported before any points problem.
		in.Sheets = append(in.Sheets, sheet("C0", "J9", 1, 1, 1))
		if _, err := Compute(in); !errors.Is(err, ErrUnknownCase) {
			t.Errorf("err = %v, want unknown case first", err)
		}
	})

	t.Run("ComputeAll reports a shared problem under every method", func(t *testing.T) {
		in := base()
		in.Sheets[0].Points = []float64{1}
		all := ComputeAll(in)
		for _, m := range Methods {
			if !errors.Is(all[m].Err, ErrPointsCount) {
				t.Errorf("%s: %v", m, all[m].Err)
			}
		}
	})
}

func TestComputeAllMatchesCompute(t *testing.T) {
	in := realistic()
	all := ComputeAll(in)
	if len(all) != len(Methods) {
		t.Fatalf("%d methods, want %d", len(all), len(Methods))
	}
	for _, m := range Methods {
		in.Method = m
		r, err := Compute(in)
		if err != nil || all[m].Err != nil {
			t.Fatalf("%s: %v / %v", m, err, all[m].Err)
		}
		if !reflect.DeepEqual(r, all[m].Result) {
			t.Errorf("%s: ComputeAll differs from Compute", m)
		}
	}
}

func TestEmptyRound(t *testing.T) {
	all := ComputeAll(Input{Criteria: overall})
	for _, m := range Methods {
		if all[m].Err != nil || len(all[m].Result.Rows) != 0 {
			t.Errorf("%s: %+v", m, all[m])
		}
	}
}

func TestDeterministicUnderShuffle(t *testing.T) {
	for name, in := range map[string]Input{
		"realistic": realistic(),
		"generated": generate(60, 7, 4, 42),
	} {
		t.Run(name, func(t *testing.T) {
			// Partial panels too: drop the sheets whose first points are 1 (about one in ten).
			if name == "generated" {
				in.Sheets = slices.DeleteFunc(in.Sheets, func(s Sheet) bool { return len(s.Points) > 0 && s.Points[0] == 1 })
			}
			base := ComputeAll(in)
			for _, m := range Methods {
				if base[m].Err != nil {
					t.Fatalf("%s: %v", m, base[m].Err)
				}
			}
			rng := rand.New(rand.NewPCG(7, 11))
			for range 25 {
				shuffled := in
				shuffled.Sheets = slices.Clone(in.Sheets)
				shuffled.Cases = slices.Clone(in.Cases)
				rng.Shuffle(len(shuffled.Sheets), func(i, j int) {
					shuffled.Sheets[i], shuffled.Sheets[j] = shuffled.Sheets[j], shuffled.Sheets[i]
				})
				rng.Shuffle(len(shuffled.Cases), func(i, j int) {
					shuffled.Cases[i], shuffled.Cases[j] = shuffled.Cases[j], shuffled.Cases[i]
				})
				if got := ComputeAll(shuffled); !reflect.DeepEqual(got, base) {
					t.Fatal("shuffled sheets give a different result")
				}
			}
		})
	}
}

// generate builds a round where every judge scores every case on a 1–10 scale, from a
// fixed seed. Criterion weights: 100/nCrit each, the remainder on the first criterion.
func generate(nCases, nJudges, nCrit int, seed uint64) Input {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	in := Input{TieBreaks: []TieBreak{{Kind: TieBreakCriterion, CriterionID: "k0"}, {Kind: TieBreakFirstPlaces}, {Kind: TieBreakEarlierSubmission}}}
	w := math.Floor(100 / float64(nCrit))
	for k := range nCrit {
		in.Criteria = append(in.Criteria, Criterion{ID: "k" + strconv.Itoa(k), Weight: w, Min: 1, Max: 10})
	}
	in.Criteria[0].Weight += 100 - w*float64(nCrit)
	t0 := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	for c := range nCases {
		in.Cases = append(in.Cases, Case{ID: "case-" + strconv.Itoa(c), SubmittedAt: t0.Add(time.Duration(rng.IntN(30*24*60)) * time.Minute)})
	}
	points := make([]float64, nCases*nJudges*nCrit)
	for c := range nCases {
		for j := range nJudges {
			p := points[:nCrit:nCrit]
			points = points[nCrit:]
			for k := range p {
				p[k] = float64(1 + rng.IntN(10))
			}
			in.Sheets = append(in.Sheets, Sheet{CaseID: in.Cases[c].ID, JudgeID: "judge-" + strconv.Itoa(j), Points: p})
		}
	}
	return in
}

func BenchmarkComputeAllMethods(b *testing.B) {
	in := generate(2000, 15, 6, 2025)
	for m, r := range ComputeAll(in) {
		if r.Err != nil || len(r.Result.Rows) != 2000 {
			b.Fatalf("%s: %v", m, r.Err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		ComputeAll(in)
	}
}
