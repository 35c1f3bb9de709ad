package cases

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/paging"
	"eutteum/api/round"
	"eutteum/api/store"
	"eutteum/api/team"
	"eutteum/api/validation"
)

// Statuses of a case (작성중, 제출, 철회, 심사중, 수상, 미수상).
const (
	StatusDraft      = "draft"
	StatusSubmitted  = "submitted"
	StatusWithdrawn  = "withdrawn"
	StatusJudging    = "judging"
	StatusAwarded    = "awarded"
	StatusNotAwarded = "not_awarded"
)

// Service runs the case use cases.
type Service struct {
	pool   *pgxpool.Pool
	q      *store.Queries
	rounds *round.Service
	teams  *team.Service
}

// NewService returns a Service.
func NewService(pool *pgxpool.Pool, rounds *round.Service, teams *team.Service) *Service {
	return &Service{pool: pool, q: store.New(pool), rounds: rounds, teams: teams}
}

// RoundRef names a round with its deadline.
type RoundRef struct {
	ID                 uuid.UUID
	Title              string
	SubmissionClosesAt time.Time
}

// Views of a case: which copy a Case holds.
const (
	ViewWorkingCopy = "working_copy"
	ViewSubmitted   = "submitted"
)

// Case is a case as the caller may see it: the working copy for its team, the latest
// submitted version for the round's organizers. View says which.
type Case struct {
	ID                    uuid.UUID
	View                  string
	Content               Content
	Round                 RoundRef
	Team                  team.Ref
	Status                string
	Revision              int
	SubmittedVersion      int
	HasUnsubmittedChanges bool
	Editable              bool
	Attachments           []Attachment
	CreatedAt             time.Time
	UpdatedAt             time.Time
	SubmittedAt           *time.Time
}

// Summary is a case in a list.
type Summary struct {
	ID               uuid.UUID
	Title            string
	Summary          string
	Category         *round.Category
	Round            RoundRef
	Team             team.Ref
	Status           string
	SubmittedVersion int
	UpdatedAt        time.Time
	SubmittedAt      *time.Time
}

// Attachment is a stored file of a case.
type Attachment struct {
	ID          uuid.UUID `json:"id"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"contentType"`
	SizeBytes   int64     `json:"sizeBytes"`
	SHA256      string    `json:"sha256"`
	Public      bool      `json:"public"`
	CreatedAt   time.Time `json:"createdAt"`
}

// VersionInfo describes one submission.
type VersionInfo struct {
	Version     int
	SubmittedAt time.Time
	SubmittedBy string
	Changes     []Change
}

// Version is a submission with its content.
type Version struct {
	VersionInfo
	Content     Content
	Attachments []Attachment
}

type viewer int

const (
	asTeam viewer = iota + 1
	asOrganizer
)

// CreateInput starts a case.
type CreateInput struct {
	TeamID uuid.UUID `json:"teamId" validate:"required"`
	Title  string    `json:"title" validate:"required,max=100"`
}

// Create starts a draft in a round for one of the caller's teams.
func (s *Service) Create(ctx context.Context, p account.Principal, roundID uuid.UUID, in CreateInput) (Case, error) {
	if err := validation.Struct(in); err != nil {
		return Case{}, err
	}
	r, err := s.rounds.Get(ctx, p, roundID)
	if err != nil {
		return Case{}, err
	}
	if r.PublishedAt == nil {
		return Case{}, apperr.New(apperr.KindConflict, apperr.CodeRoundNotOpen)
	}
	if !s.rounds.Now().Before(r.Schedule.SubmissionClosesAt) {
		return Case{}, apperr.New(apperr.KindConflict, apperr.CodeSubmissionClosed)
	}
	role, err := s.teams.MemberRole(ctx, p.UserID, in.TeamID)
	if err != nil {
		return Case{}, err
	}
	if role == "" {
		return Case{}, &apperr.Error{Kind: apperr.KindForbidden, Code: apperr.CodeForbidden, Fields: []apperr.FieldError{apperr.Field("teamId", "not_allowed")}}
	}
	t, err := s.q.GetTeam(ctx, in.TeamID)
	if err != nil {
		return Case{}, dberr.Fail(err)
	}
	takesPart, err := s.rounds.AgencyTakesPart(ctx, roundID, t.AgencyID)
	if err != nil {
		return Case{}, err
	}
	if !takesPart || !slices.Contains(r.EligibleTeamKinds, string(t.Kind)) {
		return Case{}, apperr.Invalid(apperr.Field("teamId", "not_eligible"))
	}
	row, err := s.q.CreateCase(ctx, store.CreateCaseParams{RoundID: roundID, TeamID: in.TeamID, Title: strings.TrimSpace(in.Title), CreatedBy: p.UserID})
	if err != nil {
		return Case{}, dberr.Fail(err)
	}
	return s.view(ctx, p, row, asTeam)
}

// Get returns the case as the caller may see it. Its team's view is one query; the
// round's organizers' is checked against the round.
func (s *Service) Get(ctx context.Context, p account.Principal, id uuid.UUID) (Case, error) {
	pg, err := s.q.GetCasePage(ctx, store.GetCasePageParams{ID: id, UserID: p.UserID})
	if store.IsNoRows(err) {
		return Case{}, apperr.NotFound()
	}
	if err != nil {
		return Case{}, dberr.Fail(err)
	}
	parts := pageOfRead(&pg)
	if pg.IsMember {
		return s.pageView(parts, pg.Case, pg.CategoryName, nil, asTeam)
	}
	if pg.Case.SubmittedVersion > 0 {
		if _, err := s.rounds.Manageable(ctx, p, pg.Case.RoundID); err == nil {
			// Organizers see the version as submitted, which the page's query leaves out
			// while the working copy is the same.
			var submitted *Version
			if pg.SubmittedContent == nil {
				v, err := s.latestVersion(ctx, pg.Case)
				if err != nil {
					return Case{}, err
				}
				submitted = &v
			}
			return s.pageView(parts, pg.Case, pg.CategoryName, submitted, asOrganizer)
		}
	}
	return Case{}, apperr.NotFound()
}

func (s *Service) latestVersion(ctx context.Context, row store.Case) (Version, error) {
	r, err := s.q.GetCaseVersion(ctx, store.GetCaseVersionParams{CaseID: row.ID, Version: row.SubmittedVersion})
	if err != nil {
		return Version{}, dberr.Fail(err)
	}
	return decodeVersion(int(r.Version), r.Content, r.Attachments, r.SubmittedAt, r.SubmittedByName)
}

// Update replaces the working copy when ifMatch is its current revision. A stale revision
// is answered with the current case and nothing is written.
func (s *Service) Update(ctx context.Context, p account.Principal, id uuid.UUID, ifMatch *int, in Content) (Case, error) {
	r := validation.NewReport()
	if err := s.CheckContent(ctx, p, id, in, r); err != nil {
		return Case{}, err
	}
	if err := r.Err(); err != nil {
		return Case{}, err
	}
	normalize(&in)
	var saved store.Case
	var pg *store.LockCasePageRow
	err := s.editAt(ctx, p, id, ifMatch, in.CategoryID, func(q *store.Queries, locked *store.LockCasePageRow, _ time.Time) error {
		if in.CategoryID != nil && !locked.ChosenCategoryFound {
			return apperr.Invalid(apperr.Field("categoryId", "not_found"))
		}
		pg = locked
		metrics, err := json.Marshal(in.Metrics)
		if err != nil {
			return err
		}
		collaborators, err := json.Marshal(in.Collaborators)
		if err != nil {
			return err
		}
		params := store.UpdateCaseContentParams{
			ID: id, Title: in.Title, Summary: in.Summary, Problem: in.Problem, Solution: in.Solution,
			Outcomes: in.Outcomes, Tags: in.Tags, Beneficiaries: in.Beneficiaries, CostKrw: in.CostKRW,
			SavingsKrw: in.SavingsKRW, StartedOn: in.StartedOn, EvidenceLevel: in.EvidenceLevel,
			Metrics: metrics, Collaborators: collaborators, UpdatedBy: p.UserID,
		}
		if in.CategoryID != nil {
			params.CategoryID = uuid.NullUUID{UUID: *in.CategoryID, Valid: true}
		}
		if in.Stage != "" {
			params.Stage = store.NullCaseStage{CaseStage: store.CaseStage(in.Stage), Valid: true}
		}
		if in.Licence != "" {
			params.Licence = store.NullLicenceType{LicenceType: store.LicenceType(in.Licence), Valid: true}
		}
		saved, err = q.UpdateCaseContent(ctx, params)
		return err
	})
	if err != nil {
		return Case{}, err
	}
	// The answer is the row written with what the locked read brought along: nothing is
	// read again.
	return s.pageView(pageOfLock(pg), saved, pg.ChosenCategoryName, nil, asTeam)
}

// CheckContent records into r what is wrong with a working copy for case id. Once r holds
// an error the copy will not be written, so the category is checked here against the
// case's round; otherwise the write checks it, under the case's lock.
func (s *Service) CheckContent(ctx context.Context, p account.Principal, id uuid.UUID, in Content, r *validation.Report) error {
	if err := r.Struct(in, ""); err != nil {
		return err
	}
	if len(r.Fields()) == 0 || in.CategoryID == nil || !r.Readable("categoryId") {
		return nil
	}
	row, who, err := s.load(ctx, p, id)
	if err != nil || who != asTeam {
		// The caller learns nothing about a case they cannot edit.
		return nil
	}
	rd, err := s.rounds.Get(ctx, p, row.RoundID)
	if err != nil {
		return nil
	}
	if !slices.ContainsFunc(rd.Categories, func(c round.Category) bool { return c.ID == *in.CategoryID }) {
		r.Add(apperr.Field("categoryId", "not_found"))
	}
	return nil
}

// Submit records the working copy as a new immutable version and marks the case
// submitted. It needs the parts judges read.
func (s *Service) Submit(ctx context.Context, p account.Principal, id uuid.UUID, ifMatch *int) (Case, error) {
	var saved store.Case
	var pg *store.LockCasePageRow
	var submitted *Version
	err := s.editAt(ctx, p, id, ifMatch, nil, func(q *store.Queries, locked *store.LockCasePageRow, now time.Time) error {
		if now.Before(locked.SubmissionOpensAt) {
			return apperr.New(apperr.KindConflict, apperr.CodeRoundNotOpen)
		}
		row := locked.Case
		content, err := contentFrom(row, locked.CategoryName)
		if err != nil {
			return err
		}
		var missing []apperr.FieldError
		for field, value := range map[string]string{"summary": content.Summary, "problem": content.Problem, "solution": content.Solution, "outcomes": content.Outcomes} {
			if strings.TrimSpace(value) == "" {
				missing = append(missing, apperr.Field(field, "required"))
			}
		}
		if content.CategoryID == nil {
			missing = append(missing, apperr.Field("categoryId", "required"))
		}
		if len(missing) > 0 {
			slices.SortFunc(missing, func(a, b apperr.FieldError) int { return strings.Compare(a.Field, b.Field) })
			return apperr.Invalid(missing...)
		}
		attachments, err := pageFiles(locked.Files)
		if err != nil {
			return err
		}
		contentJSON, err := json.Marshal(content)
		if err != nil {
			return err
		}
		attachmentsJSON, err := json.Marshal(attachments)
		if err != nil {
			return err
		}
		version := row.SubmittedVersion + 1
		saved, err = q.RecordSubmission(ctx, store.RecordSubmissionParams{
			ID: row.ID, Version: version, Content: contentJSON, Attachments: attachmentsJSON, SubmittedBy: p.UserID, SubmittedAt: &now,
		})
		pg, submitted = locked, &Version{Content: content, Attachments: attachments}
		return err
	})
	if err != nil {
		return Case{}, err
	}
	return s.pageView(pageOfLock(pg), saved, pg.CategoryName, submitted, asTeam)
}

// Withdraw takes a submitted case out of the round before the deadline. Its versions stay;
// submitting again puts it back.
func (s *Service) Withdraw(ctx context.Context, p account.Principal, id uuid.UUID) (Case, error) {
	var saved store.Case
	var pg *store.LockCasePageRow
	err := s.editAt(ctx, p, id, nil, nil, func(q *store.Queries, locked *store.LockCasePageRow, _ time.Time) error {
		row := locked.Case
		pg = locked
		if row.Status != store.CaseStatusSubmitted {
			return apperr.New(apperr.KindConflict, apperr.CodeCaseStatusConflict)
		}
		var err error
		saved, err = q.SetCaseStatus(ctx, store.SetCaseStatusParams{
			ID: row.ID, Status: store.CaseStatusWithdrawn, SubmittedVersion: row.SubmittedVersion, SubmittedAt: row.SubmittedAt, UpdatedBy: p.UserID,
		})
		return err
	})
	if err != nil {
		return Case{}, err
	}
	return s.pageView(pageOfLock(pg), saved, pg.CategoryName, nil, asTeam)
}

// Delete removes a draft that was never submitted.
func (s *Service) Delete(ctx context.Context, p account.Principal, id uuid.UUID) error {
	return s.editAt(ctx, p, id, nil, nil, func(q *store.Queries, locked *store.LockCasePageRow, _ time.Time) error {
		if locked.Case.SubmittedVersion > 0 {
			return apperr.New(apperr.KindConflict, apperr.CodeCaseStatusConflict)
		}
		return q.DeleteCase(ctx, locked.Case.ID)
	})
}

// editAt runs fn on the locked working copy when the caller is in the case's team, may
// see its round, the deadline has not passed, the case is still the team's to change, and
// ifMatch (when given) is the current revision. Everything is read and checked in the
// transaction by one locking query (LockCasePage), which also brings what the answer
// shows and whether chosenCategory is one of the round's. fn gets the time the deadline
// was judged by, the database's clock (round.Service.TxNow), so that servers with
// drifting clocks accept or refuse a change at the deadline alike.
func (s *Service) editAt(ctx context.Context, p account.Principal, id uuid.UUID, ifMatch *int, chosenCategory *uuid.UUID,
	fn func(*store.Queries, *store.LockCasePageRow, time.Time) error) error {
	var stale *store.LockCasePageRow
	refused := false
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		locked, err := q.LockCasePage(ctx, lockParams(p, id, chosenCategory))
		if store.IsNoRows(err) {
			return apperr.NotFound()
		}
		if err != nil {
			return err
		}
		pg := &locked
		if !pg.IsMember || !pg.RoundVisible {
			refused = true
			return errRefused
		}
		row, now := pg.Case, s.rounds.TxNow(pg.DbNow)
		if !now.Before(pg.SubmissionClosesAt) {
			return apperr.New(apperr.KindConflict, apperr.CodeSubmissionClosed)
		}
		switch row.Status {
		case store.CaseStatusDraft, store.CaseStatusSubmitted, store.CaseStatusWithdrawn:
		default:
			return apperr.New(apperr.KindConflict, apperr.CodeCaseStatusConflict)
		}
		if ifMatch != nil && *ifMatch != int(row.Revision) {
			stale = pg
			return apperr.New(apperr.KindPreconditionFailed, apperr.CodePreconditionFailed)
		}
		return fn(q, pg, now)
	})
	if refused {
		return s.refusal(ctx, p, id)
	}
	if stale != nil {
		current, verr := s.pageView(pageOfLock(stale), stale.Case, stale.CategoryName, nil, asTeam)
		if verr != nil {
			return verr
		}
		return &StaleError{Current: current}
	}
	return dberr.Fail(err)
}

// errRefused leaves an edit's transaction when the caller may not change the case.
var errRefused = errors.New("cases: not the caller's to change")

// refusal is the answer to an edit by a caller who may not make it, as a read tells it:
// not found to whom the case does not exist, forbidden to the round's organizers, and the
// round's own answer to a team member who can no longer see the round.
func (s *Service) refusal(ctx context.Context, p account.Principal, id uuid.UUID) error {
	row, who, err := s.load(ctx, p, id)
	if err != nil {
		return err
	}
	if who != asTeam {
		return apperr.Forbidden()
	}
	if _, err := s.rounds.Get(ctx, p, row.RoundID); err != nil {
		return err
	}
	// Membership or the round changed since the lock; the caller may try again.
	return apperr.New(apperr.KindConflict, apperr.CodeConflict)
}

func lockParams(p account.Principal, id uuid.UUID, chosenCategory *uuid.UUID) store.LockCasePageParams {
	params := store.LockCasePageParams{ID: id, UserID: p.UserID, IsAdmin: p.IsAdmin(), OrganizerAgencies: p.OrganizerAgencies()}
	if params.OrganizerAgencies == nil {
		params.OrganizerAgencies = []uuid.UUID{}
	}
	if chosenCategory != nil {
		params.ChosenCategoryID = uuid.NullUUID{UUID: *chosenCategory, Valid: true}
	}
	return params
}

// StaleError answers an edit based on an old revision; Current is the case as it is now.
type StaleError struct{ Current Case }

func (e *StaleError) Error() string { return string(apperr.CodePreconditionFailed) }

// Unwrap lets the error render as a 412 problem.
func (e *StaleError) Unwrap() error {
	return apperr.New(apperr.KindPreconditionFailed, apperr.CodePreconditionFailed)
}

// ListMine returns the cases of the caller's teams.
func (s *Service) ListMine(ctx context.Context, p account.Principal) ([]Summary, error) {
	teams, err := s.teams.ListMine(ctx, p)
	if err != nil {
		return nil, err
	}
	ids := make([]uuid.UUID, len(teams))
	for i, t := range teams {
		ids[i] = t.ID
	}
	return s.listOfTeams(ctx, ids)
}

// ListOfTeam returns a team's cases (for the team page).
func (s *Service) ListOfTeam(ctx context.Context, teamID uuid.UUID) ([]Summary, error) {
	return s.listOfTeams(ctx, []uuid.UUID{teamID})
}

func (s *Service) listOfTeams(ctx context.Context, ids []uuid.UUID) ([]Summary, error) {
	rows, err := s.q.ListCasesOfTeams(ctx, ids)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	categories, err := s.categoryNames(ctx, rows)
	if err != nil {
		return nil, err
	}
	out := make([]Summary, len(rows))
	for i, r := range rows {
		out[i] = Summary{
			ID: r.ID, Title: r.Title, Summary: r.Summary, Status: string(r.Status), SubmittedVersion: int(r.SubmittedVersion),
			UpdatedAt: r.UpdatedAt, SubmittedAt: r.SubmittedAt,
			Round: RoundRef{ID: r.RoundID, Title: r.RoundTitle, SubmissionClosesAt: r.SubmissionClosesAt},
			Team:  team.Ref{ID: r.TeamID, Name: r.TeamName, Kind: string(r.TeamKind)},
		}
		if r.CategoryID.Valid {
			out[i].Category = &round.Category{ID: r.CategoryID.UUID, Name: categories[r.CategoryID.UUID]}
		}
	}
	return out, nil
}

func (s *Service) categoryNames(ctx context.Context, rows []store.ListCasesOfTeamsRow) (map[uuid.UUID]string, error) {
	var roundIDs []uuid.UUID
	for _, r := range rows {
		if !slices.Contains(roundIDs, r.RoundID) {
			roundIDs = append(roundIDs, r.RoundID)
		}
	}
	cats, err := s.q.ListRoundCategories(ctx, roundIDs)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	m := map[uuid.UUID]string{}
	for _, c := range cats {
		m[c.ID] = c.Name
	}
	return m, nil
}

// ListOfRound returns a page of a round's submitted cases as last submitted, in order of
// submission (organizers only).
func (s *Service) ListOfRound(ctx context.Context, p account.Principal, roundID uuid.UUID, page paging.Request) (paging.Page[Summary], error) {
	r, err := s.rounds.Manageable(ctx, p, roundID)
	if err != nil {
		return paging.Page[Summary]{}, err
	}
	afterAt, afterID, err := page.AfterTime("round-cases")
	if err != nil {
		return paging.Page[Summary]{}, err
	}
	rows, err := s.q.ListSubmittedCasesOfRound(ctx, store.ListSubmittedCasesOfRoundParams{
		RoundID: roundID, AfterAt: afterAt, AfterID: afterID, MaxRows: paging.Fetch(page.Limit),
	})
	if err != nil {
		return paging.Page[Summary]{}, dberr.Fail(err)
	}
	rowsPage := paging.Trim(rows, page.Limit, "round-cases", func(row store.ListSubmittedCasesOfRoundRow) any {
		var at time.Time
		if row.SubmittedAt != nil {
			at = *row.SubmittedAt
		}
		return paging.TimeKey{At: at, ID: row.ID}
	})
	out := make([]Summary, 0, len(rowsPage.Items))
	for _, row := range rowsPage.Items {
		var c Content
		if err := json.Unmarshal(row.Content, &c); err != nil {
			return paging.Page[Summary]{}, apperr.Internal(err)
		}
		sum := Summary{
			ID: row.ID, Title: c.Title, Summary: c.Summary, Status: string(row.Status), SubmittedVersion: int(row.SubmittedVersion),
			UpdatedAt: row.UpdatedAt, SubmittedAt: row.SubmittedAt,
			Round: RoundRef{ID: r.ID, Title: r.Title, SubmissionClosesAt: r.Schedule.SubmissionClosesAt},
			Team:  team.Ref{ID: row.TeamID, Name: row.TeamName, Kind: string(row.TeamKind)},
		}
		if c.CategoryID != nil {
			sum.Category = &round.Category{ID: *c.CategoryID, Name: c.CategoryName}
		}
		out = append(out, sum)
	}
	return paging.Page[Summary]{Items: out, Next: rowsPage.Next}, nil
}

// Versions lists the submissions with what changed each time.
func (s *Service) Versions(ctx context.Context, p account.Principal, id uuid.UUID) ([]VersionInfo, error) {
	if _, _, err := s.load(ctx, p, id); err != nil {
		return nil, err
	}
	rows, err := s.q.ListCaseVersions(ctx, id)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	out := make([]VersionInfo, 0, len(rows))
	var prev *Version
	for _, r := range rows {
		v, err := decodeVersion(int(r.Version), r.Content, r.Attachments, r.SubmittedAt, r.SubmittedByName)
		if err != nil {
			return nil, err
		}
		v.Changes = []Change{}
		if prev != nil {
			v.Changes = Diff(prev.Content, v.Content, prev.Attachments, v.Attachments)
		}
		out = append(out, v.VersionInfo)
		prev = &v
	}
	slices.Reverse(out)
	return out, nil
}

// Version returns one submission.
func (s *Service) Version(ctx context.Context, p account.Principal, id uuid.UUID, version int) (Version, error) {
	if _, _, err := s.load(ctx, p, id); err != nil {
		return Version{}, err
	}
	r, err := s.q.GetCaseVersion(ctx, store.GetCaseVersionParams{CaseID: id, Version: int32(version)})
	if store.IsNoRows(err) {
		return Version{}, apperr.NotFound()
	}
	if err != nil {
		return Version{}, dberr.Fail(err)
	}
	v, err := decodeVersion(int(r.Version), r.Content, r.Attachments, r.SubmittedAt, r.SubmittedByName)
	if err != nil {
		return Version{}, err
	}
	v.Changes = []Change{}
	if version > 1 {
		before, err := s.q.GetCaseVersion(ctx, store.GetCaseVersionParams{CaseID: id, Version: int32(version - 1)})
		if err != nil {
			return Version{}, dberr.Fail(err)
		}
		pv, err := decodeVersion(int(before.Version), before.Content, before.Attachments, before.SubmittedAt, before.SubmittedByName)
		if err != nil {
			return Version{}, err
		}
		v.Changes = Diff(pv.Content, v.Content, pv.Attachments, v.Attachments)
	}
	return v, nil
}

func decodeVersion(n int, content, attachments []byte, at time.Time, by string) (Version, error) {
	v := Version{VersionInfo: VersionInfo{Version: n, SubmittedAt: at, SubmittedBy: by}}
	if err := json.Unmarshal(content, &v.Content); err != nil {
		return v, apperr.Internal(err)
	}
	if err := json.Unmarshal(attachments, &v.Attachments); err != nil {
		return v, apperr.Internal(err)
	}
	normalize(&v.Content)
	return v, nil
}

// load finds the case and how the caller sees it: its team sees the working copy, the
// round's organizers see it once submitted; to anyone else it does not exist.
func (s *Service) load(ctx context.Context, p account.Principal, id uuid.UUID) (store.Case, viewer, error) {
	row, err := s.q.GetCase(ctx, id)
	if store.IsNoRows(err) {
		return row, 0, apperr.NotFound()
	}
	if err != nil {
		return row, 0, dberr.Fail(err)
	}
	role, err := s.teams.MemberRole(ctx, p.UserID, row.TeamID)
	if err != nil {
		return row, 0, err
	}
	if role != "" {
		return row, asTeam, nil
	}
	if row.SubmittedVersion > 0 {
		if _, err := s.rounds.Manageable(ctx, p, row.RoundID); err == nil {
			return row, asOrganizer, nil
		}
	}
	return row, 0, apperr.NotFound()
}

func (s *Service) view(ctx context.Context, p account.Principal, row store.Case, who viewer) (Case, error) {
	r, err := s.q.GetRound(ctx, row.RoundID)
	if err != nil {
		return Case{}, dberr.Fail(err)
	}
	t, err := s.q.GetTeam(ctx, row.TeamID)
	if err != nil {
		return Case{}, dberr.Fail(err)
	}
	c := Case{
		ID: row.ID, Status: string(row.Status), Revision: int(row.Revision), SubmittedVersion: int(row.SubmittedVersion),
		Round:     RoundRef{ID: r.ID, Title: r.Title, SubmissionClosesAt: r.SubmissionClosesAt},
		Team:      team.Ref{ID: t.ID, Name: t.Name, Kind: string(t.Kind), Agency: account.AgencyRef{ID: t.AgencyID, Name: t.AgencyName}},
		CreatedAt: row.CreatedAt, UpdatedAt: row.UpdatedAt, SubmittedAt: row.SubmittedAt,
	}
	working, err := s.contentOf(ctx, s.q, row)
	if err != nil {
		return Case{}, err
	}
	workingFiles, err := s.attachments(ctx, s.q, row.ID)
	if err != nil {
		return Case{}, err
	}
	var submitted *Version
	if row.SubmittedVersion > 0 {
		// Access was checked by the caller; the latest version is read without its diff.
		v, err := s.latestVersion(ctx, row)
		if err != nil {
			return Case{}, err
		}
		submitted = &v
	}
	if who == asOrganizer {
		c.View, c.Content, c.Attachments = ViewSubmitted, submitted.Content, submitted.Attachments
		return c, nil
	}
	c.View, c.Content, c.Attachments = ViewWorkingCopy, working, workingFiles
	c.HasUnsubmittedChanges = submitted == nil || len(Diff(submitted.Content, working, submitted.Attachments, workingFiles)) > 0
	status := row.Status
	c.Editable = s.rounds.Now().Before(r.SubmissionClosesAt) &&
		(status == store.CaseStatusDraft || status == store.CaseStatusSubmitted || status == store.CaseStatusWithdrawn)
	return c, nil
}

// pageView is the case row as the caller sees it, with the rest of its page from pg, read
// with it or under the same lock; categoryName names row's category. submitted, when given,
// is the version just recorded, else the one pg read.
// pageParts is what a case's page shows besides the case row, read with it.
type pageParts struct {
	RoundTitle                                    string
	SubmissionClosesAt                            time.Time
	TeamName, TeamAgencyName                      string
	TeamKind                                      store.TeamKind
	TeamAgencyID                                  uuid.UUID
	Files, SubmittedContent, SubmittedAttachments []byte
	// AsSubmitted says the working copy is the latest version as it was submitted.
	AsSubmitted bool
}

func pageOfRead(r *store.GetCasePageRow) *pageParts {
	return &pageParts{RoundTitle: r.RoundTitle, SubmissionClosesAt: r.SubmissionClosesAt, TeamName: r.TeamName, TeamAgencyName: r.TeamAgencyName,
		TeamKind: r.TeamKind, TeamAgencyID: r.TeamAgencyID, Files: r.Files, SubmittedContent: r.SubmittedContent, SubmittedAttachments: r.SubmittedAttachments,
		AsSubmitted: r.AsSubmitted}
}

func pageOfLock(r *store.LockCasePageRow) *pageParts {
	return &pageParts{RoundTitle: r.RoundTitle, SubmissionClosesAt: r.SubmissionClosesAt, TeamName: r.TeamName, TeamAgencyName: r.TeamAgencyName,
		TeamKind: r.TeamKind, TeamAgencyID: r.TeamAgencyID, Files: r.Files, SubmittedContent: r.SubmittedContent, SubmittedAttachments: r.SubmittedAttachments}
}

func (s *Service) pageView(pg *pageParts, row store.Case, categoryName string, submitted *Version, who viewer) (Case, error) {
	c := Case{
		ID: row.ID, Status: string(row.Status), Revision: int(row.Revision), SubmittedVersion: int(row.SubmittedVersion),
		Round: RoundRef{ID: row.RoundID, Title: pg.RoundTitle, SubmissionClosesAt: pg.SubmissionClosesAt},
		Team: team.Ref{ID: row.TeamID, Name: pg.TeamName, Kind: string(pg.TeamKind),
			Agency: account.AgencyRef{ID: pg.TeamAgencyID, Name: pg.TeamAgencyName}},
		CreatedAt: row.CreatedAt, UpdatedAt: row.UpdatedAt, SubmittedAt: row.SubmittedAt,
	}
	working, err := contentFrom(row, categoryName)
	if err != nil {
		return Case{}, err
	}
	workingFiles, err := pageFiles(pg.Files)
	if err != nil {
		return Case{}, err
	}
	if submitted == nil && row.SubmittedVersion > 0 && who == asTeam && pg.AsSubmitted {
		// The team's copy is the version: nothing to compare.
		c.View, c.Content, c.Attachments = ViewWorkingCopy, working, workingFiles
		c.Editable = s.editable(row, pg)
		return c, nil
	}
	if submitted == nil && row.SubmittedVersion > 0 {
		if pg.SubmittedContent == nil {
			return Case{}, apperr.Internal(errors.New("cases: submitted version missing"))
		}
		v := Version{}
		if err := json.Unmarshal(pg.SubmittedContent, &v.Content); err != nil {
			return Case{}, apperr.Internal(err)
		}
		if err := json.Unmarshal(pg.SubmittedAttachments, &v.Attachments); err != nil {
			return Case{}, apperr.Internal(err)
		}
		normalize(&v.Content)
		submitted = &v
	}
	if who == asOrganizer {
		c.View, c.Content, c.Attachments = ViewSubmitted, submitted.Content, submitted.Attachments
		return c, nil
	}
	c.View, c.Content, c.Attachments = ViewWorkingCopy, working, workingFiles
	c.HasUnsubmittedChanges = submitted == nil || Changed(submitted.Content, working, submitted.Attachments, workingFiles)
	c.Editable = s.editable(row, pg)
	return c, nil
}

func (s *Service) editable(row store.Case, pg *pageParts) bool {
	status := row.Status
	return s.rounds.Now().Before(pg.SubmissionClosesAt) &&
		(status == store.CaseStatusDraft || status == store.CaseStatusSubmitted || status == store.CaseStatusWithdrawn)
}

func pageFiles(raw []byte) ([]Attachment, error) {
	files := []Attachment{}
	if err := json.Unmarshal(raw, &files); err != nil {
		return nil, apperr.Internal(err)
	}
	return files, nil
}

// contentFrom is the working copy of row, whose category is named categoryName.
func contentFrom(row store.Case, categoryName string) (Content, error) {
	c := Content{
		Title: row.Title, Summary: row.Summary, Problem: row.Problem, Solution: row.Solution, Outcomes: row.Outcomes,
		Tags: row.Tags, Beneficiaries: row.Beneficiaries, CostKRW: row.CostKrw, SavingsKRW: row.SavingsKrw,
		StartedOn: row.StartedOn, EvidenceLevel: row.EvidenceLevel,
	}
	if row.CategoryID.Valid {
		id := row.CategoryID.UUID
		c.CategoryID, c.CategoryName = &id, categoryName
	}
	if row.Stage.Valid {
		c.Stage = string(row.Stage.CaseStage)
	}
	if row.Licence.Valid {
		c.Licence = string(row.Licence.LicenceType)
	}
	if err := json.Unmarshal(row.Metrics, &c.Metrics); err != nil {
		return c, apperr.Internal(err)
	}
	if err := json.Unmarshal(row.Collaborators, &c.Collaborators); err != nil {
		return c, apperr.Internal(err)
	}
	normalize(&c)
	return c, nil
}

func (s *Service) contentOf(ctx context.Context, q *store.Queries, row store.Case) (Content, error) {
	categoryName := ""
	if row.CategoryID.Valid {
		cats, err := q.ListRoundCategories(ctx, []uuid.UUID{row.RoundID})
		if err != nil {
			return Content{}, dberr.Fail(err)
		}
		for _, cat := range cats {
			if cat.ID == row.CategoryID.UUID {
				categoryName = cat.Name
			}
		}
	}
	return contentFrom(row, categoryName)
}

// normalize makes empty lists empty rather than absent, so that versions compare alike.
func normalize(c *Content) {
	c.Title = strings.TrimSpace(c.Title)
	if c.Tags == nil {
		c.Tags = []string{}
	}
	if c.Metrics == nil {
		c.Metrics = []Metric{}
	}
	if c.Collaborators == nil {
		c.Collaborators = []Collaborator{}
	}
}

// FindByTitle returns the id of the team's case in the round with the title, if any.
func (s *Service) FindByTitle(ctx context.Context, roundID, teamID uuid.UUID, title string) (uuid.UUID, bool, error) {
	c, err := s.q.GetCaseByTitle(ctx, store.GetCaseByTitleParams{RoundID: roundID, TeamID: teamID, Title: title})
	if store.IsNoRows(err) {
		return uuid.Nil, false, nil
	}
	return c.ID, err == nil, dberr.Fail(err)
}

// Submitted returns a case's latest submitted version as stored, for readers outside the
// team (judges) whose access the caller has already checked.
func Submitted(ctx context.Context, q *store.Queries, caseID uuid.UUID) (Version, error) {
	c, err := q.GetCase(ctx, caseID)
	if err != nil {
		return Version{}, dberr.Fail(err)
	}
	if c.SubmittedVersion == 0 {
		return Version{}, apperr.NotFound()
	}
	r, err := q.GetCaseVersion(ctx, store.GetCaseVersionParams{CaseID: caseID, Version: c.SubmittedVersion})
	if err != nil {
		return Version{}, dberr.Fail(err)
	}
	return decodeVersion(int(r.Version), r.Content, r.Attachments, r.SubmittedAt, r.SubmittedByName)
}
