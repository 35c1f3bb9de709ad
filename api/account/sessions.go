package account

import (
	"context"

	"github.com/google/uuid"

	"eutteum/api/apperr"
	"eutteum/api/audit"
	"eutteum/api/authn"
	"eutteum/api/ratelimit"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// LoginInput is a sign-in attempt.
type LoginInput struct {
	Email    string `json:"email" validate:"required,email,max=254"`
	Password string `json:"password" validate:"required,max=200"`
	ClientIP string `json:"-"`
}

// Login checks the credentials and opens a session. Failures are counted per account and
// per client address; past the limits the caller must wait. A wrong email and a wrong
// password answer alike, in about the same time.
func (s *Service) Login(ctx context.Context, in LoginInput) (Session, error) {
	if err := validation.Struct(in); err != nil {
		return Session{}, err
	}
	email := normalizeEmail(in.Email)
	addressHit, err := s.takeLoginAttempt(ctx, email, in.ClientIP)
	if err != nil {
		return Session{}, err
	}
	user, err := s.q.GetUserByEmail(ctx, email)
	if err != nil && !store.IsNoRows(err) {
		return Session{}, fail(err)
	}
	ok := false
	if err == nil {
		ok, err = authn.CheckPassword(user.PasswordHash, in.Password)
		if err != nil {
			return Session{}, apperr.Internal(err)
		}
	} else {
		authn.BurnPasswordCheck(in.Password)
	}
	if err := s.q.RecordLoginAttempt(ctx, store.RecordLoginAttemptParams{Email: email, ClientIp: in.ClientIP, Succeeded: ok}); err != nil {
		return Session{}, fail(err)
	}
	if !ok {
		if err := audit.Record(ctx, s.q, uuid.Nil, "login_failed", "user", user.ID, map[string]any{"email": email, "ip": in.ClientIP}); err != nil {
			return Session{}, fail(err)
		}
		return Session{}, apperr.New(apperr.KindUnauthenticated, apperr.CodeInvalidCredentials)
	}
	if err := audit.Record(ctx, s.q, user.ID, "login", "user", user.ID, map[string]any{"ip": in.ClientIP}); err != nil {
		return Session{}, fail(err)
	}
	// Only failures count: a success clears the account's and gives the address its
	// attempt back.
	if err := s.limiter.Reset(ctx, s.loginPerAccount, email); err != nil {
		return Session{}, err
	}
	if err := s.limiter.Return(ctx, addressHit); err != nil {
		return Session{}, err
	}
	return s.openSession(ctx, s.q, user.ID, uuid.New())
}

// takeLoginAttempt counts the attempt against the account's and the address's budgets of
// failures before the password is checked, so that concurrent guesses, on any number of
// servers, cannot all pass one check; a success gives the attempt back. Refused by the
// address, the account's hit is returned: a refused attempt is no failure.
func (s *Service) takeLoginAttempt(ctx context.Context, email, ip string) (ratelimit.Hit, error) {
	accountHit, err := s.limiter.Take(ctx, s.loginPerAccount, email)
	if err != nil {
		return ratelimit.Hit{}, err
	}
	addressHit, err := s.limiter.Take(ctx, s.loginPerAddress, ip)
	if err != nil {
		if rerr := s.limiter.Return(ctx, accountHit); rerr != nil {
			return ratelimit.Hit{}, rerr
		}
		return ratelimit.Hit{}, err
	}
	return addressHit, nil
}

// openSession issues an access token with the user's current roles and a refresh token in
// the given family.
func (s *Service) openSession(ctx context.Context, q *store.Queries, userID, family uuid.UUID) (Session, error) {
	user, err := s.loadUser(ctx, q, userID)
	if err != nil {
		return Session{}, err
	}
	refresh, hash, err := authn.NewOpaqueToken()
	if err != nil {
		return Session{}, apperr.Internal(err)
	}
	if err := q.CreateRefreshToken(ctx, store.CreateRefreshTokenParams{
		FamilyID: family, UserID: userID, TokenHash: hash, ExpiresAt: s.now().Add(s.cfg.RefreshTTL),
	}); err != nil {
		return Session{}, fail(err)
	}
	access, err := s.tokens.Issue(userID, tokenRoles(user.Roles))
	if err != nil {
		return Session{}, apperr.Internal(err)
	}
	return Session{AccessToken: access, ExpiresIn: s.tokens.TTL(), RefreshToken: refresh, User: user}, nil
}

var errRefreshInvalid = apperr.New(apperr.KindUnauthenticated, apperr.CodeRefreshTokenInvalid)

// Refresh exchanges a refresh token for a new session in the same family. A token that was
// already used means it was copied: the whole family is revoked and the caller must log in.
func (s *Service) Refresh(ctx context.Context, refreshToken string) (Session, error) {
	if refreshToken == "" {
		return Session{}, errRefreshInvalid
	}
	var (
		session Session
		reused  bool
	)
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		rt, err := q.LockRefreshTokenByHash(ctx, authn.HashOpaqueToken(refreshToken))
		if store.IsNoRows(err) {
			return errRefreshInvalid
		}
		if err != nil {
			return err
		}
		if rt.RevokedAt != nil || !rt.ExpiresAt.After(s.now()) {
			return errRefreshInvalid
		}
		if rt.UsedAt != nil {
			reused = true
			if err := audit.Record(ctx, q, rt.UserID, "refresh_token_reused", "user", rt.UserID, map[string]any{"family": rt.FamilyID}); err != nil {
				return err
			}
			return q.RevokeRefreshFamily(ctx, rt.FamilyID)
		}
		if err := q.MarkRefreshTokenUsed(ctx, rt.ID); err != nil {
			return err
		}
		session, err = s.openSession(ctx, q, rt.UserID, rt.FamilyID)
		return err
	})
	if err != nil {
		return Session{}, fail(err)
	}
	if reused {
		return Session{}, errRefreshInvalid
	}
	return session, nil
}

// Logout revokes the family of the given refresh token. Unknown tokens are ignored, so
// logging out twice is harmless.
func (s *Service) Logout(ctx context.Context, refreshToken string) error {
	if refreshToken == "" {
		return nil
	}
	rt, err := s.q.LockRefreshTokenByHash(ctx, authn.HashOpaqueToken(refreshToken))
	if store.IsNoRows(err) {
		return nil
	}
	if err != nil {
		return fail(err)
	}
	return fail(s.q.RevokeRefreshFamily(ctx, rt.FamilyID))
}

// SignUpInput is an open sign-up, allowed only when the installation enables it.
type SignUpInput struct {
	Email       string    `json:"email" validate:"required,email,max=254"`
	Password    string    `json:"password" validate:"required,min=10,max=200"`
	DisplayName string    `json:"displayName" validate:"required,max=50"`
	AgencyID    uuid.UUID `json:"agencyId" validate:"required"`
	Department  string    `json:"department" validate:"max=100"`
}

// SignUp creates a member account and opens a session.
func (s *Service) SignUp(ctx context.Context, in SignUpInput) (Session, error) {
	if !s.cfg.OpenSignup {
		return Session{}, apperr.New(apperr.KindForbidden, apperr.CodeSignupDisabled)
	}
	if err := validation.Struct(in); err != nil {
		return Session{}, err
	}
	var session Session
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		userID, err := s.createUser(ctx, q, newUser{
			Email: in.Email, DisplayName: in.DisplayName, AgencyID: in.AgencyID, Department: in.Department,
			Password: in.Password, Grants: []RoleGrant{{Role: RoleMember}},
		}, "agencyId")
		if err != nil {
			return err
		}
		session, err = s.openSession(ctx, q, userID, uuid.New())
		return err
	})
	return session, fail(err)
}

// ChangePasswordInput replaces the caller's password.
type ChangePasswordInput struct {
	CurrentPassword string `json:"currentPassword" validate:"required,max=200"`
	NewPassword     string `json:"newPassword" validate:"required,min=10,max=200"`
}

// ChangePassword checks the current password, stores the new one and ends every session
// of the user (their refresh tokens stop working).
func (s *Service) ChangePassword(ctx context.Context, p Principal, in ChangePasswordInput) error {
	if err := validation.Struct(in); err != nil {
		return err
	}
	user, err := s.q.GetUser(ctx, p.UserID)
	if store.IsNoRows(err) {
		return apperr.New(apperr.KindUnauthenticated, apperr.CodeTokenInvalid)
	}
	if err != nil {
		return fail(err)
	}
	ok, err := authn.CheckPassword(user.PasswordHash, in.CurrentPassword)
	if err != nil {
		return apperr.Internal(err)
	}
	if !ok {
		return apperr.Invalid(apperr.Field("currentPassword", "wrong_password"))
	}
	if in.NewPassword == in.CurrentPassword {
		return apperr.Invalid(apperr.Field("newPassword", "same_password"))
	}
	hash, err := authn.HashPassword(in.NewPassword)
	if err != nil {
		return apperr.Internal(err)
	}
	return fail(store.InTx(ctx, s.pool, func(q *store.Queries) error {
		if err := q.UpdateUserPassword(ctx, store.UpdateUserPasswordParams{ID: p.UserID, PasswordHash: hash}); err != nil {
			return err
		}
		if err := audit.Record(ctx, q, p.UserID, "password_changed", "user", p.UserID, nil); err != nil {
			return err
		}
		return q.RevokeUserRefreshTokens(ctx, p.UserID)
	}))
}
