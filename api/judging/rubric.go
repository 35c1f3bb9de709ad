// Package judging is the domain of judging a round: rubrics (심사기준), stages (서면심사 →
// 발표심사 → 본선), judges and their assignments, conflicts of interest (제척·회피·기피),
// score sheets with an audit trail, aggregation into rankings, award decisions, published
// results and objections (이의신청).
package judging

import (
	"context"
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/scoring"
	"eutteum/api/store"
	"eutteum/api/validation"
)

// Grade is a named level of a grade scale worth some points (S = 10).
type Grade struct {
	Label  string  `json:"label" validate:"required,max=10"`
	Points float64 `json:"points"`
}

// Scale is how a criterion is scored: points from Min to Max in Steps, or grades.
type Scale struct {
	Kind   string  `json:"kind" validate:"required,oneof=points grades"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	Step   float64 `json:"step"`
	Grades []Grade `json:"grades,omitempty" validate:"max=10,dive"`
}

// MarshalJSON writes a grade scale with its grades only and a points scale with its
// range only, so neither carries meaningless zeros.
func (sc Scale) MarshalJSON() ([]byte, error) {
	if sc.Kind == "grades" {
		return json.Marshal(struct {
			Kind   string  `json:"kind"`
			Grades []Grade `json:"grades"`
		}{sc.Kind, sc.Grades})
	}
	return json.Marshal(struct {
		Kind string  `json:"kind"`
		Min  float64 `json:"min"`
		Max  float64 `json:"max"`
		Step float64 `json:"step"`
	}{sc.Kind, sc.Min, sc.Max, sc.Step})
}

// Range is the lowest and highest points the scale gives.
func (sc Scale) Range() (float64, float64) {
	if sc.Kind != "grades" {
		return sc.Min, sc.Max
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, g := range sc.Grades {
		lo, hi = math.Min(lo, g.Points), math.Max(hi, g.Points)
	}
	return lo, hi
}

// Guidance describes what a level of the scale means.
type Guidance struct {
	Level string `json:"level" validate:"required,max=20"`
	Text  string `json:"text" validate:"required,max=500"`
}

// Criterion is one weighted item of a rubric (창의성 20, 효과성 25, …).
type Criterion struct {
	ID          uuid.UUID  `json:"id"`
	Name        string     `json:"name" validate:"required,max=50"`
	Description string     `json:"description,omitempty" validate:"max=500"`
	Weight      float64    `json:"weight" validate:"gt=0,lte=100"`
	Scale       Scale      `json:"scale"`
	Guidance    []Guidance `json:"guidance" validate:"max=10,dive"`
}

// checkCriteria records into r what is wrong with a rubric: its fields, repeated names,
// unsound scales and weights that do not total 100. Rules about fields r already holds as
// wrong are skipped. Criteria without an id get one.
func checkCriteria(criteria []Criterion, field string, r *validation.Report) error {
	if len(criteria) == 0 {
		if r.Readable(field) {
			r.Add(apperr.Field(field, "required"))
		}
		return nil
	}
	names := map[string]bool{}
	sum, weighed := 0.0, true
	for i := range criteria {
		c := &criteria[i]
		at := field + "[" + strconv.Itoa(i) + "]"
		if err := r.Struct(c, at); err != nil {
			return err
		}
		if c.ID == uuid.Nil {
			c.ID = uuid.New()
		}
		if c.Guidance == nil {
			c.Guidance = []Guidance{}
		}
		if r.Readable(at + ".name") {
			c.Name = strings.TrimSpace(c.Name)
			if names[c.Name] {
				r.Add(apperr.Field(at+".name", "duplicate"))
			}
			names[c.Name] = true
		}
		if r.Readable(at + ".weight") {
			sum += c.Weight
		} else {
			weighed = false
		}
		if r.Readable(at + ".scale") {
			checkScale(&c.Scale, at+".scale", r)
		}
	}
	if weighed && math.Abs(sum-100) > 1e-6 {
		r.Add(apperr.Field(field, "sum_100", "sum", strconv.FormatFloat(sum, 'f', -1, 64)))
	}
	return nil
}

func checkScale(sc *Scale, at string, r *validation.Report) {
	switch sc.Kind {
	case "points":
		sc.Grades = nil
		if sc.Step <= 0 {
			sc.Step = 1
		}
		steps := (sc.Max - sc.Min) / sc.Step
		if sc.Max <= sc.Min {
			r.Add(apperr.Field(at+".max", "above_min"))
		} else if math.Abs(steps-math.Round(steps)) > 1e-9 {
			r.Add(apperr.Field(at+".step", "invalid"))
		}
	case "grades":
		sc.Min, sc.Max, sc.Step = 0, 0, 0
		labels := map[string]bool{}
		for j, g := range sc.Grades {
			if labels[g.Label] {
				r.Add(apperr.Field(at+".grades["+strconv.Itoa(j)+"].label", "duplicate"))
			}
			labels[g.Label] = true
		}
		if lo, hi := sc.Range(); len(sc.Grades) < 2 || hi <= lo {
			r.Add(apperr.Field(at+".grades", "min_items", "min", 2))
		}
	}
}

// rubricError is r's failure, told as weights_not_100 when the weights are all that is
// wrong, so that a form can say so in its summary.
func rubricError(r *validation.Report) error {
	if f := r.Fields(); len(f) == 1 && f[0].Rule == "sum_100" {
		return &apperr.Error{Kind: apperr.KindInvalid, Code: apperr.CodeWeightsNot100, Fields: f}
	}
	return r.Err()
}

// scoringCriteria is a rubric as the scoring rules read it: weights and point ranges, grades
// mapped to their points.
func scoringCriteria(criteria []Criterion) []scoring.Criterion {
	out := make([]scoring.Criterion, len(criteria))
	for i, c := range criteria {
		lo, hi := c.Scale.Range()
		out[i] = scoring.Criterion{ID: c.ID.String(), Weight: c.Weight, Min: lo, Max: hi}
	}
	return out
}

// Template is a reusable rubric.
type Template struct {
	ID       uuid.UUID
	Name     string
	BuiltIn  bool
	Agency   *account.AgencyRef
	Criteria []Criterion
}

// TemplateInput creates a template for an agency.
type TemplateInput struct {
	Name     string      `json:"name" validate:"required,max=100"`
	AgencyID uuid.UUID   `json:"agencyId" validate:"required"`
	Criteria []Criterion `json:"criteria"`
}

// Templates lists the built-in template and those of the caller's agencies.
func (s *Service) Templates(ctx context.Context, p account.Principal) ([]Template, error) {
	scope, err := s.managedAgencies(ctx, p)
	if err != nil {
		return nil, err
	}
	rows, err := s.q.ListRubricTemplates(ctx, scope)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	out := make([]Template, 0, len(rows))
	for _, r := range rows {
		t := Template{ID: r.ID, Name: r.Name, BuiltIn: !r.AgencyID.Valid}
		if r.AgencyID.Valid {
			t.Agency = &account.AgencyRef{ID: r.AgencyID.UUID, Name: deref(r.AgencyName)}
		}
		if err := json.Unmarshal(r.Criteria, &t.Criteria); err != nil {
			return nil, apperr.Internal(err)
		}
		out = append(out, t)
	}
	return out, nil
}

// CheckTemplate records into r what is wrong with a rubric template.
func CheckTemplate(in *TemplateInput, r *validation.Report) error {
	if err := r.Struct(in, ""); err != nil {
		return err
	}
	return checkCriteria(in.Criteria, "criteria", r)
}

// CreateTemplate stores a template for an agency the caller organizes for.
func (s *Service) CreateTemplate(ctx context.Context, p account.Principal, in TemplateInput) (Template, error) {
	report := validation.NewReport()
	if err := CheckTemplate(&in, report); err != nil {
		return Template{}, err
	}
	if err := rubricError(report); err != nil {
		return Template{}, err
	}
	ok, err := s.accounts.InScope(ctx, p, in.AgencyID)
	if err != nil {
		return Template{}, err
	}
	if !ok {
		return Template{}, &apperr.Error{Kind: apperr.KindForbidden, Code: apperr.CodeForbidden, Fields: []apperr.FieldError{apperr.Field("agencyId", "not_allowed")}}
	}
	raw, err := json.Marshal(in.Criteria)
	if err != nil {
		return Template{}, apperr.Internal(err)
	}
	r, err := s.q.CreateRubricTemplate(ctx, store.CreateRubricTemplateParams{
		AgencyID: uuid.NullUUID{UUID: in.AgencyID, Valid: true}, Name: strings.TrimSpace(in.Name), Criteria: raw,
		CreatedBy: uuid.NullUUID{UUID: p.UserID, Valid: true},
	})
	if err != nil {
		return Template{}, dberr.Fail(err)
	}
	agency, err := s.accounts.GetAgency(ctx, in.AgencyID)
	if err != nil {
		return Template{}, err
	}
	return Template{ID: r.ID, Name: r.Name, Agency: &account.AgencyRef{ID: agency.ID, Name: agency.Name}, Criteria: in.Criteria}, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
