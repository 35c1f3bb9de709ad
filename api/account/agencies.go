package account

import (
	"context"
	"strconv"

	"github.com/google/uuid"

	"eutteum/api/apperr"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// ListAgencies returns every agency, parents before children.
func (s *Service) ListAgencies(ctx context.Context) ([]Agency, error) {
	rows, err := s.q.ListAgencies(ctx)
	if err != nil {
		return nil, fail(err)
	}
	out := make([]Agency, len(rows))
	for i, r := range rows {
		out[i] = agencyFromRow(r.ID, r.Name, r.Level, r.Region, r.ParentID)
	}
	return out, nil
}

// GetAgency returns one agency.
func (s *Service) GetAgency(ctx context.Context, id uuid.UUID) (Agency, error) {
	r, err := s.q.GetAgency(ctx, id)
	if store.IsNoRows(err) {
		return Agency{}, apperr.NotFound()
	}
	if err != nil {
		return Agency{}, fail(err)
	}
	return agencyFromRow(r.ID, r.Name, r.Level, r.Region, r.ParentID), nil
}

// CreateAgencyInput registers an agency.
type CreateAgencyInput struct {
	Name     string     `json:"name" validate:"required,min=2,max=100"`
	Level    string     `json:"level" validate:"required,oneof=central metropolitan basic public_institution"`
	Region   string     `json:"region" validate:"required,max=20"`
	ParentID *uuid.UUID `json:"parentId"`
}

// CreateAgency registers an agency (admins only).
func (s *Service) CreateAgency(ctx context.Context, p Principal, in CreateAgencyInput) (Agency, error) {
	if !p.IsAdmin() {
		return Agency{}, apperr.Forbidden()
	}
	return s.createAgency(ctx, s.q, in)
}

func (s *Service) createAgency(ctx context.Context, q *store.Queries, in CreateAgencyInput) (Agency, error) {
	if err := validation.Struct(in); err != nil {
		return Agency{}, err
	}
	parent := uuid.NullUUID{}
	if in.ParentID != nil {
		parent = uuid.NullUUID{UUID: *in.ParentID, Valid: true}
	}
	r, err := q.CreateAgency(ctx, store.CreateAgencyParams{
		Name: in.Name, Level: store.AgencyLevel(in.Level), Region: in.Region, ParentID: parent,
	})
	switch {
	case store.IsUniqueViolation(err, "agencies_name_key"):
		return Agency{}, &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeAgencyNameTaken, Fields: []apperr.FieldError{apperr.Field("name", "taken")}}
	case store.IsForeignKeyViolation(err, "agencies_parent_id_fkey"):
		return Agency{}, apperr.Invalid(apperr.Field("parentId", "not_found"))
	case err != nil:
		return Agency{}, fail(err)
	}
	return agencyFromRow(r.ID, r.Name, r.Level, r.Region, r.ParentID), nil
}

func agencyFromRow(id uuid.UUID, name string, level store.AgencyLevel, region string, parent uuid.NullUUID) Agency {
	a := Agency{ID: id, Name: name, Level: string(level), Region: region}
	if parent.Valid {
		p := parent.UUID
		a.ParentID = &p
	}
	return a
}

func itoa(i int) string { return strconv.Itoa(i) }
