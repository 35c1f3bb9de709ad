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
	if first.Agencies != 12 || first.Users != 16 || first.Teams != 5 || first.Rounds != 6 || first.Cases != 9 || first.Archived != 330 {
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

// TestDemoPublicVoteChangesTheWinner: in 2026 적극행정 우수사례 the judges put 119 이음콜 first,
// and the public vote (20 %) puts 수입금 처리 방식 개선 first, as the published table shows.
func TestDemoPublicVoteChangesTheWinner(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	var roundID string
	if err := env.Pool.QueryRow(context.Background(), "select id from rounds where title = '2026 적극행정 우수사례'").Scan(&roundID); err != nil {
		t.Fatal(err)
	}
	cases := env.Client().Get("/api/v1/public/rounds/" + roundID + "/results").Status(200).JSON()["cases"].([]any)
	first, second := cases[0].(map[string]any), cases[1].(map[string]any)
	v1, v2 := first["components"].(map[string]any), second["components"].(map[string]any)
	if first["title"] != "수입금 처리 방식 개선" || v1["judgeScore"].(float64) >= v2["judgeScore"].(float64) ||
		v1["votes"].(float64) <= v2["votes"].(float64) || v1["voteShare"].(float64) != 20 {
		t.Fatalf("published ranking: %v / %v", first, second)
	}
	// An open vote to try: 2026 하반기 행정대상, listed publicly.
	votes := env.Client().Get("/api/v1/public/votes").Status(200).JSON()["items"].([]any)
	var open bool
	for _, v := range votes {
		v := v.(map[string]any)
		open = open || (v["roundTitle"] == "2026 하반기 행정대상" && v["status"] == "open")
	}
	if !open {
		t.Fatalf("no open demo vote: %v", votes)
	}
}
