package judging

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	auditlog "eutteum/api/audit"
	"eutteum/api/dberr"
	"eutteum/api/notify"
	"eutteum/api/paging"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Objection is a team's dispute of a published result (이의신청) and its answer.
type Objection struct {
	ID         uuid.UUID
	CaseID     uuid.UUID
	CaseTitle  string
	Text       string
	FiledBy    string
	FiledAt    time.Time
	Answer     string
	Upheld     *bool
	AnsweredBy string
	AnsweredAt *time.Time
}

// FileObjection records a team member's objection within the round's window after the
// results were published.
func (s *Service) FileObjection(ctx context.Context, p account.Principal, caseID uuid.UUID, text string) (Objection, error) {
	if err := validation.Struct(struct {
		Text string `json:"text" validate:"required,min=10,max=5000"`
	}{text}); err != nil {
		return Objection{}, err
	}
	c, err := s.q.GetCase(ctx, caseID)
	if store.IsNoRows(err) {
		return Objection{}, apperr.NotFound()
	}
	if err != nil {
		return Objection{}, dberr.Fail(err)
	}
	if _, err := s.q.GetTeamMember(ctx, store.GetTeamMemberParams{TeamID: c.TeamID, UserID: p.UserID}); store.IsNoRows(err) {
		return Objection{}, apperr.NotFound()
	} else if err != nil {
		return Objection{}, dberr.Fail(err)
	}
	_, closes, err := s.published(ctx, c.RoundID)
	if apperr.Is(err, apperr.CodeNotFound) {
		return Objection{}, apperr.New(apperr.KindConflict, apperr.CodeObjectionWindowClosed)
	}
	if err != nil {
		return Objection{}, err
	}
	if !s.now().Before(closes) {
		return Objection{}, apperr.New(apperr.KindConflict, apperr.CodeObjectionWindowClosed)
	}
	var row store.Objection
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		var err error
		if row, err = q.CreateObjection(ctx, store.CreateObjectionParams{RoundID: c.RoundID, CaseID: caseID, FiledBy: p.UserID, Text: strings.TrimSpace(text)}); err != nil {
			return err
		}
		return audit(ctx, q, p, "objection_filed", "case", caseID, map[string]any{"objection": row.ID})
	})
	if err != nil {
		return Objection{}, dberr.Fail(err)
	}
	return s.objection(ctx, c.RoundID, row.ID)
}

// Objections lists a round's objections: all of them to its organizers, the caller's
// teams' to team members.
func (s *Service) Objections(ctx context.Context, p account.Principal, roundID uuid.UUID) ([]Objection, error) {
	_, manageErr := s.rounds.Manageable(ctx, p, roundID)
	if manageErr != nil && !apperr.Is(manageErr, apperr.CodeForbidden) {
		return nil, manageErr
	}
	rows, err := s.q.ListObjections(ctx, roundID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	out := []Objection{}
	for _, r := range rows {
		if manageErr != nil {
			if _, err := s.q.GetTeamMember(ctx, store.GetTeamMemberParams{TeamID: r.TeamID, UserID: p.UserID}); err != nil {
				continue
			}
		}
		out = append(out, Objection{
			ID: r.ID, CaseID: r.CaseID, CaseTitle: r.CaseTitle, Text: r.Text, FiledBy: r.FilerName, FiledAt: r.FiledAt,
			Answer: deref(r.Answer), Upheld: r.Upheld, AnsweredBy: deref(r.AnswererName), AnsweredAt: r.AnsweredAt,
		})
	}
	return out, nil
}

// AnswerInput answers an objection.
type AnswerInput struct {
	Answer string `json:"answer" validate:"required,min=2,max=5000"`
	Upheld bool   `json:"upheld"`
}

// Answer records the organizer's answer and tells the filer.
func (s *Service) Answer(ctx context.Context, p account.Principal, objectionID uuid.UUID, in AnswerInput) (Objection, error) {
	if err := validation.Struct(in); err != nil {
		return Objection{}, err
	}
	var roundID uuid.UUID
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		o, err := q.LockObjection(ctx, objectionID)
		if store.IsNoRows(err) {
			return apperr.NotFound()
		}
		if err != nil {
			return err
		}
		roundID = o.RoundID
		if _, err := s.rounds.Manageable(ctx, p, o.RoundID); err != nil {
			return err
		}
		if o.AnsweredAt != nil {
			return apperr.New(apperr.KindConflict, apperr.CodeConflict)
		}
		if err := q.AnswerObjection(ctx, store.AnswerObjectionParams{ID: objectionID, Answer: &in.Answer, Upheld: &in.Upheld, AnsweredBy: uuid.NullUUID{UUID: p.UserID, Valid: true}}); err != nil {
			return err
		}
		if err := notify.Send(ctx, q, notify.Message{Kind: "objection_answered", Title: "이의신청에 답변이 등록되었습니다", Body: in.Answer, Link: "/cases/" + o.CaseID.String()}, o.FiledBy); err != nil {
			return err
		}
		return audit(ctx, q, p, "objection_answered", "case", o.CaseID, map[string]any{"objection": objectionID, "upheld": in.Upheld})
	})
	if err != nil {
		return Objection{}, dberr.Fail(err)
	}
	return s.objection(ctx, roundID, objectionID)
}

func (s *Service) objection(ctx context.Context, roundID, id uuid.UUID) (Objection, error) {
	rows, err := s.q.ListObjections(ctx, roundID)
	if err != nil {
		return Objection{}, dberr.Fail(err)
	}
	for _, r := range rows {
		if r.ID == id {
			return Objection{
				ID: r.ID, CaseID: r.CaseID, CaseTitle: r.CaseTitle, Text: r.Text, FiledBy: r.FilerName, FiledAt: r.FiledAt,
				Answer: deref(r.Answer), Upheld: r.Upheld, AnsweredBy: deref(r.AnswererName), AnsweredAt: r.AnsweredAt,
			}, nil
		}
	}
	return Objection{}, apperr.NotFound()
}

// Audit lists the judging events of a round for its organizers: stages opened and closed,
// judges, assignments, conflicts and refused access, overrides, publication, objections.
func (s *Service) Audit(ctx context.Context, p account.Principal, roundID uuid.UUID, page paging.Request) (paging.Page[auditlog.Event], error) {
	if _, err := s.rounds.Manageable(ctx, p, roundID); err != nil {
		return paging.Page[auditlog.Event]{}, err
	}
	before, err := page.AfterSerial("round-audit")
	if err != nil {
		return paging.Page[auditlog.Event]{}, err
	}
	rows, err := s.q.ListRoundAuditEvents(ctx, store.ListRoundAuditEventsParams{
		RoundID: uuid.NullUUID{UUID: roundID, Valid: true}, Before: before, MaxRows: paging.Fetch(page.Limit),
	})
	if err != nil {
		return paging.Page[auditlog.Event]{}, dberr.Fail(err)
	}
	return paging.Trim(auditlog.FromRows(rows), page.Limit, "round-audit", func(e auditlog.Event) any { return paging.SerialKey{ID: e.ID} }), nil
}
