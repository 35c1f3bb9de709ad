package validation

import (
	"errors"
	"strings"

	"github.com/go-playground/validator/v10"

	"eutteum/api/apperr"
)

// Report gathers every field error of one form, so that what the schema refused and what
// the business rules refuse reach the user in one answer. A rule that reads a field the
// report already holds as wrong is skipped: its verdict would rest on a value the user
// has to change anyway.
type Report struct {
	fields []apperr.FieldError
}

// NewReport starts a report holding the errors already found, e.g. by the schema.
func NewReport(found ...apperr.FieldError) *Report {
	r := &Report{}
	r.Add(found...)
	return r
}

// Add records field errors; a field keeps its first error only, so the schema's word on a
// field is not repeated by a rule about the same field.
func (r *Report) Add(fields ...apperr.FieldError) {
	for _, f := range fields {
		if !r.has(f.Field) {
			r.fields = append(r.fields, f)
		}
	}
}

// Struct records s's `validate` tag failures, their fields named under prefix
// ("criteria[2]" gives "criteria[2].name"; "" names them from the root).
func (r *Report) Struct(s any, prefix string) error {
	err := get().Struct(s)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return apperr.Internal(err)
	}
	for _, fe := range verrs {
		f := fieldError(fe)
		if prefix != "" {
			f.Field = prefix + "." + f.Field
		}
		r.Add(f)
	}
	return nil
}

// Readable reports whether a rule may read these fields: none of them, nothing inside them
// and nothing they are inside of has an error yet.
func (r *Report) Readable(paths ...string) bool {
	for _, p := range paths {
		for _, f := range r.fields {
			if related(p, f.Field) {
				return false
			}
		}
	}
	return true
}

// Fields lists the errors in the order they were found.
func (r *Report) Fields() []apperr.FieldError { return r.fields }

// Err is nil when the form is sound, else one validation failure naming every field.
func (r *Report) Err() error {
	if len(r.fields) == 0 {
		return nil
	}
	return apperr.Invalid(r.fields...)
}

func (r *Report) has(path string) bool {
	for _, f := range r.fields {
		if f.Field == path {
			return true
		}
	}
	return false
}

// related reports whether one path is the other or lies inside it. "body" is the whole
// request, so it contains every path.
func related(a, b string) bool {
	if a == b || a == "body" || b == "body" {
		return true
	}
	return inside(a, b) || inside(b, a)
}

func inside(path, parent string) bool {
	return strings.HasPrefix(path, parent) && len(path) > len(parent) && (path[len(parent)] == '.' || path[len(parent)] == '[')
}
