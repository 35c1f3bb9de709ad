package judging

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/notify"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Judge is a judge of a stage with their load.
type Judge struct {
	UserID      uuid.UUID
	DisplayName string
	Agency      account.AgencyRef
	Department  string
	Kind        string
	MaxCases    *int
	Assigned    int
	Submitted   int
}

// JudgeInput puts a judge on a stage.
type JudgeInput struct {
	UserID   uuid.UUID `json:"userId" validate:"required"`
	Kind     string    `json:"kind" validate:"omitempty,oneof=internal external"`
	MaxCases *int      `json:"maxCases" validate:"omitnil,min=1,max=1000"`
}

// Judges lists a stage's judges.
func (s *Service) Judges(ctx context.Context, p account.Principal, stageID uuid.UUID) ([]Judge, error) {
	if _, err := s.manageableStage(ctx, p, stageID); err != nil {
		return nil, err
	}
	return s.judges(ctx, stageID)
}

func (s *Service) judges(ctx context.Context, stageID uuid.UUID) ([]Judge, error) {
	rows, err := s.q.ListStageJudges(ctx, stageID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	out := make([]Judge, len(rows))
	for i, r := range rows {
		j := Judge{
			UserID: r.UserID, DisplayName: r.DisplayName, Department: r.Department, Kind: r.Kind,
			Agency: account.AgencyRef{ID: r.AgencyID, Name: r.AgencyName}, Assigned: int(r.Assigned), Submitted: int(r.Submitted),
		}
		if r.MaxCases != nil {
			m := int(*r.MaxCases)
			j.MaxCases = &m
		}
		out[i] = j
	}
	return out, nil
}

// AddJudge puts a user holding the judge role on a stage that has not closed.
func (s *Service) AddJudge(ctx context.Context, p account.Principal, stageID uuid.UUID, in JudgeInput) (Judge, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Judge{}, err
	}
	if err := validation.Struct(in); err != nil {
		return Judge{}, err
	}
	if st.Status == StatusClosed {
		return Judge{}, apperr.New(apperr.KindConflict, apperr.CodeStageClosed)
	}
	judge, err := s.accounts.PrincipalForID(ctx, in.UserID)
	if store.IsNoRows(err) || apperr.Is(err, apperr.CodeTokenInvalid) {
		return Judge{}, apperr.Invalid(apperr.Field("userId", "not_found"))
	}
	if err != nil {
		return Judge{}, err
	}
	if !slices.Contains(judge.Roles, account.RoleJudge) {
		return Judge{}, &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeNotAJudge, Fields: []apperr.FieldError{apperr.Field("userId", "not_allowed")}}
	}
	round, err := s.q.GetRound(ctx, st.RoundID)
	if err != nil {
		return Judge{}, dberr.Fail(err)
	}
	kind := in.Kind
	if kind == "" {
		// Unsaid, a judge from outside the host agency and its sub-agencies is an outside
		// judge (외부 심사위원), as directory picks from other agencies usually are.
		if kind, err = s.defaultJudgeKind(ctx, round.HostAgencyID, in.UserID); err != nil {
			return Judge{}, err
		}
	}
	var maxCases *int32
	if in.MaxCases != nil {
		maxCases = ptr(int32(*in.MaxCases))
	}
	already, err := s.q.IsStageJudge(ctx, store.IsStageJudgeParams{StageID: stageID, UserID: in.UserID})
	if err != nil {
		return Judge{}, dberr.Fail(err)
	}
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		if err := q.AddStageJudge(ctx, store.AddStageJudgeParams{StageID: stageID, UserID: in.UserID, Kind: kind, MaxCases: maxCases}); err != nil {
			return err
		}
		if err := audit(ctx, q, p, "judge_added", "stage", stageID, map[string]any{"judge": in.UserID}); err != nil {
			return err
		}
		if already {
			// Changing a sitting judge's cap or kind is no news to them.
			return nil
		}
		return notify.Send(ctx, q, notify.Message{
			Kind: "judge_appointed", Title: "심사위원으로 위촉되었습니다: " + round.Title + " " + st.Name,
			Body: "심사 마감: " + st.ScoringClosesAt.In(kst).Format("2006-01-02 15:04") + ". 단계가 열리면 배정된 사례가 심사 목록에 나타납니다.",
			Link: "/judging",
		}, in.UserID)
	})
	if err != nil {
		return Judge{}, dberr.Fail(err)
	}
	judges, err := s.judges(ctx, stageID)
	if err != nil {
		return Judge{}, err
	}
	for _, j := range judges {
		if j.UserID == in.UserID {
			return j, nil
		}
	}
	return Judge{}, apperr.NotFound()
}

// defaultJudgeKind is internal for a judge of the host agency or one below it, external
// otherwise.
func (s *Service) defaultJudgeKind(ctx context.Context, host, userID uuid.UUID) (string, error) {
	acc, err := s.q.JudgeAffiliation(ctx, userID)
	if err != nil {
		return "", dberr.Fail(err)
	}
	rows, err := s.q.AgencyParents(ctx)
	if err != nil {
		return "", dberr.Fail(err)
	}
	parents := map[uuid.UUID]uuid.UUID{}
	for _, r := range rows {
		if r.ParentID.Valid {
			parents[r.ID] = r.ParentID.UUID
		}
	}
	for a, n := acc.AgencyID, 0; n < 20; n++ {
		if a == host {
			return "internal", nil
		}
		next, ok := parents[a]
		if !ok {
			break
		}
		a = next
	}
	return "external", nil
}

// AssignmentReport says what an assignment run did.
type AssignmentReport struct {
	Assigned   int
	Shortfalls []Shortfall
}

// Shortfall is a case that could not get enough judges.
type Shortfall struct {
	CaseID  uuid.UUID
	Missing int
}

// WithdrawJudge takes a judge off a stage; their cases are given to other judges, one
// replacement each, within caps and conflicts.
func (s *Service) WithdrawJudge(ctx context.Context, p account.Principal, stageID, userID uuid.UUID) (AssignmentReport, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return AssignmentReport{}, err
	}
	if err := s.RefuseAfterPublication(ctx, st.RoundID); err != nil {
		return AssignmentReport{}, err
	}
	var affected []uuid.UUID
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		n, err := q.WithdrawStageJudge(ctx, store.WithdrawStageJudgeParams{StageID: stageID, UserID: userID})
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.NotFound()
		}
		if affected, err = q.DeleteJudgeAssignments(ctx, store.DeleteJudgeAssignmentsParams{StageID: stageID, JudgeID: userID}); err != nil {
			return err
		}
		return audit(ctx, q, p, "judge_withdrawn", "stage", stageID, map[string]any{"judge": userID, "cases": len(affected)})
	})
	if err != nil {
		return AssignmentReport{}, dberr.Fail(err)
	}
	if len(affected) == 0 || st.Status == StatusClosed {
		return AssignmentReport{Shortfalls: []Shortfall{}}, nil
	}
	want := map[uuid.UUID]int{}
	board, err := s.board(ctx, st)
	if err != nil {
		return AssignmentReport{}, err
	}
	for _, id := range affected {
		want[id] = len(board.judgesOf(id)) + 1
	}
	return s.assign(ctx, p, st, want)
}

// AutoAssign gives each case judgesPerCase judges, keeping existing assignments.
func (s *Service) AutoAssign(ctx context.Context, p account.Principal, stageID uuid.UUID, judgesPerCase int) (AssignmentReport, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return AssignmentReport{}, err
	}
	if judgesPerCase < 1 || judgesPerCase > 30 {
		return AssignmentReport{}, apperr.Invalid(apperr.Field("judgesPerCase", "invalid"))
	}
	if st.Status == StatusClosed {
		return AssignmentReport{}, apperr.New(apperr.KindConflict, apperr.CodeStageClosed)
	}
	cases, err := s.stageCaseIDs(ctx, st)
	if err != nil {
		return AssignmentReport{}, err
	}
	want := map[uuid.UUID]int{}
	for _, id := range cases {
		want[id] = judgesPerCase
	}
	return s.assign(ctx, p, st, want)
}

// assign fills cases up to the wanted number of judges, least-loaded judge first (ties by
// id, so the result is reproducible), never past a judge's cap or across a conflict.
func (s *Service) assign(ctx context.Context, p account.Principal, st Stage, want map[uuid.UUID]int) (AssignmentReport, error) {
	board, err := s.board(ctx, st)
	if err != nil {
		return AssignmentReport{}, err
	}
	judges, err := s.judges(ctx, st.ID)
	if err != nil {
		return AssignmentReport{}, err
	}
	load := map[uuid.UUID]int{}
	for _, j := range judges {
		load[j.UserID] = j.Assigned
	}
	caseIDs := make([]uuid.UUID, 0, len(want))
	for id := range want {
		caseIDs = append(caseIDs, id)
	}
	sort.Slice(caseIDs, func(i, j int) bool { return caseIDs[i].String() < caseIDs[j].String() })
	report := AssignmentReport{Shortfalls: []Shortfall{}}
	var adds [][2]uuid.UUID
	for _, c := range caseIDs {
		have := board.judgesOf(c)
		missing := want[c] - len(have)
		for missing > 0 {
			var best *Judge
			for i := range judges {
				j := &judges[i]
				if j.Kind == JudgeKindCitizen {
					// The panel scores every case; it is not part of the judges' share-out.
					continue
				}
				if slices.Contains(have, j.UserID) || board.conflicted(c, j.UserID) || (j.MaxCases != nil && load[j.UserID] >= *j.MaxCases) {
					continue
				}
				if best == nil || load[j.UserID] < load[best.UserID] || (load[j.UserID] == load[best.UserID] && j.UserID.String() < best.UserID.String()) {
					best = j
				}
			}
			if best == nil {
				break
			}
			adds = append(adds, [2]uuid.UUID{c, best.UserID})
			have = append(have, best.UserID)
			load[best.UserID]++
			missing--
		}
		if missing > 0 {
			report.Shortfalls = append(report.Shortfalls, Shortfall{CaseID: c, Missing: missing})
		}
	}
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		for _, a := range adds {
			if err := q.AddAssignment(ctx, store.AddAssignmentParams{StageID: st.ID, CaseID: a[0], JudgeID: a[1]}); err != nil {
				return err
			}
		}
		return audit(ctx, q, p, "judges_assigned", "stage", st.ID, map[string]any{"assigned": len(adds), "shortfalls": len(report.Shortfalls)})
	})
	if err != nil {
		return AssignmentReport{}, dberr.Fail(err)
	}
	report.Assigned = len(adds)
	return report, nil
}

// SetAssignment replaces a case's judges by hand. A conflicted judge is refused.
func (s *Service) SetAssignment(ctx context.Context, p account.Principal, stageID, caseID uuid.UUID, judgeIDs []uuid.UUID) (Board, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Board{}, err
	}
	if st.Status == StatusClosed {
		return Board{}, apperr.New(apperr.KindConflict, apperr.CodeStageClosed)
	}
	board, err := s.board(ctx, st)
	if err != nil {
		return Board{}, err
	}
	if !board.hasCase(caseID) {
		return Board{}, apperr.NotFound()
	}
	judges, err := s.judges(ctx, stageID)
	if err != nil {
		return Board{}, err
	}
	var fields []apperr.FieldError
	for i, id := range judgeIDs {
		onStage := slices.ContainsFunc(judges, func(j Judge) bool { return j.UserID == id })
		switch {
		case !onStage:
			fields = append(fields, apperr.Field(fmt.Sprintf("judgeIds[%d]", i), "not_found"))
		case board.conflicted(caseID, id):
			return Board{}, &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeConflictOfInterest,
				Fields: []apperr.FieldError{apperr.Field(fmt.Sprintf("judgeIds[%d]", i), "not_allowed")}}
		}
	}
	if len(fields) > 0 {
		return Board{}, apperr.Invalid(fields...)
	}
	current := board.judgesOf(caseID)
	citizen := func(id uuid.UUID) bool {
		return slices.ContainsFunc(judges, func(j Judge) bool { return j.UserID == id && j.Kind == JudgeKindCitizen })
	}
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		for _, id := range current {
			// The citizen panel keeps its cases; the hand assignment is the judges'.
			if !slices.Contains(judgeIDs, id) && !citizen(id) {
				if err := q.DeleteAssignment(ctx, store.DeleteAssignmentParams{StageID: stageID, CaseID: caseID, JudgeID: id}); err != nil {
					return err
				}
			}
		}
		for _, id := range judgeIDs {
			if err := q.AddAssignment(ctx, store.AddAssignmentParams{StageID: stageID, CaseID: caseID, JudgeID: id}); err != nil {
				return err
			}
		}
		return audit(ctx, q, p, "assignment_set", "case", caseID, map[string]any{"stage": stageID, "judges": judgeIDs})
	})
	if err != nil {
		return Board{}, dberr.Fail(err)
	}
	return s.Board(ctx, p, stageID)
}

// Progress is how far a stage's judges are.
type Progress struct {
	StageID  uuid.UUID
	Judges   []Judge
	Cases    int
	Complete bool
}

// Progress returns each judge's assigned and submitted counts.
func (s *Service) Progress(ctx context.Context, p account.Principal, stageID uuid.UUID) (Progress, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Progress{}, err
	}
	judges, err := s.judges(ctx, stageID)
	if err != nil {
		return Progress{}, err
	}
	board, err := s.board(ctx, st)
	if err != nil {
		return Progress{}, err
	}
	complete := st.CaseCount > 0
	for _, c := range board.Cases {
		if len(c.Judges) == 0 {
			complete = false
		}
	}
	for _, j := range judges {
		if j.Submitted < j.Assigned {
			complete = false
		}
	}
	return Progress{StageID: stageID, Judges: judges, Cases: st.CaseCount, Complete: complete}, nil
}

// Remind notifies every judge of the stage who has unsubmitted sheets.
func (s *Service) Remind(ctx context.Context, p account.Principal, stageID uuid.UUID) (int, error) {
	progress, err := s.Progress(ctx, p, stageID)
	if err != nil {
		return 0, err
	}
	st, err := s.stage(ctx, stageID)
	if err != nil {
		return 0, err
	}
	var late []uuid.UUID
	for _, j := range progress.Judges {
		if j.Submitted < j.Assigned {
			late = append(late, j.UserID)
		}
	}
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		return notify.Send(ctx, q, notify.Message{
			Kind: "judging_reminder", Title: "심사 마감이 다가옵니다: " + st.Name,
			Body: "아직 제출하지 않은 채점표가 있습니다. 마감: " + st.ScoringClosesAt.In(kst).Format("2006-01-02 15:04"),
			Link: "/judging",
		}, late...)
	})
	return len(late), dberr.Fail(err)
}

// kst is Korea's time, in which deadlines are written for people.
var kst = time.FixedZone("KST", 9*60*60)
