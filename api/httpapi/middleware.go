package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/archive"
)

const requestIDHeader = "X-Request-Id"

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

type (
	principalKey struct{}
	authErrorKey struct{}
	requestIDKey struct{}
)

// requestID keeps a caller's well-formed X-Request-Id or makes one, and echoes it.
func requestID(c *gin.Context) {
	id := c.GetHeader(requestIDHeader)
	if !validRequestID.MatchString(id) {
		id = uuid.NewString()
	}
	c.Header(requestIDHeader, id)
	c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), requestIDKey{}, id))
	c.Next()
}

func requestIDOf(c *gin.Context) string {
	id, _ := c.Request.Context().Value(requestIDKey{}).(string)
	return id
}

// accessLog writes one structured line per request.
func accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	level := slog.LevelInfo
	if c.Writer.Status() >= 500 {
		level = slog.LevelError
	}
	// Building the line costs more than the rest of a cached read; skip it when the level
	// is off.
	if !slog.Default().Enabled(c.Request.Context(), level) {
		return
	}
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	attrs := []any{
		"request_id", requestIDOf(c),
		"method", c.Request.Method,
		"route", route,
		"path", c.Request.URL.Path,
		"status", c.Writer.Status(),
		"bytes", c.Writer.Size(),
		"duration_ms", float64(time.Since(start).Microseconds()) / 1000,
		"client_ip", c.ClientIP(),
	}
	if p, ok := principalFromContext(c.Request.Context()); ok {
		attrs = append(attrs, "user_id", p.UserID.String())
	}
	slog.Default().Log(c.Request.Context(), level, "http request", attrs...)
}

// recoverPanic answers a panicking handler with a problem document instead of a dropped
// connection, and logs the panic.
func recoverPanic(c *gin.Context, recovered any) {
	slog.Default().Error("panic in handler", "request_id", requestIDOf(c), "panic", recovered)
	renderError(c, apperr.Internal(errPanic{recovered}))
}

type errPanic struct{ v any }

func (e errPanic) Error() string { return "panic" }

// limitBody caps request bodies: JSON at jsonLimit, file uploads (multipart) at
// uploadLimit. A declared length over the limit is refused before reading; an undeclared
// one fails while reading.
func limitBody(jsonLimit, uploadLimit int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit := jsonLimit
		if isMultipart(c.Request) {
			limit = uploadLimit
			if c.Request.URL.Path == importPath {
				// An agency's years of past winners come in one file.
				limit = archive.MaxImportBytes + 1<<20
			}
		}
		if c.Request.ContentLength > limit {
			renderError(c, apperr.New(apperr.KindTooLarge, apperr.CodeBodyTooLarge))
			return
		}
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		}
		c.Next()
	}
}

// authenticate reads a bearer token when one is sent. A valid token puts the principal on
// the request; an invalid one is remembered so that operations requiring sign-in answer
// with the precise reason (expired, invalid), while public operations still work.
func (s *Server) authenticate(c *gin.Context) {
	header := c.GetHeader("Authorization")
	if header == "" {
		c.Next()
		return
	}
	ctx := c.Request.Context()
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		ctx = context.WithValue(ctx, authErrorKey{}, error(apperr.New(apperr.KindUnauthenticated, apperr.CodeTokenInvalid)))
	} else if claims, err := s.tokens.Verify(strings.TrimSpace(token)); err != nil {
		ctx = context.WithValue(ctx, authErrorKey{}, err)
	} else if p, err := account.PrincipalFromClaims(claims); err != nil {
		ctx = context.WithValue(ctx, authErrorKey{}, err)
	} else {
		ctx = context.WithValue(ctx, principalKey{}, p)
	}
	c.Request = c.Request.WithContext(ctx)
	c.Next()
}

const importPath = "/api/v1/archive/import"

func isMultipart(r *http.Request) bool {
	return strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "multipart/form-data")
}

func principalFromContext(ctx context.Context) (account.Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(account.Principal)
	return p, ok
}

// principal returns the signed-in caller. Operations that require sign-in have been
// checked by the contract validator, so a missing principal here is a wiring bug.
func principal(ctx context.Context) (account.Principal, error) {
	if p, ok := principalFromContext(ctx); ok {
		return p, nil
	}
	return account.Principal{}, apperr.New(apperr.KindUnauthenticated, apperr.CodeUnauthenticated)
}
