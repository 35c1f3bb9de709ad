package httpapi_test

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"eutteum/api/apitest"
	"eutteum/api/app"
	"eutteum/api/apperr"
	"eutteum/api/httpapi"
)

// TestContractIsValid is the spec lint: openapi.yaml must load and validate as OpenAPI 3.1.
func TestContractIsValid(t *testing.T) {
	c, err := httpapi.LoadContract()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.Doc.OpenAPI, "3.1") {
		t.Fatalf("openapi.yaml declares %s, want 3.1", c.Doc.OpenAPI)
	}
}

// TestEveryOperationDocumentsItsErrors keeps the contract honest about failures: every
// operation can fail inside the server, those touching the database can find it down,
// those with a body can be sent bad ones, and those requiring sign-in can be refused.
func TestEveryOperationDocumentsItsErrors(t *testing.T) {
	c, err := httpapi.LoadContract()
	if err != nil {
		t.Fatal(err)
	}
	for path, item := range c.Doc.Paths.Map() {
		for method, op := range item.Operations() {
			want := []string{"500"}
			if path != "/healthz" {
				want = append(want, "503")
			}
			if op.RequestBody != nil {
				want = append(want, "400", "413", "415")
			}
			if len(op.Parameters) > 0 || len(item.Parameters) > 0 {
				want = append(want, "400")
			}
			if op.Security == nil || len(*op.Security) > 0 {
				want = append(want, "401")
			}
			for _, code := range want {
				if op.Responses.Value(code) == nil {
					t.Errorf("%s %s does not document %s", method, path, code)
				}
			}
			if op.OperationID == "" || op.Summary == "" {
				t.Errorf("%s %s needs an operationId and a summary", method, path)
			}
		}
	}
}

// TestProblemCodesMatchTheCatalogue: the spec's list of codes, the Go constants and the
// localized messages are one list.
func TestProblemCodesMatchTheCatalogue(t *testing.T) {
	c, err := httpapi.LoadContract()
	if err != nil {
		t.Fatal(err)
	}
	var specCodes []string
	for _, v := range c.Doc.Components.Schemas["Problem"].Value.Properties["code"].Value.Enum {
		specCodes = append(specCodes, v.(string))
	}
	src, err := os.ReadFile(filepath.Join("..", "apperr", "apperr.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range specCodes {
		if !strings.Contains(string(src), `"`+code+`"`) {
			t.Errorf("spec code %q has no Go constant", code)
		}
		if !apperr.HasMessage(apperr.Code(code)) {
			t.Errorf("code %q has no Korean and English message", code)
		}
	}
	for _, line := range strings.Split(string(src), "\n") {
		if _, rest, ok := strings.Cut(line, "Code = \""); ok {
			code := strings.TrimSuffix(strings.TrimSpace(rest), `"`)
			if !slices.Contains(specCodes, code) {
				t.Errorf("Go code %q is missing from openapi.yaml Problem.code", code)
			}
		}
	}
}

func TestSystemEndpointsAndWebApp(t *testing.T) {
	t.Parallel()
	web := t.TempDir()
	must(t, os.WriteFile(filepath.Join(web, "index.html"), []byte("<html lang=\"ko\">으뜸</html>"), 0o644))
	must(t, os.MkdirAll(filepath.Join(web, "docs"), 0o755))
	must(t, os.WriteFile(filepath.Join(web, "docs", "index.html"), []byte("<title>Eutteum API</title>"), 0o644))
	must(t, os.MkdirAll(filepath.Join(web, "assets"), 0o755))
	must(t, os.WriteFile(filepath.Join(web, "assets", "app-1234.js"), []byte("console.log(1)"), 0o644))
	env := apitest.New(t, func(s *app.Settings) { s.WebDir = web })
	c := env.Client()

	c.Get("/healthz").Status(http.StatusOK)
	c.Get("/readyz").Status(http.StatusOK)

	spec := c.Get("/openapi.yaml").Status(http.StatusOK)
	if !strings.HasPrefix(string(spec.Body), "openapi: 3.1") {
		t.Fatalf("spec: %.40s", spec.Body)
	}
	if docs := c.Get("/docs"); docs.Code != http.StatusOK || !strings.Contains(string(docs.Body), "Eutteum API") {
		t.Fatalf("docs: %d %s", docs.Code, docs.Body)
	}
	// Client-side routes load the app.
	for _, p := range []string{"/", "/login", "/invite/abc", "/admin/invitations"} {
		res := c.Get(p)
		if res.Code != http.StatusOK || !strings.Contains(string(res.Body), "으뜸") {
			t.Fatalf("%s: %d %s", p, res.Code, res.Body)
		}
		if csp := res.Head.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Fatalf("CSP: %q", csp)
		}
	}
	if asset := c.Get("/assets/app-1234.js"); !strings.Contains(asset.Head.Get("Cache-Control"), "immutable") {
		t.Fatalf("asset cache: %q", asset.Head.Get("Cache-Control"))
	}
	c.Get("/assets/missing.js").Problem(http.StatusNotFound, "route_not_found")
	c.Get("/api/v1/nothing-here").Problem(http.StatusNotFound, "route_not_found")
	c.Do(http.MethodDelete, "/api/v1/me", nil).Problem(http.StatusMethodNotAllowed, "method_not_allowed")

	// A caller's request ID is kept, a malformed one replaced.
	c.Header.Set("X-Request-Id", "trace-42")
	if got := c.Get("/healthz").Head.Get("X-Request-Id"); got != "trace-42" {
		t.Fatalf("request id %q", got)
	}
	c.Header.Set("X-Request-Id", "bad id with spaces")
	if got := c.Get("/healthz").Head.Get("X-Request-Id"); got == "" || strings.Contains(got, " ") {
		t.Fatalf("request id %q", got)
	}
}

func TestReadyzReportsDatabaseDown(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	env.Pool.Close()
	res := env.Client().Get("/readyz")
	res.Problem(http.StatusServiceUnavailable, "database_unavailable")
	if res.Head.Get("Retry-After") == "" {
		t.Fatal("503 without Retry-After")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestMetricsCountRequestsAndEvents(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	env.Login(member, password)
	body := string(env.Client().Get("/metrics").Status(http.StatusOK).Body)
	for _, want := range []string{
		`eutteum_http_request_duration_seconds_count{method="POST",route="/api/v1/auth/login",status="200"} 1`,
		`eutteum_events_total{event="login"} 1`,
		`eutteum_db_pool_connections{state="max"}`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
