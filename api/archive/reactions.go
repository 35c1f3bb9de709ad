package archive

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/audit"
	"eutteum/api/dberr"
	"eutteum/api/notify"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Reactions on archived cases: 도움이 됐어요 marks from anyone, and questions from signed-in
// users to the team that wrote the case. Questions and answers are moderated by the
// organizers of the case's agency (and admins): a hidden post leaves the public view but
// stays on record with who hid it, when and why, and the act is audited.

// Option configures a Service.
type Option func(*Service)

// WithClientKey derives the key for anonymous browsers' hashes from the application's
// signing key, so the same browser hashes alike across restarts and the signing key itself
// never keys anything but tokens.
func WithClientKey(signingKey []byte) Option {
	return func(s *Service) {
		mac := hmac.New(sha256.New, signingKey)
		mac.Write([]byte("eutteum archive reactions"))
		s.clientKey = mac.Sum(nil)
	}
}

// WithReads serves the search and the similar cases through reads (see store.Reads).
func WithReads(reads *store.Reads) Option {
	return func(s *Service) { s.reads = reads }
}

// randomKey keeps services built without a key (tools, tests) working; their anonymous
// marks are then recognised only while the process runs.
func randomKey() []byte {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		panic(err)
	}
	return key
}

// Limits of the posts, in characters.
const (
	QuestionMin = 5
	QuestionMax = 1000
	AnswerMax   = 2000
	ReasonMax   = 500
)

// ClientIDHeader carries an anonymous browser's id.
const ClientIDHeader = "X-Client-Id"

var validClientID = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// Viewer is who reacts: a signed-in user, or else a browser by the random id it keeps.
type Viewer struct {
	Principal *account.Principal
	ClientID  string
}

func (v Viewer) identified() bool { return v.Principal != nil || v.ClientID != "" }

// Helpful is an entry's 도움이 됐어요 count and whether the viewer is among it.
type Helpful struct {
	Count  int
	Marked bool
}

func (s *Service) clientHash(clientID string) []byte {
	mac := hmac.New(sha256.New, s.clientKey)
	mac.Write([]byte("client\x00" + clientID))
	return mac.Sum(nil)
}

// marker checks the viewer and returns the user or browser hash that marks stand for.
func (s *Service) marker(v Viewer) (uuid.NullUUID, []byte, error) {
	if v.Principal != nil {
		return uuid.NullUUID{UUID: v.Principal.UserID, Valid: true}, nil, nil
	}
	if v.ClientID == "" {
		return uuid.NullUUID{}, nil, apperr.Invalid(apperr.Field(ClientIDHeader, "required"))
	}
	if !validClientID.MatchString(v.ClientID) {
		return uuid.NullUUID{}, nil, apperr.Invalid(apperr.Field(ClientIDHeader, "format"))
	}
	return uuid.NullUUID{}, s.clientHash(v.ClientID), nil
}

// HelpfulState returns the entry's count and, for an identified viewer, whether they marked it.
func (s *Service) HelpfulState(ctx context.Context, entryID uuid.UUID, v Viewer) (Helpful, error) {
	params := store.HelpfulStateParams{EntryID: entryID}
	if v.identified() {
		user, hash, err := s.marker(v)
		if err != nil {
			return Helpful{}, err
		}
		params.UserID, params.ClientHash = user, hash
	}
	st, err := s.q.HelpfulState(ctx, params)
	if err != nil {
		return Helpful{}, dberr.Fail(err)
	}
	return Helpful{Count: int(st.Marks), Marked: st.Marked}, nil
}

// SetHelpful marks the entry helpful for the viewer (on) or takes the mark back. Either is
// idempotent: one user or one browser counts once however often it asks.
func (s *Service) SetHelpful(ctx context.Context, entryID uuid.UUID, v Viewer, on bool) (Helpful, error) {
	user, hash, err := s.marker(v)
	if err != nil {
		return Helpful{}, err
	}
	if _, err := s.entryRef(ctx, entryID); err != nil {
		return Helpful{}, err
	}
	switch {
	case on && user.Valid:
		err = s.q.MarkHelpfulByUser(ctx, store.MarkHelpfulByUserParams{EntryID: entryID, UserID: user.UUID})
	case on:
		err = s.q.MarkHelpfulByClient(ctx, store.MarkHelpfulByClientParams{EntryID: entryID, ClientHash: hash})
	case user.Valid:
		err = s.q.UnmarkHelpfulByUser(ctx, store.UnmarkHelpfulByUserParams{EntryID: entryID, UserID: user.UUID})
	default:
		err = s.q.UnmarkHelpfulByClient(ctx, store.UnmarkHelpfulByClientParams{EntryID: entryID, ClientHash: hash})
	}
	if err != nil {
		return Helpful{}, dberr.Fail(err)
	}
	return s.HelpfulState(ctx, entryID, v)
}

// Moderation says who hid a post, when and why; only moderators see it.
type Moderation struct {
	At     time.Time
	By     string
	Reason string
}

// Answer is the team's answer to a question.
type Answer struct {
	Text string
	// As is whom the answer speaks for: the team, or the agency for imported cases.
	As         string
	AnsweredAt time.Time
	UpdatedAt  time.Time
	Hidden     *Moderation
}

// Question is a question on an archived case with its answer.
type Question struct {
	ID      uuid.UUID
	EntryID uuid.UUID
	Text    string
	// AskerName is masked (김*윤): the archive names agencies, not people.
	AskerName   string
	AskerAgency account.AgencyRef
	AskedAt     time.Time
	Mine        bool
	Hidden      *Moderation
	Answer      *Answer
}

// QuestionList is an entry's questions as the caller may see them, and what the caller may do.
type QuestionList struct {
	Items       []Question
	CanAsk      bool
	CanAnswer   bool
	CanModerate bool
}

// QuestionInput is a new question.
type QuestionInput struct {
	Text string `json:"text" validate:"required,min=5,max=1000"`
}

// AnswerInput writes or replaces the answer.
type AnswerInput struct {
	Text string `json:"text" validate:"required,max=2000"`
}

// HideInput hides a post.
type HideInput struct {
	Reason string `json:"reason" validate:"required,max=500"`
}

// powers are what a caller may do with an entry's questions.
type powers struct{ answer, moderate bool }

func (s *Service) entryRef(ctx context.Context, entryID uuid.UUID) (store.GetArchiveEntryRefRow, error) {
	e, err := s.q.GetArchiveEntryRef(ctx, entryID)
	if store.IsNoRows(err) {
		return e, apperr.NotFound()
	}
	if err != nil {
		return e, dberr.Fail(err)
	}
	return e, nil
}

// powersOn: the members of the case's team answer; an imported entry (or one whose case is
// gone) has no team, so the organizers of its agency answer. Organizers of the agency or an
// agency above it, and admins, moderate.
func (s *Service) powersOn(ctx context.Context, p *account.Principal, e store.GetArchiveEntryRefRow) (powers, error) {
	var pw powers
	if p == nil {
		return pw, nil
	}
	if e.CaseID.Valid {
		members, err := s.q.ArchiveEntryTeamMemberIDs(ctx, e.ID)
		if err != nil {
			return pw, dberr.Fail(err)
		}
		pw.answer = slices.Contains(members, p.UserID)
	} else {
		pw.answer = slices.Contains(p.OrganizerAgencies(), e.AgencyID)
	}
	if p.IsAdmin() {
		pw.moderate = true
	} else if roots := p.OrganizerAgencies(); len(roots) > 0 {
		scope, err := s.q.AgencyAndDescendantIDs(ctx, roots)
		if err != nil {
			return pw, dberr.Fail(err)
		}
		pw.moderate = slices.Contains(scope, e.AgencyID)
	}
	return pw, nil
}

// answerers are who hear of a new question.
func answerers(ctx context.Context, q *store.Queries, e store.GetArchiveEntryRefRow) ([]uuid.UUID, error) {
	if e.CaseID.Valid {
		return q.ArchiveEntryTeamMemberIDs(ctx, e.ID)
	}
	return q.AgencyOrganizerIDs(ctx, e.AgencyID)
}

// answeredAs names who speaks in an entry's answers.
func answeredAs(e store.GetArchiveEntryRefRow) string {
	if e.CaseID.Valid && e.TeamName != "" {
		return e.TeamName
	}
	return e.AgencyName
}

// Questions lists the entry's questions, newest first: visible ones for everybody, hidden
// ones too (marked) for its moderators. p is nil for anonymous callers.
func (s *Service) Questions(ctx context.Context, p *account.Principal, entryID uuid.UUID) (QuestionList, error) {
	e, err := s.entryRef(ctx, entryID)
	if err != nil {
		return QuestionList{}, err
	}
	pw, err := s.powersOn(ctx, p, e)
	if err != nil {
		return QuestionList{}, err
	}
	rows, err := s.q.ListArchiveQuestions(ctx, store.ListArchiveQuestionsParams{EntryID: entryID, IncludeHidden: pw.moderate})
	if err != nil {
		return QuestionList{}, dberr.Fail(err)
	}
	out := QuestionList{Items: make([]Question, len(rows)), CanAsk: p != nil, CanAnswer: pw.answer, CanModerate: pw.moderate}
	for i, r := range rows {
		out.Items[i] = toQuestion(store.GetArchiveQuestionRow(r), e, p, pw.moderate)
	}
	return out, nil
}

func toQuestion(r store.GetArchiveQuestionRow, e store.GetArchiveEntryRefRow, p *account.Principal, moderator bool) Question {
	q := Question{
		ID: r.ID, EntryID: r.EntryID, Text: r.Body, AskerName: maskName(r.AskerName),
		AskerAgency: account.AgencyRef{ID: r.AskerAgencyID, Name: r.AskerAgencyName}, AskedAt: r.CreatedAt,
		Mine: p != nil && p.UserID == r.AskedBy,
	}
	if moderator {
		q.Hidden = moderation(r.HiddenAt, r.HiddenByName, r.HiddenReason)
	}
	if r.AnswerBody != nil && r.AnsweredAt != nil && r.AnswerUpdatedAt != nil {
		a := &Answer{Text: *r.AnswerBody, As: answeredAs(e), AnsweredAt: *r.AnsweredAt, UpdatedAt: *r.AnswerUpdatedAt}
		if r.AnswerHiddenAt != nil {
			if !moderator {
				a = nil
			} else {
				a.Hidden = moderation(r.AnswerHiddenAt, r.AnswerHiddenByName, r.AnswerHiddenReason)
			}
		}
		q.Answer = a
	}
	return q
}

func moderation(at *time.Time, by, reason *string) *Moderation {
	if at == nil {
		return nil
	}
	m := &Moderation{At: *at}
	if by != nil {
		m.By = *by
	}
	if reason != nil {
		m.Reason = *reason
	}
	return m
}

// maskName keeps the first and last character of a name and stars the rest (김도윤 → 김*윤,
// 김혜 → 김*), as Korean public boards show people.
func maskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	switch len(r) {
	case 0:
		return ""
	case 1:
		return "*"
	case 2:
		return string(r[0]) + "*"
	}
	return string(r[0]) + strings.Repeat("*", len(r)-2) + string(r[len(r)-1])
}

// question loads a question and its entry as the caller may see them: a hidden question
// exists only for the entry's moderators.
func (s *Service) question(ctx context.Context, p account.Principal, questionID uuid.UUID) (store.GetArchiveQuestionRow, store.GetArchiveEntryRefRow, powers, error) {
	r, err := s.q.GetArchiveQuestion(ctx, questionID)
	if store.IsNoRows(err) {
		return r, store.GetArchiveEntryRefRow{}, powers{}, apperr.NotFound()
	}
	if err != nil {
		return r, store.GetArchiveEntryRefRow{}, powers{}, dberr.Fail(err)
	}
	e, err := s.entryRef(ctx, r.EntryID)
	if err != nil {
		return r, e, powers{}, err
	}
	pw, err := s.powersOn(ctx, &p, e)
	if err != nil {
		return r, e, pw, err
	}
	if r.HiddenAt != nil && !pw.moderate {
		return r, e, pw, apperr.NotFound()
	}
	return r, e, pw, nil
}

// reload reads a question again after a change, as the caller sees it.
func (s *Service) reload(ctx context.Context, p account.Principal, questionID uuid.UUID, e store.GetArchiveEntryRefRow, pw powers) (Question, error) {
	r, err := s.q.GetArchiveQuestion(ctx, questionID)
	if err != nil {
		return Question{}, dberr.Fail(err)
	}
	return toQuestion(r, e, &p, pw.moderate), nil
}

// Ask records a question on the entry and tells whoever answers it.
func (s *Service) Ask(ctx context.Context, p account.Principal, entryID uuid.UUID, in QuestionInput) (Question, error) {
	in.Text = strings.TrimSpace(in.Text)
	if err := validation.Struct(in); err != nil {
		return Question{}, err
	}
	e, err := s.entryRef(ctx, entryID)
	if err != nil {
		return Question{}, err
	}
	pw, err := s.powersOn(ctx, &p, e)
	if err != nil {
		return Question{}, err
	}
	var id uuid.UUID
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		if id, err = q.InsertArchiveQuestion(ctx, store.InsertArchiveQuestionParams{EntryID: entryID, AskedBy: p.UserID, Body: in.Text}); err != nil {
			return err
		}
		to, err := answerers(ctx, q, e)
		if err != nil {
			return err
		}
		to = slices.DeleteFunc(to, func(u uuid.UUID) bool { return u == p.UserID })
		if len(to) == 0 {
			return nil
		}
		asker, err := q.GetUser(ctx, p.UserID)
		if err != nil {
			return err
		}
		agency, err := q.GetAgency(ctx, asker.AgencyID)
		if err != nil {
			return err
		}
		return notify.Send(ctx, q, notify.Message{
			Kind: "archive_question", Title: "사례 질문: " + e.Title,
			Body: agency.Name + "에서 「" + e.Title + "」에 질문을 남겼습니다: " + excerpt(in.Text, 80),
			Link: "/archive/" + entryID.String(),
		}, to...)
	})
	if err != nil {
		return Question{}, dberr.Fail(err)
	}
	return s.reload(ctx, p, id, e, pw)
}

// Answer writes or replaces the answer to a question. The asker hears of the first answer.
func (s *Service) Answer(ctx context.Context, p account.Principal, questionID uuid.UUID, in AnswerInput) (Question, error) {
	in.Text = strings.TrimSpace(in.Text)
	if err := validation.Struct(in); err != nil {
		return Question{}, err
	}
	r, e, pw, err := s.question(ctx, p, questionID)
	if err != nil {
		return Question{}, err
	}
	if !pw.answer {
		return Question{}, apperr.Forbidden()
	}
	if r.HiddenAt != nil {
		return Question{}, apperr.New(apperr.KindConflict, apperr.CodePostHidden)
	}
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		inserted, err := q.UpsertArchiveAnswer(ctx, store.UpsertArchiveAnswerParams{QuestionID: questionID, Body: in.Text, AnsweredBy: p.UserID})
		if store.IsNoRows(err) {
			return apperr.New(apperr.KindConflict, apperr.CodePostHidden)
		}
		if err != nil || !inserted || r.AskedBy == p.UserID {
			return err
		}
		return notify.Send(ctx, q, notify.Message{
			Kind: "archive_answer", Title: "질문에 답변이 달렸습니다",
			Body: answeredAs(e) + subjectParticle(answeredAs(e)) + " 「" + e.Title + "」에 남긴 질문에 답했습니다.",
			Link: "/archive/" + e.ID.String(),
		}, r.AskedBy)
	})
	if err != nil {
		return Question{}, dberr.Fail(err)
	}
	return s.reload(ctx, p, questionID, e, pw)
}

// HideQuestion hides a question (and with it its answer) from the public view.
func (s *Service) HideQuestion(ctx context.Context, p account.Principal, questionID uuid.UUID, in HideInput) (Question, error) {
	return s.hide(ctx, p, questionID, in, false)
}

// HideAnswer hides the answer to a question from the public view.
func (s *Service) HideAnswer(ctx context.Context, p account.Principal, questionID uuid.UUID, in HideInput) (Question, error) {
	return s.hide(ctx, p, questionID, in, true)
}

func (s *Service) hide(ctx context.Context, p account.Principal, questionID uuid.UUID, in HideInput, answer bool) (Question, error) {
	in.Reason = strings.TrimSpace(in.Reason)
	if err := validation.Struct(in); err != nil {
		return Question{}, err
	}
	r, e, pw, err := s.question(ctx, p, questionID)
	if err != nil {
		return Question{}, err
	}
	if !pw.moderate {
		return Question{}, apperr.Forbidden()
	}
	if answer && r.AnswerBody == nil {
		return Question{}, apperr.NotFound()
	}
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		var n int64
		var err error
		action, subject := "question_hidden", "archive_question"
		if answer {
			action, subject = "answer_hidden", "archive_answer"
			n, err = q.HideArchiveAnswer(ctx, store.HideArchiveAnswerParams{QuestionID: questionID, HiddenBy: p.UserID, HiddenReason: in.Reason})
		} else {
			n, err = q.HideArchiveQuestion(ctx, store.HideArchiveQuestionParams{ID: questionID, HiddenBy: p.UserID, HiddenReason: in.Reason})
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.New(apperr.KindConflict, apperr.CodePostHidden)
		}
		return audit.Record(ctx, q, p.UserID, action, subject, questionID, map[string]any{
			"reason": in.Reason, "entry": e.ID, "agency": e.AgencyID, "askedBy": r.AskedBy,
		})
	})
	if err != nil {
		return Question{}, dberr.Fail(err)
	}
	return s.reload(ctx, p, questionID, e, pw)
}

// excerpt cuts text to n characters for a notification.
func excerpt(text string, n int) string {
	r := []rune(strings.Join(strings.Fields(text), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
