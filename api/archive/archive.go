// Package archive is the public archive of winning cases: Korean search inside PostgreSQL
// (tokenized by api/textsearch, see index.go and search.go), similar cases, and the record of
// agencies adopting a case (벤치마킹), which is how far it spread (확산).
package archive

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/cases"
	"eutteum/api/dberr"
	"eutteum/api/notify"
	"eutteum/api/store"
	"eutteum/api/textsearch"
	"eutteum/api/validation"
)

// Service runs the archive use cases.
type Service struct {
	pool *pgxpool.Pool
	q    *store.Queries
	// reads serve the search and the similar cases, which may trail the newest write by a
	// moment: from a read replica when there is one.
	reads    *store.Reads
	readOnly *store.Queries
	now      func() time.Time
	// clientKey keys the hashes that stand for anonymous browsers (see reactions.go).
	clientKey []byte
}

// NewService returns a Service.
func NewService(pool *pgxpool.Pool, opts ...Option) *Service {
	s := &Service{pool: pool, q: store.New(pool), now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if s.reads == nil {
		s.reads = store.NewReads(pool, nil)
	}
	s.readOnly = store.New(s.reads)
	if s.clientKey == nil {
		s.clientKey = randomKey()
	}
	return s
}

// Summary is an archived case in a list.
type Summary struct {
	ID              uuid.UUID
	Title           string
	Summary         string
	TitleHighlights []Highlight
	Snippet         *Snippet
	Agency          account.AgencyRef
	Region          string
	Year            int
	Period          string
	RoundTitle      string
	AwardName       string
	AwardTier       string
	Category        string
	TeamName        string
	TeamKind        string
	Stage           string
	EvidenceLevel   *int16
	HasMetrics      bool
	AdoptionCount   int
	PublishedOn     time.Time
}

// Entry is an archived case in full.
type Entry struct {
	Summary
	Problem       string
	Solution      string
	Outcomes      string
	Metrics       []cases.Metric
	Collaborators []cases.Collaborator
	Tags          []string
	Licence       string
	Attachments   []cases.Attachment
	Adoptions     []Adoption
	// HelpfulCount is how many people marked the case 도움이 됐어요.
	HelpfulCount int
}

// Adoption is an agency's interest in, or adoption of, a case.
type Adoption struct {
	Agency     account.AgencyRef
	Status     string
	Order      int
	AdoptedOn  *time.Time
	Adaptation string
	Results    []cases.Metric
	UpdatedAt  time.Time
}

// Published describes a winning case as results are published.
type Published struct {
	CaseID     uuid.UUID
	Year       int
	Period     string
	RoundTitle string
	AwardName  string
	AwardTier  string
	On         time.Time
}

// AddPublished copies a winning case's submitted version into the archive, in the
// publishing transaction q. Team members' names stay out: only the team's name and agency.
func AddPublished(ctx context.Context, q *store.Queries, p Published) error {
	v, err := cases.Submitted(ctx, q, p.CaseID)
	if err != nil {
		return err
	}
	c, err := q.GetCase(ctx, p.CaseID)
	if err != nil {
		return err
	}
	t, err := q.GetTeam(ctx, c.TeamID)
	if err != nil {
		return err
	}
	agency, err := q.GetAgency(ctx, t.AgencyID)
	if err != nil {
		return err
	}
	public := []cases.Attachment{}
	for _, a := range v.Attachments {
		if a.Public {
			public = append(public, a)
		}
	}
	metrics, _ := json.Marshal(v.Content.Metrics)
	collaborators, _ := json.Marshal(v.Content.Collaborators)
	attachments, _ := json.Marshal(public)
	all, lead := document{
		Title: v.Content.Title, Summary: v.Content.Summary, Tags: v.Content.Tags, Category: v.Content.CategoryName,
		Agency: agency.Name, Problem: v.Content.Problem, Solution: v.Content.Solution, Outcomes: v.Content.Outcomes, Team: t.Name,
	}.vectors()
	_, err = q.InsertArchiveEntry(ctx, store.InsertArchiveEntryParams{
		CaseID: uuid.NullUUID{UUID: p.CaseID, Valid: true}, AgencyID: t.AgencyID, AgencyName: agency.Name,
		Title: v.Content.Title, Summary: v.Content.Summary, Problem: v.Content.Problem, Solution: v.Content.Solution,
		Outcomes: v.Content.Outcomes, Metrics: metrics, Collaborators: collaborators, Tags: v.Content.Tags,
		Category: v.Content.CategoryName, TeamName: t.Name, TeamKind: string(t.Kind), Year: int32(p.Year), Period: p.Period,
		RoundTitle: p.RoundTitle, AwardName: p.AwardName, AwardTier: p.AwardTier, Stage: v.Content.Stage,
		EvidenceLevel: v.Content.EvidenceLevel, Licence: v.Content.Licence, Attachments: attachments, PublishedOn: p.On,
		Vector: all, LeadVector: lead, TokenizerVersion: textsearch.Version,
	})
	if store.IsNoRows(err) {
		return nil // already archived
	}
	return err
}

// Get returns an archived case with its adoptions, first adopter first.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Entry, error) {
	r, err := s.q.GetArchiveEntry(ctx, id)
	if store.IsNoRows(err) {
		return Entry{}, apperr.NotFound()
	}
	if err != nil {
		return Entry{}, dberr.Fail(err)
	}
	e := Entry{
		Summary: Summary{
			ID: r.ID, Title: r.Title, Summary: r.Summary, Agency: account.AgencyRef{ID: r.AgencyID, Name: r.AgencyName},
			Region: r.Region, Year: int(r.Year), Period: r.Period, RoundTitle: r.RoundTitle, AwardName: r.AwardName,
			AwardTier: r.AwardTier, Category: r.Category, TeamName: r.TeamName, TeamKind: r.TeamKind, Stage: r.Stage,
			EvidenceLevel: r.EvidenceLevel, PublishedOn: r.PublishedOn,
		},
		Problem: r.Problem, Solution: r.Solution, Outcomes: r.Outcomes, Tags: r.Tags, Licence: r.Licence,
		HelpfulCount: int(r.HelpfulCount),
	}
	if err := json.Unmarshal(r.Metrics, &e.Metrics); err != nil {
		return Entry{}, apperr.Internal(err)
	}
	if err := json.Unmarshal(r.Collaborators, &e.Collaborators); err != nil {
		return Entry{}, apperr.Internal(err)
	}
	if err := json.Unmarshal(r.Attachments, &e.Attachments); err != nil {
		return Entry{}, apperr.Internal(err)
	}
	e.HasMetrics = len(e.Metrics) > 0
	if e.Adoptions, err = decodeAdoptions(r.Adoptions); err != nil {
		return Entry{}, err
	}
	for _, a := range e.Adoptions {
		if a.Status == "adopted" {
			e.AdoptionCount++
		}
	}
	return e, nil
}

// decodeAdoptions reads the adoptions of an entry as GetArchiveEntry lists them and numbers
// the adopters in the order they adopted.
func decodeAdoptions(raw []byte) ([]Adoption, error) {
	var rows []struct {
		AgencyID   uuid.UUID      `json:"agencyId"`
		AgencyName string         `json:"agencyName"`
		Status     string         `json:"status"`
		AdoptedOn  *string        `json:"adoptedOn"`
		Adaptation string         `json:"adaptation"`
		Results    []cases.Metric `json:"results"`
		UpdatedAt  time.Time      `json:"updatedAt"`
	}
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, apperr.Internal(err)
	}
	out := make([]Adoption, 0, len(rows))
	order := 0
	for _, r := range rows {
		a := Adoption{Agency: account.AgencyRef{ID: r.AgencyID, Name: r.AgencyName}, Status: r.Status, Adaptation: r.Adaptation, Results: r.Results, UpdatedAt: r.UpdatedAt}
		if a.Results == nil {
			a.Results = []cases.Metric{}
		}
		if r.AdoptedOn != nil {
			on, err := time.Parse(time.DateOnly, *r.AdoptedOn)
			if err != nil {
				return nil, apperr.Internal(err)
			}
			a.AdoptedOn = &on
		}
		if r.Status == "adopted" {
			order++
			a.Order = order
		}
		out = append(out, a)
	}
	return out, nil
}

// AdoptionInput records interest or adoption.
type AdoptionInput struct {
	Status     string         `json:"status" validate:"required,oneof=interested adopted"`
	AdoptedOn  *time.Time     `json:"adoptedOn"`
	Adaptation string         `json:"adaptation" validate:"max=2000"`
	Results    []cases.Metric `json:"results" validate:"max=10,dive"`
}

// Adopt records the caller's agency's interest in or adoption of a case, and tells the
// originating team.
func (s *Service) Adopt(ctx context.Context, p account.Principal, entryID uuid.UUID, in AdoptionInput) (Adoption, error) {
	if err := validation.Struct(in); err != nil {
		return Adoption{}, err
	}
	if in.Status == "adopted" && in.AdoptedOn == nil {
		return Adoption{}, apperr.Invalid(apperr.Field("adoptedOn", "required"))
	}
	if in.Status == "interested" {
		in.AdoptedOn = nil
	}
	if in.Results == nil {
		in.Results = []cases.Metric{}
	}
	entry, err := s.q.GetArchiveEntry(ctx, entryID)
	if store.IsNoRows(err) {
		return Adoption{}, apperr.NotFound()
	}
	if err != nil {
		return Adoption{}, dberr.Fail(err)
	}
	user, err := s.q.GetUser(ctx, p.UserID)
	if err != nil {
		return Adoption{}, dberr.Fail(err)
	}
	if user.AgencyID == entry.AgencyID {
		return Adoption{}, apperr.New(apperr.KindForbidden, apperr.CodeOwnAgencyCase)
	}
	results, _ := json.Marshal(in.Results)
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		if _, err := q.UpsertAdoption(ctx, store.UpsertAdoptionParams{
			EntryID: entryID, AgencyID: user.AgencyID, Status: in.Status, AdoptedOn: in.AdoptedOn,
			Adaptation: in.Adaptation, Results: results, RecordedBy: p.UserID,
		}); err != nil {
			return err
		}
		if !entry.CaseID.Valid {
			return nil
		}
		c, err := q.GetCase(ctx, entry.CaseID.UUID)
		if err != nil {
			return err
		}
		members, err := q.TeamMemberIDs(ctx, c.TeamID)
		if err != nil {
			return err
		}
		agency, err := q.GetAgency(ctx, user.AgencyID)
		if err != nil {
			return err
		}
		verb := "에 관심을 보였습니다"
		if in.Status == "adopted" {
			verb = "을 도입했습니다"
		}
		return notify.Send(ctx, q, notify.Message{
			Kind: "case_adopted", Title: "벤치마킹 소식: " + agency.Name, Body: agency.Name + subjectParticle(agency.Name) + " 「" + entry.Title + "」" + verb + ".",
			Link: "/archive/" + entryID.String(),
		}, members...)
	})
	if err != nil {
		return Adoption{}, dberr.Fail(err)
	}
	after, err := s.q.GetArchiveEntry(ctx, entryID)
	if err != nil {
		return Adoption{}, dberr.Fail(err)
	}
	list, err := decodeAdoptions(after.Adoptions)
	if err != nil {
		return Adoption{}, err
	}
	for _, a := range list {
		if a.Agency.ID == user.AgencyID {
			return a, nil
		}
	}
	return Adoption{}, apperr.NotFound()
}

// Withdraw removes the caller's agency's record for a case.
func (s *Service) Withdraw(ctx context.Context, p account.Principal, entryID uuid.UUID) error {
	user, err := s.q.GetUser(ctx, p.UserID)
	if err != nil {
		return dberr.Fail(err)
	}
	n, err := s.q.DeleteAdoption(ctx, store.DeleteAdoptionParams{EntryID: entryID, AgencyID: user.AgencyID})
	if err != nil {
		return dberr.Fail(err)
	}
	if n == 0 {
		return apperr.NotFound()
	}
	return nil
}

// File is a public attachment of an archived case.
type File struct {
	cases.Attachment
	Content []byte
}

// PublicFile returns an attachment the archived case lists as public.
func (s *Service) PublicFile(ctx context.Context, entryID, attachmentID uuid.UUID) (File, error) {
	e, err := s.Get(ctx, entryID)
	if err != nil {
		return File{}, err
	}
	for _, a := range e.Attachments {
		if a.ID != attachmentID || !a.Public {
			continue
		}
		sum, err := hex.DecodeString(a.SHA256)
		if err != nil {
			return File{}, apperr.Internal(err)
		}
		data, err := s.q.GetBlob(ctx, sum)
		if err != nil {
			return File{}, dberr.Fail(err)
		}
		return File{Attachment: a, Content: data}, nil
	}
	return File{}, apperr.NotFound()
}

// subjectParticle is 이 after a final consonant and 가 after a vowel (부천시가, 인천광역시가,
// 서울특별시 중구가), as Korean writes it.
func subjectParticle(word string) string {
	r := []rune(word)
	if len(r) == 0 {
		return "이(가)"
	}
	last := r[len(r)-1]
	if last < 0xAC00 || last > 0xD7A3 {
		return "이(가)"
	}
	if (last-0xAC00)%28 != 0 {
		return "이"
	}
	return "가"
}
