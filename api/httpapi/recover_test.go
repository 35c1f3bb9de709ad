package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/dberr"
)

func TestPanicBecomesProblemWithoutInternalText(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.Use(requestID, gin.CustomRecoveryWithWriter(nil, recoverPanic))
	e.GET("/boom", func(*gin.Context) { panic("secret database password in panic text") })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom", nil))
	if rec.Code != http.StatusInternalServerError || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("%d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if strings.Contains(rec.Body.String(), "secret") {
		t.Fatalf("internal text leaked: %s", rec.Body)
	}
	var p map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p["code"] != "internal" || p["requestId"] == "" {
		t.Fatalf("problem: %s", rec.Body)
	}
}

func TestLanguageNegotiation(t *testing.T) {
	for header, want := range map[string]string{
		"":                        "ko",
		"en":                      "en",
		"en-GB,en;q=0.8":          "en",
		"ko-KR,ko;q=0.9,en;q=0.8": "ko",
		"ja":                      "ko",
		"*":                       "ko",
		"garbage;;;":              "ko",
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Accept-Language", header)
		if got := string(lang(r)); got != want {
			t.Errorf("Accept-Language %q: %s, want %s", header, got, want)
		}
	}
}

// An internal error is logged with the operation that met it, the request id, the route and
// the user, and none of it reaches the client.
func TestInternalErrorIsLoggedWithItsContext(t *testing.T) {
	var logged strings.Builder
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, nil)))
	t.Cleanup(func() { slog.SetDefault(prev) })
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	user := uuid.New()
	e.Use(requestID, func(c *gin.Context) {
		c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), principalKey{}, account.Principal{UserID: user}))
	})
	e.GET("/api/v1/cases/:caseId", func(c *gin.Context) { renderError(c, loadCase()) })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/cases/42", nil))
	if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), "no rows") {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	line := logged.String()
	for _, want := range []string{"httpapi.loadCase: no rows in result set", "route=\"GET /api/v1/cases/:caseId\"", "user_id=" + user.String(), "request_id=" + rec.Header().Get("X-Request-Id")} {
		if !strings.Contains(line, want) {
			t.Errorf("the log line lacks %s:\n%s", want, line)
		}
	}
}

func loadCase() error { return dberr.Fail(errors.New("no rows in result set")) }
