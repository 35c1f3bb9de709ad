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
	if first.Agencies != 11 || first.Users != 9 || first.Teams != 4 || first.Rounds != 5 || first.Cases != 6 {
		t.Fatalf("first load: %+v", first)
	}
	again, err := seed.Demo(context.Background(), env.App)
	if err != nil {
		t.Fatal(err)
	}
	if again != (seed.Result{}) {
		t.Fatalf("second load created %+v", again)
	}
	var submitted, versions int
	if err := env.Pool.QueryRow(context.Background(),
		"select count(*) filter (where status = 'submitted'), (select count(*) from case_versions) from cases").Scan(&submitted, &versions); err != nil {
		t.Fatal(err)
	}
	if submitted != 5 || versions != 5 {
		t.Fatalf("submitted %d, versions %d", submitted, versions)
	}
}
