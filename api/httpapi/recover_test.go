package httpapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
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
