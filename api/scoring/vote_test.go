package scoring

import "testing"

func TestVoteScoreIsProportionalToTheLeader(t *testing.T) {
	for _, c := range []struct {
		votes, max int
		want       float64
	}{{120, 120, 100}, {60, 120, 50}, {1, 3, 33.3333}, {2, 3, 66.6667}, {0, 120, 0}, {0, 0, 0}} {
		if got := VoteScore(c.votes, c.max); got != c.want {
			t.Errorf("VoteScore(%d, %d) = %v, want %v", c.votes, c.max, got, c.want)
		}
	}
}

// TestBlendVotesByHand: judges 80 / 78 / 70, votes 10 / 40 / 20 with a 20 % vote share.
// Vote scores 25 / 100 / 50, so
//
//	A = 80 × 0.8 + 25 × 0.2  = 69
//	B = 78 × 0.8 + 100 × 0.2 = 82.4
//	C = 70 × 0.8 + 50 × 0.2  = 66
//
// and the vote lifts B over A.
func TestBlendVotesByHand(t *testing.T) {
	res := Result{Method: Mean, Rows: []Row{
		{CaseID: "a", Rank: 1, Score: 80},
		{CaseID: "b", Rank: 2, Score: 78},
		{CaseID: "c", Rank: 3, Score: 70, TieBrokenBy: "case_id"},
	}}
	got := BlendVotes(res, map[string]int{"a": 10, "b": 40, "c": 20}, 20)
	want := []struct {
		id                       string
		score, judges, voteScore float64
		votes                    int
	}{{"b", 82.4, 78, 100, 40}, {"a", 69, 80, 25, 10}, {"c", 66, 70, 50, 20}}
	if got.VoteShare != 20 || len(got.Rows) != 3 {
		t.Fatalf("blend: %+v", got)
	}
	for i, w := range want {
		r := got.Rows[i]
		if r.CaseID != w.id || r.Score != w.score || r.JudgeScore != w.judges || r.VoteScore != w.voteScore || r.Votes != w.votes || r.Rank != i+1 || r.TieBrokenBy != "" {
			t.Errorf("rank %d: %+v, want %+v", i+1, r, w)
		}
	}
	if res.Rows[0].CaseID != "a" || res.Rows[0].Score != 80 {
		t.Fatal("BlendVotes changed its input")
	}
}

func TestBlendVotesTiesKeepTheJudgesOrder(t *testing.T) {
	// 60 × 0.5 + 100 × 0.5 = 80 and 80 × 0.5 + 80 × 0.5 = 80: equal blends, the judges'
	// first stays first.
	res := Result{Rows: []Row{{CaseID: "x", Rank: 1, Score: 80}, {CaseID: "y", Rank: 2, Score: 60}}}
	got := BlendVotes(res, map[string]int{"x": 4, "y": 5}, 50)
	if got.Rows[0].CaseID != "x" || got.Rows[1].TieBrokenBy != TieBreakJudgeRanking || got.Rows[0].Score != 80 || got.Rows[1].Score != 80 {
		t.Fatalf("tie: %+v", got.Rows)
	}
}

func TestBlendVotesWithoutShareOnlyReports(t *testing.T) {
	res := Result{Rows: []Row{{CaseID: "x", Rank: 1, Score: 80}, {CaseID: "y", Rank: 2, Score: 60}}}
	got := BlendVotes(res, map[string]int{"y": 9}, 0)
	if got.Rows[0].CaseID != "x" || got.Rows[0].Score != 80 || got.Rows[1].VoteScore != 100 || got.Rows[1].JudgeScore != 60 {
		t.Fatalf("no share: %+v", got.Rows)
	}
	none := BlendVotes(res, nil, 30)
	if none.Rows[0].CaseID != "x" || none.Rows[0].Score != 56 || none.Rows[1].Score != 42 {
		t.Fatalf("no votes: %+v", none.Rows)
	}
}

// TestBlendPanelAndVoteByHand: judges 50 %, panel 30 %, vote 20 %.
//
//	A: judges 90, panel 60, votes 2 of max 8 (25)  = 45 + 18 + 5  = 68
//	B: judges 70, panel 90, votes 8 (100)          = 35 + 27 + 20 = 82
//	C: judges 80, no panel score, votes 4 (50): the panel's 30 goes to judges and vote
//	   by 50 : 20, so (80 × 50 + 50 × 20) / 70 = 5000 / 70 = 71.4286
//
// Counting C's missing panel score as 0 would have given 40 + 0 + 10 = 50, last place.
func TestBlendPanelAndVoteByHand(t *testing.T) {
	res := Result{Rows: []Row{{CaseID: "a", Rank: 1, Score: 90}, {CaseID: "c", Rank: 2, Score: 80}, {CaseID: "b", Rank: 3, Score: 70}}}
	got := Blend(res, Public{PanelShare: 30, Panel: map[string]float64{"a": 60, "b": 90}, VoteShare: 20, Votes: map[string]int{"a": 2, "b": 8, "c": 4}})
	want := []struct {
		id    string
		score float64
		panel *float64
	}{{"b", 82, ptr(90)}, {"c", 71.4286, nil}, {"a", 68, ptr(60)}}
	for i, w := range want {
		r := got.Rows[i]
		if r.CaseID != w.id || r.Score != w.score || r.Rank != i+1 || (r.PanelScore == nil) != (w.panel == nil) || (w.panel != nil && *r.PanelScore != *w.panel) {
			t.Errorf("rank %d: %+v (panel %v), want %+v", i+1, r, r.PanelScore, w)
		}
	}
	if got.PanelShare != 30 || got.VoteShare != 20 {
		t.Fatalf("shares: %+v", got)
	}
}

// TestBlendWithoutPanelScoreRedistributesThePanelShare: judges 70 %, panel 30 %, no vote.
//
//	A: judges 80, panel 50 = 56 + 15 = 71
//	B: judges 75, no panel score: the whole 30 goes to the judges, so 75
//	C: judges 60, panel score 0 (the members scored it at the bottom) = 42 + 0 = 42
//
// A panel share of 100 leaves nothing to redistribute to: the judges' score stands.
func TestBlendWithoutPanelScoreRedistributesThePanelShare(t *testing.T) {
	res := Result{Rows: []Row{{CaseID: "a", Rank: 1, Score: 80}, {CaseID: "b", Rank: 2, Score: 75}, {CaseID: "c", Rank: 3, Score: 60}}}
	got := Blend(res, Public{PanelShare: 30, Panel: map[string]float64{"a": 50, "c": 0}})
	want := []struct {
		id    string
		score float64
	}{{"b", 75}, {"a", 71}, {"c", 42}}
	for i, w := range want {
		if r := got.Rows[i]; r.CaseID != w.id || r.Score != w.score {
			t.Errorf("rank %d: %+v, want %+v", i+1, r, w)
		}
	}
	if got.Rows[0].PanelScore != nil || got.Rows[2].PanelScore == nil || *got.Rows[2].PanelScore != 0 {
		t.Fatalf("panel scores: %v, %v", got.Rows[0].PanelScore, got.Rows[2].PanelScore)
	}
	all := Blend(res, Public{PanelShare: 100, Panel: map[string]float64{"a": 40}})
	if all.Rows[0].CaseID != "b" || all.Rows[0].Score != 75 || all.Rows[1].CaseID != "c" || all.Rows[1].Score != 60 || all.Rows[2].Score != 40 {
		t.Fatalf("panel 100 %%: %+v", all.Rows)
	}
}

func TestWeightedTotalOfAPanelSheet(t *testing.T) {
	// 국민 체감도 50 and 확산 가능성 50 on 1–5: 4 and 5 give 37.5 + 50.
	criteria := []Criterion{{ID: "x", Weight: 50, Min: 1, Max: 5}, {ID: "y", Weight: 50, Min: 1, Max: 5}}
	if got := WeightedTotal(criteria, []float64{4, 5}); got != 87.5 {
		t.Fatalf("total %v", got)
	}
}
