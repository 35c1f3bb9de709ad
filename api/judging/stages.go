package judging

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/account"
	"eutteum/api/apperr"
	auditlog "eutteum/api/audit"
	"eutteum/api/dberr"
	"eutteum/api/mail"
	"eutteum/api/round"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Service runs the judging use cases.
type Service struct {
	pool      *pgxpool.Pool
	q         *store.Queries
	accounts  *account.Service
	rounds    *round.Service
	mailer    mail.Sender
	publicURL string
	// public reads the published tables for anyone's eyes, which may trail a publication by
	// a moment: from a read replica when there is one.
	public *store.Queries
}

// Option configures a Service.
type Option func(*Service)

// WithReads serves the public results through reads (see store.Reads).
func WithReads(reads *store.Reads) Option {
	return func(s *Service) { s.public = store.New(reads) }
}

// NewService returns a Service.
func NewService(pool *pgxpool.Pool, accounts *account.Service, rounds *round.Service, opts ...Option) *Service {
	s := &Service{pool: pool, q: store.New(pool), accounts: accounts, rounds: rounds}
	for _, o := range opts {
		o(s)
	}
	if s.public == nil {
		s.public = s.q
	}
	return s
}

func (s *Service) now() time.Time { return s.rounds.Now() }

// TieBreak is one declared tie-break rule of a round.
type TieBreak struct {
	Kind          string `json:"kind" validate:"required,oneof=criterion first_places earlier_submission"`
	CriterionName string `json:"criterionName,omitempty" validate:"max=50"`
}

// Settings are how a round's scores become a ranking.
type Settings struct {
	Method        string     `json:"method" validate:"required,oneof=mean trimmed_mean median zscore"`
	TieBreaks     []TieBreak `json:"tieBreaks" validate:"max=5,dive"`
	ObjectionDays int        `json:"objectionDays" validate:"min=0,max=60"`
	Frozen        bool       `json:"-"`
	// Published is set once the results are published: then nothing here changes.
	Published bool `json:"-"`
}

// Settings returns the round's judging settings (organizers only).
func (s *Service) Settings(ctx context.Context, p account.Principal, roundID uuid.UUID) (Settings, error) {
	if _, err := s.rounds.Manageable(ctx, p, roundID); err != nil {
		return Settings{}, err
	}
	return s.settings(ctx, s.q, roundID)
}

func (s *Service) settings(ctx context.Context, q *store.Queries, roundID uuid.UUID) (Settings, error) {
	r, err := q.GetJudgingSettings(ctx, roundID)
	if err != nil {
		return Settings{}, dberr.Fail(err)
	}
	st := Settings{Method: r.AggregationMethod, ObjectionDays: int(r.ObjectionDays), Frozen: r.JudgingOpenedAt != nil, Published: r.ResultsPublishedAt != nil}
	if err := json.Unmarshal(r.TieBreaks, &st.TieBreaks); err != nil {
		return st, apperr.Internal(err)
	}
	return st, nil
}

// UpdateSettings changes the method and tie-breaks until judging opens; the objection
// window may change until results are published. After publication nothing changes: the
// published table shows the method and tie-breaks, and the published objection deadline
// was fixed from the window (409 published_terms_frozen, naming each changed field).
func (s *Service) UpdateSettings(ctx context.Context, p account.Principal, roundID uuid.UUID, in Settings) (Settings, error) {
	if _, err := s.rounds.Manageable(ctx, p, roundID); err != nil {
		return Settings{}, err
	}
	r := validation.NewReport()
	if err := r.Struct(in, ""); err != nil {
		return Settings{}, err
	}
	for i, tb := range in.TieBreaks {
		at := "tieBreaks[" + itoa(i) + "]"
		if r.Readable(at) && tb.Kind == "criterion" && strings.TrimSpace(tb.CriterionName) == "" {
			r.Add(apperr.Field(at+".criterionName", "required"))
		}
	}
	if err := r.Err(); err != nil {
		return Settings{}, err
	}
	if in.TieBreaks == nil {
		in.TieBreaks = []TieBreak{}
	}
	raw, _ := json.Marshal(in.TieBreaks)
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		// Publishing results takes the same lock, so a change cannot slip in between.
		if _, err := q.LockRound(ctx, roundID); err != nil {
			return err
		}
		current, err := s.settings(ctx, q, roundID)
		if err != nil {
			return err
		}
		if current.Published {
			var fields []apperr.FieldError
			if current.ObjectionDays != in.ObjectionDays {
				fields = append(fields, round.FrozenField("objectionDays"))
			}
			if current.Method != in.Method {
				fields = append(fields, round.FrozenField("method"))
			}
			if !sameJSON(current.TieBreaks, in.TieBreaks) {
				fields = append(fields, round.FrozenField("tieBreaks"))
			}
			if len(fields) > 0 {
				return round.PublishedTermsFrozen(fields...)
			}
		}
		if current.Frozen && (current.Method != in.Method || !sameJSON(current.TieBreaks, in.TieBreaks)) {
			return apperr.New(apperr.KindConflict, apperr.CodeJudgingFrozen)
		}
		return q.UpdateJudgingSettings(ctx, store.UpdateJudgingSettingsParams{
			ID: roundID, AggregationMethod: in.Method, TieBreaks: raw, ObjectionDays: int32(in.ObjectionDays),
		})
	})
	if err != nil {
		return Settings{}, dberr.Fail(err)
	}
	return s.settings(ctx, s.q, roundID)
}

// RefuseAfterPublication answers 409 published_terms_frozen (naming fields) once the
// round's results are published: the stages, their judges, panel and vote are what the
// published table was computed from, so none of them changes afterwards.
func (s *Service) RefuseAfterPublication(ctx context.Context, roundID uuid.UUID, fields ...apperr.FieldError) error {
	settings, err := s.settings(ctx, s.q, roundID)
	if err != nil {
		return err
	}
	if settings.Published {
		return round.PublishedTermsFrozen(fields...)
	}
	return nil
}

// Cut decides who advances from a stage.
type Cut struct {
	Kind  string  `json:"kind" validate:"required,oneof=none top_n threshold"`
	Value float64 `json:"value" validate:"min=0"`
}

// Stage is one judging stage of a round.
type Stage struct {
	ID              uuid.UUID
	RoundID         uuid.UUID
	Position        int
	Name            string
	Kind            string
	Blind           bool
	Status          string
	ScoringClosesAt time.Time
	Cut             Cut
	Criteria        []Criterion
	FinalShare      float64
	VoteShare       float64
	PanelShare      float64
	// PanelCriteria is the citizen panel's rubric; empty without a panel.
	PanelCriteria []Criterion
	CaseCount     int
	JudgeCount    int
	OpenedAt      *time.Time
	ClosedAt      *time.Time
}

// StageInput creates a stage.
type StageInput struct {
	Name             string      `json:"name" validate:"required,max=50"`
	Kind             string      `json:"kind" validate:"required,oneof=written presentation final"`
	Blind            bool        `json:"blind"`
	ScoringClosesAt  time.Time   `json:"scoringClosesAt" validate:"required"`
	Cut              Cut         `json:"cut"`
	RubricTemplateID *uuid.UUID  `json:"rubricTemplateId"`
	Criteria         []Criterion `json:"criteria"`
	FinalShare       float64     `json:"finalShare" validate:"min=0,max=100"`
}

// CreateStage adds a stage after the round's last one, with a copy of a template's rubric
// or the given criteria.
func (s *Service) CreateStage(ctx context.Context, p account.Principal, roundID uuid.UUID, in StageInput) (Stage, error) {
	if _, err := s.rounds.Manageable(ctx, p, roundID); err != nil {
		return Stage{}, err
	}
	r := validation.NewReport()
	criteria, err := s.CheckStage(ctx, &in, r)
	if err != nil {
		return Stage{}, err
	}
	if err := rubricError(r); err != nil {
		return Stage{}, err
	}
	// The published results were decided by the stages there were.
	if err := s.RefuseAfterPublication(ctx, roundID); err != nil {
		return Stage{}, err
	}
	raw, _ := json.Marshal(criteria)
	row, err := s.q.CreateStage(ctx, store.CreateStageParams{
		RoundID: roundID, Name: strings.TrimSpace(in.Name), Kind: store.StageKind(in.Kind), Blind: in.Blind,
		ScoringClosesAt: in.ScoringClosesAt, CutKind: in.Cut.Kind, CutValue: in.Cut.Value, Criteria: raw,
		FinalShare: in.FinalShare,
	})
	if err != nil {
		return Stage{}, dberr.Fail(err)
	}
	return s.stage(ctx, row.ID)
}

// CheckStage records into r what is wrong with a new stage and returns its rubric: a copy
// of the template's, or the criteria given.
func (s *Service) CheckStage(ctx context.Context, in *StageInput, r *validation.Report) ([]Criterion, error) {
	if err := r.Struct(in, ""); err != nil {
		return nil, err
	}
	if in.RubricTemplateID == nil {
		return in.Criteria, checkCriteria(in.Criteria, "criteria", r)
	}
	if !r.Readable("rubricTemplateId") {
		return nil, nil
	}
	t, err := s.q.GetRubricTemplate(ctx, *in.RubricTemplateID)
	if store.IsNoRows(err) {
		r.Add(apperr.Field("rubricTemplateId", "not_found"))
		return nil, nil
	}
	if err != nil {
		return nil, dberr.Fail(err)
	}
	var criteria []Criterion
	if err := json.Unmarshal(t.Criteria, &criteria); err != nil {
		return nil, apperr.Internal(err)
	}
	for i := range criteria {
		// A stage's copy is its own: new ids keep templates and stages apart.
		criteria[i].ID = uuid.New()
	}
	return criteria, checkCriteria(criteria, "criteria", r)
}

// CheckStageUpdate records into r what is wrong with a change to a stage.
func CheckStageUpdate(in *StageUpdate, r *validation.Report) error {
	if err := r.Struct(in, ""); err != nil {
		return err
	}
	if in.Cut != nil {
		if err := r.Struct(in.Cut, "cut"); err != nil {
			return err
		}
	}
	if in.Criteria != nil {
		return checkCriteria(in.Criteria, "criteria", r)
	}
	return nil
}

// StageUpdate changes a stage; nil fields stay. The rubric changes only before opening.
type StageUpdate struct {
	Name            *string     `json:"name" validate:"omitnil,min=1,max=50"`
	Blind           *bool       `json:"blind"`
	ScoringClosesAt *time.Time  `json:"scoringClosesAt"`
	Cut             *Cut        `json:"cut"`
	Criteria        []Criterion `json:"criteria"`
	FinalShare      *float64    `json:"finalShare" validate:"omitnil,min=0,max=100"`
}

// UpdateStage changes a stage's settings.
func (s *Service) UpdateStage(ctx context.Context, p account.Principal, stageID uuid.UUID, in StageUpdate) (Stage, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Stage{}, err
	}
	r := validation.NewReport()
	if err := CheckStageUpdate(&in, r); err != nil {
		return Stage{}, err
	}
	if err := rubricError(r); err != nil {
		return Stage{}, err
	}
	var asked []apperr.FieldError
	for name, given := range map[string]bool{"name": in.Name != nil, "blind": in.Blind != nil, "scoringClosesAt": in.ScoringClosesAt != nil,
		"cut": in.Cut != nil, "criteria": in.Criteria != nil, "finalShare": in.FinalShare != nil} {
		if given {
			asked = append(asked, round.FrozenField(name))
		}
	}
	slices.SortFunc(asked, func(a, b apperr.FieldError) int { return strings.Compare(a.Field, b.Field) })
	if err := s.RefuseAfterPublication(ctx, st.RoundID, asked...); err != nil {
		return Stage{}, err
	}
	if st.Status == StatusClosed {
		return Stage{}, apperr.New(apperr.KindConflict, apperr.CodeStageClosed)
	}
	if in.Name != nil {
		st.Name = strings.TrimSpace(*in.Name)
	}
	if in.Blind != nil || in.Criteria != nil || in.Cut != nil {
		if st.Status != StatusSetup {
			return Stage{}, apperr.New(apperr.KindConflict, apperr.CodeJudgingFrozen)
		}
	}
	if in.Blind != nil {
		st.Blind = *in.Blind
	}
	if in.ScoringClosesAt != nil {
		st.ScoringClosesAt = *in.ScoringClosesAt
	}
	if in.FinalShare != nil {
		st.FinalShare = *in.FinalShare
	}
	if in.Cut != nil {
		st.Cut = *in.Cut
	}
	if in.Criteria != nil {
		st.Criteria = in.Criteria
	}
	raw, _ := json.Marshal(st.Criteria)
	if err := s.q.UpdateStage(ctx, store.UpdateStageParams{
		ID: stageID, Name: st.Name, Blind: st.Blind, ScoringClosesAt: st.ScoringClosesAt,
		CutKind: st.Cut.Kind, CutValue: st.Cut.Value, Criteria: raw, FinalShare: st.FinalShare,
	}); err != nil {
		return Stage{}, dberr.Fail(err)
	}
	return s.stage(ctx, stageID)
}

// Stage statuses.
const (
	StatusSetup  = "setup"
	StatusOpen   = "open"
	StatusClosed = "closed"
)

// Stages lists a round's stages (organizers only).
func (s *Service) Stages(ctx context.Context, p account.Principal, roundID uuid.UUID) ([]Stage, error) {
	if _, err := s.rounds.Manageable(ctx, p, roundID); err != nil {
		return nil, err
	}
	rows, err := s.q.ListStages(ctx, roundID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	out := make([]Stage, len(rows))
	for i, r := range rows {
		st, err := stageFromRow(store.Stage{ID: r.ID, RoundID: r.RoundID, Position: r.Position, Name: r.Name, Kind: r.Kind, Blind: r.Blind,
			Status: r.Status, ScoringClosesAt: r.ScoringClosesAt, CutKind: r.CutKind, CutValue: r.CutValue, Criteria: r.Criteria,
			OpenedAt: r.OpenedAt, ClosedAt: r.ClosedAt, FinalShare: r.FinalShare, VoteShare: r.VoteShare,
			PanelShare: r.PanelShare, PanelCriteria: r.PanelCriteria}, int(r.CaseCount), int(r.JudgeCount))
		if err != nil {
			return nil, err
		}
		out[i] = st
	}
	return out, nil
}

// GetStage returns a stage to its round's organizers.
func (s *Service) GetStage(ctx context.Context, p account.Principal, stageID uuid.UUID) (Stage, error) {
	return s.manageableStage(ctx, p, stageID)
}

// OpenStage starts judging a stage: after the submission deadline, and after the previous
// stage closed. The first stage takes the round's submitted cases, a later one the cases
// the previous stage advanced.
func (s *Service) OpenStage(ctx context.Context, p account.Principal, stageID uuid.UUID) (Stage, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Stage{}, err
	}
	r, err := s.rounds.Get(ctx, p, st.RoundID)
	if err != nil {
		return Stage{}, err
	}
	if s.now().Before(r.Schedule.SubmissionClosesAt) {
		return Stage{}, apperr.New(apperr.KindConflict, apperr.CodeJudgingNotOpen)
	}
	stages, err := s.Stages(ctx, p, st.RoundID)
	if err != nil {
		return Stage{}, err
	}
	var previous *Stage
	for i := range stages {
		if stages[i].Position < st.Position && (previous == nil || stages[i].Position > previous.Position) {
			previous = &stages[i]
		}
	}
	if previous != nil && previous.Status != StatusClosed {
		return Stage{}, apperr.New(apperr.KindConflict, apperr.CodeJudgingNotOpen)
	}
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		locked, err := q.LockStage(ctx, stageID)
		if err != nil {
			return err
		}
		if locked.Status != store.StageStatusSetup {
			return apperr.New(apperr.KindConflict, apperr.CodeCaseStatusConflict)
		}
		var caseIDs []uuid.UUID
		if previous == nil {
			if caseIDs, err = q.SubmittedCasesOfRound(ctx, st.RoundID); err != nil {
				return err
			}
		} else {
			prev, err := q.ListStageCases(ctx, previous.ID)
			if err != nil {
				return err
			}
			for _, c := range prev {
				if c.Advanced != nil && *c.Advanced {
					caseIDs = append(caseIDs, c.CaseID)
				}
			}
		}
		for _, id := range caseIDs {
			if err := q.AddStageCase(ctx, store.AddStageCaseParams{StageID: stageID, CaseID: id}); err != nil {
				return err
			}
			if err := q.SetCaseStatusPlain(ctx, store.SetCaseStatusPlainParams{ID: id, Status: store.CaseStatusJudging}); err != nil {
				return err
			}
		}
		panel, err := q.ListPanelJudges(ctx, stageID)
		if err != nil {
			return err
		}
		for _, citizen := range panel {
			// The citizen panel scores every case; the judges are assigned separately.
			if _, err := q.AssignStageCasesTo(ctx, store.AssignStageCasesToParams{StageID: stageID, JudgeID: citizen}); err != nil {
				return err
			}
		}
		if err := q.MarkJudgingOpened(ctx, st.RoundID); err != nil {
			return err
		}
		if err := q.MarkStageOpen(ctx, stageID); err != nil {
			return err
		}
		return audit(ctx, q, p, "stage_opened", "stage", stageID, map[string]any{"cases": len(caseIDs)})
	})
	if err != nil {
		return Stage{}, dberr.Fail(err)
	}
	return s.stage(ctx, stageID)
}

// CloseStage ends scoring and applies the stage's cut with the round's method. Every
// assigned sheet must be submitted.
func (s *Service) CloseStage(ctx context.Context, p account.Principal, stageID uuid.UUID) (Stage, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Stage{}, err
	}
	if st.Status != StatusOpen {
		return Stage{}, apperr.New(apperr.KindConflict, apperr.CodeStageNotOpen)
	}
	progress, err := s.Progress(ctx, p, stageID)
	if err != nil {
		return Stage{}, err
	}
	if !progress.Complete {
		return Stage{}, apperr.New(apperr.KindConflict, apperr.CodeUnscoredCases)
	}
	settings, err := s.settings(ctx, s.q, st.RoundID)
	if err != nil {
		return Stage{}, err
	}
	ranking, err := s.rank(ctx, st, settings, settings.Method)
	if err != nil {
		return Stage{}, err
	}
	advancing := map[uuid.UUID]bool{}
	for _, row := range ranking.Rows {
		id, _ := uuid.Parse(row.CaseID)
		switch st.Cut.Kind {
		case "top_n":
			advancing[id] = row.Rank <= int(st.Cut.Value)
		case "threshold":
			advancing[id] = row.Score >= st.Cut.Value
		default:
			advancing[id] = true
		}
	}
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		cases, err := q.ListStageCases(ctx, stageID)
		if err != nil {
			return err
		}
		for _, c := range cases {
			if err := q.SetStageCaseAdvanced(ctx, store.SetStageCaseAdvancedParams{StageID: stageID, CaseID: c.CaseID, Advanced: ptr(advancing[c.CaseID])}); err != nil {
				return err
			}
		}
		if err := q.MarkStageClosed(ctx, stageID); err != nil {
			return err
		}
		return audit(ctx, q, p, "stage_closed", "stage", stageID, map[string]any{"method": settings.Method, "cut": st.Cut})
	})
	if err != nil {
		return Stage{}, dberr.Fail(err)
	}
	return s.stage(ctx, stageID)
}

// ManageableStage returns a stage the principal organizes.
func (s *Service) ManageableStage(ctx context.Context, p account.Principal, stageID uuid.UUID) (Stage, error) {
	return s.manageableStage(ctx, p, stageID)
}

func (s *Service) manageableStage(ctx context.Context, p account.Principal, stageID uuid.UUID) (Stage, error) {
	st, err := s.stage(ctx, stageID)
	if err != nil {
		return Stage{}, err
	}
	if _, err := s.rounds.Manageable(ctx, p, st.RoundID); err != nil {
		return Stage{}, err
	}
	return st, nil
}

func (s *Service) stage(ctx context.Context, id uuid.UUID) (Stage, error) {
	r, err := s.q.GetStage(ctx, id)
	if store.IsNoRows(err) {
		return Stage{}, apperr.NotFound()
	}
	if err != nil {
		return Stage{}, dberr.Fail(err)
	}
	return stageFromRow(store.Stage{ID: r.ID, RoundID: r.RoundID, Position: r.Position, Name: r.Name, Kind: r.Kind, Blind: r.Blind,
		Status: r.Status, ScoringClosesAt: r.ScoringClosesAt, CutKind: r.CutKind, CutValue: r.CutValue, Criteria: r.Criteria,
		OpenedAt: r.OpenedAt, ClosedAt: r.ClosedAt, FinalShare: r.FinalShare, VoteShare: r.VoteShare,
		PanelShare: r.PanelShare, PanelCriteria: r.PanelCriteria}, int(r.CaseCount), int(r.JudgeCount))
}

func stageFromRow(r store.Stage, cases, judges int) (Stage, error) {
	st := Stage{
		ID: r.ID, RoundID: r.RoundID, Position: int(r.Position), Name: r.Name, Kind: string(r.Kind), Blind: r.Blind,
		Status: string(r.Status), ScoringClosesAt: r.ScoringClosesAt, Cut: Cut{Kind: r.CutKind, Value: r.CutValue},
		FinalShare: r.FinalShare, VoteShare: r.VoteShare, PanelShare: r.PanelShare, CaseCount: cases, JudgeCount: judges,
		OpenedAt: r.OpenedAt, ClosedAt: r.ClosedAt,
	}
	if err := json.Unmarshal(r.Criteria, &st.Criteria); err != nil {
		return st, apperr.Internal(err)
	}
	if len(r.PanelCriteria) > 0 {
		if err := json.Unmarshal(r.PanelCriteria, &st.PanelCriteria); err != nil {
			return st, apperr.Internal(err)
		}
	}
	return st, nil
}

func (s *Service) managedAgencies(ctx context.Context, p account.Principal) ([]uuid.UUID, error) {
	roots := p.OrganizerAgencies()
	if len(roots) == 0 {
		return []uuid.UUID{}, nil
	}
	ids, err := s.q.AgencyAndDescendantIDs(ctx, roots)
	return ids, dberr.Fail(err)
}

// audit records a judging event.
func audit(ctx context.Context, q *store.Queries, p account.Principal, action, subjectType string, subjectID uuid.UUID, details any) error {
	return auditlog.Record(ctx, q, p.UserID, action, subjectType, subjectID, details)
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func ptr[T any](v T) *T { return &v }

func itoa(i int) string { return strconv.Itoa(i) }
