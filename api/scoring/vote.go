package scoring

import "sort"

// # Public vote
//
// A stage may give part of its score to a public vote (온라인 국민투표). The vote counts are
// normalized so the most-voted case gets the full 100 and every other case its share of the
// leader's count:
//
//	vote score = 100 × votes / max votes   (0 for every case when nobody voted)
//
// and the stage score blends it with the judges' score by the vote's share v (percent):
//
//	stage score = judges' score × (100 − v) / 100 + vote score × v / 100
//
// Both are rounded to 4 decimals like every reported figure. Proportional normalization keeps
// the ratio between cases that citizens expressed, and leaves the winner of the vote exactly
// v points, whatever the turnout.

// TieBreakJudgeRanking names what separates two cases whose blended scores are equal: the
// order of the judges' ranking, its own tie-breaks included.
const TieBreakJudgeRanking = "judge_ranking"

// VoteScore is a case's normalized vote score on the 0–100 scale.
func VoteScore(votes, maxVotes int) float64 {
	if maxVotes <= 0 || votes <= 0 {
		return 0
	}
	return round4(100 * float64(votes) / float64(maxVotes))
}

// BlendVotes folds a public vote into a computed ranking: each row's Score becomes the blend
// of its judges' score (kept in JudgeScore) and its VoteScore, and rows are ranked again by
// the blend. Rows with equal blends keep the order the judges' ranking gave them, tie-breaks
// included. A share of 0 returns the ranking with the components filled in and unchanged.
func BlendVotes(res Result, votes map[string]int, share float64) Result {
	maxVotes := 0
	for _, n := range votes {
		maxVotes = max(maxVotes, n)
	}
	rows := make([]Row, len(res.Rows))
	copy(rows, res.Rows)
	for i := range rows {
		r := &rows[i]
		r.JudgeScore = r.Score
		r.Votes = votes[r.CaseID]
		r.VoteScore = VoteScore(r.Votes, maxVotes)
		if share > 0 {
			r.Score = round4(r.JudgeScore*(100-share)/100 + r.VoteScore*share/100)
		}
	}
	if share > 0 {
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
	res.VoteShare = share
	return res
}
