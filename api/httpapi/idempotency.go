package httpapi

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/gin-gonic/gin"

	"eutteum/api/apperr"
	"eutteum/api/idempotency"
)

// idempotentOperations are the create operations that honour an Idempotency-Key.
var idempotentOperations = map[string]bool{
	"createTeam": true, "createRound": true, "copyRound": true, "createCase": true, "submitCase": true,
	"createInvitation": true, "inviteTeamMember": true, "createStage": true, "createAgency": true,
	"createRubricTemplate": true, "fileObjection": true, "askArchiveQuestion": true,
}

var validIdempotencyKey = regexp.MustCompile(`^[\x21-\x7e]{1,200}$`)

const operationKey = "eutteum.operation"

// recorder keeps a copy of what the handler writes.
type recorder struct {
	gin.ResponseWriter
	body bytes.Buffer
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

func (r *recorder) WriteString(s string) (int, error) {
	r.body.WriteString(s)
	return r.ResponseWriter.WriteString(s)
}

// idempotent replays the remembered answer to a create request retried with the same
// Idempotency-Key, and remembers new answers. Answers from inside the server (5xx) are not
// remembered, so the retry runs again.
func (s *Server) idempotent(c *gin.Context) {
	key := c.GetHeader("Idempotency-Key")
	op := c.GetString(operationKey)
	if key == "" || !idempotentOperations[op] {
		c.Next()
		return
	}
	p, ok := principalFromContext(c.Request.Context())
	if !ok {
		c.Next()
		return
	}
	if !validIdempotencyKey.MatchString(key) {
		renderError(c, apperr.Invalid(apperr.Field("Idempotency-Key", "format")))
		return
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		renderError(c, requestError(err))
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	ctx := c.Request.Context()
	answer, err := s.idempotency.Claim(ctx, p.UserID, key, op, idempotency.Hash(c.Request.Method, c.Request.URL.Path, body))
	if err != nil {
		renderError(c, err)
		return
	}
	if answer != nil {
		c.Header("Idempotent-Replayed", "true")
		c.Data(answer.Status, answer.ContentType, answer.Body)
		c.Abort()
		return
	}
	rec := &recorder{ResponseWriter: c.Writer}
	c.Writer = rec
	c.Next()
	// The client may have gone; the answer must still be kept or released.
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	status := rec.Status()
	if status >= http.StatusInternalServerError {
		err = s.idempotency.Release(bg, p.UserID, key)
	} else {
		err = s.idempotency.Remember(bg, p.UserID, key, idempotency.Answer{Status: status, ContentType: rec.Header().Get("Content-Type"), Body: rec.body.Bytes()})
	}
	if err != nil {
		slog.Default().Error("idempotency key not recorded", "request_id", requestIDOf(c), "error", err)
	}
}
