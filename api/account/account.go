// Package account is the domain of agencies (기관), users, roles, invitations and sessions.
package account

import (
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/apperr"
	"eutteum/api/authn"
	"eutteum/api/dberr"
	"eutteum/api/ratelimit"
	"eutteum/api/store"
)

// Role names, as in the glossary and openapi.yaml.
const (
	RoleAdmin     = "admin"
	RoleOrganizer = "organizer"
	RoleJudge     = "judge"
	RoleMember    = "member"
	// RoleCitizen signs in to score as a member of a stage's citizen panel (국민심사단).
	RoleCitizen = "citizen"
)

// Config holds the account rules an operator may tune.
type Config struct {
	OpenSignup       bool
	RefreshTTL       time.Duration
	InvitationTTL    time.Duration
	LoginWindow      time.Duration
	MaxEmailFailures int
	MaxIPFailures    int
}

// DefaultConfig is what a new installation runs with.
func DefaultConfig() Config {
	return Config{
		OpenSignup:       false,
		RefreshTTL:       14 * 24 * time.Hour,
		InvitationTTL:    7 * 24 * time.Hour,
		LoginWindow:      15 * time.Minute,
		MaxEmailFailures: 5,
		MaxIPFailures:    30,
	}
}

// Service runs the account use cases on PostgreSQL.
type Service struct {
	pool   *pgxpool.Pool
	q      *store.Queries
	tokens *authn.Tokens
	cfg    Config
	now    func() time.Time
	// Failed logins per account and per client address, shared by every server.
	limiter                          *ratelimit.Limiter
	loginPerAccount, loginPerAddress ratelimit.Rule
	// onAccepted run when an invitation is accepted (see OnInvitationAccepted).
	onAccepted []AcceptedHook
	onRevoked  []RevokedHook
}

// NewService returns a Service.
func NewService(pool *pgxpool.Pool, tokens *authn.Tokens, cfg Config) *Service {
	return &Service{
		pool: pool, q: store.New(pool), tokens: tokens, cfg: cfg, now: time.Now,
		limiter: ratelimit.New(pool),
		loginPerAccount: ratelimit.Window("login_failures_account", cfg.MaxEmailFailures, cfg.LoginWindow).
			RefusedWith(apperr.CodeTooManyLoginAttempts),
		loginPerAddress: ratelimit.Window("login_failures_address", cfg.MaxIPFailures, cfg.LoginWindow).
			RefusedWith(apperr.CodeTooManyLoginAttempts),
	}
}

// OpenSignup reports whether anyone may sign up without an invitation.
func (s *Service) OpenSignup() bool { return s.cfg.OpenSignup }

// AgencyRef names an agency.
type AgencyRef struct {
	ID   uuid.UUID
	Name string
}

// Agency is a government body (기관) in the agency tree.
type Agency struct {
	ID       uuid.UUID
	Name     string
	Level    string
	Region   string
	ParentID *uuid.UUID
}

// RoleGrant is one role of a user; AgencyID is set for organizers only.
type RoleGrant struct {
	Role     string     `json:"role" validate:"required,oneof=admin organizer judge member"`
	AgencyID *uuid.UUID `json:"agencyId"`
}

// User is an account with its agency and roles.
type User struct {
	ID          uuid.UUID
	Email       string
	DisplayName string
	Agency      AgencyRef
	Department  string
	Roles       []RoleGrant
	CreatedAt   time.Time
}

// Session is what a successful login, refresh or invitation acceptance returns.
type Session struct {
	AccessToken  string
	ExpiresIn    time.Duration
	RefreshToken string
	User         User
}

// Principal is the caller as its access token describes it.
type Principal struct {
	UserID uuid.UUID
	Roles  []string
}

// PrincipalFromClaims reads a principal from verified token claims.
func PrincipalFromClaims(c *authn.Claims) (Principal, error) {
	id, err := c.UserID()
	if err != nil {
		return Principal{}, apperr.Wrap(apperr.KindUnauthenticated, apperr.CodeTokenInvalid, err)
	}
	return Principal{UserID: id, Roles: c.Roles}, nil
}

// IsAdmin reports whether the principal is a system administrator.
func (p Principal) IsAdmin() bool { return p.has(RoleAdmin) }

// Has reports whether the principal holds a global role (admin, judge, member).
func (p Principal) has(role string) bool {
	for _, r := range p.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// OrganizerAgencies lists the agencies the principal organizes for.
func (p Principal) OrganizerAgencies() []uuid.UUID {
	var ids []uuid.UUID
	for _, r := range p.Roles {
		if rest, ok := strings.CutPrefix(r, RoleOrganizer+":"); ok {
			if id, err := uuid.Parse(rest); err == nil {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// tokenRoles encodes grants as token claims: "admin", "judge", "member", "organizer:<agency>".
func tokenRoles(grants []RoleGrant) []string {
	out := make([]string, 0, len(grants))
	for _, g := range grants {
		if g.Role == RoleOrganizer && g.AgencyID != nil {
			out = append(out, RoleOrganizer+":"+g.AgencyID.String())
			continue
		}
		out = append(out, g.Role)
	}
	return out
}

// normalizeEmail is the one form of an address that is stored and compared.
func normalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// fail turns an unexpected storage error into a public one.
func fail(err error) error { return dberr.Fail(err) }

// RefreshTTL is how long a refresh token stays valid.
func (s *Service) RefreshTTL() time.Duration { return s.cfg.RefreshTTL }
