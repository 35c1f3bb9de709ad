package account

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"eutteum/api/authn"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// signingKeyName names the generated JWT signing key in server_secrets.
const signingKeyName = "jwt_signing_key"

// SigningKey returns the configured key, or the key generated on first start and kept in
// the database, so every server instance and restart signs alike.
func SigningKey(ctx context.Context, q *store.Queries, configured []byte) ([]byte, error) {
	if len(configured) > 0 {
		if len(configured) < 32 {
			return nil, fmt.Errorf("the configured JWT signing key has %d bytes; use at least 32", len(configured))
		}
		return configured, nil
	}
	key, err := q.GetServerSecret(ctx, signingKeyName)
	if err == nil {
		return key, nil
	}
	if !store.IsNoRows(err) {
		return nil, err
	}
	fresh, err := authn.NewSigningKey()
	if err != nil {
		return nil, err
	}
	return q.InsertServerSecret(ctx, store.InsertServerSecretParams{Name: signingKeyName, Value: fresh})
}

// EnsureAgency returns the agency with the input's name, creating it when missing.
func (s *Service) EnsureAgency(ctx context.Context, in CreateAgencyInput) (Agency, error) {
	r, err := s.q.GetAgencyByName(ctx, in.Name)
	if err == nil {
		return agencyFromRow(r.ID, r.Name, r.Level, r.Region, r.ParentID), nil
	}
	if !store.IsNoRows(err) {
		return Agency{}, fail(err)
	}
	return s.createAgency(ctx, s.q, in)
}

// EnsureUserInput describes an account created by seeding or import.
type EnsureUserInput struct {
	Email       string      `json:"email" validate:"required,email,max=254"`
	DisplayName string      `json:"displayName" validate:"required,max=50"`
	AgencyID    uuid.UUID   `json:"agencyId" validate:"required"`
	Department  string      `json:"department" validate:"max=100"`
	Password    string      `json:"password" validate:"required,min=10,max=200"`
	Roles       []RoleGrant `json:"roles" validate:"dive"`
}

// EnsureUser creates the account unless one with the email exists; an existing account is
// left as it is. It reports whether it created one.
func (s *Service) EnsureUser(ctx context.Context, in EnsureUserInput) (bool, error) {
	if err := validation.Struct(in); err != nil {
		return false, err
	}
	if _, err := s.q.GetUserByEmail(ctx, normalizeEmail(in.Email)); err == nil {
		return false, nil
	} else if !store.IsNoRows(err) {
		return false, fail(err)
	}
	if err := s.checkGrants(ctx, in.Roles, "roles"); err != nil {
		return false, err
	}
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		_, err := s.createUser(ctx, q, newUser{
			Email: in.Email, DisplayName: in.DisplayName, AgencyID: in.AgencyID, Department: in.Department,
			Password: in.Password, Grants: in.Roles,
		}, "agencyId")
		return err
	})
	return err == nil, fail(err)
}

// PrincipalFor returns the principal of the account with the email, as its access token
// would describe it; seeding and import act as that person.
func (s *Service) PrincipalFor(ctx context.Context, email string) (Principal, error) {
	u, err := s.q.GetUserByEmail(ctx, normalizeEmail(email))
	if err != nil {
		return Principal{}, fail(err)
	}
	user, err := s.loadUser(ctx, s.q, u.ID)
	if err != nil {
		return Principal{}, err
	}
	return Principal{UserID: u.ID, Roles: tokenRoles(user.Roles)}, nil
}

// PrincipalForID returns the principal of a user by id.
func (s *Service) PrincipalForID(ctx context.Context, id uuid.UUID) (Principal, error) {
	user, err := s.loadUser(ctx, s.q, id)
	if err != nil {
		return Principal{}, err
	}
	return Principal{UserID: id, Roles: tokenRoles(user.Roles)}, nil
}

// Operator is the principal of someone running the command-line tools on the server: they
// already hold the keys to everything, so they act as an admin.
func Operator() Principal { return Principal{Roles: []string{RoleAdmin}} }
