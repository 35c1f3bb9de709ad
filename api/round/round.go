// Package round is the domain of rounds (경진대회 회차): one contest with its schedule,
// participating agencies, categories (분야), eligible team kinds and award tiers.
package round

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Statuses follow the schedule.
const (
	StatusUpcoming  = "upcoming"
	StatusOpen      = "open"
	StatusJudging   = "judging"
	StatusAnnounced = "announced"
)

// DefaultCategories are the 분야 a new round starts with.
var DefaultCategories = []string{"복지", "안전", "환경", "교통·보행", "일자리·경제", "재정·회계", "소통·참여", "조직문화", "규제개혁", "디지털·데이터"}

// Service runs the round use cases.
type Service struct {
	pool     *pgxpool.Pool
	q        *store.Queries
	accounts *account.Service
	now      func() time.Time
	// fixed says a clock was set, which then also stands in for the database's.
	fixed bool
}

// NewService returns a Service.
func NewService(pool *pgxpool.Pool, accounts *account.Service) *Service {
	return &Service{pool: pool, q: store.New(pool), accounts: accounts, now: time.Now}
}

// SetClock replaces the clock (tests and the demo data move time to deadlines); nil
// restores the real one.
func (s *Service) SetClock(now func() time.Time) {
	if now == nil {
		s.now, s.fixed = time.Now, false
		return
	}
	s.now, s.fixed = now, true
}

// Now is this server's own time. A deadline that every server must judge alike to the
// instant is checked against TxNow instead.
func (s *Service) Now() time.Time { return s.now() }

// TxNow is the time a write acts at whose transaction began at dbNow on the database:
// the database's clock, so that every server judges a deadline alike however their own
// clocks drift, unless a clock was set.
func (s *Service) TxNow(dbNow time.Time) time.Time {
	if s.fixed {
		return s.now()
	}
	return dbNow
}

// Schedule is when a round accepts submissions and announces results.
type Schedule struct {
	SubmissionOpensAt  time.Time `json:"submissionOpensAt" validate:"required"`
	SubmissionClosesAt time.Time `json:"submissionClosesAt" validate:"required"`
	JudgingClosesAt    time.Time `json:"judgingClosesAt" validate:"required"`
	ResultsAnnouncedAt time.Time `json:"resultsAnnouncedAt" validate:"required"`
}

// Status is where the schedule stands at t.
func (sc Schedule) Status(t time.Time) string {
	switch {
	case t.Before(sc.SubmissionOpensAt):
		return StatusUpcoming
	case t.Before(sc.SubmissionClosesAt):
		return StatusOpen
	case t.Before(sc.ResultsAnnouncedAt):
		return StatusJudging
	}
	return StatusAnnounced
}

// Category is one 분야 of a round.
type Category struct {
	ID   uuid.UUID
	Name string
}

// AwardTierInput is one award level.
type AwardTierInput struct {
	Name     string `json:"name" validate:"required,max=30"`
	Count    int    `json:"count" validate:"min=1,max=1000"`
	PrizeKRW int64  `json:"prizeKrw" validate:"min=0,max=10000000000"`
}

// AwardTier is a stored award level.
type AwardTier struct {
	ID uuid.UUID
	AwardTierInput
}

// Round is a contest.
type Round struct {
	ID                    uuid.UUID
	Title                 string
	AwardName             string
	Year                  int
	Period                string
	Description           string
	HostAgency            account.AgencyRef
	ParticipatingAgencies []account.AgencyRef
	IncludeSubAgencies    bool
	Categories            []Category
	EligibleTeamKinds     []string
	Schedule              Schedule
	AwardTiers            []AwardTier
	Status                string
	PublishedAt           *time.Time
	// ResultsPublishedAt is when the results were announced; from then on the terms they
	// were published under are fixed (see PublishedTermsFrozen).
	ResultsPublishedAt *time.Time
	CanManage          bool
	CreatedAt          time.Time
}

// Input creates or replaces a round.
type Input struct {
	Title                  string           `json:"title" validate:"required,min=2,max=200"`
	AwardName              string           `json:"awardName" validate:"required,max=100"`
	Year                   int              `json:"year" validate:"min=2000,max=2100"`
	Period                 string           `json:"period" validate:"required,oneof=H1 H2 Q1 Q2 Q3 Q4 annual custom"`
	Description            string           `json:"description" validate:"max=5000"`
	HostAgencyID           uuid.UUID        `json:"hostAgencyId" validate:"required"`
	ParticipatingAgencyIDs []uuid.UUID      `json:"participatingAgencyIds" validate:"min=1,max=500"`
	IncludeSubAgencies     bool             `json:"includeSubAgencies"`
	Categories             []string         `json:"categories" validate:"min=1,max=50,dive,required,max=50"`
	EligibleTeamKinds      []string         `json:"eligibleTeamKinds" validate:"min=1,dive,oneof=innovation_team mz_discovery_group policy_club department individual"`
	Schedule               Schedule         `json:"schedule"`
	AwardTiers             []AwardTierInput `json:"awardTiers" validate:"max=20,dive"`
}

func (s *Service) check(ctx context.Context, p account.Principal, in *Input) error {
	r := validation.NewReport()
	if err := s.Check(ctx, in, r); err != nil {
		return err
	}
	if err := r.Err(); err != nil {
		return err
	}
	ok, err := s.accounts.InScope(ctx, p, in.HostAgencyID)
	if err != nil {
		return err
	}
	if !ok {
		return &apperr.Error{Kind: apperr.KindForbidden, Code: apperr.CodeForbidden, Fields: []apperr.FieldError{apperr.Field("hostAgencyId", "not_allowed")}}
	}
	return nil
}

// Check records into r everything wrong with a round's input that the round itself can
// tell: its fields, the order of the schedule, repeated categories and unknown agencies.
// Rules about fields r already holds as wrong are skipped. It trims what it reads.
func (s *Service) Check(ctx context.Context, in *Input, r *validation.Report) error {
	if err := r.Struct(in, ""); err != nil {
		return err
	}
	in.Title = strings.TrimSpace(in.Title)
	sc := in.Schedule
	after := func(later, earlier string, ok bool, rule string) {
		if r.Readable("schedule."+later, "schedule."+earlier) && !ok {
			r.Add(apperr.Field("schedule."+later, rule))
		}
	}
	after("submissionClosesAt", "submissionOpensAt", sc.SubmissionClosesAt.After(sc.SubmissionOpensAt), "after_submission_opens")
	after("judgingClosesAt", "submissionClosesAt", !sc.JudgingClosesAt.Before(sc.SubmissionClosesAt), "after_submission_closes")
	after("resultsAnnouncedAt", "judgingClosesAt", !sc.ResultsAnnouncedAt.Before(sc.JudgingClosesAt), "after_judging_closes")
	seen := map[string]bool{}
	for i, c := range in.Categories {
		at := "categories[" + strconv.Itoa(i) + "]"
		if !r.Readable(at) {
			continue
		}
		name := strings.TrimSpace(c)
		in.Categories[i] = name
		if seen[name] {
			r.Add(apperr.Field(at, "duplicate"))
		}
		seen[name] = true
	}
	for i, id := range in.ParticipatingAgencyIDs {
		at := "participatingAgencyIds[" + strconv.Itoa(i) + "]"
		if !r.Readable(at) {
			continue
		}
		if _, err := s.q.GetAgency(ctx, id); store.IsNoRows(err) {
			r.Add(apperr.Field(at, "not_found"))
		} else if err != nil {
			return dberr.Fail(err)
		}
	}
	if r.Readable("hostAgencyId") {
		if _, err := s.q.GetAgency(ctx, in.HostAgencyID); store.IsNoRows(err) {
			r.Add(apperr.Field("hostAgencyId", "not_found"))
		} else if err != nil {
			return dberr.Fail(err)
		}
	}
	return nil
}

// Create makes an unpublished round (organizers of the host agency, admins).
func (s *Service) Create(ctx context.Context, p account.Principal, in Input) (Round, error) {
	if err := s.check(ctx, p, &in); err != nil {
		return Round{}, err
	}
	var id uuid.UUID
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		r, err := q.CreateRound(ctx, store.CreateRoundParams{
			HostAgencyID: in.HostAgencyID, Title: in.Title, AwardName: in.AwardName, Year: int32(in.Year),
			Period: store.Period(in.Period), Description: in.Description, IncludeSubAgencies: in.IncludeSubAgencies,
			EligibleTeamKinds: in.EligibleTeamKinds, SubmissionOpensAt: in.Schedule.SubmissionOpensAt,
			SubmissionClosesAt: in.Schedule.SubmissionClosesAt, JudgingClosesAt: in.Schedule.JudgingClosesAt,
			ResultsAnnouncedAt: in.Schedule.ResultsAnnouncedAt, CreatedBy: p.UserID,
		})
		if err != nil {
			return err
		}
		id = r.ID
		return writeParts(ctx, q, id, in, true)
	})
	if err != nil {
		return Round{}, dberr.Fail(err)
	}
	return s.Get(ctx, p, id)
}

// Update replaces a round's settings. Categories that cases already use must stay; once
// results are published, so do the terms they were published under.
func (s *Service) Update(ctx context.Context, p account.Principal, id uuid.UUID, in Input) (Round, error) {
	current, err := s.manageable(ctx, p, id)
	if err != nil {
		return Round{}, err
	}
	if err := s.check(ctx, p, &in); err != nil {
		return Round{}, err
	}
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		locked, err := q.LockRound(ctx, id)
		if err != nil {
			return err
		}
		published := locked.ResultsPublishedAt != nil
		if published {
			// Checked under the round's lock, which publishing results also takes.
			if err := checkPublishedTerms(current, in); err != nil {
				return err
			}
		}
		if _, err := q.UpdateRound(ctx, store.UpdateRoundParams{
			ID: id, HostAgencyID: in.HostAgencyID, Title: in.Title, AwardName: in.AwardName, Year: int32(in.Year),
			Period: store.Period(in.Period), Description: in.Description, IncludeSubAgencies: in.IncludeSubAgencies,
			EligibleTeamKinds: in.EligibleTeamKinds, SubmissionOpensAt: in.Schedule.SubmissionOpensAt,
			SubmissionClosesAt: in.Schedule.SubmissionClosesAt, JudgingClosesAt: in.Schedule.JudgingClosesAt,
			ResultsAnnouncedAt: in.Schedule.ResultsAnnouncedAt,
		}); err != nil {
			return err
		}
		if err := q.DeleteRoundCategoriesNotIn(ctx, store.DeleteRoundCategoriesNotInParams{RoundID: id, Keep: in.Categories}); err != nil {
			return err
		}
		left, err := q.ListRoundCategories(ctx, []uuid.UUID{id})
		if err != nil {
			return err
		}
		for _, c := range left {
			if !slices.Contains(in.Categories, c.Name) {
				return &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeConflict,
					Fields: []apperr.FieldError{apperr.Field("categories", "in_use", "name", c.Name)}}
			}
		}
		return writeParts(ctx, q, id, in, !published)
	})
	if err != nil {
		return Round{}, dberr.Fail(err)
	}
	return s.Get(ctx, p, id)
}

// PublishedTermsFrozen is the answer to a change of a setting the published results or
// their objection deadline follow; fields name what was refused. Nothing of the request is
// saved.
func PublishedTermsFrozen(fields ...apperr.FieldError) error {
	return &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodePublishedTermsFrozen, Fields: fields}
}

// FrozenField is the field error of a published term.
func FrozenField(field string) apperr.FieldError { return apperr.Field(field, "published_frozen") }

// checkPublishedTerms refuses changing what the published results show of the round: its
// title, award name, year and period (in the public table and the archive) and the award
// tiers (names, counts and prize money of the awards given).
func checkPublishedTerms(current Round, in Input) error {
	var fields []apperr.FieldError
	if in.Title != current.Title {
		fields = append(fields, FrozenField("title"))
	}
	if in.AwardName != current.AwardName {
		fields = append(fields, FrozenField("awardName"))
	}
	if in.Year != current.Year {
		fields = append(fields, FrozenField("year"))
	}
	if in.Period != current.Period {
		fields = append(fields, FrozenField("period"))
	}
	if len(in.AwardTiers) != len(current.AwardTiers) {
		fields = append(fields, FrozenField("awardTiers"))
	} else {
		for i, t := range in.AwardTiers {
			t.Name = strings.TrimSpace(t.Name)
			if t != current.AwardTiers[i].AwardTierInput {
				fields = append(fields, FrozenField("awardTiers["+strconv.Itoa(i)+"]"))
			}
		}
	}
	if len(fields) > 0 {
		return PublishedTermsFrozen(fields...)
	}
	return nil
}

// writeParts stores a round's agencies, categories and, with tiers, its award tiers (which
// awarded cases refer to once results are published).
func writeParts(ctx context.Context, q *store.Queries, id uuid.UUID, in Input, tiers bool) error {
	if err := q.DeleteRoundAgencies(ctx, id); err != nil {
		return err
	}
	for _, a := range in.ParticipatingAgencyIDs {
		if err := q.AddRoundAgency(ctx, store.AddRoundAgencyParams{RoundID: id, AgencyID: a}); err != nil {
			return err
		}
	}
	for i, c := range in.Categories {
		if err := q.UpsertRoundCategory(ctx, store.UpsertRoundCategoryParams{RoundID: id, Name: c, Position: int32(i)}); err != nil {
			return err
		}
	}
	if !tiers {
		return nil
	}
	if err := q.DeleteAwardTiers(ctx, id); err != nil {
		return err
	}
	for i, t := range in.AwardTiers {
		if err := q.AddAwardTier(ctx, store.AddAwardTierParams{
			RoundID: id, Name: strings.TrimSpace(t.Name), Position: int32(i), AwardCount: int32(t.Count), PrizeKrw: t.PrizeKRW,
		}); err != nil {
			return err
		}
	}
	return nil
}

// Publish makes the round visible to the participating agencies.
func (s *Service) Publish(ctx context.Context, p account.Principal, id uuid.UUID) (Round, error) {
	if _, err := s.manageable(ctx, p, id); err != nil {
		return Round{}, err
	}
	if _, err := s.q.PublishRound(ctx, id); err != nil {
		return Round{}, dberr.Fail(err)
	}
	return s.Get(ctx, p, id)
}

// Copy makes next period's round from this one, unpublished.
func (s *Service) Copy(ctx context.Context, p account.Principal, id uuid.UUID) (Round, error) {
	r, err := s.manageable(ctx, p, id)
	if err != nil {
		return Round{}, err
	}
	year, period, months := NextPeriod(r.Year, r.Period)
	shift := func(t time.Time) time.Time { return t.AddDate(0, months, 0) }
	in := Input{
		Title:     NextTitle(r.Title, r.Year, year, r.Period, period),
		AwardName: r.AwardName, Year: year, Period: period, Description: r.Description,
		HostAgencyID: r.HostAgency.ID, IncludeSubAgencies: r.IncludeSubAgencies, EligibleTeamKinds: r.EligibleTeamKinds,
		Schedule: Schedule{
			SubmissionOpensAt: shift(r.Schedule.SubmissionOpensAt), SubmissionClosesAt: shift(r.Schedule.SubmissionClosesAt),
			JudgingClosesAt: shift(r.Schedule.JudgingClosesAt), ResultsAnnouncedAt: shift(r.Schedule.ResultsAnnouncedAt),
		},
	}
	for _, a := range r.ParticipatingAgencies {
		in.ParticipatingAgencyIDs = append(in.ParticipatingAgencyIDs, a.ID)
	}
	for _, c := range r.Categories {
		in.Categories = append(in.Categories, c.Name)
	}
	for _, t := range r.AwardTiers {
		in.AwardTiers = append(in.AwardTiers, t.AwardTierInput)
	}
	return s.Create(ctx, p, in)
}

// NextPeriod is the period after (year, period) and how many months later it is.
func NextPeriod(year int, period string) (int, string, int) {
	switch period {
	case "H1":
		return year, "H2", 6
	case "H2":
		return year + 1, "H1", 6
	case "Q1":
		return year, "Q2", 3
	case "Q2":
		return year, "Q3", 3
	case "Q3":
		return year, "Q4", 3
	case "Q4":
		return year + 1, "Q1", 3
	}
	return year + 1, period, 12
}

var periodWords = map[string]string{"H1": "상반기", "H2": "하반기", "Q1": "1분기", "Q2": "2분기", "Q3": "3분기", "Q4": "4분기"}

// NextTitle rewrites the year and period words of a title: "2025 상반기 으뜸상" → "2025 하반기 으뜸상".
func NextTitle(title string, fromYear, toYear int, fromPeriod, toPeriod string) string {
	if fromYear != toYear {
		title = strings.ReplaceAll(title, strconv.Itoa(fromYear), strconv.Itoa(toYear))
	}
	if from, ok := periodWords[fromPeriod]; ok {
		if to, ok := periodWords[toPeriod]; ok {
			title = strings.ReplaceAll(title, from, to)
		}
	}
	return title
}

// List returns the rounds the caller may see, optionally of one status.
func (s *Service) List(ctx context.Context, p account.Principal, status string) ([]Round, error) {
	user, err := s.q.GetUser(ctx, p.UserID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	managed, err := s.managedAgencies(ctx, p)
	if err != nil {
		return nil, err
	}
	rows, err := s.q.ListRoundsVisibleTo(ctx, store.ListRoundsVisibleToParams{AgencyID: user.AgencyID, IsAdmin: p.IsAdmin(), Managed: managed})
	if err != nil {
		return nil, dberr.Fail(err)
	}
	rounds, err := s.assemble(ctx, p, rows, managed)
	if err != nil {
		return nil, err
	}
	if status == "" {
		return rounds, nil
	}
	out := rounds[:0]
	for _, r := range rounds {
		if r.Status == status {
			out = append(out, r)
		}
	}
	return out, nil
}

// Get returns a round the caller may see.
func (s *Service) Get(ctx context.Context, p account.Principal, id uuid.UUID) (Round, error) {
	row, err := s.q.GetRound(ctx, id)
	if store.IsNoRows(err) {
		return Round{}, apperr.NotFound()
	}
	if err != nil {
		return Round{}, dberr.Fail(err)
	}
	managed, err := s.managedAgencies(ctx, p)
	if err != nil {
		return Round{}, err
	}
	rounds, err := s.assemble(ctx, p, []store.Round{row}, managed)
	if err != nil {
		return Round{}, err
	}
	r := rounds[0]
	if r.CanManage {
		return r, nil
	}
	if r.PublishedAt == nil {
		return Round{}, apperr.NotFound()
	}
	user, err := s.q.GetUser(ctx, p.UserID)
	if err != nil {
		return Round{}, dberr.Fail(err)
	}
	ok, err := s.q.AgencyTakesPart(ctx, store.AgencyTakesPartParams{AgencyID: user.AgencyID, RoundID: id})
	if err != nil {
		return Round{}, dberr.Fail(err)
	}
	if !ok {
		return Round{}, apperr.NotFound()
	}
	return r, nil
}

// Manageable returns the round when the caller organizes it; not found when the caller
// cannot see it, forbidden when they can but do not organize it.
func (s *Service) Manageable(ctx context.Context, p account.Principal, id uuid.UUID) (Round, error) {
	return s.manageable(ctx, p, id)
}

func (s *Service) manageable(ctx context.Context, p account.Principal, id uuid.UUID) (Round, error) {
	r, err := s.Get(ctx, p, id)
	if err != nil {
		return Round{}, err
	}
	if !r.CanManage {
		return Round{}, apperr.Forbidden()
	}
	return r, nil
}

// AgencyTakesPart reports whether the agency may submit to the round.
func (s *Service) AgencyTakesPart(ctx context.Context, roundID, agencyID uuid.UUID) (bool, error) {
	ok, err := s.q.AgencyTakesPart(ctx, store.AgencyTakesPartParams{AgencyID: agencyID, RoundID: roundID})
	return ok, dberr.Fail(err)
}

func (s *Service) managedAgencies(ctx context.Context, p account.Principal) ([]uuid.UUID, error) {
	roots := p.OrganizerAgencies()
	if len(roots) == 0 {
		return []uuid.UUID{}, nil
	}
	ids, err := s.q.AgencyAndDescendantIDs(ctx, roots)
	return ids, dberr.Fail(err)
}

// assemble loads the parts of rounds in a fixed number of queries.
func (s *Service) assemble(ctx context.Context, p account.Principal, rows []store.Round, managed []uuid.UUID) ([]Round, error) {
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	agencies, err := s.q.ListRoundAgencies(ctx, ids)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	categories, err := s.q.ListRoundCategories(ctx, ids)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	tiers, err := s.q.ListAwardTiers(ctx, ids)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	names, err := s.agencyNames(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]Round, len(rows))
	for i, r := range rows {
		sc := Schedule{SubmissionOpensAt: r.SubmissionOpensAt, SubmissionClosesAt: r.SubmissionClosesAt, JudgingClosesAt: r.JudgingClosesAt, ResultsAnnouncedAt: r.ResultsAnnouncedAt}
		rd := Round{
			ID: r.ID, Title: r.Title, AwardName: r.AwardName, Year: int(r.Year), Period: string(r.Period),
			Description: r.Description, HostAgency: account.AgencyRef{ID: r.HostAgencyID, Name: names[r.HostAgencyID]},
			IncludeSubAgencies: r.IncludeSubAgencies, EligibleTeamKinds: r.EligibleTeamKinds, Schedule: sc,
			Status: sc.Status(now), PublishedAt: r.PublishedAt, ResultsPublishedAt: r.ResultsPublishedAt, CreatedAt: r.CreatedAt,
			CanManage:             p.IsAdmin() || slices.Contains(managed, r.HostAgencyID),
			ParticipatingAgencies: []account.AgencyRef{}, Categories: []Category{}, AwardTiers: []AwardTier{},
		}
		for _, a := range agencies {
			if a.RoundID == r.ID {
				rd.ParticipatingAgencies = append(rd.ParticipatingAgencies, account.AgencyRef{ID: a.ID, Name: a.Name})
			}
		}
		for _, c := range categories {
			if c.RoundID == r.ID {
				rd.Categories = append(rd.Categories, Category{ID: c.ID, Name: c.Name})
			}
		}
		for _, t := range tiers {
			if t.RoundID == r.ID {
				rd.AwardTiers = append(rd.AwardTiers, AwardTier{ID: t.ID, AwardTierInput: AwardTierInput{Name: t.Name, Count: int(t.AwardCount), PrizeKRW: t.PrizeKrw}})
			}
		}
		out[i] = rd
	}
	return out, nil
}

func (s *Service) agencyNames(ctx context.Context) (map[uuid.UUID]string, error) {
	rows, err := s.q.ListAgencies(ctx)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	m := make(map[uuid.UUID]string, len(rows))
	for _, a := range rows {
		m[a.ID] = a.Name
	}
	return m, nil
}

// CountByKey is one bar of the overview.
type CountByKey struct {
	Key   string
	Label string
	Count int
}

// Overview counts a round's cases for its organizers.
type Overview struct {
	RoundID    uuid.UUID
	Total      int
	ByStatus   []CountByKey
	ByCategory []CountByKey
	ByTeamKind []CountByKey
}

// Overview returns submission counts (organizers only).
func (s *Service) Overview(ctx context.Context, p account.Principal, id uuid.UUID) (Overview, error) {
	if _, err := s.manageable(ctx, p, id); err != nil {
		return Overview{}, err
	}
	o := Overview{RoundID: id, ByStatus: []CountByKey{}, ByCategory: []CountByKey{}, ByTeamKind: []CountByKey{}}
	byStatus, err := s.q.RoundCaseCountsByStatus(ctx, id)
	if err != nil {
		return o, dberr.Fail(err)
	}
	for _, r := range byStatus {
		o.ByStatus = append(o.ByStatus, CountByKey{Key: string(r.Status), Label: statusLabels[string(r.Status)], Count: int(r.N)})
		o.Total += int(r.N)
	}
	byCategory, err := s.q.RoundCaseCountsByCategory(ctx, id)
	if err != nil {
		return o, dberr.Fail(err)
	}
	for _, r := range byCategory {
		o.ByCategory = append(o.ByCategory, CountByKey{Key: r.ID.String(), Label: r.Name, Count: int(r.N)})
	}
	byKind, err := s.q.RoundCaseCountsByTeamKind(ctx, id)
	if err != nil {
		return o, dberr.Fail(err)
	}
	for _, r := range byKind {
		o.ByTeamKind = append(o.ByTeamKind, CountByKey{Key: string(r.Kind), Label: TeamKindLabels[string(r.Kind)], Count: int(r.N)})
	}
	return o, nil
}

var statusLabels = map[string]string{
	"draft": "작성중", "submitted": "제출", "withdrawn": "철회", "judging": "심사중", "awarded": "수상", "not_awarded": "미수상",
}

// TeamKindLabels are the Korean names of team kinds.
var TeamKindLabels = map[string]string{
	"innovation_team": "혁신팀", "mz_discovery_group": "MZ혁신발굴단", "policy_club": "정책동아리", "department": "부서", "individual": "개인",
}

// FindByTitle returns the id of the host agency's round with the title, if there is one.
func (s *Service) FindByTitle(ctx context.Context, hostAgencyID uuid.UUID, title string) (uuid.UUID, bool, error) {
	r, err := s.q.GetRoundByTitle(ctx, store.GetRoundByTitleParams{HostAgencyID: hostAgencyID, Title: title})
	if store.IsNoRows(err) {
		return uuid.Nil, false, nil
	}
	return r.ID, err == nil, dberr.Fail(err)
}
