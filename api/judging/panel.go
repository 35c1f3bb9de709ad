package judging

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	auditlog "eutteum/api/audit"
	"eutteum/api/dberr"
	"eutteum/api/mail"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Judge kinds: the organizer's judges are internal or external; citizens invited to a
// stage's panel (국민심사단) score with the panel's rubric and count in the panel's share.
const (
	JudgeKindInternal = "internal"
	JudgeKindExternal = "external"
	JudgeKindCitizen  = "citizen"
)

// DefaultPanelCriteria is the panel's rubric unless the organizer sets another: what a
// citizen can judge from the case itself, on a five-point scale.
func DefaultPanelCriteria() []Criterion {
	scale := Scale{Kind: "points", Min: 1, Max: 5, Step: 1}
	return []Criterion{
		{ID: uuid.New(), Name: "국민 체감도", Description: "시민의 삶에서 실제로 나아진 점이 느껴지는가", Weight: 50, Scale: scale, Guidance: []Guidance{}},
		{ID: uuid.New(), Name: "공감·필요성", Description: "우리 동네에도 필요하다고 공감하는가", Weight: 30, Scale: scale, Guidance: []Guidance{}},
		{ID: uuid.New(), Name: "확산 가능성", Description: "다른 지역에서도 쉽게 따라 할 수 있는가", Weight: 20, Scale: scale, Guidance: []Guidance{}},
	}
}

// SetMailer lets the service e-mail panel invitations; publicURL is the web app's address
// for the links in them.
func (s *Service) SetMailer(m mail.Sender, publicURL string) {
	s.mailer, s.publicURL = m, strings.TrimRight(publicURL, "/")
}

// Panel is a stage's citizen panel.
type Panel struct {
	StageID  uuid.UUID
	Share    float64
	Criteria []Criterion
	Members  []PanelMember
}

// PanelMember is an invited citizen.
type PanelMember struct {
	Email       string
	DisplayName string
	Joined      bool
	Assigned    int
	Submitted   int
	// InviteToken is set only in the answer to an invitation of someone without an account,
	// for the organizer to pass on when mail does not arrive.
	InviteToken string
}

// PanelInput sets the panel's share of the stage score and, before the stage opens, its
// rubric.
type PanelInput struct {
	Share    float64     `json:"share" validate:"min=0,max=100"`
	Criteria []Criterion `json:"criteria" validate:"omitempty,max=12,dive"`
}

// Panel returns the stage's panel for its organizer.
func (s *Service) Panel(ctx context.Context, p account.Principal, stageID uuid.UUID) (Panel, error) {
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Panel{}, err
	}
	return s.panel(ctx, st)
}

func (s *Service) panel(ctx context.Context, st Stage) (Panel, error) {
	rows, err := s.q.ListPanelMembers(ctx, st.ID)
	if err != nil {
		return Panel{}, dberr.Fail(err)
	}
	out := Panel{StageID: st.ID, Share: st.PanelShare, Criteria: st.PanelCriteria, Members: make([]PanelMember, len(rows))}
	if out.Criteria == nil {
		out.Criteria = []Criterion{}
	}
	for i, r := range rows {
		out.Members[i] = PanelMember{Email: r.Email, DisplayName: r.DisplayName, Joined: r.UserID.Valid, Assigned: int(r.Assigned), Submitted: int(r.Submitted)}
	}
	return out, nil
}

// ConfigurePanel sets the panel's share and rubric. The rubric is fixed once the stage
// opens, like the judges'; the share may change until the stage closes. With the public
// vote's share it may not pass 100.
func (s *Service) ConfigurePanel(ctx context.Context, p account.Principal, stageID uuid.UUID, in PanelInput) (Panel, error) {
	r := validation.NewReport()
	if err := r.Struct(in, ""); err != nil {
		return Panel{}, err
	}
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Panel{}, err
	}
	if st.Status == StatusClosed {
		return Panel{}, apperr.New(apperr.KindConflict, apperr.CodeStageClosed)
	}
	if in.Criteria != nil && st.Status != StatusSetup {
		return Panel{}, apperr.New(apperr.KindConflict, apperr.CodeJudgingFrozen)
	}
	if r.Readable("share") && in.Share+st.VoteShare > 100 {
		r.Add(apperr.Field("share", "shares_over_100", "max", 100-st.VoteShare))
	}
	criteria := st.PanelCriteria
	if in.Criteria != nil {
		if err := checkCriteria(in.Criteria, "criteria", r); err != nil {
			return Panel{}, err
		}
		criteria = in.Criteria
	}
	if err := rubricError(r); err != nil {
		return Panel{}, err
	}
	if len(criteria) == 0 {
		criteria = DefaultPanelCriteria()
	}
	raw, _ := json.Marshal(criteria)
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		if err := q.SetStagePanel(ctx, store.SetStagePanelParams{ID: stageID, PanelShare: in.Share, PanelCriteria: raw}); err != nil {
			return err
		}
		return audit(ctx, q, p, "panel_configured", "stage", stageID, map[string]any{"share": in.Share, "criteria": len(criteria)})
	})
	if err != nil {
		return Panel{}, dberr.Fail(err)
	}
	return s.Panel(ctx, p, stageID)
}

// InvitePanelMember seats a citizen on the stage's panel. Someone with an account joins at
// once; anyone else is invited by e-mail to make a citizen account and joins on accepting.
// A member of an open stage is assigned every case, except their own team's.
func (s *Service) InvitePanelMember(ctx context.Context, p account.Principal, stageID uuid.UUID, email string) (PanelMember, error) {
	if err := validation.Struct(struct {
		Email string `json:"email" validate:"required,email,max=254"`
	}{email}); err != nil {
		return PanelMember{}, err
	}
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return PanelMember{}, err
	}
	if st.Status == StatusClosed {
		return PanelMember{}, apperr.New(apperr.KindConflict, apperr.CodeStageClosed)
	}
	if len(st.PanelCriteria) == 0 {
		// A panel needs a rubric before anyone can score: the default one, with no share yet.
		if _, err := s.ConfigurePanel(ctx, p, stageID, PanelInput{Share: st.PanelShare}); err != nil {
			return PanelMember{}, err
		}
	}
	email = strings.ToLower(strings.TrimSpace(email))
	r, err := s.q.GetRound(ctx, st.RoundID)
	if err != nil {
		return PanelMember{}, dberr.Fail(err)
	}
	member := PanelMember{Email: email}
	existing, err := s.accounts.PrincipalFor(ctx, email)
	switch {
	case err == nil:
		err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
			n, err := q.InsertPanelMember(ctx, store.InsertPanelMemberParams{StageID: stageID, Email: email, UserID: uuid.NullUUID{UUID: existing.UserID, Valid: true}, InvitedBy: p.UserID})
			if err != nil {
				return err
			}
			if n == 0 {
				return apperr.Invalid(apperr.Field("email", "already_invited"))
			}
			if err := seatPanelMember(ctx, q, st, existing.UserID); err != nil {
				return err
			}
			return audit(ctx, q, p, "panel_member_added", "stage", stageID, map[string]any{"user": existing.UserID})
		})
		if err != nil {
			return PanelMember{}, dberr.Fail(err)
		}
		member.Joined = true
		s.sendPanelMail(ctx, email, r.Title, st.Name, "")
	case store.IsNoRows(err) || apperr.Is(err, apperr.CodeNotFound):
		inv, err := s.accounts.CreateInvitation(ctx, p, account.CreateInvitationInput{Email: email, Role: account.RoleCitizen, AgencyID: r.HostAgencyID, Department: "국민심사단"})
		if err != nil {
			return PanelMember{}, err
		}
		n, err := s.q.InsertPanelMember(ctx, store.InsertPanelMemberParams{StageID: stageID, Email: email, InvitationID: uuid.NullUUID{UUID: inv.ID, Valid: true}, InvitedBy: p.UserID})
		if err != nil {
			return PanelMember{}, dberr.Fail(err)
		}
		if n == 0 {
			return PanelMember{}, apperr.Invalid(apperr.Field("email", "already_invited"))
		}
		member.InviteToken = inv.Token
		s.sendPanelMail(ctx, email, r.Title, st.Name, inv.Token)
	default:
		return PanelMember{}, err
	}
	return member, nil
}

// sendPanelMail tells the citizen; a failed mail is logged by the mailer's caller, not an
// error, because the organizer also has the invitation link.
func (s *Service) sendPanelMail(ctx context.Context, email, roundTitle, stageName, token string) {
	if s.mailer == nil {
		return
	}
	body := fmt.Sprintf("「%s」 %s의 국민심사단으로 위촉되었습니다.\n\n", roundTitle, stageName)
	if token != "" {
		body += fmt.Sprintf("아래 주소에서 계정을 만들면 심사에 참여할 수 있습니다.\n%s/invite/%s\n", s.publicURL, token)
	} else {
		body += fmt.Sprintf("로그인한 뒤 심사 화면에서 사례를 평가해 주세요.\n%s/judging\n", s.publicURL)
	}
	_ = s.mailer.Send(ctx, mail.Message{To: email, Subject: "[으뜸] 국민심사단 위촉 안내", Body: body})
}

// seatPanelMember puts a citizen on the stage and, when it is open, gives them its cases.
func seatPanelMember(ctx context.Context, q *store.Queries, st Stage, userID uuid.UUID) error {
	if err := q.AddStageJudge(ctx, store.AddStageJudgeParams{StageID: st.ID, UserID: userID, Kind: JudgeKindCitizen}); err != nil {
		return err
	}
	if st.Status != StatusOpen {
		return nil
	}
	_, err := q.AssignStageCasesTo(ctx, store.AssignStageCasesToParams{StageID: st.ID, JudgeID: userID})
	return err
}

// PanelInvitationAccepted seats a citizen who accepted a panel invitation on every stage it
// was for (an account.AcceptedHook).
func (s *Service) PanelInvitationAccepted(ctx context.Context, q *store.Queries, invitationID, userID uuid.UUID) error {
	stages, err := q.PanelSeatsOfInvitation(ctx, uuid.NullUUID{UUID: invitationID, Valid: true})
	if err != nil {
		return err
	}
	for _, stageID := range stages {
		st, err := s.stage(ctx, stageID)
		if err != nil {
			return err
		}
		if err := seatPanelMember(ctx, q, st, userID); err != nil {
			return err
		}
	}
	return q.SetPanelMemberUser(ctx, store.SetPanelMemberUserParams{UserID: uuid.NullUUID{UUID: userID, Valid: true}, InvitationID: uuid.NullUUID{UUID: invitationID, Valid: true}})
}

// WithdrawPanelMember takes a citizen off the stage's panel and frees the seat, so the
// address can be invited again. A member who joined leaves the stage: their assignments go
// and their sheets, kept on record, no longer count in the panel score. An invitation not
// yet accepted is revoked, so its link seats nobody. Once the stage has closed its scores
// stand and the panel stays (409 stage_closed).
func (s *Service) WithdrawPanelMember(ctx context.Context, p account.Principal, stageID uuid.UUID, email string) (Panel, error) {
	if err := validation.Struct(struct {
		Email string `json:"email" validate:"required,email,max=254"`
	}{email}); err != nil {
		return Panel{}, err
	}
	st, err := s.manageableStage(ctx, p, stageID)
	if err != nil {
		return Panel{}, err
	}
	if err := s.RefuseAfterPublication(ctx, st.RoundID); err != nil {
		return Panel{}, err
	}
	if st.Status == StatusClosed {
		return Panel{}, apperr.New(apperr.KindConflict, apperr.CodeStageClosed)
	}
	email = strings.ToLower(strings.TrimSpace(email))
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		seat, err := q.LockPanelMember(ctx, store.LockPanelMemberParams{StageID: stageID, Email: email})
		if store.IsNoRows(err) {
			return apperr.NotFound()
		}
		if err != nil {
			return err
		}
		details := map[string]any{"email": email}
		if seat.UserID.Valid {
			if _, err := q.WithdrawStageJudge(ctx, store.WithdrawStageJudgeParams{StageID: stageID, UserID: seat.UserID.UUID}); err != nil {
				return err
			}
			cases, err := q.DeleteJudgeAssignments(ctx, store.DeleteJudgeAssignmentsParams{StageID: stageID, JudgeID: seat.UserID.UUID})
			if err != nil {
				return err
			}
			details["user"], details["cases"] = seat.UserID.UUID, len(cases)
		} else if seat.InvitationID.Valid {
			inv, err := q.LockInvitation(ctx, seat.InvitationID.UUID)
			if err != nil {
				return err
			}
			if inv.AcceptedAt == nil && inv.RevokedAt == nil {
				if err := q.MarkInvitationRevoked(ctx, inv.ID); err != nil {
					return err
				}
				details["invitationRevoked"] = inv.ID
			}
		}
		if err := q.DeletePanelMember(ctx, store.DeletePanelMemberParams{StageID: stageID, Email: email}); err != nil {
			return err
		}
		return audit(ctx, q, p, "panel_member_withdrawn", "stage", stageID, details)
	})
	if err != nil {
		return Panel{}, dberr.Fail(err)
	}
	return s.panel(ctx, st)
}

// PanelInvitationRevoked frees the seats a revoked invitation held and nobody took (an
// account.RevokedHook), so the address can be invited to the panel again.
func (s *Service) PanelInvitationRevoked(ctx context.Context, q *store.Queries, by, invitationID uuid.UUID) error {
	stages, err := q.DeleteUnusedPanelSeatsOfInvitation(ctx, uuid.NullUUID{UUID: invitationID, Valid: true})
	if err != nil {
		return err
	}
	for _, stageID := range stages {
		if err := auditlog.Record(ctx, q, by, "panel_seat_freed", "stage", stageID, map[string]any{"invitation": invitationID}); err != nil {
			return err
		}
	}
	return nil
}
