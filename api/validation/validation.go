// Package validation checks domain inputs with go-playground/validator and reports the
// failures as apperr field errors named by the inputs' JSON field names.
package validation

import (
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"eutteum/api/apperr"
)

var (
	once     sync.Once
	instance *validator.Validate
)

func get() *validator.Validate {
	once.Do(func() {
		v := validator.New(validator.WithRequiredStructEnabled())
		v.RegisterTagNameFunc(func(f reflect.StructField) string {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				return ""
			}
			if name == "" {
				return f.Name
			}
			return name
		})
		instance = v
	})
	return instance
}

// Struct validates s by its `validate` tags. It returns nil or an *apperr.Error of kind
// invalid with one field error per failed field.
func Struct(s any) error {
	r := NewReport()
	if err := r.Struct(s, ""); err != nil {
		return err
	}
	return r.Err()
}

func fieldError(fe validator.FieldError) apperr.FieldError {
	// Namespace is "Struct.field.sub[0].x"; clients know fields from the request root.
	name := fe.Namespace()
	if _, rest, ok := strings.Cut(name, "."); ok {
		name = rest
	}
	isString := fe.Kind() == reflect.String
	isList := fe.Kind() == reflect.Slice || fe.Kind() == reflect.Array || fe.Kind() == reflect.Map
	switch fe.Tag() {
	case "required", "required_if", "required_unless", "required_with":
		return apperr.Field(name, "required")
	case "email":
		return apperr.Field(name, "email")
	case "uuid", "uuid4":
		return apperr.Field(name, "uuid")
	case "oneof":
		return apperr.Field(name, "enum")
	case "min", "gte":
		switch {
		case isString:
			return apperr.Field(name, "min_length", "min", fe.Param())
		case isList:
			return apperr.Field(name, "min_items", "min", fe.Param())
		}
		return apperr.Field(name, "min", "min", fe.Param())
	case "max", "lte":
		switch {
		case isString:
			return apperr.Field(name, "max_length", "max", fe.Param())
		case isList:
			return apperr.Field(name, "max_items", "max", fe.Param())
		}
		return apperr.Field(name, "max", "max", fe.Param())
	}
	return apperr.Field(name, "invalid")
}
