package httpapi_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"eutteum/api/apitest"
	"eutteum/api/testdb"
)

// statementLog is a pgx tracer that records each statement a pool sends: one round trip
// to PostgreSQL each (BEGIN and COMMIT included).
type statementLog struct {
	mu  sync.Mutex
	sql []string
}

func (l *statementLog) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sql = append(l.sql, data.SQL)
	return ctx
}

func (l *statementLog) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// during returns the statements sent while fn ran.
func (l *statementLog) during(fn func()) []string {
	l.mu.Lock()
	l.sql = nil
	l.mu.Unlock()
	fn()
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sql
}

// TestDeadlineDayRoundTrips counts the database round trips of the deadline-day requests,
// so that reads of the round, its parts or the row just written cannot creep back into
// them: each reads what it needs once, inside its transaction, and answers from the row
// it wrote.
func TestDeadlineDayRoundTrips(t *testing.T) {
	t.Parallel()
	log := &statementLog{}
	env := apitest.Seed(t, apitest.NewOn(t, testdb.NewTraced(t, log)))
	m := env.Login(member, password)
	j := env.Login(judge, password)

	var roundID, categoryID string
	for _, r := range m.Get("/api/v1/rounds?status=open").Status(http.StatusOK).JSON()["items"].([]any) {
		if r := r.(map[string]any); r["title"] == "2026 하반기 으뜸상" {
			roundID = r["id"].(string)
			categoryID = r["categories"].([]any)[0].(map[string]any)["id"].(string)
		}
	}
	if roundID == "" {
		t.Fatal("the demo data has no open round 2026 하반기 으뜸상")
	}
	teamID := m.Get("/api/v1/teams").Status(http.StatusOK).JSON()["items"].([]any)[0].(map[string]any)["id"].(string)
	created := m.Post("/api/v1/rounds/"+roundID+"/cases", map[string]any{"teamId": teamID, "title": "왕복 횟수 시험"}).Status(http.StatusCreated)
	path := "/api/v1/cases/" + created.JSON()["id"].(string)
	draft := map[string]any{
		"title": "왕복 횟수 시험", "summary": "마감일 저장", "problem": "추진배경", "solution": "추진내용", "outcomes": "성과",
		"categoryId": categoryID,
	}
	tag := created.Head.Get("ETag")

	dash := j.Get("/api/v1/judging/assignments").Status(http.StatusOK).JSON()["items"].([]any)[0].(map[string]any)
	stage := dash["stage"].(map[string]any)
	sheetPath := "/api/v1/stages/" + stage["id"].(string) + "/cases/" + dash["cases"].([]any)[0].(map[string]any)["caseId"].(string) + "/sheet"
	var items []map[string]any
	for _, c := range stage["criteria"].([]any) {
		c := c.(map[string]any)
		it := map[string]any{"criterionId": c["id"]}
		if c["scale"].(map[string]any)["kind"] == "grades" {
			it["grade"] = "A"
		} else {
			it["points"] = c["scale"].(map[string]any)["max"]
		}
		items = append(items, it)
	}

	// Each operation runs twice: the first of a kind may differ (a first save, a first
	// sheet), the second is the one deadline day repeats.
	ops := []struct {
		name string
		max  int
		do   func() *apitest.Response
	}{
		{"PUT /cases/{id} (draft save)", 4, func() *apitest.Response {
			res := m.With("If-Match", tag).Put(path, draft).Status(http.StatusOK)
			tag = res.Head.Get("ETag")
			return res
		}},
		{"POST /cases/{id}/submit (submission)", 4, func() *apitest.Response {
			res := m.With("If-Match", tag).Post(path+"/submit", nil).Status(http.StatusOK)
			tag = res.Head.Get("ETag")
			return res
		}},
		{"GET /cases/{id} (team member)", 1, func() *apitest.Response { return m.Get(path).Status(http.StatusOK) }},
		{"PUT /stages/{id}/cases/{id}/sheet (draft)", 4, func() *apitest.Response {
			return j.Put(sheetPath, map[string]any{"items": items, "submit": false}).Status(http.StatusOK)
		}},
		{"PUT /stages/{id}/cases/{id}/sheet (submit)", 4, func() *apitest.Response {
			return j.Put(sheetPath, map[string]any{"items": items, "submit": true}).Status(http.StatusOK)
		}},
	}
	for _, op := range ops {
		for range 2 {
			sent := log.during(func() { op.do() })
			t.Logf("%s: %d round trips", op.name, len(sent))
			if len(sent) > op.max {
				t.Errorf("%s: %d round trips, want at most %d:\n%s", op.name, len(sent), op.max, strings.Join(sent, "\n---\n"))
			}
		}
	}
}
