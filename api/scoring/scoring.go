// Package scoring is the aggregation engine for judging results: it turns the sheets that
// judges submitted for the cases of a round into a ranking, plus the figures an organizer
// needs to explain and reproduce every rank. It does no I/O.
//
// # Weighted total
//
// A rubric is a list of criteria (심사기준 항목), each with a weight in percent (the weights
// sum to 100) and a points scale [Min, Max]. A judge's weighted total for a case is
//
//	total = Σ over criteria of (points − Min) / (Max − Min) × Weight
//
// so a perfect sheet is 100 and the lowest possible sheet is 0. Weights apply before any
// aggregation; every method works on these totals.
//
// # Methods
//
//   - Mean: the mean of the case's judge totals.
//   - TrimmedMean (최고·최저점 제외 평균): drop the single highest and the single lowest total
//     and average the rest. With ties only one copy is dropped: the dropped "highest" is the
//     judge with the smallest judge ID among those with the highest total, the dropped
//     "lowest" is the judge with the smallest judge ID among the remaining judges with the
//     lowest total. Needs at least 3 judges on every case (TooFewJudgesError lists the
//     cases that have fewer).
//   - Median: the median of the case's judge totals; for an even count, the mean of the
//     middle two.
//   - ZScore: corrects for lenient and strict judges. For each judge j, m_j and s_j are the
//     mean and population standard deviation of j's totals over the cases j scored. Every
//     total t of j becomes z = (t − m_j) / s_j, with z = 0 when s_j < 1e-9 (a judge who gave
//     every case the same total, or scored one case only). z is mapped back to the rubric's
//     0–100 scale with M and S, the mean and population standard deviation of all raw
//     totals of all judges: normalized = M + z × S, clamped to [0, 100]. The case score is
//     the mean of its normalized totals. Result.Normalization reports M, S and every m_j, s_j.
//
// # Rounding and ranking
//
// Everything is computed in float64; reported figures (scores, totals, normalized totals,
// criterion means, standard deviations, ranges) are rounded to 4 decimals, half away from
// zero, only at the end, and every comparison used for ranking or ties is made on the
// rounded values. Rows are ordered by Score descending, then by the declared tie-breaks in
// order, then by case ID ascending, so ranks are always 1..n without sharing:
//
//   - "criterion": the higher mean points on TieBreak.CriterionID first (Row.CriterionMeans,
//     the mean over all the case's sheets, also those a trimmed mean dropped).
//   - "first_places": more first places first. A judge gives a first place to the case(s)
//     with that judge's highest raw total; tied cases each get one.
//   - "earlier_submission": the earlier Case.SubmittedAt first; a zero SubmittedAt (unknown)
//     comes after every known time.
//
// Row.TieBrokenBy names the key that separated a row from the row ranked just above it when
// their scores are equal: a declared kind, or "case_id" when only the case ID did.
//
// # Disagreement
//
// Row.StdDev is the population standard deviation and Row.Range the max − min of the raw
// judge totals. A judge is an outlier on a case (Row.Outliers) when the case has at least 3
// judges and the judge's raw total is OutlierPoints (20) points or more away from the
// median of the case's totals. The median includes the judge's own total, but unlike the
// mean it is not pulled towards a single extreme one.
//
// # Validation
//
// Input is checked before anything is computed, and the first problem is returned in this
// order: unknown method; criteria (empty or duplicate ID, Max <= Min or non-finite scale,
// negative or non-finite weight), in rubric order; weights not summing to 100 ± 1e-9;
// tie-breaks (unknown kind, unknown criterion), in declared order; duplicate case IDs; then
// sheets, sorted by (case ID, judge ID): a sheet for an unknown case, a duplicate (case,
// judge) sheet, a sheet with the wrong number of points, points outside [Min, Max]; cases
// without sheets (all listed); and for TrimmedMean cases with fewer than 3 judges (all
// listed). Whatever the order of Input.Sheets and Input.Cases, the same input gives the same
// Result or the same error.
package scoring

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// Method is an aggregation method, chosen per round.
type Method string

const (
	Mean        Method = "mean"
	TrimmedMean Method = "trimmed_mean" // drop one highest and one lowest judge total; needs >= 3 judges on every case
	Median      Method = "median"
	ZScore      Method = "zscore" // per-judge z-score normalization of totals, rescaled to 0–100, then mean
)

// Methods lists every method, in the order an organizer's method switch shows them.
var Methods = []Method{Mean, TrimmedMean, Median, ZScore}

// Tie-break kinds. TieBreakCaseID is never declared: it is the implicit last key, and it
// appears in Row.TieBrokenBy when nothing else separated two rows.
const (
	TieBreakCriterion         = "criterion"
	TieBreakFirstPlaces       = "first_places"
	TieBreakEarlierSubmission = "earlier_submission"
	TieBreakCaseID            = "case_id"
)

const (
	// WeightTolerance is how far the criterion weights may sum from 100.
	WeightTolerance = 1e-9
	// MinTrimmedJudges is the smallest panel TrimmedMean accepts on a case.
	MinTrimmedJudges = 3
	// OutlierPoints is the distance from the case median (on the 0–100 scale) at which a
	// judge's total is an outlier; OutlierMinJudges is the smallest panel that has outliers.
	OutlierPoints    = 20.0
	OutlierMinJudges = 3
	// zeroSD: a per-judge standard deviation below this is treated as 0 (z = 0), so that
	// float noise on equal totals does not turn into a z-score.
	zeroSD = 1e-9
)

// Criterion is one item of the rubric (심사기준 항목).
type Criterion struct {
	ID     string
	Weight float64 // percent; weights of a rubric sum to 100
	Min    float64 // lowest points of the scale (grades such as S/A/B are mapped to points before they get here)
	Max    float64
}

// Case is a submitted case being judged.
type Case struct {
	ID          string
	SubmittedAt time.Time
}

// Sheet is one judge's submitted scores for one case.
type Sheet struct {
	CaseID  string
	JudgeID string
	Points  []float64 // aligned with Input.Criteria
}

// TieBreak is one declared tie-break key.
type TieBreak struct {
	Kind        string // TieBreakCriterion, TieBreakFirstPlaces or TieBreakEarlierSubmission
	CriterionID string // for TieBreakCriterion
}

// Input is everything needed to rank a round's cases.
type Input struct {
	Criteria  []Criterion
	Cases     []Case
	Sheets    []Sheet
	Method    Method     // used by Compute; ComputeAll runs every method
	TieBreaks []TieBreak // declared order; after them, case ID ascending makes the order total
}

// JudgeTotal is one judge's weighted total for a case.
type JudgeTotal struct {
	JudgeID    string
	Total      float64  // raw weighted total, 0–100
	Normalized *float64 // ZScore only: the normalized total the case score averages
}

// Row is one ranked case.
type Row struct {
	CaseID         string
	Rank           int          // 1..n, no two rows share a rank
	Score          float64      // the method's aggregate on the 0–100 scale
	JudgeTotals    []JudgeTotal // every judge's total for this case, sorted by judge ID
	Dropped        []string     // TrimmedMean: the judges dropped, highest first then lowest; nil otherwise
	CriterionMeans []float64    // mean raw points per criterion over all sheets, aligned with Input.Criteria
	FirstPlaces    int          // judges whose highest total went to this case
	StdDev         float64      // population standard deviation of the raw judge totals
	Range          float64      // max − min of the raw judge totals
	Outliers       []string     // judges whose total is >= OutlierPoints from the case median (n >= 3), by judge ID; nil when none
	TieBrokenBy    string       // "" or the key that separated this row from the one ranked just above it
	// TieBrokenByCriterion is the criterion ID when TieBrokenBy is TieBreakCriterion.
	TieBrokenByCriterion string
	// Filled by Blend: the judges' score before the blend, the citizen panel's score (nil
	// when no panel member scored the case), the case's votes and their normalized score.
	JudgeScore float64
	PanelScore *float64
	Votes      int
	VoteScore  float64
}

// JudgeScale is one judge's mean and population standard deviation of raw totals, as used
// by ZScore.
type JudgeScale struct {
	JudgeID  string
	Cases    int
	Mean, SD float64
}

// Normalization holds the figures of the ZScore method: the mean and population standard
// deviation of all raw totals, and each judge's own (sorted by judge ID).
type Normalization struct {
	Mean, SD float64
	Judges   []JudgeScale
}

// Result is the ranking of a round's cases under one method.
type Result struct {
	Method        Method
	Rows          []Row          // by rank
	Normalization *Normalization // ZScore only
	PanelShare    float64        // percent of the score from the citizen panel (Blend)
	VoteShare     float64        // percent of the score from the public vote (Blend)
}

// ResultOrError is one method's preview in ComputeAll.
type ResultOrError struct {
	Result Result
	Err    error
}

// Compute ranks the cases of in under in.Method.
func Compute(in Input) (Result, error) {
	if !slices.Contains(Methods, in.Method) {
		return Result{}, &UnknownMethodError{Method: in.Method}
	}
	p, err := prepare(&in)
	if err != nil {
		return Result{}, err
	}
	return p.result(in.Method)
}

// ComputeAll ranks the cases under every method of Methods, for the organizer's method
// switch; in.Method is ignored. The shared work (validation, totals, statistics) is done
// once. A validation error common to all methods is reported under every method.
func ComputeAll(in Input) map[Method]ResultOrError {
	out := make(map[Method]ResultOrError, len(Methods))
	p, err := prepare(&in)
	for _, m := range Methods {
		if err != nil {
			out[m] = ResultOrError{Err: err}
			continue
		}
		r, err := p.result(m)
		out[m] = ResultOrError{Result: r, Err: err}
	}
	return out
}

// prepared is the method-independent part of a computation. Sheets are stored by position:
// case by case in case ID order, and within a case in judge ID order; the sheets of case i
// are the positions off[i] to off[i+1]-1.
type prepared struct {
	criteria  []Criterion
	tieBreaks []TieBreak
	tbCrit    []int    // criterion index of each tie-break (-1 if not TieBreakCriterion)
	cases     []Case   // sorted by ID
	judgeIDs  []string // sorted
	off       []int

	judge   []int32   // per position: judge index into judgeIDs
	total   []float64 // per position: raw weighted total
	total4  []float64 // per position: total rounded to 4 decimals
	outlier []bool    // per position

	critMean4   []float64 // per case × criterion, rounded
	mean        []float64 // per case
	median      []float64
	stdDev4     []float64
	range4      []float64
	firstPlaces []int
	nOutliers   int
}

func prepare(in *Input) (*prepared, error) {
	nc := len(in.Criteria)
	critIdx := make(map[string]int, nc)
	sum := 0.0
	for i, c := range in.Criteria {
		var problem CriterionProblem
		_, dup := critIdx[c.ID]
		switch {
		case c.ID == "":
			problem = CriterionEmptyID
		case dup:
			problem = CriterionDuplicateID
		case !finite(c.Min) || !finite(c.Max) || !(c.Max > c.Min):
			problem = CriterionBadScale
		case !finite(c.Weight) || c.Weight < 0:
			problem = CriterionBadWeight
		}
		if problem != "" {
			return nil, &InvalidCriterionError{Index: i, CriterionID: c.ID, Problem: problem}
		}
		critIdx[c.ID] = i
		sum += c.Weight
	}
	if math.Abs(sum-100) > WeightTolerance {
		return nil, &WeightSumError{Sum: sum}
	}

	tbCrit := make([]int, len(in.TieBreaks))
	for i, tb := range in.TieBreaks {
		switch tb.Kind {
		case TieBreakCriterion:
			k, ok := critIdx[tb.CriterionID]
			if !ok {
				return nil, &UnknownCriterionError{CriterionID: tb.CriterionID}
			}
			tbCrit[i] = k
		case TieBreakFirstPlaces, TieBreakEarlierSubmission:
			tbCrit[i] = -1
		default:
			return nil, &UnknownTieBreakError{Index: i, Kind: tb.Kind}
		}
	}

	cases := slices.Clone(in.Cases)
	slices.SortFunc(cases, func(a, b Case) int { return strings.Compare(a.ID, b.ID) })
	caseIdx := make(map[string]int32, len(cases))
	for i, c := range cases {
		if i > 0 && cases[i-1].ID == c.ID {
			return nil, &DuplicateCaseError{CaseID: c.ID}
		}
		caseIdx[c.ID] = int32(i)
	}

	// Resolve each sheet's case and judge; any problem is reported by sheetError, which
	// looks at the sheets in a deterministic order.
	ns := len(in.Sheets)
	sheetCase := make([]int32, ns)
	sheetJudge := make([]int32, ns) // first-seen judge number, ranked below
	judgeNum := make(map[string]int32)
	var judgeNames []string
	for i := range in.Sheets {
		s := &in.Sheets[i]
		ci, ok := caseIdx[s.CaseID]
		if !ok || sheetProblem(in.Criteria, s) != nil {
			return nil, sheetError(in, caseIdx)
		}
		sheetCase[i] = ci
		j, ok := judgeNum[s.JudgeID]
		if !ok {
			j = int32(len(judgeNames))
			judgeNum[s.JudgeID] = j
			judgeNames = append(judgeNames, s.JudgeID)
		}
		sheetJudge[i] = j
	}
	nj := len(judgeNames)
	byName := make([]int32, nj)
	for i := range byName {
		byName[i] = int32(i)
	}
	slices.SortFunc(byName, func(a, b int32) int { return strings.Compare(judgeNames[a], judgeNames[b]) })
	judgeRank := make([]int32, nj)
	judgeIDs := make([]string, nj)
	for r, j := range byName {
		judgeRank[j] = int32(r)
		judgeIDs[r] = judgeNames[j]
	}

	// Order the sheets by (case, judge) with two stable counting sorts: by judge, then by case.
	bucket := make([]int, max(nj, len(cases))+1)
	for i := range sheetJudge {
		bucket[judgeRank[sheetJudge[i]]+1]++
	}
	for r := 1; r <= nj; r++ {
		bucket[r] += bucket[r-1]
	}
	byJudge := make([]int32, ns)
	for i := range sheetJudge {
		r := judgeRank[sheetJudge[i]]
		byJudge[bucket[r]] = int32(i)
		bucket[r]++
	}
	off := make([]int, len(cases)+1)
	for _, ci := range sheetCase {
		off[ci+1]++
	}
	for c := 1; c <= len(cases); c++ {
		off[c] += off[c-1]
	}
	next := bucket[:len(cases)]
	copy(next, off)
	order := make([]int32, ns)
	for _, i := range byJudge {
		c := sheetCase[i]
		order[next[c]] = i
		next[c]++
	}

	p := &prepared{
		criteria:  in.Criteria,
		tieBreaks: in.TieBreaks,
		tbCrit:    tbCrit,
		cases:     cases,
		judgeIDs:  judgeIDs,
		off:       off,
		judge:     make([]int32, ns),
		total:     make([]float64, ns),
		total4:    make([]float64, ns),
		outlier:   make([]bool, ns),
	}
	for pos, i := range order {
		p.judge[pos] = judgeRank[sheetJudge[i]]
		if pos > off[sheetCase[i]] && p.judge[pos] == p.judge[pos-1] {
			return nil, sheetError(in, caseIdx)
		}
		t := WeightedTotal(in.Criteria, in.Sheets[i].Points)
		p.total[pos] = t
		p.total4[pos] = round4(t)
	}

	var empty []string
	for c := range cases {
		if off[c] == off[c+1] {
			empty = append(empty, cases[c].ID)
		}
	}
	if empty != nil {
		return nil, &NoSheetsError{CaseIDs: empty}
	}

	p.caseStats(in, order)
	p.countFirstPlaces()
	return p, nil
}

// caseStats fills the per-case figures that do not depend on the method.
func (p *prepared) caseStats(in *Input, order []int32) {
	n, nc := len(p.cases), len(p.criteria)
	p.critMean4 = make([]float64, n*nc)
	p.mean = make([]float64, n)
	p.median = make([]float64, n)
	p.stdDev4 = make([]float64, n)
	p.range4 = make([]float64, n)
	var scratch []float64
	for c := range n {
		lo, hi := p.off[c], p.off[c+1]
		k := float64(hi - lo)
		ts := p.total[lo:hi]

		cm := p.critMean4[c*nc : (c+1)*nc]
		for pos := lo; pos < hi; pos++ {
			for j, v := range in.Sheets[order[pos]].Points {
				cm[j] += v
			}
		}
		for j := range cm {
			cm[j] = round4(cm[j] / k)
		}

		sum, lowest, highest := 0.0, ts[0], ts[0]
		for _, t := range ts {
			sum += t
			lowest, highest = min(lowest, t), max(highest, t)
		}
		m := sum / k
		ss := 0.0
		for _, t := range ts {
			ss += (t - m) * (t - m)
		}
		p.mean[c] = m
		p.stdDev4[c] = round4(math.Sqrt(ss / k))
		p.range4[c] = round4(highest - lowest)

		scratch = append(scratch[:0], ts...)
		slices.Sort(scratch)
		med := scratch[len(scratch)/2]
		if len(scratch)%2 == 0 {
			med = (scratch[len(scratch)/2-1] + med) / 2
		}
		p.median[c] = med

		if hi-lo >= OutlierMinJudges {
			for pos := lo; pos < hi; pos++ {
				if round4(math.Abs(p.total[pos]-med)) >= OutlierPoints {
					p.outlier[pos] = true
					p.nOutliers++
				}
			}
		}
	}
}

func (p *prepared) countFirstPlaces() {
	best := make([]float64, len(p.judgeIDs))
	for j := range best {
		best[j] = math.Inf(-1)
	}
	for pos, j := range p.judge {
		best[j] = max(best[j], p.total4[pos])
	}
	p.firstPlaces = make([]int, len(p.cases))
	for c := range p.cases {
		for pos := p.off[c]; pos < p.off[c+1]; pos++ {
			if p.total4[pos] == best[p.judge[pos]] {
				p.firstPlaces[c]++
			}
		}
	}
}

// result aggregates, ranks and assembles the rows under method m.
func (p *prepared) result(m Method) (Result, error) {
	n := len(p.cases)
	score := make([]float64, n)
	var dropped [][2]int // TrimmedMean: positions of the dropped highest and lowest
	var norm []float64   // ZScore: normalized total per position
	var normInfo *Normalization
	switch m {
	case Mean:
		copy(score, p.mean)
	case Median:
		copy(score, p.median)
	case TrimmedMean:
		var err error
		if dropped, err = p.trimmedMean(score); err != nil {
			return Result{}, err
		}
	case ZScore:
		norm, normInfo = p.zScore(score)
	default:
		return Result{}, &UnknownMethodError{Method: m}
	}
	for c := range score {
		score[c] = round4(score[c])
	}

	ranked := make([]int, n)
	for c := range ranked {
		ranked[c] = c
	}
	slices.SortFunc(ranked, func(a, b int) int {
		c, _, _ := p.compare(score, a, b)
		return c
	})

	nc := len(p.criteria)
	rows := make([]Row, n)
	totals := make([]JudgeTotal, len(p.total))
	critMeans := slices.Clone(p.critMean4)
	outliers := make([]string, 0, p.nOutliers)
	var drops []string
	var norm4 []float64
	if dropped != nil {
		drops = make([]string, 2*n)
	}
	if norm != nil {
		norm4 = make([]float64, len(norm))
	}
	for r, c := range ranked {
		lo, hi := p.off[c], p.off[c+1]
		row := &rows[r]
		row.CaseID = p.cases[c].ID
		row.Rank = r + 1
		row.Score = score[c]
		row.JudgeTotals = totals[lo:hi:hi]
		row.CriterionMeans = critMeans[c*nc : (c+1)*nc : (c+1)*nc]
		row.FirstPlaces = p.firstPlaces[c]
		row.StdDev = p.stdDev4[c]
		row.Range = p.range4[c]
		first := len(outliers)
		for pos := lo; pos < hi; pos++ {
			jt := &totals[pos]
			jt.JudgeID = p.judgeIDs[p.judge[pos]]
			jt.Total = p.total4[pos]
			if norm != nil {
				norm4[pos] = round4(norm[pos])
				jt.Normalized = &norm4[pos]
			}
			if p.outlier[pos] {
				outliers = append(outliers, jt.JudgeID)
			}
		}
		if len(outliers) > first {
			row.Outliers = outliers[first:len(outliers):len(outliers)]
		}
		if dropped != nil {
			d := drops[2*r : 2*r+2 : 2*r+2]
			d[0], d[1] = p.judgeIDs[p.judge[dropped[c][0]]], p.judgeIDs[p.judge[dropped[c][1]]]
			row.Dropped = d
		}
		if r > 0 {
			_, row.TieBrokenBy, row.TieBrokenByCriterion = p.compare(score, ranked[r-1], c)
		}
	}
	return Result{Method: m, Rows: rows, Normalization: normInfo}, nil
}

// compare orders cases a and b (negative: a ranks higher) and names the key that decided:
// "" when the rounded scores differ, else the tie-break kind (and criterion ID).
func (p *prepared) compare(score []float64, a, b int) (int, string, string) {
	if c := cmp.Compare(score[b], score[a]); c != 0 {
		return c, "", ""
	}
	nc := len(p.criteria)
	for i, tb := range p.tieBreaks {
		var c int
		switch tb.Kind {
		case TieBreakCriterion:
			k := p.tbCrit[i]
			c = cmp.Compare(p.critMean4[b*nc+k], p.critMean4[a*nc+k])
		case TieBreakFirstPlaces:
			c = cmp.Compare(p.firstPlaces[b], p.firstPlaces[a])
		case TieBreakEarlierSubmission:
			c = compareSubmitted(p.cases[a].SubmittedAt, p.cases[b].SubmittedAt)
		}
		if c != 0 {
			if tb.Kind != TieBreakCriterion {
				return c, tb.Kind, ""
			}
			return c, tb.Kind, tb.CriterionID
		}
	}
	// Cases are indexed in ID order and IDs are unique.
	return cmp.Compare(a, b), TieBreakCaseID, ""
}

// compareSubmitted orders earlier first; an unknown (zero) time comes last.
func compareSubmitted(a, b time.Time) int {
	switch az, bz := a.IsZero(), b.IsZero(); {
	case az && bz:
		return 0
	case az:
		return 1
	case bz:
		return -1
	}
	return a.Compare(b)
}

// trimmedMean sets score to each case's mean without one highest and one lowest total and
// returns the dropped positions.
func (p *prepared) trimmedMean(score []float64) ([][2]int, error) {
	var few []string
	for c := range p.cases {
		if p.off[c+1]-p.off[c] < MinTrimmedJudges {
			few = append(few, p.cases[c].ID)
		}
	}
	if few != nil {
		return nil, &TooFewJudgesError{Method: TrimmedMean, Min: MinTrimmedJudges, CaseIDs: few}
	}
	dropped := make([][2]int, len(p.cases))
	for c := range p.cases {
		lo, hi := p.off[c], p.off[c+1]
		top := lo
		for pos := lo + 1; pos < hi; pos++ {
			if p.total4[pos] > p.total4[top] {
				top = pos
			}
		}
		bottom := -1
		for pos := lo; pos < hi; pos++ {
			if pos != top && (bottom < 0 || p.total4[pos] < p.total4[bottom]) {
				bottom = pos
			}
		}
		sum := 0.0
		for pos := lo; pos < hi; pos++ {
			if pos != top && pos != bottom {
				sum += p.total[pos]
			}
		}
		score[c] = sum / float64(hi-lo-2)
		dropped[c] = [2]int{top, bottom}
	}
	return dropped, nil
}

// zScore sets score to each case's mean normalized total and returns the normalized
// total of every position.
func (p *prepared) zScore(score []float64) ([]float64, *Normalization) {
	nj := len(p.judgeIDs)
	count := make([]int, nj)
	sum := make([]float64, nj)
	all := 0.0
	for pos, j := range p.judge {
		count[j]++
		sum[j] += p.total[pos]
		all += p.total[pos]
	}
	mean := make([]float64, nj)
	for j := range mean {
		mean[j] = sum[j] / float64(count[j])
	}
	overallMean := 0.0
	if len(p.total) > 0 {
		overallMean = all / float64(len(p.total))
	}
	ss := make([]float64, nj)
	allSS := 0.0
	for pos, j := range p.judge {
		d := p.total[pos] - mean[j]
		ss[j] += d * d
		e := p.total[pos] - overallMean
		allSS += e * e
	}
	overallSD := 0.0
	if len(p.total) > 0 {
		overallSD = math.Sqrt(allSS / float64(len(p.total)))
	}

	info := &Normalization{Mean: round4(overallMean), SD: round4(overallSD), Judges: make([]JudgeScale, nj)}
	sd := make([]float64, nj)
	for j := range sd {
		sd[j] = math.Sqrt(ss[j] / float64(count[j]))
		info.Judges[j] = JudgeScale{JudgeID: p.judgeIDs[j], Cases: count[j], Mean: round4(mean[j]), SD: round4(sd[j])}
	}

	norm := make([]float64, len(p.total))
	for pos, j := range p.judge {
		z := 0.0
		if sd[j] >= zeroSD {
			z = (p.total[pos] - mean[j]) / sd[j]
		}
		norm[pos] = min(max(overallMean+z*overallSD, 0), 100)
	}
	for c := range p.cases {
		lo, hi := p.off[c], p.off[c+1]
		s := 0.0
		for _, v := range norm[lo:hi] {
			s += v
		}
		score[c] = s / float64(hi-lo)
	}
	return norm, info
}

// sheetProblem reports a sheet whose points do not fit the rubric.
func sheetProblem(criteria []Criterion, s *Sheet) error {
	if len(s.Points) != len(criteria) {
		return &PointsCountError{CaseID: s.CaseID, JudgeID: s.JudgeID, Got: len(s.Points), Want: len(criteria)}
	}
	for k, c := range criteria {
		if v := s.Points[k]; !(v >= c.Min && v <= c.Max) {
			return &PointsRangeError{CaseID: s.CaseID, JudgeID: s.JudgeID, CriterionID: c.ID, Points: v, Min: c.Min, Max: c.Max}
		}
	}
	return nil
}

// sheetError finds the sheet problem to report, independent of the order of in.Sheets: the
// sheets are sorted by (case ID, judge ID) and the categories are checked one after the other.
func sheetError(in *Input, caseIdx map[string]int32) error {
	idx := make([]int, len(in.Sheets))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) (string, string) { return in.Sheets[i].CaseID, in.Sheets[i].JudgeID }
	slices.SortStableFunc(idx, func(a, b int) int {
		ca, ja := key(a)
		cb, jb := key(b)
		return cmp.Or(strings.Compare(ca, cb), strings.Compare(ja, jb))
	})
	for _, i := range idx {
		if _, ok := caseIdx[in.Sheets[i].CaseID]; !ok {
			return &UnknownCaseError{CaseID: in.Sheets[i].CaseID, JudgeID: in.Sheets[i].JudgeID}
		}
	}
	for k := 1; k < len(idx); k++ {
		c, j := key(idx[k])
		if pc, pj := key(idx[k-1]); c == pc && j == pj {
			return &DuplicateSheetError{CaseID: c, JudgeID: j}
		}
	}
	for _, i := range idx {
		if len(in.Sheets[i].Points) != len(in.Criteria) {
			return sheetProblem(in.Criteria, &in.Sheets[i])
		}
	}
	for _, i := range idx {
		if err := sheetProblem(in.Criteria, &in.Sheets[i]); err != nil {
			return err
		}
	}
	return nil
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
