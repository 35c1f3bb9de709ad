package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"

	"eutteum/api/apperr"
	"eutteum/api/oapi"
)

// statusOf is the one table from failure kinds to HTTP statuses.
var statusOf = map[apperr.Kind]int{
	apperr.KindInternal:             http.StatusInternalServerError,
	apperr.KindInvalid:              http.StatusBadRequest,
	apperr.KindUnauthenticated:      http.StatusUnauthorized,
	apperr.KindForbidden:            http.StatusForbidden,
	apperr.KindNotFound:             http.StatusNotFound,
	apperr.KindConflict:             http.StatusConflict,
	apperr.KindGone:                 http.StatusGone,
	apperr.KindPreconditionFailed:   http.StatusPreconditionFailed,
	apperr.KindTooLarge:             http.StatusRequestEntityTooLarge,
	apperr.KindUnsupportedMediaType: http.StatusUnsupportedMediaType,
	apperr.KindRateLimited:          http.StatusTooManyRequests,
	apperr.KindUnavailable:          http.StatusServiceUnavailable,
	apperr.KindMethodNotAllowed:     http.StatusMethodNotAllowed,
	apperr.KindPreconditionRequired: http.StatusPreconditionRequired,
}

// unavailableRetry is what a client is told to wait when a dependency is down.
const unavailableRetry = 5 * time.Second

var languages = language.NewMatcher([]language.Tag{language.Korean, language.English})

// lang picks Korean or English from Accept-Language; Korean when nothing matches.
func lang(r *http.Request) apperr.Lang {
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		return apperr.Korean
	}
	_, index, confidence := languages.Match(tags...)
	if confidence == language.No || index == 0 {
		return apperr.Korean
	}
	return apperr.English
}

// renderError writes err as RFC 9457 problem details. It is the only place errors become
// responses; the internal cause is logged here and never written.
func renderError(c *gin.Context, err error) {
	if errors.Is(err, context.Canceled) && c.Request.Context().Err() != nil {
		// The client went away; there is nobody to answer.
		c.Abort()
		return
	}
	problem, e := buildProblem(c, err)
	level := slog.LevelDebug
	if problem.Status >= 500 {
		level = slog.LevelError
	}
	attrs := []any{"request_id", requestIDOf(c), "route", c.Request.Method + " " + c.FullPath(),
		"status", problem.Status, "code", e.Code, "error", e.Error()}
	if p, ok := principalFromContext(c.Request.Context()); ok {
		attrs = append(attrs, "user_id", p.UserID)
	}
	slog.Default().Log(c.Request.Context(), level, "request failed", attrs...)

	body, merr := json.Marshal(problem)
	if merr != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Abort()
	c.Data(problem.Status, "application/problem+json", body)
}

// buildProblem is the public face of err in the request's language; it also sets the
// headers that go with it (Retry-After, Content-Language).
func buildProblem(c *gin.Context, err error) (oapi.Problem, *apperr.Error) {
	e := apperr.As(err)
	status, ok := statusOf[e.Kind]
	if !ok {
		status = http.StatusInternalServerError
	}
	l := lang(c.Request)
	problem := oapi.Problem{
		Type:      "/docs#problem-" + string(e.Code),
		Status:    status,
		Code:      oapi.ProblemCode(e.Code),
		Instance:  ptr(c.Request.URL.Path),
		RequestId: ptr(requestIDOf(c)),
	}
	retry := e.RetryAfter
	if retry == 0 && e.Kind == apperr.KindUnavailable {
		retry = unavailableRetry
	}
	params := map[string]any{}
	if retry > 0 {
		secs := int((retry + time.Second - 1) / time.Second)
		params["retryAfter"] = secs
		problem.RetryAfterSeconds = &secs
		c.Header("Retry-After", strconv.Itoa(secs))
	}
	title, detail := apperr.Message(e, l, params)
	problem.Title, problem.Detail = title, ptr(detail)
	if len(e.Fields) > 0 {
		fields := make([]oapi.FieldError, len(e.Fields))
		for i, f := range e.Fields {
			fields[i] = oapi.FieldError{Field: f.Field, Code: f.Rule, Message: apperr.FieldMessage(f, l)}
		}
		problem.Errors = &fields
	}
	c.Header("Content-Language", string(l))
	c.Header("Cache-Control", "no-store")
	return problem, e
}

func ptr[T any](v T) *T { return &v }
