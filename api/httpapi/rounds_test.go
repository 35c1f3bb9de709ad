package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"eutteum/api/apitest"
)

// roundBody is a valid round hosted by 부천시 whose submissions opened yesterday and close in
// a week.
func roundBody(t *testing.T, env *apitest.Env, participants ...string) map[string]any {
	t.Helper()
	if len(participants) == 0 {
		participants = []string{"부천시"}
	}
	ids := make([]string, len(participants))
	for i, name := range participants {
		ids[i] = agencyID(t, env, name)
	}
	now := time.Now().UTC().Truncate(time.Second)
	return map[string]any{
		"title": "2025 상반기 으뜸상", "awardName": "으뜸상", "year": 2025, "period": "H1",
		"hostAgencyId": agencyID(t, env, "부천시"), "participatingAgencyIds": ids, "includeSubAgencies": false,
		"categories":        []string{"복지", "안전", "디지털·데이터"},
		"eligibleTeamKinds": []string{"innovation_team", "mz_discovery_group", "department"},
		"schedule": map[string]any{
			"submissionOpensAt":  now.Add(-24 * time.Hour).Format(time.RFC3339),
			"submissionClosesAt": now.Add(7 * 24 * time.Hour).Format(time.RFC3339),
			"judgingClosesAt":    now.Add(14 * 24 * time.Hour).Format(time.RFC3339),
			"resultsAnnouncedAt": now.Add(21 * 24 * time.Hour).Format(time.RFC3339),
		},
		"awardTiers": []map[string]any{
			{"name": "대상", "count": 1, "prizeKrw": 3000000},
			{"name": "최우수", "count": 2, "prizeKrw": 2000000},
			{"name": "우수", "count": 3, "prizeKrw": 1000000},
			{"name": "장려", "count": 5, "prizeKrw": 500000},
		},
	}
}

func createPublishedRound(t *testing.T, env *apitest.Env, body map[string]any) map[string]any {
	t.Helper()
	org := env.Login(organizer, password)
	created := org.Post("/api/v1/rounds", body).Status(http.StatusCreated).JSON()
	return org.Post("/api/v1/rounds/"+created["id"].(string)+"/publish", nil).Status(http.StatusOK).JSON()
}

func TestRoundIsCreatedValidatedAndPublished(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	org := env.Login(organizer, password)

	bad := roundBody(t, env)
	sched := bad["schedule"].(map[string]any)
	sched["submissionClosesAt"] = "2025-01-01T00:00:00+09:00"
	sched["submissionOpensAt"] = "2025-02-01T00:00:00+09:00"
	bad["awardTiers"] = []map[string]any{{"name": "대상", "count": 1, "prizeKrw": -5}}
	p := org.Post("/api/v1/rounds", bad).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["awardTiers[0].prizeKrw"] != "min" {
		t.Fatalf("negative prize: %+v", p.Errors)
	}
	bad["awardTiers"] = []map[string]any{}
	p = org.Post("/api/v1/rounds", bad).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["schedule.submissionClosesAt"] != "after_submission_opens" {
		t.Fatalf("end before start: %+v", p.Errors)
	}
	dup := roundBody(t, env)
	dup["categories"] = []string{"복지", "복지"}
	if p := org.Post("/api/v1/rounds", dup).Problem(http.StatusBadRequest, "validation_failed"); p.FieldCodes()["categories[1]"] != "duplicate" {
		t.Fatalf("duplicate category: %+v", p.Errors)
	}

	// Another agency's organizer cannot host a round for 부천시; a member cannot create rounds.
	env.Login("organizer.incheon@demo.test", password).Post("/api/v1/rounds", roundBody(t, env)).Problem(http.StatusForbidden, "forbidden")
	env.Login(member, password).Post("/api/v1/rounds", roundBody(t, env)).Problem(http.StatusForbidden, "forbidden")

	created := org.Post("/api/v1/rounds", roundBody(t, env)).Status(http.StatusCreated).JSON()
	id := created["id"].(string)
	if created["status"] != "open" || created["published"] != false || created["canManage"] != true || len(created["categories"].([]any)) != 3 {
		t.Fatalf("created: %v", created)
	}

	// Unpublished: the participating member does not see it yet.
	m := env.Login(member, password)
	m.Get("/api/v1/rounds/"+id).Problem(http.StatusNotFound, "not_found")
	if listed(m, "/api/v1/rounds")[id] {
		t.Fatal("member sees an unpublished round")
	}
	org.Post("/api/v1/rounds/"+id+"/publish", nil).Status(http.StatusOK)
	if !listed(m, "/api/v1/rounds?status=open")[id] {
		t.Fatal("member should see the published round")
	}
	for rid, status := range statuses(m, "/api/v1/rounds?status=announced") {
		if rid == id || status != "announced" {
			t.Fatalf("status filter let %s (%s) through", rid, status)
		}
	}
	// A member of an agency that does not take part does not see it.
	env.Login("member.fire@demo.test", password).Get("/api/v1/rounds/"+id).Problem(http.StatusNotFound, "not_found")
	// A participant cannot change it.
	m.Put("/api/v1/rounds/"+id, roundBody(t, env)).Problem(http.StatusForbidden, "forbidden")
}

func TestRoundWithSubAgencies(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	body := roundBody(t, env, "경기도")
	r := createPublishedRound(t, env, body)
	env.Login(member, password).Get("/api/v1/rounds/"+r["id"].(string)).Problem(http.StatusNotFound, "not_found")

	body["includeSubAgencies"] = true
	r = createPublishedRound(t, env, body)
	env.Login(member, password).Get("/api/v1/rounds/" + r["id"].(string)).Status(http.StatusOK)
}

func TestCopyRoundToNextPeriod(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	org := env.Login(organizer, password)
	r := createPublishedRound(t, env, roundBody(t, env))
	cp := org.Post("/api/v1/rounds/"+r["id"].(string)+"/copy", nil).Status(http.StatusCreated).JSON()
	if cp["title"] != "2025 하반기 으뜸상" || cp["period"] != "H2" || cp["year"].(float64) != 2025 || cp["published"] != false {
		t.Fatalf("copy: %v", cp)
	}
	if len(cp["awardTiers"].([]any)) != 4 || len(cp["categories"].([]any)) != 3 {
		t.Fatalf("copy lost settings: %v", cp)
	}
	opens := func(r map[string]any) time.Time {
		ts, _ := time.Parse(time.RFC3339, r["schedule"].(map[string]any)["submissionOpensAt"].(string))
		return ts
	}
	if got := opens(cp).Sub(opens(r)); got < 180*24*time.Hour || got > 185*24*time.Hour {
		t.Fatalf("copied schedule moved by %v, want six months", got)
	}
	next := org.Post("/api/v1/rounds/"+cp["id"].(string)+"/copy", nil).Status(http.StatusCreated).JSON()
	if next["title"] != "2026 상반기 으뜸상" || next["year"].(float64) != 2026 {
		t.Fatalf("H2 → next H1: %v", next["title"])
	}
}

func TestUpdateRoundKeepsCategoriesInUse(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	org := env.Login(organizer, password)
	r := createPublishedRound(t, env, roundBody(t, env))
	id := r["id"].(string)
	caseID, tag := startCase(t, env, id)
	m := env.Login(member, password)
	safety := categoryID(t, r, "안전")
	m.With("If-Match", tag).Put("/api/v1/cases/"+caseID, map[string]any{"title": "위반건축물 동별 맞춤 점검", "categoryId": safety}).Status(http.StatusOK)

	body := roundBody(t, env)
	body["categories"] = []string{"복지", "환경"}
	p := org.Put("/api/v1/rounds/"+id, body).Problem(http.StatusConflict, "conflict")
	if p.FieldCodes()["categories"] != "in_use" || !strings.Contains(p.Errors[0].Message, "안전") {
		t.Fatalf("in use: %+v", p.Errors)
	}
	body["categories"] = []string{"안전", "환경"}
	updated := org.Put("/api/v1/rounds/"+id, body).Status(http.StatusOK).JSON()
	if categoryID(t, updated, "안전") != safety {
		t.Fatal("a kept category must keep its id")
	}
}

func listed(c *apitest.Client, path string) map[string]bool {
	out := map[string]bool{}
	for id := range statuses(c, path) {
		out[id] = true
	}
	return out
}

func statuses(c *apitest.Client, path string) map[string]string {
	out := map[string]string{}
	for _, it := range c.Get(path).Status(http.StatusOK).JSON()["items"].([]any) {
		r := it.(map[string]any)
		out[r["id"].(string)] = r["status"].(string)
	}
	return out
}

func categoryID(t *testing.T, round map[string]any, name string) string {
	t.Helper()
	for _, c := range round["categories"].([]any) {
		if c.(map[string]any)["name"] == name {
			return c.(map[string]any)["id"].(string)
		}
	}
	t.Fatalf("no category %s", name)
	return ""
}
