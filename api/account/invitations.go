package account

import (
	"context"
	"time"

	"github.com/google/uuid"

	"eutteum/api/apperr"
	"eutteum/api/audit"
	"eutteum/api/authn"
	"eutteum/api/paging"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Invitation statuses.
const (
	InvitationPending  = "pending"
	InvitationAccepted = "accepted"
	InvitationExpired  = "expired"
	InvitationRevoked  = "revoked"
)

// Invitation lets one person join with a role in an agency.
type Invitation struct {
	ID         uuid.UUID
	Email      string
	Role       string
	Agency     AgencyRef
	Department string
	Status     string
	InvitedBy  string
	ExpiresAt  time.Time
	CreatedAt  time.Time
	// Token is set only when the invitation is created; only its hash is stored.
	Token string
}

// InvitationPath is the web page that accepts an invitation.
func InvitationPath(token string) string { return "/invite/" + token }

// CreateInvitationInput invites someone.
type CreateInvitationInput struct {
	Email      string    `json:"email" validate:"required,email,max=254"`
	Role       string    `json:"role" validate:"required,oneof=admin organizer judge member citizen"`
	AgencyID   uuid.UUID `json:"agencyId" validate:"required"`
	Department string    `json:"department" validate:"max=100"`
}

// CreateInvitation invites a person. Admins may invite anyone with any role; organizers
// invite into their agencies and sub-agencies as organizer, judge or member.
func (s *Service) CreateInvitation(ctx context.Context, p Principal, in CreateInvitationInput) (Invitation, error) {
	if !p.IsAdmin() && len(p.OrganizerAgencies()) == 0 {
		return Invitation{}, apperr.Forbidden()
	}
	if err := validation.Struct(in); err != nil {
		return Invitation{}, err
	}
	agency, err := s.q.GetAgency(ctx, in.AgencyID)
	if store.IsNoRows(err) {
		return Invitation{}, apperr.Invalid(apperr.Field("agencyId", "not_found"))
	}
	if err != nil {
		return Invitation{}, fail(err)
	}
	ok, err := s.InScope(ctx, p, in.AgencyID)
	if err != nil {
		return Invitation{}, err
	}
	var fields []apperr.FieldError
	if !ok {
		fields = append(fields, apperr.Field("agencyId", "not_allowed"))
	}
	if in.Role == RoleAdmin && !p.IsAdmin() {
		fields = append(fields, apperr.Field("role", "not_allowed"))
	}
	if len(fields) > 0 {
		return Invitation{}, &apperr.Error{Kind: apperr.KindForbidden, Code: apperr.CodeForbidden, Fields: fields}
	}
	email := normalizeEmail(in.Email)
	if _, err := s.q.GetUserByEmail(ctx, email); err == nil {
		return Invitation{}, &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeEmailTaken, Fields: []apperr.FieldError{apperr.Field("email", "taken")}}
	} else if !store.IsNoRows(err) {
		return Invitation{}, fail(err)
	}
	token, hash, err := authn.NewOpaqueToken()
	if err != nil {
		return Invitation{}, apperr.Internal(err)
	}
	row, err := s.q.CreateInvitation(ctx, store.CreateInvitationParams{
		TokenHash: hash, Email: email, Role: store.Role(in.Role), AgencyID: in.AgencyID,
		Department: in.Department, InvitedBy: p.UserID, ExpiresAt: s.now().Add(s.cfg.InvitationTTL),
	})
	if err != nil {
		return Invitation{}, fail(err)
	}
	if err := audit.Record(ctx, s.q, p.UserID, "invitation_created", "invitation", row.ID, map[string]any{"email": email, "role": in.Role, "agency": in.AgencyID}); err != nil {
		return Invitation{}, fail(err)
	}
	inviter, err := s.q.GetUser(ctx, p.UserID)
	if err != nil {
		return Invitation{}, fail(err)
	}
	inv := s.invitation(row, agency.Name, inviter.DisplayName)
	inv.Token = token
	return inv, nil
}

// ListInvitations returns the invitations an admin or organizer may see, newest first.
func (s *Service) ListInvitations(ctx context.Context, p Principal, page paging.Request) (paging.Page[Invitation], error) {
	var scope []uuid.UUID
	switch {
	case p.IsAdmin():
	case len(p.OrganizerAgencies()) > 0:
		var err error
		if scope, err = s.q.AgencyAndDescendantIDs(ctx, p.OrganizerAgencies()); err != nil {
			return paging.Page[Invitation]{}, fail(err)
		}
	default:
		return paging.Page[Invitation]{}, apperr.Forbidden()
	}
	beforeAt, beforeID, err := page.AfterTime(listInvitations)
	if err != nil {
		return paging.Page[Invitation]{}, err
	}
	rows, err := s.q.ListInvitations(ctx, store.ListInvitationsParams{
		AgencyIds: scope, BeforeAt: beforeAt, BeforeID: beforeID, MaxRows: paging.Fetch(page.Limit),
	})
	if err != nil {
		return paging.Page[Invitation]{}, fail(err)
	}
	rowsPage := paging.Trim(rows, page.Limit, listInvitations, func(r store.ListInvitationsRow) any {
		return paging.TimeKey{At: r.CreatedAt, ID: r.ID}
	})
	return paging.Map(rowsPage, func(r store.ListInvitationsRow) Invitation {
		return s.invitation(store.Invitation{
			ID: r.ID, Email: r.Email, Role: r.Role, AgencyID: r.AgencyID, Department: r.Department,
			InvitedBy: r.InvitedBy, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt, AcceptedAt: r.AcceptedAt,
			RevokedAt: r.RevokedAt,
		}, r.AgencyName, r.InviterName)
	}), nil
}

// RevokeInvitation withdraws a pending (or expired, unused) invitation so that its link
// stops working. Who may see an invitation in the list may revoke it; an invitation outside
// an organizer's agencies answers not found, as if it did not exist.
func (s *Service) RevokeInvitation(ctx context.Context, p Principal, id uuid.UUID) error {
	if _, err := s.managedInvitation(ctx, p, id); err != nil {
		return err
	}
	return fail(store.InTx(ctx, s.pool, func(q *store.Queries) error {
		row, err := q.LockInvitation(ctx, id)
		if err != nil {
			return err
		}
		if err := invitationChangeable(s.invitation(row, "", "")); err != nil {
			return err
		}
		if err := q.MarkInvitationRevoked(ctx, id); err != nil {
			return err
		}
		for _, h := range s.onRevoked {
			if err := h(ctx, q, p.UserID, id); err != nil {
				return err
			}
		}
		return audit.Record(ctx, q, p.UserID, "invitation_revoked", "invitation", id, map[string]any{"email": row.Email, "role": row.Role, "agency": row.AgencyID})
	}))
}

// ResendInvitation issues a new link for an invitation that was not used or revoked and
// gives it a fresh validity period. The previous link stops working, so a link that went
// astray can be replaced without a second invitation.
func (s *Service) ResendInvitation(ctx context.Context, p Principal, id uuid.UUID) (Invitation, error) {
	current, err := s.managedInvitation(ctx, p, id)
	if err != nil {
		return Invitation{}, err
	}
	token, hash, err := authn.NewOpaqueToken()
	if err != nil {
		return Invitation{}, apperr.Internal(err)
	}
	var inv Invitation
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		row, err := q.LockInvitation(ctx, id)
		if err != nil {
			return err
		}
		if err := invitationChangeable(s.invitation(row, "", "")); err != nil {
			return err
		}
		row, err = q.RenewInvitation(ctx, store.RenewInvitationParams{ID: id, TokenHash: hash, ExpiresAt: s.now().Add(s.cfg.InvitationTTL)})
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, q, p.UserID, "invitation_resent", "invitation", id, map[string]any{"email": row.Email, "role": row.Role, "agency": row.AgencyID}); err != nil {
			return err
		}
		inv = s.invitation(row, current.Agency.Name, current.InvitedBy)
		return nil
	})
	if err != nil {
		return Invitation{}, fail(err)
	}
	inv.Token = token
	return inv, nil
}

// managedInvitation returns an invitation the caller may manage: admins any, organizers
// those to their agencies and sub-agencies.
func (s *Service) managedInvitation(ctx context.Context, p Principal, id uuid.UUID) (Invitation, error) {
	if !p.IsAdmin() && len(p.OrganizerAgencies()) == 0 {
		return Invitation{}, apperr.Forbidden()
	}
	r, err := s.q.GetInvitationByID(ctx, id)
	if store.IsNoRows(err) {
		return Invitation{}, apperr.NotFound()
	}
	if err != nil {
		return Invitation{}, fail(err)
	}
	ok, err := s.InScope(ctx, p, r.AgencyID)
	if err != nil {
		return Invitation{}, err
	}
	if !ok {
		return Invitation{}, apperr.NotFound()
	}
	return s.invitation(store.Invitation{
		ID: r.ID, Email: r.Email, Role: r.Role, AgencyID: r.AgencyID, Department: r.Department,
		InvitedBy: r.InvitedBy, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt, AcceptedAt: r.AcceptedAt,
		RevokedAt: r.RevokedAt,
	}, r.AgencyName, r.InviterName), nil
}

// invitationChangeable refuses to revoke or resend an invitation that was used or revoked;
// an expired one may still be revoked or given a new link.
func invitationChangeable(inv Invitation) error {
	if inv.Status == InvitationAccepted || inv.Status == InvitationRevoked {
		return apperr.New(apperr.KindConflict, apperr.CodeInvitationNotPending)
	}
	return nil
}

// GetInvitation shows what accepting an invitation grants. Accepted, revoked or expired
// invitations answer gone, so the page can say so.
func (s *Service) GetInvitation(ctx context.Context, token string) (Invitation, error) {
	r, err := s.q.GetInvitationByTokenHash(ctx, authn.HashOpaqueToken(token))
	if store.IsNoRows(err) {
		return Invitation{}, apperr.NotFound()
	}
	if err != nil {
		return Invitation{}, fail(err)
	}
	inv := s.invitation(store.Invitation{
		ID: r.ID, Email: r.Email, Role: r.Role, AgencyID: r.AgencyID, Department: r.Department,
		InvitedBy: r.InvitedBy, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt, AcceptedAt: r.AcceptedAt,
		RevokedAt: r.RevokedAt,
	}, r.AgencyName, r.InviterName)
	if err := invitationUsable(inv); err != nil {
		return Invitation{}, err
	}
	return inv, nil
}

// AcceptInvitationInput completes an invitation.
type AcceptInvitationInput struct {
	DisplayName string  `json:"displayName" validate:"required,max=50"`
	Password    string  `json:"password" validate:"required,min=10,max=200"`
	Department  *string `json:"department" validate:"omitnil,max=100"`
}

// AcceptInvitation creates the invited account with the invited role and opens a session.
// The invitation row is locked, so two acceptances of one link cannot both succeed.
func (s *Service) AcceptInvitation(ctx context.Context, token string, in AcceptInvitationInput) (Session, error) {
	if err := validation.Struct(in); err != nil {
		return Session{}, err
	}
	var session Session
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		row, err := q.LockInvitationByTokenHash(ctx, authn.HashOpaqueToken(token))
		if store.IsNoRows(err) {
			return apperr.NotFound()
		}
		if err != nil {
			return err
		}
		if err := invitationUsable(s.invitation(row, "", "")); err != nil {
			return err
		}
		department := row.Department
		if in.Department != nil {
			department = *in.Department
		}
		grant := RoleGrant{Role: string(row.Role)}
		if grant.Role == RoleOrganizer {
			agency := row.AgencyID
			grant.AgencyID = &agency
		}
		userID, err := s.createUser(ctx, q, newUser{
			Email: row.Email, DisplayName: in.DisplayName, AgencyID: row.AgencyID, Department: department,
			Password: in.Password, Grants: []RoleGrant{grant},
		}, "agencyId")
		if err != nil {
			return err
		}
		if err := q.MarkInvitationAccepted(ctx, store.MarkInvitationAcceptedParams{
			ID: row.ID, AcceptedUserID: uuid.NullUUID{UUID: userID, Valid: true},
		}); err != nil {
			return err
		}
		if err := audit.Record(ctx, q, userID, "invitation_accepted", "invitation", row.ID, map[string]any{"role": row.Role}); err != nil {
			return err
		}
		for _, h := range s.onAccepted {
			if err := h(ctx, q, row.ID, userID); err != nil {
				return err
			}
		}
		session, err = s.openSession(ctx, q, userID, uuid.New())
		return err
	})
	return session, fail(err)
}

// AcceptedHook runs inside the transaction that accepts an invitation, so what another
// part of the system attached to the invitation (a panel seat) is granted with the account
// or not at all.
type AcceptedHook func(ctx context.Context, q *store.Queries, invitationID, userID uuid.UUID) error

// OnInvitationAccepted adds a hook; call it while assembling the application.
func (s *Service) OnInvitationAccepted(h AcceptedHook) { s.onAccepted = append(s.onAccepted, h) }

// RevokedHook runs inside the transaction that revokes an invitation, so what another part
// of the system held for it (an unused panel seat) is released with it.
type RevokedHook func(ctx context.Context, q *store.Queries, by, invitationID uuid.UUID) error

// OnInvitationRevoked adds a hook; call it while assembling the application.
func (s *Service) OnInvitationRevoked(h RevokedHook) { s.onRevoked = append(s.onRevoked, h) }

func invitationUsable(inv Invitation) error {
	switch inv.Status {
	case InvitationAccepted:
		return apperr.New(apperr.KindGone, apperr.CodeInvitationUsed)
	case InvitationExpired:
		return apperr.New(apperr.KindGone, apperr.CodeInvitationExpired)
	case InvitationRevoked:
		return apperr.New(apperr.KindGone, apperr.CodeInvitationRevoked)
	}
	return nil
}

func (s *Service) invitation(r store.Invitation, agencyName, inviter string) Invitation {
	status := InvitationPending
	switch {
	case r.AcceptedAt != nil:
		status = InvitationAccepted
	case r.RevokedAt != nil:
		status = InvitationRevoked
	case !r.ExpiresAt.After(s.now()):
		status = InvitationExpired
	}
	return Invitation{
		ID: r.ID, Email: r.Email, Role: string(r.Role), Agency: AgencyRef{ID: r.AgencyID, Name: agencyName},
		Department: r.Department, Status: status, InvitedBy: inviter, ExpiresAt: r.ExpiresAt, CreatedAt: r.CreatedAt,
	}
}
