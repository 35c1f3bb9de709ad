package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5"

	"eutteum/api/apitest"
)

// BenchmarkGetArchiveCase measures the server's own cost of the most frequent public read,
// without the network: routing, request validation, the queries and the JSON answer.
//
//	go test -run '^$' -bench GetArchiveCase -benchmem ./api/httpapi/
func BenchmarkGetArchiveCase(b *testing.B) {
	env := apitest.NewSeeded(b)
	var id string
	if err := env.Pool.QueryRow(context.Background(), "select id from archive_entries order by id limit 1").Scan(&id); err != nil {
		b.Fatal(err)
	}
	path := "/api/v1/archive/cases/" + id
	b.ReportAllocs()
	// Several requests in flight per core, as under load, so waiting on the database does
	// not hide the CPU cost.
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			env.App.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
}

// BenchmarkGetTeamCase is BenchmarkGetArchiveCase for a team member reading a submitted
// case of theirs: authentication, the case page's query and the comparison with the
// submitted version.
//
//	go test -run '^$' -bench GetTeamCase -benchmem ./api/httpapi/
func BenchmarkGetTeamCase(b *testing.B) {
	env := apitest.NewSeeded(b)
	m := env.Login(member, password)
	var id string
	if err := env.Pool.QueryRow(context.Background(),
		`select c.id from cases c join team_members tm on tm.team_id = c.team_id join users u on u.id = tm.user_id
		 where u.email = $1 and c.submitted_version > 0 order by c.id limit 1`, member).Scan(&id); err != nil {
		b.Fatal(err)
	}
	path := "/api/v1/cases/" + id
	b.ReportAllocs()
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Authorization", "Bearer "+m.Token)
			env.App.Handler.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
}

// BenchmarkBareGinPgx is the yardstick for the two above, as scripts/bench serves it: a
// bare Gin handler that reads an archive entry's columns with pgx and sends them as JSON,
// with no authentication, contract check, domain rules or middleware. Run them together
// (with -count) so the ratio comes from one run on the same machine.
//
//	go test -run '^$' -bench 'GetTeamCase|GetArchiveCase|BareGinPgx' -count 5 ./api/httpapi/
func BenchmarkBareGinPgx(b *testing.B) {
	env := apitest.NewSeeded(b)
	var id string
	if err := env.Pool.QueryRow(context.Background(), "select id from archive_entries order by id limit 1").Scan(&id); err != nil {
		b.Fatal(err)
	}
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.GET("/row/:id", func(c *gin.Context) {
		rows, _ := env.Pool.Query(c, `select id, title, summary, problem, solution, outcomes, metrics, collaborators, tags,
			category, team_name, team_kind, year, period, round_title, award_name, award_tier, stage, evidence_level,
			licence, attachments, published_on, agency_name from archive_entries where id = $1`, c.Param("id"))
		row, err := pgx.CollectExactlyOneRow(rows, pgx.RowToMap)
		if err != nil {
			c.Status(http.StatusNotFound)
			return
		}
		c.JSON(http.StatusOK, row)
	})
	path := "/row/" + id
	b.ReportAllocs()
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
}
