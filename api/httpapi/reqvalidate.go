package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/gin-gonic/gin"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"eutteum"
	"eutteum/api/apperr"
	"eutteum/api/validation"
)

// Contract is the loaded openapi.yaml with a router over its operations.
type Contract struct {
	Doc    *openapi3.T
	Router routers.Router
	// byGinPath finds an operation by the Gin route that matched ("GET /api/v1/cases/:caseId"),
	// sparing a second routing of every request.
	byGinPath map[string]*routers.Route
}

var (
	defineFormats       sync.Once
	unsupportedProperty = regexp.MustCompile(`^property "(.+)" is unsupported$`)
)

// LoadContract parses and validates the embedded openapi.yaml.
func LoadContract() (*Contract, error) {
	defineFormats.Do(func() {
		// kin-openapi asserts only the formats it is told about.
		openapi3.DefineStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail))
		openapi3.DefineStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562))
	})
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(eutteum.OpenAPISpec)
	if err != nil {
		return nil, fmt.Errorf("load openapi.yaml: %w", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("openapi.yaml is invalid: %w", err)
	}
	// Match operations by path alone, whatever host the server is reached on.
	routed := *doc
	routed.Servers = nil
	// kin-openapi validates 3.1 documents by compiling each schema into a JSON Schema 2020-12
	// validator on every call, which cost more CPU than the rest of a read request. The
	// schemas use nothing its OpenAPI 3.0 validator lacks (type lists and numeric
	// exclusiveMinimum included), so requests and responses are checked with that one;
	// the document itself was validated as 3.1 above.
	routed.OpenAPI = "3.0.3"
	router, err := gorillamux.NewRouter(&routed)
	if err != nil {
		return nil, fmt.Errorf("route openapi.yaml: %w", err)
	}
	c := &Contract{Doc: doc, Router: router, byGinPath: map[string]*routers.Route{}}
	for path, item := range doc.Paths.Map() {
		ginPath := pathParam.ReplaceAllString(path, ":$1")
		for method, op := range item.Operations() {
			c.byGinPath[method+" "+ginPath] = &routers.Route{Spec: &routed, Path: path, PathItem: item, Method: method, Operation: op}
		}
	}
	return c, nil
}

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// validateRequest checks each request against the contract before a handler sees it:
// path, query, content type, body schema (unknown fields included) and the security
// requirement of the operation.
func (s *Server) validateRequest(c *gin.Context) {
	route, pathParams, err := s.contract.route(c)
	if err != nil {
		if errors.Is(err, routers.ErrMethodNotAllowed) {
			renderError(c, apperr.New(apperr.KindMethodNotAllowed, apperr.CodeMethodNotAllowed))
			return
		}
		renderError(c, apperr.New(apperr.KindNotFound, apperr.CodeRouteNotFound))
		return
	}
	c.Set(operationKey, route.Operation.OperationID)
	if body := route.Operation.RequestBody; body != nil && body.Value != nil && hasBody(c.Request) {
		mediaType, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
		if body.Value.Content.Get(mediaType) == nil {
			renderError(c, apperr.New(apperr.KindUnsupportedMediaType, apperr.CodeUnsupportedMediaType))
			return
		}
	}
	input := &openapi3filter.RequestValidationInput{
		Request:    c.Request,
		PathParams: pathParams,
		Route:      route,
		Options: &openapi3filter.Options{
			MultiError:         true,
			AuthenticationFunc: requireAuthenticated,
			// Uploads are checked by their handler while streaming; decoding them here would
			// hold every file in memory twice.
			ExcludeRequestBody: isMultipart(c.Request),
		},
	}
	if err := openapi3filter.ValidateRequest(c.Request.Context(), input); err != nil {
		renderError(c, s.withFormRules(c, route.Operation.OperationID, requestError(err)))
		return
	}
	c.Next()
}

// withFormRules adds to a refused form's field errors what the operation's business rules
// find in the same body (see formRule), so the caller hears of every error at once.
func (s *Server) withFormRules(c *gin.Context, operationID string, refused error) error {
	rule, ok := s.forms[operationID]
	e, isApp := refused.(*apperr.Error)
	if !ok || !isApp || e.Code != apperr.CodeValidationFailed || len(e.Fields) == 0 || c.Request.Body == nil {
		return refused
	}
	p, ok := principalFromContext(c.Request.Context())
	if !ok {
		return refused
	}
	// The validator has read the body and left a copy in its place.
	body, err := io.ReadAll(c.Request.Body)
	if err != nil || len(body) == 0 {
		return refused
	}
	report := validation.NewReport(e.Fields...)
	if err := rule(c.Request.Context(), p, c, body, report); err != nil {
		return err
	}
	merged := *e
	merged.Fields = report.Fields()
	return &merged
}

// route finds the operation of the request, by the Gin route that matched when there is one.
func (ct *Contract) route(c *gin.Context) (*routers.Route, map[string]string, error) {
	if r, ok := ct.byGinPath[c.Request.Method+" "+c.FullPath()]; ok {
		params := make(map[string]string, len(c.Params))
		for _, p := range c.Params {
			params[p.Key] = p.Value
		}
		return r, params, nil
	}
	return ct.Router.FindRoute(c.Request)
}

func hasBody(r *http.Request) bool {
	return r.ContentLength > 0 || (r.ContentLength < 0 && r.Body != nil && r.Body != http.NoBody)
}

// requireAuthenticated satisfies the spec's bearerAuth requirement when the authenticate
// middleware has put a principal on the request.
func requireAuthenticated(ctx context.Context, in *openapi3filter.AuthenticationInput) error {
	if err, ok := in.RequestValidationInput.Request.Context().Value(authErrorKey{}).(error); ok {
		return err
	}
	if _, ok := principalFromContext(in.RequestValidationInput.Request.Context()); !ok {
		return apperr.New(apperr.KindUnauthenticated, apperr.CodeUnauthenticated)
	}
	return nil
}

// requestError turns kin-openapi's validation failures into one apperr with every field.
func requestError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return apperr.Wrap(apperr.KindTooLarge, apperr.CodeBodyTooLarge, err)
	}
	var secErr *openapi3filter.SecurityRequirementsError
	if errors.As(err, &secErr) {
		for _, e := range secErr.Errors {
			var appErr *apperr.Error
			if errors.As(e, &appErr) {
				return appErr
			}
		}
		return apperr.Wrap(apperr.KindUnauthenticated, apperr.CodeUnauthenticated, err)
	}
	var fields []apperr.FieldError
	for _, e := range flatten(err) {
		var reqErr *openapi3filter.RequestError
		if !errors.As(e, &reqErr) {
			return apperr.Internal(err)
		}
		if reqErr.RequestBody != nil && isDecodeError(reqErr) {
			return apperr.Wrap(apperr.KindInvalid, apperr.CodeMalformedJSON, err)
		}
		prefix := ""
		if reqErr.Parameter != nil {
			prefix = reqErr.Parameter.Name
		}
		schemaErrs := schemaErrors(reqErr.Err)
		if len(schemaErrs) == 0 {
			name := prefix
			if name == "" {
				name = "body"
			}
			rule := "invalid"
			if reqErr.Err == nil && strings.Contains(reqErr.Reason, "required") {
				rule = "required"
			}
			fields = append(fields, apperr.Field(name, rule))
			continue
		}
		for _, se := range schemaErrs {
			fields = append(fields, schemaFieldErrors(prefix, se)...)
		}
	}
	if len(fields) == 0 {
		return apperr.Wrap(apperr.KindInvalid, apperr.CodeValidationFailed, err)
	}
	return &apperr.Error{Kind: apperr.KindInvalid, Code: apperr.CodeValidationFailed, Fields: fields, Cause: err}
}

// flatten lists the errors of a MultiError (kin-openapi's collection type), or err alone.
func flatten(err error) []error {
	multi, ok := err.(openapi3.MultiError)
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range multi {
		out = append(out, flatten(e)...)
	}
	return out
}

// schemaErrors finds the innermost schema errors: a failing object reports its failing
// members as sub-errors, and each member is a field of its own.
func schemaErrors(err error) []*openapi3.SchemaError {
	var out []*openapi3.SchemaError
	for _, e := range flatten(err) {
		var se *openapi3.SchemaError
		if !errors.As(e, &se) {
			continue
		}
		var inner openapi3.MultiError
		if se.Origin != nil && errors.As(se.Origin, &inner) {
			out = append(out, schemaErrors(inner)...)
			continue
		}
		out = append(out, se)
	}
	return out
}

func isDecodeError(reqErr *openapi3filter.RequestError) bool {
	var parseErr *openapi3filter.ParseError
	if errors.As(reqErr.Err, &parseErr) {
		return true
	}
	return strings.Contains(reqErr.Reason, "failed to decode")
}

// schemaFieldErrors names each field by its path (`metrics[0].before`) and the rule that
// failed, with the limits the message quotes. A missing or unknown member is named by the
// member, not by the object that lacks or has it.
func schemaFieldErrors(prefix string, se *openapi3.SchemaError) []apperr.FieldError {
	parent := fieldPath(prefix, se.JSONPointer())
	var verr *jsonschema.ValidationError
	if errors.As(se, &verr) {
		switch k := verr.ErrorKind.(type) {
		case *kind.Required:
			out := make([]apperr.FieldError, len(k.Missing))
			for i, name := range k.Missing {
				out[i] = apperr.Field(joinPath(parent, name), "required")
			}
			return out
		case *kind.AdditionalProperties:
			out := make([]apperr.FieldError, len(k.Properties))
			for i, name := range k.Properties {
				out[i] = apperr.Field(joinPath(parent, name), "unknown_field")
			}
			return out
		}
	}
	// kin-openapi's OpenAPI 3.0 validator, used where a schema needs nothing newer, names
	// an unknown member only in its reason.
	if m := unsupportedProperty.FindStringSubmatch(se.Reason); m != nil && (se.SchemaField == "properties" || se.SchemaField == "additionalProperties") {
		return []apperr.FieldError{apperr.Field(joinPath(parent, m[1]), "unknown_field")}
	}
	path := parent
	if path == "" {
		path = "body"
	}
	return []apperr.FieldError{schemaFieldError(path, se)}
}

func fieldPath(prefix string, pointer []string) string {
	path := prefix
	for _, part := range pointer {
		path = joinPath(path, part)
	}
	return path
}

func joinPath(path, part string) string {
	if _, err := strconv.Atoi(part); err == nil && path != "" {
		return path + "[" + part + "]"
	}
	if path == "" {
		return part
	}
	return path + "." + part
}

func schemaFieldError(path string, se *openapi3.SchemaError) apperr.FieldError {
	schema := se.Schema
	if schema == nil {
		schema = &openapi3.Schema{}
	}
	switch se.SchemaField {
	case "required":
		return apperr.Field(path, "required")
	case "additionalProperties", "unevaluatedProperties":
		return apperr.Field(path, "unknown_field")
	case "maxLength":
		return apperr.Field(path, "max_length", "max", deref(schema.MaxLength))
	case "minLength":
		if schema.MinLength == 1 {
			return apperr.Field(path, "required")
		}
		return apperr.Field(path, "min_length", "min", schema.MinLength)
	case "maximum":
		return apperr.Field(path, "max", "max", derefFloat(schema.Max))
	case "minimum":
		return apperr.Field(path, "min", "min", derefFloat(schema.Min))
	case "maxItems":
		return apperr.Field(path, "max_items", "max", deref(schema.MaxItems))
	case "minItems":
		return apperr.Field(path, "min_items", "min", schema.MinItems)
	case "minProperties":
		return apperr.Field(path, "min_properties")
	case "enum":
		return apperr.Field(path, "enum")
	case "type":
		return apperr.Field(path, "type", "expected", typeName(schema))
	case "format":
		switch schema.Format {
		case "email":
			return apperr.Field(path, "email")
		case "uuid":
			return apperr.Field(path, "uuid")
		}
		return apperr.Field(path, "format")
	}
	return apperr.Field(path, "invalid")
}

func typeName(s *openapi3.Schema) string {
	if s.Type == nil || len(*s.Type) == 0 {
		return "value"
	}
	return strings.Join(*s.Type, "|")
}

func deref[T any](p *T) any {
	if p == nil {
		return ""
	}
	return *p
}

func derefFloat(p *float64) any {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}
