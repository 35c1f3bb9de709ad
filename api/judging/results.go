package judging

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/archive"
	"eutteum/api/dberr"
	"eutteum/api/notify"
	"eutteum/api/paging"
	"eutteum/api/round"
	"eutteum/api/scoring"
	"eutteum/api/store"
	"eutteum/api/team"
	"eutteum/api/validation"
)

// scoringInput gathers a stage's counted sheets (submitted, by a judge still on the stage
// and still assigned) as the scoring engine's input. Cases without any are left out.
func (s *Service) scoringInput(ctx context.Context, st Stage, settings Settings, method string) (scoring.Input, map[string]string, error) {
	in := scoring.Input{Method: scoring.Method(method), Criteria: scoringCriteria(st.Criteria)}
	for _, tb := range settings.TieBreaks {
		switch tb.Kind {
		case "criterion":
			if i := slices.IndexFunc(st.Criteria, func(c Criterion) bool { return c.Name == tb.CriterionName }); i >= 0 {
				in.TieBreaks = append(in.TieBreaks, scoring.TieBreak{Kind: scoring.TieBreakCriterion, CriterionID: st.Criteria[i].ID.String()})
			}
		case "first_places":
			in.TieBreaks = append(in.TieBreaks, scoring.TieBreak{Kind: scoring.TieBreakFirstPlaces})
		case "earlier_submission":
			in.TieBreaks = append(in.TieBreaks, scoring.TieBreak{Kind: scoring.TieBreakEarlierSubmission})
		}
	}
	sheets, err := s.q.ListSubmittedSheets(ctx, st.ID)
	if err != nil {
		return in, nil, dberr.Fail(err)
	}
	cases, err := s.q.ListStageCases(ctx, st.ID)
	if err != nil {
		return in, nil, dberr.Fail(err)
	}
	scored := map[uuid.UUID]bool{}
	for _, sh := range sheets {
		if sh.Kind == JudgeKindCitizen {
			// The panel has its own rubric and share (see withPublic).
			continue
		}
		var items []Item
		if err := json.Unmarshal(sh.Items, &items); err != nil {
			return in, nil, apperr.Internal(err)
		}
		fit := validation.NewReport()
		points := scoreItems(st.Criteria, items, fit)
		if fit.Err() != nil || hasNaN(points) {
			// The rubric cannot change once a stage opens, so this is a storage fault.
			return in, nil, apperr.Internal(fmt.Errorf("sheet %s/%s does not fit the rubric", sh.CaseID, sh.JudgeID))
		}
		in.Sheets = append(in.Sheets, scoring.Sheet{CaseID: sh.CaseID.String(), JudgeID: sh.JudgeID.String(), Points: points})
		scored[sh.CaseID] = true
	}
	for _, c := range cases {
		if !scored[c.CaseID] {
			continue
		}
		sc := scoring.Case{ID: c.CaseID.String()}
		if c.SubmittedAt != nil {
			sc.SubmittedAt = *c.SubmittedAt
		}
		in.Cases = append(in.Cases, sc)
	}
	titles, err := s.submittedTitles(ctx, cases)
	if err != nil {
		return in, nil, err
	}
	byID := map[string]string{}
	for id, t := range titles {
		byID[id.String()] = t
	}
	return in, byID, nil
}

func (s *Service) rank(ctx context.Context, st Stage, settings Settings, method string) (scoring.Result, error) {
	in, _, err := s.scoringInput(ctx, st, settings, method)
	if err != nil {
		return scoring.Result{}, err
	}
	if len(in.Cases) == 0 {
		return scoring.Result{Method: scoring.Method(method)}, nil
	}
	res, err := scoring.Compute(in)
	if err != nil {
		return scoring.Result{}, methodError(err)
	}
	return s.withPublic(ctx, st, res)
}

// withPublic blends the stage's citizen panel and public vote into a ranking by their
// shares (see scoring.Blend); a stage without either is returned as it is.
func (s *Service) withPublic(ctx context.Context, st Stage, res scoring.Result) (scoring.Result, error) {
	if st.VoteShare <= 0 && st.PanelShare <= 0 {
		return res, nil
	}
	pub := scoring.Public{VoteShare: st.VoteShare, PanelShare: st.PanelShare, Votes: map[string]int{}, Panel: map[string]float64{}}
	if st.VoteShare > 0 {
		counts, err := s.q.VoteCounts(ctx, st.ID)
		if err != nil {
			return scoring.Result{}, dberr.Fail(err)
		}
		for _, c := range counts {
			pub.Votes[c.CaseID.String()] = int(c.Votes)
		}
	}
	if st.PanelShare > 0 {
		sheets, err := s.q.ListSubmittedSheets(ctx, st.ID)
		if err != nil {
			return scoring.Result{}, dberr.Fail(err)
		}
		sums, counts := map[string]float64{}, map[string]int{}
		for _, sh := range sheets {
			if sh.Kind != JudgeKindCitizen || sh.Total == nil {
				continue
			}
			sums[sh.CaseID.String()] += *sh.Total
			counts[sh.CaseID.String()]++
		}
		for id, sum := range sums {
			pub.Panel[id] = sum / float64(counts[id])
		}
	}
	return scoring.Blend(res, pub), nil
}

// ScoreComponents is how a stage with a citizen panel or a public vote made a case's score.
type ScoreComponents struct {
	JudgeScore float64  `json:"judgeScore"`
	JudgeShare float64  `json:"judgeShare"`
	PanelScore *float64 `json:"panelScore"` // nil: no panel member scored the case
	PanelShare float64  `json:"panelShare"`
	Votes      int      `json:"votes"`
	VoteScore  float64  `json:"voteScore"`
	VoteShare  float64  `json:"voteShare"`
}

func components(res scoring.Result, row scoring.Row) *ScoreComponents {
	if res.VoteShare <= 0 && res.PanelShare <= 0 {
		return nil
	}
	return &ScoreComponents{
		JudgeScore: row.JudgeScore, JudgeShare: 100 - res.PanelShare - res.VoteShare, PanelScore: row.PanelScore, PanelShare: res.PanelShare,
		Votes: row.Votes, VoteScore: row.VoteScore, VoteShare: res.VoteShare,
	}
}

// methodError explains why a method cannot rank the scores.
func methodError(err error) error {
	var few *scoring.TooFewJudgesError
	if errors.As(err, &few) {
		return &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeUnscoredCases, Cause: err,
			Fields: []apperr.FieldError{apperr.Field("method", "too_few_judges", "min", few.Min, "cases", len(few.CaseIDs))}}
	}
	return apperr.Internal(err)
}

// StageResults is the organizer's view of a stage's scores.
type StageResults struct {
	StageID  uuid.UUID
	Method   string
	Judges   []Judge
	Matrix   []MatrixRow
	Rankings []MethodRanking
}

// MatrixRow is one case's submitted totals and how much its judges disagree.
type MatrixRow struct {
	CaseID   uuid.UUID
	Title    string
	Totals   map[uuid.UUID]float64
	StdDev   float64
	Range    float64
	Outliers []uuid.UUID
}

// MethodRanking is the ranking under one method, or why there is none.
type MethodRanking struct {
	Method string
	Err    error
	Rows   []RankingRow
}

// RankingRow is one ranked case.
type RankingRow struct {
	CaseID      uuid.UUID
	Title       string
	Rank        int
	Score       float64
	TieBrokenBy string
	Dropped     []uuid.UUID
}

// Results returns the score matrix and the ranking under every method, the round's first.
func (s *Service) Results(ctx context.Context, p account.Principal, stageID uuid.UUID) (StageResults, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return StageResults{}, err
	}
	settings, err := s.settings(ctx, s.q, st.RoundID)
	if err != nil {
		return StageResults{}, err
	}
	in, titles, err := s.scoringInput(ctx, st, settings, settings.Method)
	if err != nil {
		return StageResults{}, err
	}
	judges, err := s.judges(ctx, stageID)
	if err != nil {
		return StageResults{}, err
	}
	out := StageResults{StageID: stageID, Method: settings.Method, Judges: judges, Matrix: []MatrixRow{}, Rankings: []MethodRanking{}}
	methods := []scoring.Method{scoring.Method(settings.Method)}
	for _, m := range scoring.Methods {
		if !slices.Contains(methods, m) {
			methods = append(methods, m)
		}
	}
	if len(in.Cases) == 0 {
		for _, m := range methods {
			out.Rankings = append(out.Rankings, MethodRanking{Method: string(m), Rows: []RankingRow{}})
		}
		return out, nil
	}
	all := scoring.ComputeAll(in)
	for _, m := range methods {
		r := all[m]
		if r.Err == nil {
			if r.Result, err = s.withPublic(ctx, st, r.Result); err != nil {
				return StageResults{}, err
			}
		}
		mr := MethodRanking{Method: string(m), Rows: []RankingRow{}}
		if r.Err != nil {
			mr.Err = methodError(r.Err)
			out.Rankings = append(out.Rankings, mr)
			continue
		}
		for _, row := range r.Result.Rows {
			id, _ := uuid.Parse(row.CaseID)
			rr := RankingRow{CaseID: id, Title: titles[row.CaseID], Rank: row.Rank, Score: row.Score, TieBrokenBy: row.TieBrokenBy}
			for _, d := range row.Dropped {
				did, _ := uuid.Parse(d)
				rr.Dropped = append(rr.Dropped, did)
			}
			mr.Rows = append(mr.Rows, rr)
		}
		out.Rankings = append(out.Rankings, mr)
	}
	if mean := all[scoring.Mean]; mean.Err == nil {
		rows := slices.Clone(mean.Result.Rows)
		sort.Slice(rows, func(i, j int) bool { return rows[i].CaseID < rows[j].CaseID })
		for _, row := range rows {
			id, _ := uuid.Parse(row.CaseID)
			mr := MatrixRow{CaseID: id, Title: titles[row.CaseID], Totals: map[uuid.UUID]float64{}, StdDev: row.StdDev, Range: row.Range}
			for _, jt := range row.JudgeTotals {
				jid, _ := uuid.Parse(jt.JudgeID)
				mr.Totals[jid] = jt.Total
			}
			for _, o := range row.Outliers {
				oid, _ := uuid.Parse(o)
				mr.Outliers = append(mr.Outliers, oid)
			}
			out.Matrix = append(out.Matrix, mr)
		}
	}
	return out, nil
}

// AwardRow is one case of the final ranking with its award.
type AwardRow struct {
	CaseID         uuid.UUID
	Title          string
	Team           team.Ref
	Rank           int
	Score          float64
	StageReached   string
	StageScores    []StageScore
	Tier           *round.AwardTier
	Overridden     bool
	OverrideReason string
}

// StageScore is a case's score in one stage, with the citizen panel's and the public vote's
// parts when it has them.
type StageScore struct {
	Stage      string
	Score      float64
	Components *ScoreComponents
}

// RoundResults is the final ranking with awards.
type RoundResults struct {
	RoundID           uuid.UUID
	Method            string
	Rows              []AwardRow
	Ready             bool
	Published         bool
	PublishedAt       *time.Time
	ObjectionsCloseAt *time.Time
}

// ResultsPage is a page of a round's ranking with the figures of the whole ranking: the
// ranking is computed (or was published) whole, and only its rows are paged.
type ResultsPage struct {
	RoundResults  // Rows holds the page's rows.
	Total         int
	Awarded       int
	PrizeTotalKRW int64
	Next          string
}

// rankKey is where a page of a ranking ends: the rank and the case at it.
type rankKey struct {
	Rank   int       `json:"r"`
	CaseID uuid.UUID `json:"c"`
}

const resultsList = "results"

// Page cuts a page of rows out of the whole ranking. The next page continues after the
// cursor's case, or, should that case have left the ranking, after its rank.
func (r RoundResults) Page(page paging.Request) (ResultsPage, error) {
	out := ResultsPage{RoundResults: r, Total: len(r.Rows)}
	for _, row := range r.Rows {
		if row.Tier != nil {
			out.Awarded++
			out.PrizeTotalKRW += int64(row.Tier.PrizeKRW)
		}
	}
	var k rankKey
	ok, err := page.After(resultsList, &k)
	if err != nil {
		return ResultsPage{}, err
	}
	start := 0
	if ok {
		start = len(r.Rows)
		for i, row := range r.Rows {
			if row.CaseID == k.CaseID {
				start = i + 1
				break
			}
			if row.Rank > k.Rank {
				start = min(start, i)
			}
		}
	}
	p := paging.Trim(slices.Clone(r.Rows[start:min(len(r.Rows), start+page.Limit+1)]), page.Limit, resultsList, func(row AwardRow) any {
		return rankKey{Rank: row.Rank, CaseID: row.CaseID}
	})
	out.Rows, out.Next = p.Items, p.Next
	return out, nil
}

// RoundResults ranks the round: the last stage's cases by its scores, then the cases cut
// in earlier stages, later stages first; ranks map to the award tiers in order, and
// recorded overrides replace the mapped tier.
func (s *Service) RoundResults(ctx context.Context, p account.Principal, roundID uuid.UUID) (RoundResults, error) {
	r, err := s.rounds.Manageable(ctx, p, roundID)
	if err != nil {
		return RoundResults{}, err
	}
	pub, closes, err := s.published(ctx, roundID)
	if apperr.Is(err, apperr.CodeNotFound) {
		return s.computeResults(ctx, p, r)
	}
	if err != nil {
		return RoundResults{}, err
	}
	var out RoundResults
	if err := json.Unmarshal(pub.Results, &out); err != nil {
		return RoundResults{}, apperr.Internal(err)
	}
	// The deadline by the one rule the public table and the filing check use.
	out.ObjectionsCloseAt = &closes
	return out, nil
}

func (s *Service) computeResults(ctx context.Context, p account.Principal, r round.Round) (RoundResults, error) {
	settings, err := s.settings(ctx, s.q, r.ID)
	if err != nil {
		return RoundResults{}, err
	}
	stages, err := s.Stages(ctx, p, r.ID)
	if err != nil {
		return RoundResults{}, err
	}
	out := RoundResults{RoundID: r.ID, Method: settings.Method, Rows: []AwardRow{}, Ready: len(stages) > 0}
	shares := 0.0
	for _, st := range stages {
		shares += st.FinalShare
	}
	blended := shares > 0
	if blended && math.Abs(shares-100) > 1e-6 {
		// Shares that do not total 100 cannot be published; the organizer must fix them.
		out.Ready = false
	}
	// Each stage's ranking, from the last opened stage back: a case is placed in the last
	// stage it reached, below every case that went further.
	scores := map[uuid.UUID][]StageScore{}
	shareOf := map[string]float64{}
	var ranked [][]AwardRow
	for i := len(stages) - 1; i >= 0; i-- {
		st := stages[i]
		if st.Status != StatusClosed {
			out.Ready = false
		}
		if st.Status == StatusSetup {
			continue
		}
		shareOf[st.Name] = st.FinalShare
		res, err := s.rank(ctx, st, settings, settings.Method)
		if err != nil {
			return RoundResults{}, err
		}
		var rows []AwardRow
		for _, row := range res.Rows {
			id, _ := uuid.Parse(row.CaseID)
			scores[id] = append([]StageScore{{Stage: st.Name, Score: row.Score, Components: components(res, row)}}, scores[id]...)
			rows = append(rows, AwardRow{CaseID: id, Score: row.Score, StageReached: st.Name})
		}
		ranked = append(ranked, rows)
	}
	placed := map[uuid.UUID]bool{}
	for level, rows := range ranked {
		var group []AwardRow
		for _, row := range rows {
			if placed[row.CaseID] {
				continue
			}
			placed[row.CaseID] = true
			if blended && level == 0 {
				// Finalists rank by the blend of every stage's score by its share.
				total := 0.0
				for _, sc := range scores[row.CaseID] {
					total += sc.Score * shareOf[sc.Stage] / 100
				}
				row.Score = math.Round(total*1e4) / 1e4
			}
			group = append(group, row)
		}
		if blended && level == 0 {
			// Stable: cases with equal blends keep the last stage's order.
			sort.SliceStable(group, func(i, j int) bool { return group[i].Score > group[j].Score })
		}
		for _, row := range group {
			row.Rank = len(out.Rows) + 1
			out.Rows = append(out.Rows, row)
		}
	}
	for i := range out.Rows {
		out.Rows[i].StageScores = scores[out.Rows[i].CaseID]
	}
	overrides, err := s.q.ListAwardOverrides(ctx, r.ID)
	if err != nil {
		return RoundResults{}, dberr.Fail(err)
	}
	tierOf := func(rank int) *round.AwardTier {
		n := 0
		for i := range r.AwardTiers {
			n += r.AwardTiers[i].Count
			if rank <= n {
				t := r.AwardTiers[i]
				return &t
			}
		}
		return nil
	}
	for i := range out.Rows {
		row := &out.Rows[i]
		row.Tier = tierOf(row.Rank)
		for _, o := range overrides {
			if o.CaseID != row.CaseID {
				continue
			}
			row.Overridden, row.OverrideReason, row.Tier = true, o.Reason, nil
			for _, t := range r.AwardTiers {
				if o.TierID.Valid && t.ID == o.TierID.UUID {
					t := t
					row.Tier = &t
				}
			}
		}
		c, err := s.q.GetCase(ctx, row.CaseID)
		if err != nil {
			return RoundResults{}, dberr.Fail(err)
		}
		t, err := s.q.GetTeam(ctx, c.TeamID)
		if err != nil {
			return RoundResults{}, dberr.Fail(err)
		}
		row.Team = team.Ref{ID: t.ID, Name: t.Name, Kind: string(t.Kind), Agency: account.AgencyRef{ID: t.AgencyID, Name: t.AgencyName}}
	}
	titles, err := s.titlesOf(ctx, out.Rows)
	if err != nil {
		return RoundResults{}, err
	}
	for i := range out.Rows {
		out.Rows[i].Title = titles[out.Rows[i].CaseID]
	}
	return out, nil
}

func (s *Service) titlesOf(ctx context.Context, rows []AwardRow) (map[uuid.UUID]string, error) {
	list := make([]store.ListStageCasesRow, len(rows))
	for i, r := range rows {
		list[i] = store.ListStageCasesRow{CaseID: r.CaseID}
	}
	return s.submittedTitles(ctx, list)
}

// OverrideInput gives a case another tier (or none) with a recorded reason.
type OverrideInput struct {
	TierID *uuid.UUID `json:"tierId"`
	Reason string     `json:"reason" validate:"required,min=2,max=1000"`
}

// Override records an award decision that departs from the ranking.
func (s *Service) Override(ctx context.Context, p account.Principal, roundID, caseID uuid.UUID, in OverrideInput) (RoundResults, error) {
	r, err := s.rounds.Manageable(ctx, p, roundID)
	if err != nil {
		return RoundResults{}, err
	}
	if len(in.Reason) < 2 {
		return RoundResults{}, apperr.Invalid(apperr.Field("reason", "required"))
	}
	if _, err := s.q.GetPublishedResults(ctx, roundID); err == nil {
		return RoundResults{}, apperr.New(apperr.KindConflict, apperr.CodeResultsPublished)
	} else if !store.IsNoRows(err) {
		return RoundResults{}, dberr.Fail(err)
	}
	c, err := s.q.GetCase(ctx, caseID)
	if store.IsNoRows(err) || (err == nil && c.RoundID != roundID) {
		return RoundResults{}, apperr.NotFound()
	}
	if err != nil {
		return RoundResults{}, dberr.Fail(err)
	}
	tier := uuid.NullUUID{}
	if in.TierID != nil {
		if !slices.ContainsFunc(r.AwardTiers, func(t round.AwardTier) bool { return t.ID == *in.TierID }) {
			return RoundResults{}, apperr.Invalid(apperr.Field("tierId", "not_found"))
		}
		tier = uuid.NullUUID{UUID: *in.TierID, Valid: true}
	}
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		if err := q.UpsertAwardOverride(ctx, store.UpsertAwardOverrideParams{RoundID: roundID, CaseID: caseID, TierID: tier, Reason: in.Reason, DecidedBy: p.UserID}); err != nil {
			return err
		}
		return audit(ctx, q, p, "award_overridden", "case", caseID, map[string]any{"tier": in.TierID, "reason": in.Reason})
	})
	if err != nil {
		return RoundResults{}, dberr.Fail(err)
	}
	return s.computeResults(ctx, p, r)
}

// PublicTable is what anyone may read of published results.
type PublicTable struct {
	RoundID     uuid.UUID         `json:"roundId"`
	Title       string            `json:"title"`
	Method      string            `json:"method"`
	TieBreaks   []TieBreak        `json:"tieBreaks"`
	Stage       string            `json:"stage"`
	Criteria    []Criterion       `json:"criteria"`
	Cases       []PublicResultRow `json:"cases"`
	PublishedAt time.Time         `json:"publishedAt"`
	// ObjectionsCloseAt is filled when served, not stored, so tables published before it
	// existed carry it too.
	ObjectionsCloseAt *time.Time `json:"objectionsCloseAt,omitempty"`
}

// PublicResultRow is a ranked case with every counted score, judges named J1…Jn.
type PublicResultRow struct {
	CaseID     uuid.UUID        `json:"caseId"`
	Title      string           `json:"title"`
	TeamName   string           `json:"teamName"`
	AgencyName string           `json:"agencyName"`
	Rank       int              `json:"rank"`
	Score      float64          `json:"score"`
	Tier       string           `json:"tier,omitempty"`
	Components *ScoreComponents `json:"components,omitempty"`
	Scores     []PublicScore    `json:"scores"`
}

// PublicScore is one judge's points on one criterion.
type PublicScore struct {
	Judge     string  `json:"judge"`
	Criterion string  `json:"criterion"`
	Points    float64 `json:"points"`
}

// Publish announces the results: cases become 수상 or 미수상, awarded cases enter the
// archive, teams are notified, and the anonymized score table is published.
func (s *Service) Publish(ctx context.Context, p account.Principal, roundID uuid.UUID) (RoundResults, error) {
	r, err := s.rounds.Manageable(ctx, p, roundID)
	if err != nil {
		return RoundResults{}, err
	}
	if _, err := s.q.GetPublishedResults(ctx, roundID); err == nil {
		return RoundResults{}, apperr.New(apperr.KindConflict, apperr.CodeResultsPublished)
	}
	results, err := s.computeResults(ctx, p, r)
	if err != nil {
		return RoundResults{}, err
	}
	if !results.Ready {
		return RoundResults{}, apperr.New(apperr.KindConflict, apperr.CodeResultsNotReady)
	}
	settings, err := s.settings(ctx, s.q, roundID)
	if err != nil {
		return RoundResults{}, err
	}
	table, err := s.publicTable(ctx, p, r, settings, results)
	if err != nil {
		return RoundResults{}, err
	}
	// To the microsecond the database keeps, so every copy of the time is the same.
	now := s.now().Truncate(time.Microsecond)
	results.Published, results.PublishedAt = true, &now
	table.PublishedAt = now
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		// Under the round's lock, which changing settings also takes: the window read here is
		// the one that stays (UpdateSettings refuses changing it once published).
		locked, err := q.LockRound(ctx, roundID)
		if err != nil {
			return err
		}
		if locked.ResultsPublishedAt != nil {
			return apperr.New(apperr.KindConflict, apperr.CodeResultsPublished)
		}
		closes := objectionsCloseAt(now, int(locked.ObjectionDays))
		results.ObjectionsCloseAt = &closes
		rawResults, _ := json.Marshal(results)
		rawTable, _ := json.Marshal(table)
		if err := q.InsertPublishedResults(ctx, store.InsertPublishedResultsParams{RoundID: roundID, Results: rawResults, PublicTable: rawTable, PublishedBy: p.UserID, PublishedAt: now}); err != nil {
			return err
		}
		if err := q.MarkResultsPublished(ctx, roundID); err != nil {
			return err
		}
		for _, row := range results.Rows {
			status, tier, title := store.CaseStatusNotAwarded, uuid.NullUUID{}, "결과 발표: "+r.Title
			body := row.Title + " — 아쉽게도 이번에는 수상하지 못했습니다."
			if row.Tier != nil {
				status, tier = store.CaseStatusAwarded, uuid.NullUUID{UUID: row.Tier.ID, Valid: true}
				body = row.Title + " — " + row.Tier.Name + " 수상을 축하합니다."
			}
			if row.Tier != nil {
				if err := archive.AddPublished(ctx, q, archive.Published{
					CaseID: row.CaseID, Year: r.Year, Period: r.Period, RoundTitle: r.Title, AwardName: r.AwardName,
					AwardTier: row.Tier.Name, On: now.In(kst),
				}); err != nil {
					return err
				}
			}
			if err := q.SetCaseAward(ctx, store.SetCaseAwardParams{ID: row.CaseID, Status: status, AwardTierID: tier, FinalRank: ptr(int32(row.Rank)), Archive: row.Tier != nil}); err != nil {
				return err
			}
			members, err := q.TeamMemberIDs(ctx, row.Team.ID)
			if err != nil {
				return err
			}
			if err := notify.Send(ctx, q, notify.Message{Kind: "results_published", Title: title, Body: body, Link: "/results/" + roundID.String()}, members...); err != nil {
				return err
			}
		}
		return audit(ctx, q, p, "results_published", "round", roundID, map[string]any{"cases": len(results.Rows), "method": settings.Method})
	})
	if err != nil {
		return RoundResults{}, dberr.Fail(err)
	}
	return results, nil
}

// publicTable lists every counted score of the deciding (last) stage with the judges named
// J1…Jn in the order of their ids, so anyone can recompute the ranking.
func (s *Service) publicTable(ctx context.Context, p account.Principal, r round.Round, settings Settings, results RoundResults) (PublicTable, error) {
	stages, err := s.Stages(ctx, p, r.ID)
	if err != nil {
		return PublicTable{}, err
	}
	last := stages[len(stages)-1]
	in, _, err := s.scoringInput(ctx, last, settings, settings.Method)
	if err != nil {
		return PublicTable{}, err
	}
	var judgeIDs []string
	for _, sh := range in.Sheets {
		if !slices.Contains(judgeIDs, sh.JudgeID) {
			judgeIDs = append(judgeIDs, sh.JudgeID)
		}
	}
	sort.Strings(judgeIDs)
	t := PublicTable{RoundID: r.ID, Title: r.Title, Method: settings.Method, TieBreaks: settings.TieBreaks, Stage: last.Name, Criteria: last.Criteria, Cases: []PublicResultRow{}}
	for _, row := range results.Rows {
		pr := PublicResultRow{CaseID: row.CaseID, Title: row.Title, TeamName: row.Team.Name, AgencyName: row.Team.Agency.Name, Rank: row.Rank, Score: row.Score, Scores: []PublicScore{}}
		if row.Tier != nil {
			pr.Tier = row.Tier.Name
		}
		for _, sc := range row.StageScores {
			if sc.Stage == last.Name {
				pr.Components = sc.Components
			}
		}
		for _, sh := range in.Sheets {
			if sh.CaseID != row.CaseID.String() {
				continue
			}
			judge := "J" + strconv.Itoa(slices.Index(judgeIDs, sh.JudgeID)+1)
			for i, c := range last.Criteria {
				pr.Scores = append(pr.Scores, PublicScore{Judge: judge, Criterion: c.Name, Points: sh.Points[i]})
			}
		}
		t.Cases = append(t.Cases, pr)
	}
	return t, nil
}

// PublicResults returns published results to anyone.
func (s *Service) PublicResults(ctx context.Context, roundID uuid.UUID) (PublicTable, error) {
	pub, closes, err := s.publishedIn(ctx, s.public, roundID)
	if err != nil {
		return PublicTable{}, err
	}
	var t PublicTable
	if err := json.Unmarshal(pub.PublicTable, &t); err != nil {
		return PublicTable{}, apperr.Internal(err)
	}
	t.ObjectionsCloseAt = &closes
	return t, nil
}

// published returns a round's published results and the end of their objection window
// (not found before publication). The organizer's results, the public table and the check
// on filing an objection all take the deadline from here, so teams are shown the deadline
// the server enforces and the two views cannot disagree: it is derived from the stored
// publication time and the round's window, which cannot change once results are published.
func (s *Service) published(ctx context.Context, roundID uuid.UUID) (store.PublishedResult, time.Time, error) {
	return s.publishedIn(ctx, s.q, roundID)
}

func (s *Service) publishedIn(ctx context.Context, q *store.Queries, roundID uuid.UUID) (store.PublishedResult, time.Time, error) {
	pub, err := q.GetPublishedResults(ctx, roundID)
	if store.IsNoRows(err) {
		return pub, time.Time{}, apperr.NotFound()
	}
	if err != nil {
		return pub, time.Time{}, dberr.Fail(err)
	}
	settings, err := s.settings(ctx, q, roundID)
	if err != nil {
		return pub, time.Time{}, err
	}
	return pub, objectionsCloseAt(pub.PublishedAt, settings.ObjectionDays), nil
}

// objectionsCloseAt is the end of the objection window.
func objectionsCloseAt(publishedAt time.Time, objectionDays int) time.Time {
	return publishedAt.AddDate(0, 0, objectionDays)
}

// ExportCSV writes the results or the score matrix as CSV that Excel opens with Korean
// intact: UTF-8 with a byte order mark.
func (s *Service) ExportCSV(ctx context.Context, p account.Principal, roundID uuid.UUID, table string) ([]byte, string, error) {
	results, err := s.RoundResults(ctx, p, roundID)
	if err != nil {
		return nil, "", err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	name := "results.csv"
	switch table {
	case "matrix":
		name = "score-matrix.csv"
		stages, err := s.Stages(ctx, p, roundID)
		if err != nil {
			return nil, "", err
		}
		_ = w.Write([]string{"단계", "사례", "심사위원", "총점(100점 만점)"})
		for _, st := range stages {
			res, err := s.Results(ctx, p, st.ID)
			if err != nil {
				return nil, "", err
			}
			names := map[uuid.UUID]string{}
			for _, j := range res.Judges {
				names[j.UserID] = j.DisplayName
			}
			for _, row := range res.Matrix {
				ids := make([]uuid.UUID, 0, len(row.Totals))
				for id := range row.Totals {
					ids = append(ids, id)
				}
				sort.Slice(ids, func(i, j int) bool { return names[ids[i]] < names[ids[j]] })
				for _, id := range ids {
					_ = w.Write([]string{st.Name, row.Title, names[id], strconv.FormatFloat(row.Totals[id], 'f', -1, 64)})
				}
			}
		}
	default:
		_ = w.Write([]string{"순위", "사례", "팀", "기관", "점수", "도달 단계", "시상 등급", "포상금(원)", "조정 사유"})
		for _, row := range results.Rows {
			tier, prize := "", ""
			if row.Tier != nil {
				tier, prize = row.Tier.Name, strconv.FormatInt(row.Tier.PrizeKRW, 10)
			}
			_ = w.Write([]string{strconv.Itoa(row.Rank), row.Title, row.Team.Name, row.Team.Agency.Name,
				strconv.FormatFloat(row.Score, 'f', -1, 64), row.StageReached, tier, prize, row.OverrideReason})
		}
	}
	w.Flush()
	return buf.Bytes(), name, w.Error()
}
