package account

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"eutteum/api/apperr"
	"eutteum/api/audit"
	"eutteum/api/authn"
	"eutteum/api/paging"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Me returns the caller's account.
func (s *Service) Me(ctx context.Context, p Principal) (User, error) {
	return s.loadUser(ctx, s.q, p.UserID)
}

// UpdateMeInput changes the caller's profile; nil fields stay as they are.
type UpdateMeInput struct {
	DisplayName *string `json:"displayName" validate:"omitnil,min=1,max=50"`
	Department  *string `json:"department" validate:"omitnil,max=100"`
}

// UpdateMe changes the caller's display name or department.
func (s *Service) UpdateMe(ctx context.Context, p Principal, in UpdateMeInput) (User, error) {
	if err := validation.Struct(in); err != nil {
		return User{}, err
	}
	if _, err := s.q.UpdateUserProfile(ctx, store.UpdateUserProfileParams{
		ID: p.UserID, DisplayName: in.DisplayName, Department: in.Department,
	}); err != nil {
		if store.IsNoRows(err) {
			return User{}, apperr.New(apperr.KindUnauthenticated, apperr.CodeTokenInvalid)
		}
		return User{}, fail(err)
	}
	return s.Me(ctx, p)
}

// ListUsers returns a page of users, oldest first: every user to an admin, and the users of
// the agencies an organizer organizes for (with their sub-agencies) to an organizer.
func (s *Service) ListUsers(ctx context.Context, p Principal, page paging.Request) (paging.Page[User], error) {
	if !p.IsAdmin() && len(p.OrganizerAgencies()) == 0 {
		return paging.Page[User]{}, apperr.Forbidden()
	}
	afterAt, afterID, err := page.AfterTime(listUsers)
	if err != nil {
		return paging.Page[User]{}, err
	}
	var rows []store.User
	switch {
	case p.IsAdmin():
		rows, err = s.q.ListUsers(ctx, store.ListUsersParams{AfterAt: afterAt, AfterID: afterID, MaxRows: paging.Fetch(page.Limit)})
	case len(p.OrganizerAgencies()) > 0:
		var scope []uuid.UUID
		scope, err = s.q.AgencyAndDescendantIDs(ctx, p.OrganizerAgencies())
		if err == nil {
			rows, err = s.q.ListUsersInAgencies(ctx, store.ListUsersInAgenciesParams{
				AgencyIds: scope, AfterAt: afterAt, AfterID: afterID, MaxRows: paging.Fetch(page.Limit),
			})
		}
	}
	if err != nil {
		return paging.Page[User]{}, fail(err)
	}
	rowsPage := paging.Trim(rows, page.Limit, listUsers, func(u store.User) any { return paging.TimeKey{At: u.CreatedAt, ID: u.ID} })
	users, err := s.usersWithRoles(ctx, s.q, rowsPage.Items)
	if err != nil {
		return paging.Page[User]{}, err
	}
	return paging.Page[User]{Items: users, Next: rowsPage.Next}, nil
}

// The names of the account lists in their cursors.
const (
	listUsers       = "users"
	listInvitations = "invitations"
	listAudit       = "audit"
)

// SetRolesInput replaces a user's roles.
type SetRolesInput struct {
	Roles []RoleGrant `json:"roles" validate:"max=20,dive"`
}

// SetRoles replaces the roles of a user (admins only). The user's tokens carry the new
// roles from their next refresh.
func (s *Service) SetRoles(ctx context.Context, p Principal, userID uuid.UUID, in SetRolesInput) (User, error) {
	if !p.IsAdmin() {
		return User{}, apperr.Forbidden()
	}
	if err := validation.Struct(in); err != nil {
		return User{}, err
	}
	if err := s.checkGrants(ctx, in.Roles, "roles"); err != nil {
		return User{}, err
	}
	err := store.InTx(ctx, s.pool, func(q *store.Queries) error {
		if _, err := q.GetUser(ctx, userID); err != nil {
			if store.IsNoRows(err) {
				return apperr.NotFound()
			}
			return err
		}
		if err := q.DeleteRoleGrants(ctx, userID); err != nil {
			return err
		}
		if err := audit.Record(ctx, q, p.UserID, "roles_changed", "user", userID, map[string]any{"roles": tokenRoles(in.Roles)}); err != nil {
			return err
		}
		return addGrants(ctx, q, userID, in.Roles)
	})
	if err != nil {
		return User{}, fail(err)
	}
	return s.loadUser(ctx, s.q, userID)
}

// checkGrants enforces that organizers name an existing agency and other roles name none.
func (s *Service) checkGrants(ctx context.Context, grants []RoleGrant, field string) error {
	var fields []apperr.FieldError
	for i, g := range grants {
		name := field + "[" + itoa(i) + "].agencyId"
		switch {
		case g.Role == RoleOrganizer && g.AgencyID == nil:
			fields = append(fields, apperr.Field(name, "required"))
		case g.Role != RoleOrganizer && g.AgencyID != nil:
			fields = append(fields, apperr.Field(name, "not_allowed"))
		case g.AgencyID != nil:
			if _, err := s.q.GetAgency(ctx, *g.AgencyID); store.IsNoRows(err) {
				fields = append(fields, apperr.Field(name, "not_found"))
			} else if err != nil {
				return fail(err)
			}
		}
	}
	if len(fields) > 0 {
		return apperr.Invalid(fields...)
	}
	return nil
}

func addGrants(ctx context.Context, q *store.Queries, userID uuid.UUID, grants []RoleGrant) error {
	for _, g := range grants {
		agency := uuid.NullUUID{}
		if g.AgencyID != nil {
			agency = uuid.NullUUID{UUID: *g.AgencyID, Valid: true}
		}
		if err := q.AddRoleGrant(ctx, store.AddRoleGrantParams{UserID: userID, Role: store.Role(g.Role), AgencyID: agency}); err != nil {
			return err
		}
	}
	return nil
}

type newUser struct {
	Email, DisplayName, Department, Password string
	AgencyID                                 uuid.UUID
	Grants                                   []RoleGrant
}

// createUser inserts a user with hashed password and grants. agencyField names the input
// field blamed when the agency does not exist.
func (s *Service) createUser(ctx context.Context, q *store.Queries, u newUser, agencyField string) (uuid.UUID, error) {
	hash, err := authn.HashPassword(u.Password)
	if err != nil {
		return uuid.Nil, apperr.Internal(err)
	}
	row, err := q.CreateUser(ctx, store.CreateUserParams{
		Email: normalizeEmail(u.Email), DisplayName: u.DisplayName, AgencyID: u.AgencyID,
		Department: u.Department, PasswordHash: hash,
	})
	switch {
	case store.IsUniqueViolation(err, "users_email_key"):
		return uuid.Nil, &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeEmailTaken, Fields: []apperr.FieldError{apperr.Field("email", "taken")}}
	case store.IsForeignKeyViolation(err, "users_agency_id_fkey"):
		return uuid.Nil, apperr.Invalid(apperr.Field(agencyField, "not_found"))
	case err != nil:
		return uuid.Nil, err
	}
	return row.ID, addGrants(ctx, q, row.ID, u.Grants)
}

func (s *Service) loadUser(ctx context.Context, q *store.Queries, id uuid.UUID) (User, error) {
	row, err := q.GetUser(ctx, id)
	if store.IsNoRows(err) {
		return User{}, apperr.New(apperr.KindUnauthenticated, apperr.CodeTokenInvalid)
	}
	if err != nil {
		return User{}, fail(err)
	}
	users, err := s.usersWithRoles(ctx, q, []store.User{row})
	if err != nil {
		return User{}, err
	}
	return users[0], nil
}

// usersWithRoles attaches agencies and role grants to user rows in two queries.
func (s *Service) usersWithRoles(ctx context.Context, q *store.Queries, rows []store.User) ([]User, error) {
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	grants, err := q.ListRoleGrantsForUsers(ctx, ids)
	if err != nil {
		return nil, fail(err)
	}
	byUser := map[uuid.UUID][]RoleGrant{}
	for _, g := range grants {
		rg := RoleGrant{Role: string(g.Role)}
		if g.AgencyID.Valid {
			id := g.AgencyID.UUID
			rg.AgencyID = &id
		}
		byUser[g.UserID] = append(byUser[g.UserID], rg)
	}
	agencies, err := s.agencyNames(ctx, q)
	if err != nil {
		return nil, err
	}
	users := make([]User, len(rows))
	for i, r := range rows {
		roles := byUser[r.ID]
		if roles == nil {
			roles = []RoleGrant{}
		}
		users[i] = User{
			ID: r.ID, Email: r.Email, DisplayName: r.DisplayName, Department: r.Department,
			Agency: AgencyRef{ID: r.AgencyID, Name: agencies[r.AgencyID]}, Roles: roles, CreatedAt: r.CreatedAt,
		}
	}
	return users, nil
}

func (s *Service) agencyNames(ctx context.Context, q *store.Queries) (map[uuid.UUID]string, error) {
	rows, err := q.ListAgencies(ctx)
	if err != nil {
		return nil, fail(err)
	}
	names := make(map[uuid.UUID]string, len(rows))
	for _, a := range rows {
		names[a.ID] = a.Name
	}
	return names, nil
}

// InScope reports whether the principal may administer agency: admins anywhere, organizers
// in their agencies and sub-agencies.
func (s *Service) InScope(ctx context.Context, p Principal, agency uuid.UUID) (bool, error) {
	if p.IsAdmin() {
		return true, nil
	}
	roots := p.OrganizerAgencies()
	if len(roots) == 0 {
		return false, nil
	}
	scope, err := s.q.AgencyAndDescendantIDs(ctx, roots)
	if err != nil {
		return false, fail(err)
	}
	return slices.Contains(scope, agency), nil
}

// AuditEvents lists security events, newest first, to admins: logins and failed logins,
// role changes, invitations, password changes, publications; a page at a time, optionally
// of one action only.
func (s *Service) AuditEvents(ctx context.Context, p Principal, action string, page paging.Request) (paging.Page[audit.Event], error) {
	if !p.IsAdmin() {
		return paging.Page[audit.Event]{}, apperr.Forbidden()
	}
	// A cursor of one filter continues only that filter's list.
	list := listAudit + ":" + action
	before, err := page.AfterSerial(list)
	if err != nil {
		return paging.Page[audit.Event]{}, err
	}
	params := store.ListAuditEventsParams{Before: before, MaxRows: paging.Fetch(page.Limit)}
	if action != "" {
		params.Action = &action
	}
	rows, err := s.q.ListAuditEvents(ctx, params)
	if err != nil {
		return paging.Page[audit.Event]{}, fail(err)
	}
	return paging.Trim(audit.FromRows(rows), page.Limit, list, func(e audit.Event) any { return paging.SerialKey{ID: e.ID} }), nil
}
