package seed_test

import (
	"context"
	"testing"

	"eutteum/api/apitest"
	"eutteum/api/seed"
)

func TestDemoDataLoadsOnceAndAgainChangesNothing(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	first, err := seed.Demo(context.Background(), env.App)
	if err != nil {
		t.Fatal(err)
	}
	if first.Agencies != 11 || first.Users != 11 || first.Teams != 5 || first.Rounds != 6 || first.Cases != 9 || first.Archived != 330 {
		t.Fatalf("first load: %+v", first)
	}
	again, err := seed.Demo(context.Background(), env.App)
	if err != nil {
		t.Fatal(err)
	}
	if again != (seed.Result{}) {
		t.Fatalf("second load created %+v", again)
	}
	counts := map[string]int{}
	rows, err := env.Pool.Query(context.Background(), "select status::text, count(*) from cases group by status")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			t.Fatal(err)
		}
		counts[status] = n
	}
	// Two rounds judged and published, one mid-judging, two open with a draft among them.
	want := map[string]int{"draft": 1, "submitted": 2, "judging": 3, "awarded": 3}
	for status, n := range want {
		if counts[status] != n {
			t.Fatalf("cases by status %v, want %v", counts, want)
		}
	}
	var published, sheets int
	if err := env.Pool.QueryRow(context.Background(), "select (select count(*) from published_results), (select count(*) from score_sheets where status = 'submitted')").Scan(&published, &sheets); err != nil {
		t.Fatal(err)
	}
	if published != 2 || sheets != 13 {
		t.Fatalf("published results %d, submitted sheets %d", published, sheets)
	}
}
