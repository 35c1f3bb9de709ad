package httpapi

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

// FuzzRequestDecoding sends arbitrary bodies and content types through the contract
// validator: it answers 400, 413 or 415 — or lets a valid request through — never 500.
func FuzzRequestDecoding(f *testing.F) {
	contract, err := LoadContract()
	if err != nil {
		f.Fatal(err)
	}
	gin.SetMode(gin.ReleaseMode)
	s := &Server{contract: contract}
	e := gin.New()
	e.Use(requestID, gin.CustomRecoveryWithWriter(nil, recoverPanic))
	reached := func(c *gin.Context) { c.Status(http.StatusNoContent) }
	e.POST("/api/v1/auth/login", limitBody(1<<20, 21<<20), s.validateRequest, reached)
	e.PUT("/api/v1/cases/:caseId", limitBody(1<<20, 21<<20), s.authenticate, s.validateRequest, reached)
	f.Add("/api/v1/auth/login", "application/json", []byte(`{"email":"a@b.c","password":"x"}`))
	f.Add("/api/v1/auth/login", "application/json", []byte(`{"email":5,"password":[]}`))
	f.Add("/api/v1/auth/login", "application/json", []byte(`{`))
	f.Add("/api/v1/auth/login", "text/plain", []byte(`hello`))
	f.Add("/api/v1/cases/00000000-0000-4000-8000-000000000000", "application/json", []byte(`{"title":"제목","metrics":[{"name":"x","unit":"%","before":"칠십","after":1,"direction":"up"}]}`))
	f.Fuzz(func(t *testing.T, path, contentType string, body []byte) {
		method := http.MethodPost
		if path != "/api/v1/auth/login" {
			path, method = "/api/v1/cases/00000000-0000-4000-8000-000000000000", http.MethodPut
		}
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s (%q, %q) answered %d: %s", method, path, contentType, body, rec.Code, rec.Body)
		}
	})
}
