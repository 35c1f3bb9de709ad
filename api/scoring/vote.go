package scoring

import "sort"

// # Citizen participation
//
// A stage's score may take shares (percent) from two public sources besides its judges:
// a citizen panel (국민심사단) scoring with its own, simpler rubric, and a public vote
// (온라인 국민투표). With panel share p and vote share v:
//
//	stage score = judges' score × (100 − p − v) / 100 + panel score × p / 100 + vote score × v / 100
//
// The panel score of a case is the mean of its panel members' weighted totals (0–100, by
// the panel rubric). The vote counts are normalized so the most-voted case gets the full
// 100 and every other case its share of the leader's count:
//
//	vote score = 100 × votes / max votes   (0 for every case when nobody voted)
//
// Proportional normalization keeps the ratio between cases that citizens expressed and
// gives the winner of the vote exactly v points whatever the turnout. Every figure is
// rounded to 4 decimals like the others.
//
// A case that no panel member scored has no panel score (nil, not 0): nobody judged it
// badly, the panel simply did not judge it, so counting 0 would cost it up to p points for
// something outside its control. Its stage score blends the parts it has, the panel's share
// going to them in proportion to their own shares:
//
//	stage score = (judges' score × (100 − p − v) + vote score × v) / (100 − p)
//
// (with p = 100 there is nothing else to blend, and the judges' score stands). A vote that
// did not go to a case is a real answer of the voters, so a case's 0 votes count as 0.

// TieBreakJudgeRanking names what separates two cases whose blended scores are equal: the
// order of the judges' ranking, its own tie-breaks included.
const TieBreakJudgeRanking = "judge_ranking"

// Public is what citizens gave a stage's cases, by case ID, with the shares.
type Public struct {
	PanelShare float64
	Panel      map[string]float64 // mean panel total per case
	VoteShare  float64
	Votes      map[string]int
}

// VoteScore is a case's normalized vote score on the 0–100 scale.
func VoteScore(votes, maxVotes int) float64 {
	if maxVotes <= 0 || votes <= 0 {
		return 0
	}
	return round4(100 * float64(votes) / float64(maxVotes))
}

// WeightedTotal is one sheet's total on the 0–100 scale (see the package comment): each
// criterion's share of its range times its weight. Rankings compare it unrounded.
func WeightedTotal(criteria []Criterion, points []float64) float64 {
	total := 0.0
	for i, c := range criteria {
		if i < len(points) && c.Max > c.Min {
			total += (points[i] - c.Min) / (c.Max - c.Min) * c.Weight
		}
	}
	return total
}

// SheetTotal is the total a score sheet stores and shows: WeightedTotal to four decimals.
// The web app's live total follows the same rule, checked against testdata/sheet-totals.json
// on both sides.
func SheetTotal(criteria []Criterion, points []float64) float64 {
	return round4(WeightedTotal(criteria, points))
}

// Blend folds the panel and the vote into a computed ranking: each row's Score becomes the
// blend of its judges' score (kept in JudgeScore), its PanelScore and its VoteScore, and
// rows are ranked again by the blend. Rows with equal blends keep the order the judges'
// ranking gave them, tie-breaks included. Without shares the ranking comes back unchanged,
// with the components filled in.
func Blend(res Result, pub Public) Result {
	maxVotes := 0
	for _, n := range pub.Votes {
		maxVotes = max(maxVotes, n)
	}
	judges := 100 - pub.PanelShare - pub.VoteShare
	shared := pub.PanelShare > 0 || pub.VoteShare > 0
	rows := make([]Row, len(res.Rows))
	copy(rows, res.Rows)
	for i := range rows {
		r := &rows[i]
		r.JudgeScore = r.Score
		r.PanelScore = nil
		if panel, ok := pub.Panel[r.CaseID]; ok {
			r.PanelScore = ptr(round4(panel))
		}
		r.Votes = pub.Votes[r.CaseID]
		r.VoteScore = VoteScore(r.Votes, maxVotes)
		if !shared {
			continue
		}
		switch {
		case r.PanelScore != nil || pub.PanelShare <= 0:
			panel := 0.0
			if r.PanelScore != nil {
				panel = *r.PanelScore
			}
			r.Score = round4(r.JudgeScore*judges/100 + panel*pub.PanelShare/100 + r.VoteScore*pub.VoteShare/100)
		case judges+pub.VoteShare > 0:
			// No panel score: the panel's share goes to the other parts by their shares.
			r.Score = round4((r.JudgeScore*judges + r.VoteScore*pub.VoteShare) / (judges + pub.VoteShare))
		default:
			r.Score = round4(r.JudgeScore)
		}
	}
	if shared {
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].Score > rows[j].Score })
		for i := range rows {
			rows[i].Rank = i + 1
			rows[i].TieBrokenBy, rows[i].TieBrokenByCriterion = "", ""
			if i > 0 && rows[i].Score == rows[i-1].Score {
				rows[i].TieBrokenBy = TieBreakJudgeRanking
			}
		}
	}
	res.Rows = rows
	res.PanelShare, res.VoteShare = pub.PanelShare, pub.VoteShare
	return res
}

func ptr(v float64) *float64 { return &v }

// BlendVotes is Blend with a vote and no panel.
func BlendVotes(res Result, votes map[string]int, share float64) Result {
	return Blend(res, Public{Votes: votes, VoteShare: share})
}
