package judging

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/paging"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Fields of expertise (전문 분야) a judge may name, as in openapi.yaml (JudgeField) and the
// judge_profiles check. The Korean labels let a directory search for 복지 find the welfare
// experts; the web app has its own labels in both languages.
var expertiseFields = []struct{ Code, Label string }{
	{"administration", "행정혁신"},
	{"digital", "디지털·데이터"},
	{"welfare", "복지"},
	{"safety", "안전·재난"},
	{"environment", "환경·기후"},
	{"economy", "경제·일자리"},
	{"culture", "문화·관광"},
	{"health", "보건·의료"},
	{"education", "교육·청년"},
	{"transport", "교통·도시"},
	{"regulation", "규제혁신"},
	{"citizen_participation", "주민참여·협치"},
}

// Contact visibility: what the directory shows organizers to reach a judge.
const (
	ContactNone  = "none"
	ContactEmail = "email"
)

// Affiliation is where a judge works as their account says: the agency and department the
// conflict rules read. A judge cannot change it through their profile; Note is display
// text beside it and decides nothing.
type Affiliation struct {
	Agency      account.AgencyRef
	AgencyLevel string
	Department  string
	Note        string
}

// Profile is a judge's own directory profile.
type Profile struct {
	UserID            uuid.UUID
	DisplayName       string
	Email             string
	Affiliation       Affiliation
	Fields            []string
	Keywords          []string
	Bio               string
	Listed            bool
	ContactVisibility string
	StagesJudged      int
	UpdatedAt         *time.Time
}

// ProfileInput replaces a judge's profile. The affiliation is not in it on purpose.
type ProfileInput struct {
	AffiliationNote   string   `json:"affiliationNote" validate:"max=100"`
	Fields            []string `json:"fields" validate:"max=12,dive,oneof=administration digital welfare safety environment economy culture health education transport regulation citizen_participation"`
	Keywords          []string `json:"keywords" validate:"max=10,dive,max=30"`
	Bio               string   `json:"bio" validate:"max=500"`
	Listed            bool     `json:"listed"`
	ContactVisibility string   `json:"contactVisibility" validate:"required,oneof=none email"`
}

// MyProfile returns the caller's judge profile; a judge who never saved one gets the
// defaults (not listed, no contact shown).
func (s *Service) MyProfile(ctx context.Context, p account.Principal) (Profile, error) {
	if !slices.Contains(p.Roles, account.RoleJudge) {
		return Profile{}, apperr.Forbidden()
	}
	return s.profile(ctx, p.UserID)
}

func (s *Service) profile(ctx context.Context, userID uuid.UUID) (Profile, error) {
	acc, err := s.q.JudgeAffiliation(ctx, userID)
	if err != nil {
		return Profile{}, dberr.Fail(err)
	}
	stages, err := s.q.JudgeStageCount(ctx, userID)
	if err != nil {
		return Profile{}, dberr.Fail(err)
	}
	out := Profile{
		UserID: userID, DisplayName: acc.DisplayName, Email: acc.Email,
		Affiliation: Affiliation{Agency: account.AgencyRef{ID: acc.AgencyID, Name: acc.AgencyName}, AgencyLevel: string(acc.AgencyLevel), Department: acc.Department},
		Fields:      []string{}, Keywords: []string{}, ContactVisibility: ContactNone, StagesJudged: int(stages),
	}
	row, err := s.q.GetJudgeProfile(ctx, userID)
	if store.IsNoRows(err) {
		return out, nil
	}
	if err != nil {
		return Profile{}, dberr.Fail(err)
	}
	out.Affiliation.Note = row.AffiliationNote
	out.Fields, out.Keywords = orEmpty(row.Fields), orEmpty(row.Keywords)
	out.Bio, out.Listed, out.ContactVisibility = row.Bio, row.Listed, row.ContactVisibility
	out.UpdatedAt = &row.UpdatedAt
	return out, nil
}

// CheckProfile records what is wrong with a profile into r, tidying it as it will be
// saved: text trimmed, keywords' spaces collapsed and repeats dropped. A field named twice
// is refused, and a listed profile needs at least one field, since organizers find judges
// by field.
func CheckProfile(in *ProfileInput, r *validation.Report) error {
	in.AffiliationNote = strings.TrimSpace(in.AffiliationNote)
	in.Bio = strings.TrimSpace(in.Bio)
	if err := r.Struct(in, ""); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, f := range in.Fields {
		if seen[f] {
			r.Add(apperr.Field("fields["+itoa(i)+"]", "duplicate"))
		}
		seen[f] = true
	}
	if in.Listed && len(in.Fields) == 0 && r.Readable("fields", "listed") {
		r.Add(apperr.Field("fields", "listed_needs_field"))
	}
	keywords := []string{}
	for i, k := range in.Keywords {
		k = strings.Join(strings.Fields(norm.NFC.String(k)), " ")
		switch {
		case k == "":
			r.Add(apperr.Field("keywords["+itoa(i)+"]", "required"))
		case !slices.ContainsFunc(keywords, func(have string) bool { return strings.EqualFold(have, k) }):
			keywords = append(keywords, k)
		}
	}
	in.Keywords = keywords
	return nil
}

// UpdateMyProfile replaces the caller's judge profile (see CheckProfile for its rules).
func (s *Service) UpdateMyProfile(ctx context.Context, p account.Principal, in ProfileInput) (Profile, error) {
	if !slices.Contains(p.Roles, account.RoleJudge) {
		return Profile{}, apperr.Forbidden()
	}
	report := validation.NewReport()
	if err := CheckProfile(&in, report); err != nil {
		return Profile{}, err
	}
	if err := report.Err(); err != nil {
		return Profile{}, err
	}
	keywords := in.Keywords
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		if _, err := q.UpsertJudgeProfile(ctx, store.UpsertJudgeProfileParams{
			UserID: p.UserID, AffiliationNote: in.AffiliationNote, Fields: orEmpty(in.Fields), Keywords: keywords,
			Bio: in.Bio, Listed: in.Listed, ContactVisibility: in.ContactVisibility,
		}); err != nil {
			return err
		}
		return audit(ctx, q, p, "judge_profile_updated", "user", p.UserID, map[string]any{"listed": in.Listed, "contact": in.ContactVisibility})
	})
	if err != nil {
		return Profile{}, dberr.Fail(err)
	}
	return s.profile(ctx, p.UserID)
}

// DirectoryQuery searches the judge directory.
type DirectoryQuery struct {
	Text  string
	Field string
	Page  paging.Request
}

// DirectoryEntry is a listed judge as organizers see them. Email is set only when the
// judge chose to show it.
type DirectoryEntry struct {
	UserID       uuid.UUID
	DisplayName  string
	Affiliation  Affiliation
	Fields       []string
	Keywords     []string
	Bio          string
	Email        string
	StagesJudged int
}

// directoryList names the directory's cursors; its key is the last entry's name and id.
const directoryList = "judge-directory"

type directoryKey struct {
	Name string    `json:"n"`
	ID   uuid.UUID `json:"i"`
}

// Directory lists the judges of every agency who chose to be listed, for organizers and
// admins, by name. The text matches a name, agency, department, affiliation note or
// keyword anywhere inside it (Korean included), or a field's Korean label.
func (s *Service) Directory(ctx context.Context, p account.Principal, in DirectoryQuery) (paging.Page[DirectoryEntry], error) {
	if !p.IsAdmin() && len(p.OrganizerAgencies()) == 0 {
		return paging.Page[DirectoryEntry]{}, apperr.Forbidden()
	}
	text := strings.Join(strings.Fields(norm.NFC.String(in.Text)), " ")
	if utf8.RuneCountInString(text) > 100 {
		return paging.Page[DirectoryEntry]{}, apperr.Invalid(apperr.Field("q", "max_length", "max", 100))
	}
	if in.Field != "" && !slices.ContainsFunc(expertiseFields, func(f struct{ Code, Label string }) bool { return f.Code == in.Field }) {
		return paging.Page[DirectoryEntry]{}, apperr.Invalid(apperr.Field("field", "enum"))
	}
	limit := in.Page.Limit
	if limit < 1 || limit > paging.MaxLimit {
		limit = paging.DefaultLimit
	}
	params := store.SearchJudgeDirectoryParams{Field: in.Field, LabelFields: []string{}, RowLimit: paging.Fetch(limit)}
	if text != "" {
		params.Pattern = "%" + likeEscaper.Replace(text) + "%"
		for _, f := range expertiseFields {
			if strings.Contains(f.Label, text) {
				params.LabelFields = append(params.LabelFields, f.Code)
			}
		}
	}
	var after directoryKey
	ok, err := in.Page.After(directoryList, &after)
	if err != nil {
		return paging.Page[DirectoryEntry]{}, err
	}
	if ok {
		if after.ID == uuid.Nil {
			return paging.Page[DirectoryEntry]{}, paging.Invalid()
		}
		params.HasCursor, params.AfterName, params.AfterID = true, after.Name, after.ID
	}
	rows, err := s.q.SearchJudgeDirectory(ctx, params)
	if err != nil {
		return paging.Page[DirectoryEntry]{}, dberr.Fail(err)
	}
	page := paging.Trim(rows, limit, directoryList, func(r store.SearchJudgeDirectoryRow) any {
		return directoryKey{Name: r.DisplayName, ID: r.UserID}
	})
	return paging.Map(page, func(r store.SearchJudgeDirectoryRow) DirectoryEntry {
		return DirectoryEntry{
			UserID: r.UserID, DisplayName: r.DisplayName,
			Affiliation: Affiliation{Agency: account.AgencyRef{ID: r.AgencyID, Name: r.AgencyName}, AgencyLevel: string(r.AgencyLevel), Department: r.Department, Note: r.AffiliationNote},
			Fields:      orEmpty(r.Fields), Keywords: orEmpty(r.Keywords), Bio: r.Bio, Email: r.SharedEmail, StagesJudged: int(r.StagesJudged),
		}
	}), nil
}

// likeEscaper makes typed text literal inside an ILIKE pattern (backslash is the default
// escape character).
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// EnsureProfile saves a profile for the judge unless they have one (demo data), so loading
// again leaves a judge's own edits alone.
func (s *Service) EnsureProfile(ctx context.Context, p account.Principal, in ProfileInput) (bool, error) {
	if _, err := s.q.GetJudgeProfile(ctx, p.UserID); err == nil {
		return false, nil
	} else if !store.IsNoRows(err) {
		return false, dberr.Fail(err)
	}
	_, err := s.UpdateMyProfile(ctx, p, in)
	return err == nil, err
}
