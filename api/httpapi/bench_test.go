package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

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
