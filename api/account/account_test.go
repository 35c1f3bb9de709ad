package account_test

import (
	"context"
	"testing"
	"time"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/authn"
	"eutteum/api/testdb"
)

const password = "a-long-enough-password"

func newAccounts(t *testing.T) (*account.Service, account.Agency) {
	t.Helper()
	pool := testdb.New(t)
	s := account.NewService(pool, authn.NewTokens([]byte("0123456789abcdef0123456789abcdef"), 15*time.Minute), account.DefaultConfig())
	a, err := s.EnsureAgency(context.Background(), account.CreateAgencyInput{Name: "부천시", Level: "basic", Region: "경기"})
	if err != nil {
		t.Fatal(err)
	}
	return s, a
}

// ensureUser makes an officer of agency with one role and returns them as signed in.
func ensureUser(t *testing.T, s *account.Service, agency account.Agency, email, role string) account.Principal {
	t.Helper()
	ctx := context.Background()
	if _, err := s.EnsureUser(ctx, account.EnsureUserInput{Email: email, DisplayName: "김주무관", AgencyID: agency.ID, Password: password,
		Roles: []account.RoleGrant{{Role: role}}}); err != nil {
		t.Fatal(err)
	}
	p, err := s.PrincipalFor(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// An invitation makes an account with the invited role once; the link then is spent.
func TestInvitationMakesOneAccount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, agency := newAccounts(t)
	admin := ensureUser(t, s, agency, "admin@bucheon.test", account.RoleAdmin)
	inv, err := s.CreateInvitation(ctx, admin, account.CreateInvitationInput{Email: "expert@univ.test", Role: account.RoleJudge, AgencyID: agency.ID, Department: "행정학과"})
	if err != nil {
		t.Fatal(err)
	}
	if inv.Token == "" || inv.Status != "pending" {
		t.Fatalf("invitation %+v", inv)
	}
	session, err := s.AcceptInvitation(ctx, inv.Token, account.AcceptInvitationInput{DisplayName: "김전문", Password: password})
	if err != nil {
		t.Fatal(err)
	}
	if session.AccessToken == "" || session.User.Email != "expert@univ.test" || len(session.User.Roles) != 1 || session.User.Roles[0].Role != account.RoleJudge {
		t.Fatalf("the account made: %+v", session.User)
	}
	if _, err := s.AcceptInvitation(ctx, inv.Token, account.AcceptInvitationInput{DisplayName: "다른 사람", Password: password}); !apperr.Is(err, apperr.CodeInvitationUsed) {
		t.Fatalf("the link used twice: %v", err)
	}
	if _, err := s.Login(ctx, account.LoginInput{Email: "EXPERT@univ.test", Password: password, ClientIP: "192.0.2.1"}); err != nil {
		t.Fatalf("login with the address in capitals: %v", err)
	}
}

// A refresh token works once; presented again, it ends its whole family, so a stolen
// copy and the session it was stolen from both stop working.
func TestRefreshTokenReuseEndsTheFamily(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, agency := newAccounts(t)
	ensureUser(t, s, agency, "member@bucheon.test", account.RoleMember)
	first, err := s.Login(ctx, account.LoginInput{Email: "member@bucheon.test", Password: password, ClientIP: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.Refresh(ctx, first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	if second.RefreshToken == first.RefreshToken {
		t.Fatal("a refresh handed back the same refresh token")
	}
	if _, err := s.Refresh(ctx, first.RefreshToken); !apperr.Is(err, apperr.CodeRefreshTokenInvalid) {
		t.Fatalf("the spent token again: %v", err)
	}
	if _, err := s.Refresh(ctx, second.RefreshToken); !apperr.Is(err, apperr.CodeRefreshTokenInvalid) {
		t.Fatalf("the family's newest token after a reuse: %v", err)
	}
}

// Wrong passwords lock the account for the window, the right one included, and a wrong
// address answers as a wrong password does.
func TestLoginFailuresLockTheAccount(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, agency := newAccounts(t)
	ensureUser(t, s, agency, "member@bucheon.test", account.RoleMember)
	if _, err := s.Login(ctx, account.LoginInput{Email: "nobody@bucheon.test", Password: password, ClientIP: "192.0.2.9"}); !apperr.Is(err, apperr.CodeInvalidCredentials) {
		t.Fatalf("an unknown address: %v", err)
	}
	for i := range account.DefaultConfig().MaxEmailFailures {
		if _, err := s.Login(ctx, account.LoginInput{Email: "member@bucheon.test", Password: "wrong-password-" + string(rune('a'+i)), ClientIP: "192.0.2.1"}); !apperr.Is(err, apperr.CodeInvalidCredentials) {
			t.Fatalf("wrong password %d: %v", i+1, err)
		}
	}
	_, err := s.Login(ctx, account.LoginInput{Email: "member@bucheon.test", Password: password, ClientIP: "192.0.2.2"})
	if e := apperr.As(err); e.Code != apperr.CodeTooManyLoginAttempts || e.RetryAfter <= 0 {
		t.Fatalf("the right password after the limit, from another address: %v (retry after %v)", err, e.RetryAfter)
	}
}
