package judging

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/cases"
	"eutteum/api/dberr"
	"eutteum/api/scoring"
	"eutteum/api/store"
	"eutteum/api/team"
	"eutteum/api/validation"
)

// Item is one criterion's score on a sheet: points, or a grade of a grade scale.
type Item struct {
	CriterionID uuid.UUID `json:"criterionId"`
	Points      *float64  `json:"points,omitempty"`
	Grade       string    `json:"grade,omitempty" validate:"max=10"`
	Comment     string    `json:"comment,omitempty" validate:"max=2000"`
}

// Sheet is a judge's scores for one case.
type Sheet struct {
	Status         string
	Items          []Item
	OverallComment string
	Total          *float64
	UpdatedAt      *time.Time
	SubmittedAt    *time.Time
}

// SheetInput saves or submits a sheet.
type SheetInput struct {
	Items          []Item `json:"items" validate:"max=12,dive"`
	OverallComment string `json:"overallComment" validate:"max=5000"`
	Submit         bool   `json:"submit"`
}

// JudgingCase is a case as its judge sees it.
type JudgingCase struct {
	Stage            Stage
	CaseID           uuid.UUID
	Content          cases.Content
	Team             *team.Ref
	Attachments      []cases.Attachment
	Blind            bool
	IdentityWarnings []string
	Sheet            Sheet
	Editable         bool
}

// judgeAccess lets a judge at a case of a stage when assigned and free of conflict;
// otherwise the case does not exist for them.
func (s *Service) judgeAccess(ctx context.Context, p account.Principal, stageID, caseID uuid.UUID) (Stage, Board, error) {
	st, err := s.stage(ctx, stageID)
	if err != nil {
		return Stage{}, Board{}, err
	}
	assigned, err := s.q.IsAssigned(ctx, store.IsAssignedParams{StageID: stageID, CaseID: caseID, JudgeID: p.UserID})
	if err != nil {
		return Stage{}, Board{}, dberr.Fail(err)
	}
	onStage, err := s.q.IsStageJudge(ctx, store.IsStageJudgeParams{StageID: stageID, UserID: p.UserID})
	if err != nil {
		return Stage{}, Board{}, dberr.Fail(err)
	}
	if !onStage || st.Status == StatusSetup {
		return Stage{}, Board{}, apperr.NotFound()
	}
	kind, err := s.q.StageJudgeKind(ctx, store.StageJudgeKindParams{StageID: stageID, UserID: p.UserID})
	if err != nil {
		return Stage{}, Board{}, dberr.Fail(err)
	}
	if kind == JudgeKindCitizen {
		// A citizen panel member sees and fills in the panel's rubric; the rest of the
		// scoring flow is the judges'.
		st.Criteria = st.PanelCriteria
	}
	all, err := s.q.ListStageCases(ctx, stageID)
	if err != nil {
		return Stage{}, Board{}, dberr.Fail(err)
	}
	target := slices.DeleteFunc(slices.Clone(all), func(c store.ListStageCasesRow) bool { return c.CaseID != caseID })
	conflicts, err := s.conflictsAmong(ctx, st, all, target, p.UserID)
	if err != nil {
		return Stage{}, Board{}, err
	}
	board := Board{Conflicts: conflicts}
	if board.conflicted(caseID, p.UserID) {
		// Recorded so the organizer can see who tried to reach a case they must not judge.
		_ = store.InTx(ctx, s.pool, func(q *store.Queries) error {
			return audit(ctx, q, p, "conflicted_access_refused", "case", caseID, map[string]any{"stage": stageID})
		})
		return Stage{}, Board{}, apperr.NotFound()
	}
	if !assigned {
		return Stage{}, Board{}, apperr.NotFound()
	}
	return st, board, nil
}

// Case returns the case, the rubric and the caller's sheet. In a blind stage the team,
// members, agency and department are taken out, also from the text.
func (s *Service) Case(ctx context.Context, p account.Principal, stageID, caseID uuid.UUID) (JudgingCase, error) {
	st, _, err := s.judgeAccess(ctx, p, stageID, caseID)
	if err != nil {
		return JudgingCase{}, err
	}
	v, err := cases.Submitted(ctx, s.q, caseID)
	if err != nil {
		return JudgingCase{}, err
	}
	sheet, err := s.sheet(ctx, stageID, caseID, p.UserID)
	if err != nil {
		return JudgingCase{}, err
	}
	jc := JudgingCase{
		Stage: st, CaseID: caseID, Content: v.Content, Attachments: v.Attachments, Blind: st.Blind, Sheet: sheet,
		Editable: st.Status == StatusOpen && s.now().Before(st.ScoringClosesAt), IdentityWarnings: []string{},
	}
	c, err := s.q.GetCase(ctx, caseID)
	if err != nil {
		return JudgingCase{}, dberr.Fail(err)
	}
	t, err := s.q.GetTeam(ctx, c.TeamID)
	if err != nil {
		return JudgingCase{}, dberr.Fail(err)
	}
	if !st.Blind {
		jc.Team = &team.Ref{ID: t.ID, Name: t.Name, Kind: string(t.Kind), Agency: account.AgencyRef{ID: t.AgencyID, Name: t.AgencyName}}
		return jc, nil
	}
	terms, err := s.identityTerms(ctx, t)
	if err != nil {
		return JudgingCase{}, err
	}
	jc.Content = redact(jc.Content, terms)
	for _, a := range jc.Attachments {
		for _, term := range terms {
			if strings.Contains(a.Filename, term) {
				jc.IdentityWarnings = append(jc.IdentityWarnings, a.Filename)
				break
			}
		}
	}
	return jc, nil
}

// identityTerms are the words that would tell a blind judge whose case it is: the team's
// name, its agency and that agency's parents, and its members' names and departments.
func (s *Service) identityTerms(ctx context.Context, t store.GetTeamRow) ([]string, error) {
	terms := []string{t.Name, t.AgencyName}
	parents, err := s.q.AgencyParents(ctx)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	names, err := s.q.ListAgencies(ctx)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	byID := map[uuid.UUID]string{}
	for _, a := range names {
		byID[a.ID] = a.Name
	}
	parentOf := map[uuid.UUID]uuid.UUID{}
	for _, r := range parents {
		if r.ParentID.Valid {
			parentOf[r.ID] = r.ParentID.UUID
		}
	}
	for a, ok := parentOf[t.AgencyID]; ok; a, ok = parentOf[a] {
		terms = append(terms, byID[a])
	}
	members, err := s.q.ListTeamMembers(ctx, t.ID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	for _, m := range members {
		terms = append(terms, m.DisplayName)
		if m.Department != "" {
			terms = append(terms, m.Department)
		}
	}
	// Longer terms first, so "부천시 건축과" goes before "부천시".
	slices.SortFunc(terms, func(a, b string) int { return len(b) - len(a) })
	out := terms[:0]
	for _, t := range terms {
		if strings.TrimSpace(t) != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

const masked = "○○○"

func redact(c cases.Content, terms []string) cases.Content {
	mask := func(s string) string {
		for _, t := range terms {
			s = strings.ReplaceAll(s, t, masked)
		}
		return s
	}
	c.Title, c.Summary, c.Problem, c.Solution, c.Outcomes = mask(c.Title), mask(c.Summary), mask(c.Problem), mask(c.Solution), mask(c.Outcomes)
	c.Beneficiaries = mask(c.Beneficiaries)
	tags := make([]string, len(c.Tags))
	for i, t := range c.Tags {
		tags[i] = mask(t)
	}
	c.Tags = tags
	collaborators := make([]cases.Collaborator, len(c.Collaborators))
	for i, col := range c.Collaborators {
		col.Name, col.Role = mask(col.Name), mask(col.Role)
		collaborators[i] = col
	}
	c.Collaborators = collaborators
	return c
}

// SaveSheet stores a draft or submits the caller's sheet while the stage is open. Every
// change is written to the sheet's audit trail. Access, the stage's state and the sheet as
// it was are read by one query under the sheet's lock (LockJudgeSheet), and the answer is
// the row written.
func (s *Service) SaveSheet(ctx context.Context, p account.Principal, stageID, caseID uuid.UUID, in SheetInput) (Sheet, error) {
	r := validation.NewReport()
	if err := r.Struct(in, ""); err != nil {
		return Sheet{}, err
	}
	var saved store.SaveSheetRow
	conflicted := false
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		a, err := q.LockJudgeSheet(ctx, store.LockJudgeSheetParams{StageID: stageID, CaseID: caseID, JudgeID: p.UserID})
		if store.IsNoRows(err) {
			return apperr.NotFound()
		}
		if err != nil {
			return err
		}
		st, err := stageFromRow(a.Stage, int(a.CaseCount), int(a.JudgeCount))
		if err != nil {
			return err
		}
		if !a.OnStage || st.Status == StatusSetup {
			return apperr.NotFound()
		}
		if a.JudgeKind == JudgeKindCitizen {
			st.Criteria = st.PanelCriteria
		}
		if conflicted, err = pairConflicted(a, p.UserID); err != nil {
			return err
		}
		if conflicted {
			return apperr.NotFound()
		}
		if !a.Assigned {
			return apperr.NotFound()
		}
		if st.Status != StatusOpen || !s.now().Before(st.ScoringClosesAt) {
			return apperr.New(apperr.KindConflict, apperr.CodeStageClosed)
		}
		points := checkSheet(st.Criteria, in, r)
		if err := r.Err(); err != nil {
			return err
		}
		complete := !hasNaN(points)
		var total *float64
		if complete {
			total = ptr(scoring.SheetTotal(scoringCriteria(st.Criteria), points))
		}
		status := "draft"
		var submittedAt *time.Time
		if in.Submit {
			status = "submitted"
			submittedAt = ptr(s.now())
		}
		items := normalizeItems(st.Criteria, in.Items)
		raw, _ := json.Marshal(items)
		var oldJSON []byte
		if a.Sheet != nil {
			var old struct {
				Status         string          `json:"status"`
				Items          json.RawMessage `json:"items"`
				OverallComment string          `json:"overall_comment"`
				Total          *float64        `json:"total"`
			}
			if err := json.Unmarshal(a.Sheet, &old); err != nil {
				return apperr.Internal(err)
			}
			if old.Status == "submitted" && !in.Submit {
				// A submitted sheet stays submitted; a change to it is a resubmission.
				status, submittedAt = "submitted", ptr(s.now())
				if !complete {
					return apperr.Invalid(apperr.Field("items", "required"))
				}
			}
			oldJSON, _ = json.Marshal(map[string]any{"status": old.Status, "items": old.Items, "overallComment": old.OverallComment, "total": old.Total})
		}
		newJSON, _ := json.Marshal(map[string]any{"status": status, "items": items, "overallComment": in.OverallComment, "total": total})
		saved, err = q.SaveSheet(ctx, store.SaveSheetParams{
			StageID: stageID, CaseID: caseID, JudgeID: p.UserID, Status: status, Items: raw,
			OverallComment: in.OverallComment, Total: total, SubmittedAt: submittedAt, OldValue: oldJSON, NewValue: newJSON,
		})
		return err
	})
	if conflicted {
		// Recorded so the organizer can see who tried to reach a case they must not judge.
		_ = store.InTx(ctx, s.pool, func(q *store.Queries) error {
			return audit(ctx, q, p, "conflicted_access_refused", "case", caseID, map[string]any{"stage": stageID})
		})
	}
	if err != nil {
		return Sheet{}, dberr.Fail(err)
	}
	sh := Sheet{Status: saved.Status, OverallComment: saved.OverallComment, Total: saved.Total, UpdatedAt: &saved.UpdatedAt, SubmittedAt: saved.SubmittedAt}
	if err := json.Unmarshal(saved.Items, &sh.Items); err != nil {
		return Sheet{}, apperr.Internal(err)
	}
	return sh, nil
}

// pairConflicted reports whether the judge must not judge the case LockJudgeSheet read:
// a declared conflict, or an automatic one as conflictsAmong finds them.
func pairConflicted(a store.LockJudgeSheetRow, judge uuid.UUID) (bool, error) {
	if a.Declared {
		return true, nil
	}
	if !a.OnBoard {
		return false, nil
	}
	var members []teamMember
	if err := json.Unmarshal(a.Members, &members); err != nil {
		return false, apperr.Internal(err)
	}
	seat := judgeSeat{UserID: judge, Kind: a.JudgeKind, AgencyID: a.JudgeAgencyID, Department: a.JudgeDepartment}
	kind, _ := autoConflict(seat, members, "", a.CompetingAgencies > 1, a.HostLine,
		func() ([]uuid.UUID, []uuid.UUID) { return a.TeamLine, a.JudgeLine }, a.TeamAgencyID)
	return kind != "", nil
}

func hasNaN(xs []float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) {
			return true
		}
	}
	return false
}

// CheckSheet records into r what is wrong with a judge's sheet for a case of the stage:
// scores off the scale, grades not in it, and on submit every criterion left unscored.
// It says nothing to a caller who may not score the case.
func (s *Service) CheckSheet(ctx context.Context, p account.Principal, stageID, caseID uuid.UUID, in SheetInput, r *validation.Report) error {
	if err := r.Struct(in, ""); err != nil {
		return err
	}
	if st, _, err := s.judgeAccess(ctx, p, stageID, caseID); err == nil {
		checkSheet(st.Criteria, in, r)
	}
	return nil
}

// checkSheet scores the sheet's items into r (see scoreItems) and, on submit, names each
// criterion left unscored: by its item when the sheet has one, else by the criterion.
func checkSheet(criteria []Criterion, in SheetInput, r *validation.Report) []float64 {
	points := scoreItems(criteria, in.Items, r)
	if !in.Submit || !itemsReadable(in.Items, r) {
		return points
	}
	for i, c := range criteria {
		if !math.IsNaN(points[i]) {
			continue
		}
		j := slices.IndexFunc(in.Items, func(it Item) bool { return it.CriterionID == c.ID })
		if j < 0 {
			r.Add(apperr.Field("items", "criterion_required", "criterion", c.Name))
			continue
		}
		at := "items[" + strconv.Itoa(j) + "]"
		value := ".points"
		if c.Scale.Kind == "grades" {
			value = ".grade"
		}
		if r.Readable(at + value) {
			r.Add(apperr.Field(at+value, "required"))
		}
	}
	return points
}

// itemsReadable reports whether every item's criterion could be read, so that a
// criterion without a score is known to be missing rather than misnamed.
func itemsReadable(items []Item, r *validation.Report) bool {
	for i := range items {
		if !r.Readable("items[" + strconv.Itoa(i) + "].criterionId") {
			return false
		}
	}
	return true
}

// scoreItems turns a sheet's items into points aligned with the criteria (NaN where not
// scored), recording into r scores off the scale and grades not in it.
func scoreItems(criteria []Criterion, items []Item, r *validation.Report) []float64 {
	points := make([]float64, len(criteria))
	for i := range points {
		points[i] = math.NaN()
	}
	for i, it := range items {
		at := "items[" + strconv.Itoa(i) + "]"
		if !r.Readable(at + ".criterionId") {
			continue
		}
		idx := slices.IndexFunc(criteria, func(c Criterion) bool { return c.ID == it.CriterionID })
		if idx < 0 {
			r.Add(apperr.Field(at+".criterionId", "not_found"))
			continue
		}
		c := criteria[idx]
		switch {
		case c.Scale.Kind == "grades":
			if it.Grade == "" || !r.Readable(at+".grade") {
				continue
			}
			g := slices.IndexFunc(c.Scale.Grades, func(g Grade) bool { return g.Label == it.Grade })
			if g < 0 {
				r.Add(apperr.Field(at+".grade", "not_in_scale"))
				continue
			}
			points[idx] = c.Scale.Grades[g].Points
		case it.Points != nil && r.Readable(at+".points"):
			v := *it.Points
			steps := (v - c.Scale.Min) / c.Scale.Step
			if v < c.Scale.Min || v > c.Scale.Max || math.Abs(steps-math.Round(steps)) > 1e-9 {
				r.Add(apperr.Field(at+".points", "out_of_scale"))
				continue
			}
			points[idx] = v
		}
	}
	return points
}

// normalizeItems keeps one item per criterion, in rubric order.
func normalizeItems(criteria []Criterion, items []Item) []Item {
	out := []Item{}
	for _, c := range criteria {
		for _, it := range items {
			if it.CriterionID == c.ID && (it.Points != nil || it.Grade != "" || it.Comment != "") {
				out = append(out, it)
				break
			}
		}
	}
	return out
}

func (s *Service) sheet(ctx context.Context, stageID, caseID, judgeID uuid.UUID) (Sheet, error) {
	r, err := s.q.GetSheet(ctx, store.GetSheetParams{StageID: stageID, CaseID: caseID, JudgeID: judgeID})
	if store.IsNoRows(err) {
		return Sheet{Status: "none", Items: []Item{}}, nil
	}
	if err != nil {
		return Sheet{}, dberr.Fail(err)
	}
	sh := Sheet{Status: r.Status, OverallComment: r.OverallComment, Total: r.Total, UpdatedAt: &r.UpdatedAt, SubmittedAt: r.SubmittedAt}
	if err := json.Unmarshal(r.Items, &sh.Items); err != nil {
		return Sheet{}, apperr.Internal(err)
	}
	return sh, nil
}

// DashboardStage is an open stage a judge sits on, with their cases.
type DashboardStage struct {
	Stage      Stage
	RoundTitle string
	Assigned   int
	Submitted  int
	Cases      []DashboardCase
}

// DashboardCase is an assigned case and the judge's sheet status.
type DashboardCase struct {
	CaseID      uuid.UUID
	Title       string
	SheetStatus string
	Total       *float64
}

// Dashboard lists the open stages where the caller judges, conflicted cases left out.
func (s *Service) Dashboard(ctx context.Context, p account.Principal) ([]DashboardStage, error) {
	stageIDs, err := s.q.ListJudgeStages(ctx, p.UserID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	out := []DashboardStage{}
	for _, id := range stageIDs {
		st, err := s.stage(ctx, id)
		if err != nil {
			return nil, err
		}
		board, err := s.board(ctx, st)
		if err != nil {
			return nil, err
		}
		r, err := s.q.GetRound(ctx, st.RoundID)
		if err != nil {
			return nil, dberr.Fail(err)
		}
		sheets, err := s.q.ListJudgeSheets(ctx, store.ListJudgeSheetsParams{StageID: id, JudgeID: p.UserID})
		if err != nil {
			return nil, dberr.Fail(err)
		}
		ds := DashboardStage{Stage: st, RoundTitle: r.Title, Cases: []DashboardCase{}}
		for _, c := range board.Cases {
			if !slices.Contains(board.judgesOf(c.CaseID), p.UserID) || board.conflicted(c.CaseID, p.UserID) {
				continue
			}
			dc := DashboardCase{CaseID: c.CaseID, Title: c.Title, SheetStatus: "none"}
			if st.Blind {
				terms, err := s.identityTermsOf(ctx, c.Team.ID)
				if err != nil {
					return nil, err
				}
				dc.Title = redact(cases.Content{Title: c.Title}, terms).Title
			}
			for _, sh := range sheets {
				if sh.CaseID == c.CaseID {
					dc.SheetStatus, dc.Total = sh.Status, sh.Total
				}
			}
			ds.Assigned++
			if dc.SheetStatus == "submitted" {
				ds.Submitted++
			}
			ds.Cases = append(ds.Cases, dc)
		}
		out = append(out, ds)
	}
	return out, nil
}

func (s *Service) identityTermsOf(ctx context.Context, teamID uuid.UUID) ([]string, error) {
	t, err := s.q.GetTeam(ctx, teamID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	return s.identityTerms(ctx, t)
}

// submittedTitles reads each case's title as last submitted.
func (s *Service) submittedTitles(ctx context.Context, rows []store.ListStageCasesRow) (map[uuid.UUID]string, error) {
	out := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		v, err := cases.Submitted(ctx, s.q, r.CaseID)
		if err != nil {
			return nil, err
		}
		out[r.CaseID] = v.Content.Title
	}
	return out, nil
}

// File returns an attachment of a case as submitted, to a judge who may read the case.
func (s *Service) File(ctx context.Context, p account.Principal, stageID, caseID, attachmentID uuid.UUID) (cases.Attachment, []byte, error) {
	if _, _, err := s.judgeAccess(ctx, p, stageID, caseID); err != nil {
		return cases.Attachment{}, nil, err
	}
	v, err := cases.Submitted(ctx, s.q, caseID)
	if err != nil {
		return cases.Attachment{}, nil, err
	}
	for _, a := range v.Attachments {
		if a.ID != attachmentID {
			continue
		}
		sum, err := hex.DecodeString(a.SHA256)
		if err != nil {
			return cases.Attachment{}, nil, apperr.Internal(err)
		}
		data, err := s.q.GetBlob(ctx, sum)
		if err != nil {
			return cases.Attachment{}, nil, dberr.Fail(err)
		}
		return a, data, nil
	}
	return cases.Attachment{}, nil, apperr.NotFound()
}
