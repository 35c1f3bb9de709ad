// Package team is the domain of teams (혁신팀, MZ혁신발굴단, 정책동아리, 부서, 개인) and their
// members: who may submit cases together.
package team

import (
	"context"
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

// Member roles within a team.
const (
	RoleLeader = "leader"
	RoleMember = "member"
	// RoleNone is how an organizer looking in relates to a team.
	RoleNone = "none"
)

// Service runs the team use cases.
type Service struct {
	pool     *pgxpool.Pool
	q        *store.Queries
	accounts *account.Service
}

// NewService returns a Service.
func NewService(pool *pgxpool.Pool, accounts *account.Service) *Service {
	return &Service{pool: pool, q: store.New(pool), accounts: accounts}
}

// Team is a team as listed.
type Team struct {
	ID          uuid.UUID
	Name        string
	Kind        string
	Description string
	Agency      account.AgencyRef
	MemberCount int
	MyRole      string
	CreatedAt   time.Time
}

// Member is one person in a team.
type Member struct {
	UserID      uuid.UUID
	DisplayName string
	Email       string
	Department  string
	Role        string
	JoinedAt    time.Time
}

// Invitation asks someone to join a team.
type Invitation struct {
	ID        uuid.UUID
	Team      Ref
	Email     string
	InvitedBy string
	CreatedAt time.Time
}

// Ref names a team.
type Ref struct {
	ID     uuid.UUID
	Name   string
	Kind   string
	Agency account.AgencyRef
}

// Detail is a team with its members and pending invitations.
type Detail struct {
	Team
	Members     []Member
	Invitations []Invitation
}

// Input creates a team.
type Input struct {
	Name        string `json:"name" validate:"required,max=100"`
	Kind        string `json:"kind" validate:"required,oneof=innovation_team mz_discovery_group policy_club department individual"`
	Description string `json:"description" validate:"max=1000"`
}

// Create makes a team in the caller's agency with the caller as leader.
func (s *Service) Create(ctx context.Context, p account.Principal, in Input) (Team, error) {
	if err := validation.Struct(in); err != nil {
		return Team{}, err
	}
	in.Name = strings.TrimSpace(in.Name)
	user, err := s.q.GetUser(ctx, p.UserID)
	if err != nil {
		return Team{}, dberr.Fail(err)
	}
	var id uuid.UUID
	err = store.InTx(ctx, s.pool, func(q *store.Queries) error {
		t, err := q.CreateTeam(ctx, store.CreateTeamParams{
			AgencyID: user.AgencyID, Name: in.Name, Kind: store.TeamKind(in.Kind), Description: in.Description, CreatedBy: p.UserID,
		})
		if err != nil {
			return err
		}
		id = t.ID
		return q.AddTeamMember(ctx, store.AddTeamMemberParams{TeamID: t.ID, UserID: p.UserID, Role: store.TeamMemberRoleLeader})
	})
	if err != nil {
		return Team{}, dberr.Fail(err)
	}
	return s.get(ctx, id, RoleLeader)
}

// ListMine returns the caller's teams.
func (s *Service) ListMine(ctx context.Context, p account.Principal) ([]Team, error) {
	rows, err := s.q.ListTeamsOfUser(ctx, p.UserID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	out := make([]Team, len(rows))
	for i, r := range rows {
		out[i] = Team{
			ID: r.ID, Name: r.Name, Kind: string(r.Kind), Description: r.Description,
			Agency: account.AgencyRef{ID: r.AgencyID, Name: r.AgencyName}, MemberCount: int(r.MemberCount),
			MyRole: string(r.MyRole), CreatedAt: r.CreatedAt,
		}
	}
	return out, nil
}

// Get returns a team with members and invitations to its members, to organizers of its
// agency and to admins. Anyone else is told it does not exist.
func (s *Service) Get(ctx context.Context, p account.Principal, id uuid.UUID) (Detail, error) {
	role, err := s.access(ctx, p, id)
	if err != nil {
		return Detail{}, err
	}
	t, err := s.get(ctx, id, role)
	if err != nil {
		return Detail{}, err
	}
	members, err := s.q.ListTeamMembers(ctx, id)
	if err != nil {
		return Detail{}, dberr.Fail(err)
	}
	d := Detail{Team: t, Members: make([]Member, len(members)), Invitations: []Invitation{}}
	for i, m := range members {
		d.Members[i] = Member{UserID: m.UserID, DisplayName: m.DisplayName, Email: m.Email, Department: m.Department, Role: string(m.Role), JoinedAt: m.JoinedAt}
	}
	if role != RoleNone {
		invs, err := s.q.ListPendingTeamInvitationsForTeam(ctx, id)
		if err != nil {
			return Detail{}, dberr.Fail(err)
		}
		for _, inv := range invs {
			d.Invitations = append(d.Invitations, Invitation{ID: inv.ID, Team: t.Ref(), Email: inv.Email, InvitedBy: inv.InviterName, CreatedAt: inv.CreatedAt})
		}
	}
	return d, nil
}

// Ref returns the team's name card.
func (t Team) Ref() Ref { return Ref{ID: t.ID, Name: t.Name, Kind: t.Kind, Agency: t.Agency} }

// UpdateInput changes a team; nil fields stay.
type UpdateInput struct {
	Name        *string `json:"name" validate:"omitnil,min=1,max=100"`
	Description *string `json:"description" validate:"omitnil,max=1000"`
}

// Update changes the team's name or description (leaders only).
func (s *Service) Update(ctx context.Context, p account.Principal, id uuid.UUID, in UpdateInput) (Team, error) {
	if err := s.requireLeader(ctx, p, id); err != nil {
		return Team{}, err
	}
	if err := validation.Struct(in); err != nil {
		return Team{}, err
	}
	if _, err := s.q.UpdateTeam(ctx, store.UpdateTeamParams{ID: id, Name: in.Name, Description: in.Description}); err != nil {
		return Team{}, dberr.Fail(err)
	}
	return s.get(ctx, id, RoleLeader)
}

// InviteInput invites a person by email.
type InviteInput struct {
	Email string `json:"email" validate:"required,email,max=254"`
}

// Invite asks the owner of an email address to join (leaders only).
func (s *Service) Invite(ctx context.Context, p account.Principal, teamID uuid.UUID, in InviteInput) (Invitation, error) {
	if err := s.requireLeader(ctx, p, teamID); err != nil {
		return Invitation{}, err
	}
	// Addresses are compared in one form; a pasted one often carries spaces.
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	if err := validation.Struct(in); err != nil {
		return Invitation{}, err
	}
	email := in.Email
	if u, err := s.q.GetUserByEmail(ctx, email); err == nil {
		if _, err := s.q.GetTeamMember(ctx, store.GetTeamMemberParams{TeamID: teamID, UserID: u.ID}); err == nil {
			return Invitation{}, alreadyMember()
		} else if !store.IsNoRows(err) {
			return Invitation{}, dberr.Fail(err)
		}
	} else if !store.IsNoRows(err) {
		return Invitation{}, dberr.Fail(err)
	}
	row, err := s.q.CreateTeamInvitation(ctx, store.CreateTeamInvitationParams{TeamID: teamID, Email: email, InvitedBy: p.UserID})
	if store.IsUniqueViolation(err, "team_invitations_pending_key") {
		return Invitation{}, &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeConflict, Fields: []apperr.FieldError{apperr.Field("email", "already_invited")}}
	}
	if err != nil {
		return Invitation{}, dberr.Fail(err)
	}
	t, err := s.get(ctx, teamID, RoleLeader)
	if err != nil {
		return Invitation{}, err
	}
	inviter, err := s.q.GetUser(ctx, p.UserID)
	if err != nil {
		return Invitation{}, dberr.Fail(err)
	}
	return Invitation{ID: row.ID, Team: t.Ref(), Email: row.Email, InvitedBy: inviter.DisplayName, CreatedAt: row.CreatedAt}, nil
}

// MyInvitations lists pending invitations to the caller's address.
func (s *Service) MyInvitations(ctx context.Context, p account.Principal) ([]Invitation, error) {
	user, err := s.q.GetUser(ctx, p.UserID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	rows, err := s.q.ListPendingTeamInvitationsForEmail(ctx, user.Email)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	out := make([]Invitation, len(rows))
	for i, r := range rows {
		out[i] = Invitation{
			ID: r.ID, Email: r.Email, InvitedBy: r.InviterName, CreatedAt: r.CreatedAt,
			Team: Ref{ID: r.TeamID, Name: r.TeamName, Kind: string(r.TeamKind), Agency: account.AgencyRef{ID: r.AgencyID, Name: r.AgencyName}},
		}
	}
	return out, nil
}

// Accept joins the team of an invitation addressed to the caller.
func (s *Service) Accept(ctx context.Context, p account.Principal, invitationID uuid.UUID) (Team, error) {
	var teamID uuid.UUID
	err := s.answer(ctx, p, invitationID, func(q *store.Queries, inv store.TeamInvitation) error {
		teamID = inv.TeamID
		if _, err := q.GetTeamMember(ctx, store.GetTeamMemberParams{TeamID: inv.TeamID, UserID: p.UserID}); err == nil {
			return q.MarkTeamInvitationAccepted(ctx, inv.ID)
		} else if !store.IsNoRows(err) {
			return err
		}
		if err := q.AddTeamMember(ctx, store.AddTeamMemberParams{TeamID: inv.TeamID, UserID: p.UserID, Role: store.TeamMemberRoleMember}); err != nil {
			return err
		}
		return q.MarkTeamInvitationAccepted(ctx, inv.ID)
	})
	if err != nil {
		return Team{}, err
	}
	return s.get(ctx, teamID, RoleMember)
}

// Decline refuses an invitation addressed to the caller.
func (s *Service) Decline(ctx context.Context, p account.Principal, invitationID uuid.UUID) error {
	return s.answer(ctx, p, invitationID, func(q *store.Queries, inv store.TeamInvitation) error {
		return q.MarkTeamInvitationDeclined(ctx, inv.ID)
	})
}

func (s *Service) answer(ctx context.Context, p account.Principal, invitationID uuid.UUID, fn func(*store.Queries, store.TeamInvitation) error) error {
	user, err := s.q.GetUser(ctx, p.UserID)
	if err != nil {
		return dberr.Fail(err)
	}
	return dberr.Fail(store.InTx(ctx, s.pool, func(q *store.Queries) error {
		inv, err := q.LockTeamInvitation(ctx, invitationID)
		if store.IsNoRows(err) || (err == nil && inv.Email != user.Email) {
			return apperr.NotFound()
		}
		if err != nil {
			return err
		}
		if inv.AcceptedAt != nil {
			return apperr.New(apperr.KindGone, apperr.CodeInvitationUsed)
		}
		if inv.DeclinedAt != nil {
			return apperr.New(apperr.KindGone, apperr.CodeInvitationUsed)
		}
		if inv.CancelledAt != nil {
			return apperr.New(apperr.KindGone, apperr.CodeInvitationRevoked)
		}
		return fn(q, inv)
	}))
}

// CancelInvitation withdraws a pending invitation of the team (leaders only), so the
// invitee no longer sees it and cannot accept it.
func (s *Service) CancelInvitation(ctx context.Context, p account.Principal, teamID, invitationID uuid.UUID) error {
	if err := s.requireLeader(ctx, p, teamID); err != nil {
		return err
	}
	return dberr.Fail(store.InTx(ctx, s.pool, func(q *store.Queries) error {
		inv, err := q.LockTeamInvitation(ctx, invitationID)
		if store.IsNoRows(err) || (err == nil && inv.TeamID != teamID) {
			return apperr.NotFound()
		}
		if err != nil {
			return err
		}
		n, err := q.CancelTeamInvitation(ctx, store.CancelTeamInvitationParams{ID: invitationID, TeamID: teamID})
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.New(apperr.KindConflict, apperr.CodeInvitationNotPending)
		}
		return nil
	}))
}

// RoleInput changes a member's role.
type RoleInput struct {
	Role string `json:"role" validate:"required,oneof=leader member"`
}

// SetRole makes a member leader or member (leaders only). A team keeps one leader at least.
func (s *Service) SetRole(ctx context.Context, p account.Principal, teamID, userID uuid.UUID, in RoleInput) (Member, error) {
	if err := s.requireLeader(ctx, p, teamID); err != nil {
		return Member{}, err
	}
	if err := validation.Struct(in); err != nil {
		return Member{}, err
	}
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		leaders, err := q.LockTeamLeaders(ctx, teamID)
		if err != nil {
			return err
		}
		if in.Role == RoleMember && len(leaders) == 1 && leaders[0] == userID {
			return apperr.New(apperr.KindConflict, apperr.CodeLastLeader)
		}
		if _, err := q.SetTeamMemberRole(ctx, store.SetTeamMemberRoleParams{TeamID: teamID, UserID: userID, Role: store.TeamMemberRole(in.Role)}); err != nil {
			if store.IsNoRows(err) {
				return apperr.NotFound()
			}
			return err
		}
		return nil
	})
	if err != nil {
		return Member{}, dberr.Fail(err)
	}
	members, err := s.q.ListTeamMembers(ctx, teamID)
	if err != nil {
		return Member{}, dberr.Fail(err)
	}
	for _, m := range members {
		if m.UserID == userID {
			return Member{UserID: m.UserID, DisplayName: m.DisplayName, Email: m.Email, Department: m.Department, Role: string(m.Role), JoinedAt: m.JoinedAt}, nil
		}
	}
	return Member{}, apperr.NotFound()
}

// Remove takes a member out of the team: leaders remove anyone, members remove themselves.
// The last leader cannot go.
func (s *Service) Remove(ctx context.Context, p account.Principal, teamID, userID uuid.UUID) error {
	role, err := s.access(ctx, p, teamID)
	if err != nil {
		return err
	}
	if role != RoleLeader && p.UserID != userID {
		return apperr.Forbidden()
	}
	return dberr.Fail(store.InTx(ctx, s.pool, func(q *store.Queries) error {
		leaders, err := q.LockTeamLeaders(ctx, teamID)
		if err != nil {
			return err
		}
		if len(leaders) == 1 && leaders[0] == userID {
			return apperr.New(apperr.KindConflict, apperr.CodeLastLeader)
		}
		n, err := q.RemoveTeamMember(ctx, store.RemoveTeamMemberParams{TeamID: teamID, UserID: userID})
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.NotFound()
		}
		return nil
	}))
}

// MemberRole returns the caller's role in a team, or "" when not a member.
func (s *Service) MemberRole(ctx context.Context, userID, teamID uuid.UUID) (string, error) {
	m, err := s.q.GetTeamMember(ctx, store.GetTeamMemberParams{TeamID: teamID, UserID: userID})
	if store.IsNoRows(err) {
		return "", nil
	}
	if err != nil {
		return "", dberr.Fail(err)
	}
	return string(m.Role), nil
}

// access returns the caller's relation to the team, or not found when the caller may not
// see it at all.
func (s *Service) access(ctx context.Context, p account.Principal, teamID uuid.UUID) (string, error) {
	role, err := s.MemberRole(ctx, p.UserID, teamID)
	if err != nil || role != "" {
		return role, err
	}
	t, err := s.q.GetTeam(ctx, teamID)
	if store.IsNoRows(err) {
		return "", apperr.NotFound()
	}
	if err != nil {
		return "", dberr.Fail(err)
	}
	ok, err := s.accounts.InScope(ctx, p, t.AgencyID)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", apperr.NotFound()
	}
	return RoleNone, nil
}

func (s *Service) requireLeader(ctx context.Context, p account.Principal, teamID uuid.UUID) error {
	role, err := s.access(ctx, p, teamID)
	if err != nil {
		return err
	}
	if role != RoleLeader {
		return apperr.Forbidden()
	}
	return nil
}

func (s *Service) get(ctx context.Context, id uuid.UUID, myRole string) (Team, error) {
	r, err := s.q.GetTeam(ctx, id)
	if store.IsNoRows(err) {
		return Team{}, apperr.NotFound()
	}
	if err != nil {
		return Team{}, dberr.Fail(err)
	}
	return Team{
		ID: r.ID, Name: r.Name, Kind: string(r.Kind), Description: r.Description,
		Agency: account.AgencyRef{ID: r.AgencyID, Name: r.AgencyName}, MemberCount: int(r.MemberCount),
		MyRole: myRole, CreatedAt: r.CreatedAt,
	}, nil
}

func alreadyMember() error {
	return &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeAlreadyMember, Fields: []apperr.FieldError{apperr.Field("email", "already_member")}}
}

// FindByName returns the id of the agency's team with the name, if there is one.
func (s *Service) FindByName(ctx context.Context, agencyID uuid.UUID, name string) (uuid.UUID, bool, error) {
	t, err := s.q.GetTeamByName(ctx, store.GetTeamByNameParams{AgencyID: agencyID, Name: name})
	if store.IsNoRows(err) {
		return uuid.Nil, false, nil
	}
	return t.ID, err == nil, dberr.Fail(err)
}
