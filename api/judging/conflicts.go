package judging

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/store"
	"eutteum/api/team"
	"eutteum/api/validation"
)

// Conflict kinds: 제척 (automatic), 회피 (declared by the judge), 기피 (challenged by the
// organizer).
const (
	ConflictTeamMember     = "team_member"
	ConflictSameDepartment = "same_department"
	ConflictSameAgency     = "same_agency"
	ConflictDeclared       = "declared"
	ConflictChallenged     = "challenged"
)

// Conflict keeps a judge away from a case.
type Conflict struct {
	CaseID     uuid.UUID
	JudgeID    uuid.UUID
	JudgeName  string
	Kind       string
	Reason     string
	Automatic  bool
	RecordedBy string
	RecordedAt *time.Time
}

// BoardCase is a case of a stage with its judges.
type BoardCase struct {
	CaseID uuid.UUID
	Title  string
	Team   team.Ref
	Judges []BoardJudge
}

// BoardJudge is a judge assigned to a case and how far their sheet is.
type BoardJudge struct {
	UserID      uuid.UUID
	DisplayName string
	SheetStatus string
}

// Board is a stage's assignments with every conflict and its reason.
type Board struct {
	Cases     []BoardCase
	Conflicts []Conflict
}

func (b Board) judgesOf(caseID uuid.UUID) []uuid.UUID {
	for _, c := range b.Cases {
		if c.CaseID == caseID {
			ids := make([]uuid.UUID, len(c.Judges))
			for i, j := range c.Judges {
				ids[i] = j.UserID
			}
			return ids
		}
	}
	return nil
}

func (b Board) hasCase(caseID uuid.UUID) bool {
	return slices.ContainsFunc(b.Cases, func(c BoardCase) bool { return c.CaseID == caseID })
}

func (b Board) conflicted(caseID, judgeID uuid.UUID) bool {
	return slices.ContainsFunc(b.Conflicts, func(c Conflict) bool { return c.CaseID == caseID && c.JudgeID == judgeID })
}

// Board returns a stage's assignments and conflicts (organizers only).
func (s *Service) Board(ctx context.Context, p account.Principal, stageID uuid.UUID) (Board, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Board{}, err
	}
	return s.board(ctx, st)
}

func (s *Service) board(ctx context.Context, st Stage) (Board, error) {
	cases, err := s.q.ListStageCases(ctx, st.ID)
	if err != nil {
		return Board{}, dberr.Fail(err)
	}
	assignments, err := s.q.ListAssignments(ctx, st.ID)
	if err != nil {
		return Board{}, dberr.Fail(err)
	}
	titles, err := s.submittedTitles(ctx, cases)
	if err != nil {
		return Board{}, err
	}
	b := Board{Cases: make([]BoardCase, len(cases))}
	for i, c := range cases {
		bc := BoardCase{CaseID: c.CaseID, Title: titles[c.CaseID], Team: team.Ref{ID: c.TeamID, Name: c.TeamName, Kind: string(c.TeamKind)}, Judges: []BoardJudge{}}
		for _, a := range assignments {
			if a.CaseID == c.CaseID {
				bc.Judges = append(bc.Judges, BoardJudge{UserID: a.JudgeID, DisplayName: a.DisplayName, SheetStatus: a.SheetStatus})
			}
		}
		b.Cases[i] = bc
	}
	if b.Conflicts, err = s.conflicts(ctx, st, cases); err != nil {
		return Board{}, err
	}
	return b, nil
}

// conflicts lists every conflict between the stage's judges and cases. Automatic ones:
// the judge is in the case's team; the judge works in the same department (same agency,
// same department name) as a team member; or, when cases from several agencies compete,
// the judge's agency is the team's agency or above or below it in the agency tree
// (agencies at or above the host are neutral).
func (s *Service) conflicts(ctx context.Context, st Stage, cases []store.ListStageCasesRow) ([]Conflict, error) {
	return s.conflictsAmong(ctx, st, cases, cases, uuid.Nil)
}

// conflictsAmong lists the conflicts of the given cases with the stage's judges (one judge when judge is set); competing agencies are counted
// over all of the stage's cases.
func (s *Service) conflictsAmong(ctx context.Context, st Stage, all, cases []store.ListStageCasesRow, judge uuid.UUID) ([]Conflict, error) {
	judgeRows, err := s.q.ListStageJudges(ctx, st.ID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	if judge != uuid.Nil {
		judgeRows = slices.DeleteFunc(judgeRows, func(j store.ListStageJudgesRow) bool { return j.UserID != judge })
	}
	caseIDs := make([]uuid.UUID, len(cases))
	for i, c := range cases {
		caseIDs[i] = c.CaseID
	}
	agenciesCompeting := map[uuid.UUID]bool{}
	for _, c := range all {
		agenciesCompeting[c.TeamAgencyID] = true
	}
	members, err := s.q.TeamMembersOfCases(ctx, caseIDs)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	parentRows, err := s.q.AgencyParents(ctx)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	parents := map[uuid.UUID]uuid.UUID{}
	for _, r := range parentRows {
		if r.ParentID.Valid {
			parents[r.ID] = r.ParentID.UUID
		}
	}
	lineage := func(a uuid.UUID) []uuid.UUID {
		out := []uuid.UUID{a}
		for p, ok := parents[a]; ok && len(out) < 20; p, ok = parents[p] {
			out = append(out, p)
		}
		return out
	}
	round, err := s.q.GetRound(ctx, st.RoundID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	hostLine := lineage(round.HostAgencyID)

	var out []Conflict
	for _, c := range cases {
		var of []teamMember
		for _, m := range members {
			if m.CaseID == c.CaseID {
				of = append(of, teamMember{UserID: m.UserID, AgencyID: m.AgencyID, Department: m.Department})
			}
		}
		for _, j := range judgeRows {
			seat := judgeSeat{UserID: j.UserID, Kind: j.Kind, AgencyID: j.AgencyID, Department: j.Department, AgencyName: j.AgencyName}
			kind, reason := autoConflict(seat, of, c.TeamName, len(agenciesCompeting) > 1, hostLine,
				func() ([]uuid.UUID, []uuid.UUID) { return lineage(c.TeamAgencyID), lineage(j.AgencyID) }, c.TeamAgencyID)
			if kind != "" {
				out = append(out, Conflict{CaseID: c.CaseID, JudgeID: j.UserID, JudgeName: j.DisplayName, Kind: kind, Reason: reason, Automatic: true})
			}
		}
	}
	declared, err := s.q.ListDeclaredConflicts(ctx, st.RoundID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	for _, d := range declared {
		at := d.RecordedAt
		out = append(out, Conflict{
			CaseID: d.CaseID, JudgeID: d.JudgeID, JudgeName: d.JudgeName, Kind: d.Kind, Reason: d.Reason,
			RecordedBy: d.RecorderName, RecordedAt: &at,
		})
	}
	if out == nil {
		out = []Conflict{}
	}
	return out, nil
}

// ConflictInput names a case and judge with the reason for keeping them apart.
type ConflictInput struct {
	CaseID  uuid.UUID `json:"caseId" validate:"required"`
	JudgeID uuid.UUID `json:"judgeId" validate:"required"`
	Reason  string    `json:"reason" validate:"required,min=2,max=500"`
}

// Challenge records the organizer's exclusion of a judge from a case (기피) and removes the
// assignment.
func (s *Service) Challenge(ctx context.Context, p account.Principal, stageID uuid.UUID, in ConflictInput) (Conflict, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Conflict{}, err
	}
	if err := validation.Struct(in); err != nil {
		return Conflict{}, err
	}
	board, err := s.board(ctx, st)
	if err != nil {
		return Conflict{}, err
	}
	if !board.hasCase(in.CaseID) {
		return Conflict{}, apperr.Invalid(apperr.Field("caseId", "not_found"))
	}
	onStage, err := s.q.IsStageJudge(ctx, store.IsStageJudgeParams{StageID: stageID, UserID: in.JudgeID})
	if err != nil {
		return Conflict{}, dberr.Fail(err)
	}
	if !onStage {
		return Conflict{}, apperr.Invalid(apperr.Field("judgeId", "not_found"))
	}
	return s.record(ctx, p, st, in.CaseID, in.JudgeID, ConflictChallenged, in.Reason)
}

// Recuse records a judge's own step away from a case (회피) and removes the assignment.
func (s *Service) Recuse(ctx context.Context, p account.Principal, stageID, caseID uuid.UUID, reason string) (Conflict, error) {
	if err := validation.Struct(struct {
		Reason string `json:"reason" validate:"required,min=2,max=500"`
	}{reason}); err != nil {
		return Conflict{}, err
	}
	st, _, err := s.judgeAccess(ctx, p, stageID, caseID)
	if err != nil {
		return Conflict{}, err
	}
	return s.record(ctx, p, st, caseID, p.UserID, ConflictDeclared, reason)
}

func (s *Service) record(ctx context.Context, p account.Principal, st Stage, caseID, judgeID uuid.UUID, kind, reason string) (Conflict, error) {
	// A conflict takes the judge's sheet out of the count, which the published table holds.
	if err := s.RefuseAfterPublication(ctx, st.RoundID); err != nil {
		return Conflict{}, err
	}
	var row store.DeclaredConflict
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		var err error
		row, err = q.AddDeclaredConflict(ctx, store.AddDeclaredConflictParams{
			RoundID: st.RoundID, CaseID: caseID, JudgeID: judgeID, Kind: kind, Reason: strings.TrimSpace(reason), RecordedBy: p.UserID,
		})
		if err != nil {
			return err
		}
		if err := q.DeleteAssignment(ctx, store.DeleteAssignmentParams{StageID: st.ID, CaseID: caseID, JudgeID: judgeID}); err != nil {
			return err
		}
		return audit(ctx, q, p, "conflict_"+kind, "case", caseID, map[string]any{"stage": st.ID, "judge": judgeID, "reason": reason})
	})
	if err != nil {
		return Conflict{}, dberr.Fail(err)
	}
	names, err := s.q.UsersByIDs(ctx, []uuid.UUID{judgeID, p.UserID})
	if err != nil {
		return Conflict{}, dberr.Fail(err)
	}
	c := Conflict{CaseID: caseID, JudgeID: judgeID, Kind: kind, Reason: row.Reason, RecordedAt: &row.RecordedAt}
	for _, u := range names {
		if u.ID == judgeID {
			c.JudgeName = u.DisplayName
		}
		if u.ID == p.UserID {
			c.RecordedBy = u.DisplayName
		}
	}
	return c, nil
}

func (s *Service) stageCaseIDs(ctx context.Context, st Stage) ([]uuid.UUID, error) {
	rows, err := s.q.ListStageCases(ctx, st.ID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.CaseID
	}
	return ids, nil
}

// judgeSeat is what automatic conflicts know of a judge.
type judgeSeat struct {
	UserID, AgencyID             uuid.UUID
	Kind, Department, AgencyName string
}

// teamMember is what automatic conflicts know of a member of a case's team.
type teamMember struct {
	UserID     uuid.UUID `json:"userId"`
	AgencyID   uuid.UUID `json:"agencyId"`
	Department string    `json:"department"`
}

// autoConflict is the automatic conflict (제척) of a judge with a case whose team has
// members and belongs to teamAgency, if there is one: its kind and reason, or "". A judge
// is excluded from their own team's case; from one whose member works in their department;
// and, when several agencies compete, from their own agency's (or a parent's or child's),
// unless they work for the host. lines gives the team's agency's line of parents and the
// judge's, each starting with the agency itself.
func autoConflict(j judgeSeat, members []teamMember, teamName string, manyAgencies bool, hostLine []uuid.UUID,
	lines func() (team, judge []uuid.UUID), teamAgency uuid.UUID) (string, string) {
	isMember, sameDept := false, ""
	for _, m := range members {
		if m.UserID == j.UserID {
			isMember = true
		}
		if m.AgencyID == j.AgencyID && m.Department != "" && strings.EqualFold(strings.TrimSpace(m.Department), strings.TrimSpace(j.Department)) {
			sameDept = m.Department
		}
	}
	switch {
	case isMember:
		return ConflictTeamMember, "심사위원이 이 사례를 낸 팀의 팀원입니다 (" + teamName + ")"
	case j.Kind == JudgeKindCitizen:
		// A citizen's account agency is the host's by construction, not a workplace.
	case sameDept != "":
		return ConflictSameDepartment, "심사위원이 팀원과 같은 부서에서 일합니다 (" + j.AgencyName + " " + sameDept + ")"
	case manyAgencies && !slices.Contains(hostLine, j.AgencyID):
		teamLine, judgeLine := lines()
		if slices.Contains(teamLine, j.AgencyID) || slices.Contains(judgeLine, teamAgency) {
			return ConflictSameAgency, "여러 기관이 겨루는 심사에서 심사위원이 사례를 낸 기관 소속입니다 (" + j.AgencyName + ")"
		}
	}
	return "", ""
}
