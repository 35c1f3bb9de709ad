package team_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/authn"
	"eutteum/api/team"
	"eutteum/api/testdb"
)

// world is one agency with a few officers, on a database of its own.
type world struct {
	accounts *account.Service
	teams    *team.Service
	agency   uuid.UUID
}

func newWorld(t *testing.T) *world {
	t.Helper()
	pool := testdb.New(t)
	accounts := account.NewService(pool, authn.NewTokens([]byte("0123456789abcdef0123456789abcdef"), 15*time.Minute), account.DefaultConfig())
	a, err := accounts.EnsureAgency(context.Background(), account.CreateAgencyInput{Name: "부천시", Level: "basic", Region: "경기"})
	if err != nil {
		t.Fatal(err)
	}
	return &world{accounts: accounts, teams: team.NewService(pool, accounts), agency: a.ID}
}

func (w *world) officer(t *testing.T, email string) account.Principal {
	t.Helper()
	ctx := context.Background()
	if _, err := w.accounts.EnsureUser(ctx, account.EnsureUserInput{
		Email: email, DisplayName: email[:3], AgencyID: w.agency, Password: "a-long-enough-password",
		Roles: []account.RoleGrant{{Role: account.RoleMember}},
	}); err != nil {
		t.Fatal(err)
	}
	p, err := w.accounts.PrincipalFor(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTeamKeepsALeader(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	leader, other := w.officer(t, "lead@bucheon.test"), w.officer(t, "mate@bucheon.test")

	created, err := w.teams.Create(ctx, leader, team.Input{Name: "부천 MZ혁신발굴단", Kind: "mz_discovery_group"})
	if err != nil {
		t.Fatal(err)
	}
	if created.MyRole != team.RoleLeader || created.Agency.ID != w.agency || created.MemberCount != 1 {
		t.Fatalf("a new team: %+v", created)
	}
	// Alone, the leader can neither step down nor leave.
	if _, err := w.teams.SetRole(ctx, leader, created.ID, leader.UserID, team.RoleInput{Role: team.RoleMember}); !apperr.Is(err, apperr.CodeLastLeader) {
		t.Fatalf("the only leader steps down: %v", err)
	}
	if err := w.teams.Remove(ctx, leader, created.ID, leader.UserID); !apperr.Is(err, apperr.CodeLastLeader) {
		t.Fatalf("the only leader leaves: %v", err)
	}

	// With a second leader, the first may go.
	inv, err := w.teams.Invite(ctx, leader, created.ID, team.InviteInput{Email: " MATE@bucheon.test "})
	if err != nil {
		t.Fatal(err)
	}
	if inv.Email != "mate@bucheon.test" {
		t.Fatalf("invitation address %q, want it normalized", inv.Email)
	}
	if _, err := w.teams.Accept(ctx, other, inv.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.teams.Invite(ctx, leader, created.ID, team.InviteInput{Email: "mate@bucheon.test"}); !apperr.Is(err, apperr.CodeAlreadyMember) {
		t.Fatalf("inviting a member again: %v", err)
	}
	// A member may not make leaders, nor remove anyone but themselves.
	if _, err := w.teams.SetRole(ctx, other, created.ID, other.UserID, team.RoleInput{Role: team.RoleLeader}); !apperr.Is(err, apperr.CodeForbidden) {
		t.Fatalf("a member makes themselves leader: %v", err)
	}
	if err := w.teams.Remove(ctx, other, created.ID, leader.UserID); !apperr.Is(err, apperr.CodeForbidden) {
		t.Fatalf("a member removes the leader: %v", err)
	}
	if _, err := w.teams.SetRole(ctx, leader, created.ID, other.UserID, team.RoleInput{Role: team.RoleLeader}); err != nil {
		t.Fatal(err)
	}
	if err := w.teams.Remove(ctx, leader, created.ID, leader.UserID); err != nil {
		t.Fatalf("a leader leaves a team that keeps another: %v", err)
	}
	detail, err := w.teams.Get(ctx, other, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(detail.Members) != 1 || detail.Members[0].UserID != other.UserID || detail.Members[0].Role != team.RoleLeader {
		t.Fatalf("members after the first leader left: %+v", detail.Members)
	}
	if role, err := w.teams.MemberRole(ctx, leader.UserID, created.ID); err != nil || role != "" {
		t.Fatalf("the one who left still has role %q (%v)", role, err)
	}
}

func TestTeamInputIsChecked(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leader := w.officer(t, "lead@bucheon.test")
	_, err := w.teams.Create(context.Background(), leader, team.Input{Name: "", Kind: "book_club"})
	e := apperr.As(err)
	if e.Code != apperr.CodeValidationFailed {
		t.Fatalf("a team without a name of an unknown kind: %v", err)
	}
	fields := map[string]string{}
	for _, f := range e.Fields {
		fields[f.Field] = f.Rule
	}
	if fields["name"] != "required" || fields["kind"] != "enum" || len(fields) != 2 {
		t.Fatalf("field errors %v, want name required and kind enum at once", fields)
	}
}
