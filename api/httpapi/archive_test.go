package httpapi_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"eutteum/api/apitest"
	"eutteum/api/archive"
)

func TestArchiveSearchAndAdoption(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	anon := env.Client()

	// The demo rounds published three winners beside 330 imported past winners; anyone may
	// search them.
	all := anon.Get("/api/v1/archive/cases").Status(http.StatusOK).JSON()
	if all["total"].(float64) != 333 || all["nextCursor"] == nil {
		t.Fatalf("archive total %v", all["total"])
	}
	res := anon.Get("/api/v1/archive/cases?q=" + url.QueryEscape("이음 콜")).Status(http.StatusOK).JSON()
	items := res["items"].([]any)
	if len(items) < 2 {
		t.Fatalf("이음 콜: %v", items)
	}
	hit := items[0].(map[string]any)
	if hit["title"] != "119 이음콜 출동정보 알리미" || hit["awardTier"] != "우수" || len(hit["titleHighlights"].([]any)) != 1 {
		t.Fatalf("hit: %v", hit)
	}
	id := hit["id"].(string)

	for _, q := range []string{"&|!():*'\\", "!!!"} {
		r := anon.Get("/api/v1/archive/cases?q=" + url.QueryEscape(q)).Status(http.StatusOK).JSON()
		if r["total"].(float64) != 0 {
			t.Fatalf("%q matched %v", q, r["total"])
		}
	}
	anon.Get("/api/v1/archive/cases?cursor=garbage").Problem(http.StatusBadRequest, "invalid_cursor")
	anon.Get("/api/v1/archive/cases?teamKind=unknown").Problem(http.StatusBadRequest, "validation_failed")
	anon.Get("/api/v1/archive/cases?q=" + url.QueryEscape(string(make([]rune, 201)))).Status(http.StatusBadRequest)

	detail := anon.Get("/api/v1/archive/cases/" + id).Status(http.StatusOK).JSON()
	metrics := detail["metrics"].([]any)
	if len(metrics) != 1 || metrics[0].(map[string]any)["improvement"].(map[string]any)["percentagePoints"].(float64) != 11.1 {
		t.Fatalf("detail metrics: %v", metrics)
	}
	if detail["teamName"] != "인천 소방 119 혁신팀" {
		t.Fatalf("team: %v", detail["teamName"])
	}
	// No personal data: the members are not in the public view.
	if body := string(mustJSON(t, detail)); contains(body, "정다은") || contains(body, "member.fire") {
		t.Fatal("the public view names a team member")
	}

	// An organizer of 부천시 records interest, then adoption; the team hears of it.
	org := env.Login(organizer, password)
	org.Put("/api/v1/archive/cases/"+id+"/adoption", map[string]any{"status": "adopted"}).Problem(http.StatusBadRequest, "validation_failed")
	org.Put("/api/v1/archive/cases/"+id+"/adoption", map[string]any{"status": "interested"}).Status(http.StatusOK)
	adopted := org.Put("/api/v1/archive/cases/"+id+"/adoption", map[string]any{
		"status": "adopted", "adoptedOn": "2026-09-01", "adaptation": "부천 소방서 구급 출동에 맞춰 문자 문구를 바꿨다",
		"results": []map[string]any{{"name": "통화 성공률", "unit": "%", "before": 71.0, "after": 83.5, "direction": "increase"}},
	}).Status(http.StatusOK).JSON()
	if adopted["order"].(float64) != 1 || adopted["agency"].(map[string]any)["name"] != "부천시" {
		t.Fatalf("adoption: %v", adopted)
	}
	env.Login("member.fire@demo.test", password).Put("/api/v1/archive/cases/"+id+"/adoption", map[string]any{"status": "interested"}).
		Problem(http.StatusForbidden, "own_agency_case")
	anon.Put("/api/v1/archive/cases/"+id+"/adoption", map[string]any{"status": "interested"}).Problem(http.StatusUnauthorized, "unauthenticated")

	detail = anon.Get("/api/v1/archive/cases/" + id).JSON()
	if detail["adoptionCount"].(float64) != 1 || len(detail["adoptions"].([]any)) != 1 {
		t.Fatalf("after adoption: %v", detail["adoptions"])
	}
	notes := env.Login("member.fire@demo.test", password).Get("/api/v1/me/notifications").JSON()["items"].([]any)
	if len(notes) == 0 || notes[0].(map[string]any)["kind"] != "case_adopted" {
		t.Fatalf("team notifications: %v", notes)
	}
	mostAdopted := anon.Get("/api/v1/archive/cases?sort=most_adopted").JSON()["items"].([]any)
	if mostAdopted[0].(map[string]any)["id"] != id {
		t.Fatalf("most adopted first: %v", mostAdopted[0])
	}

	fire := agencyID(t, env, "인천광역시 소방본부")
	spread := anon.Get("/api/v1/archive/agencies/" + fire + "/spread").Status(http.StatusOK).JSON()
	top := spread["topCases"].([]any)
	if spread["cases"].(float64) < 2 || spread["adoptionsReceived"].(float64) != 1 || top[0].(map[string]any)["id"] != id {
		t.Fatalf("spread: %v", spread)
	}
	made := anon.Get("/api/v1/archive/agencies/" + agencyID(t, env, "부천시") + "/spread").JSON()["adoptionsMade"].([]any)
	if len(made) != 1 {
		t.Fatalf("부천시 adopted: %v", made)
	}

	similar := env.Login(member, password).Post("/api/v1/archive/similar", map[string]any{"title": "119 이음콜 출동 알림", "category": "안전"}).Status(http.StatusOK).JSON()["items"].([]any)
	if len(similar) == 0 || !strings.Contains(similar[0].(map[string]any)["title"].(string), "119") {
		t.Fatalf("similar to draft: %v", similar)
	}
	org.Do(http.MethodDelete, "/api/v1/archive/cases/"+id+"/adoption", nil).Status(http.StatusNoContent)
	org.Do(http.MethodDelete, "/api/v1/archive/cases/"+id+"/adoption", nil).Problem(http.StatusNotFound, "not_found")
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestArchiveImportEndpoint(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	csv := "external_id,title,agency,year,period,published_date,award_tier\n" +
		"api-1,야간 민원 창구,부천시,2023,H2,2023-12-20,장려\n" +
		"api-2,연도 오류,부천시,이천,H2,2023-12-20,장려\n"
	report := env.Login(admin, password).Upload("/api/v1/archive/import", "지난 수상작.csv", []byte(csv), map[string]string{"createAgencies": "false"}).
		Status(http.StatusOK).JSON()
	rejected := report["rejected"].([]any)
	if report["imported"].(float64) != 1 || len(rejected) != 1 || rejected[0].(map[string]any)["line"].(float64) != 3 {
		t.Fatalf("report: %v", report)
	}
	env.Login(member, password).Upload("/api/v1/archive/import", "x.csv", []byte(csv), nil).Problem(http.StatusForbidden, "forbidden")

	// A file just past the upload limit (within the request's allowance for the form) is
	// refused whole, not imported up to the cut.
	row := "api-3,큰 파일,부천시,2023,H2,2023-12-20,장려\n"
	big := []byte(csv + strings.Repeat(row, (archive.MaxImportBytes+256<<10)/len(row)))
	env.Login(admin, password).Upload("/api/v1/archive/import", "큰 파일.csv", big, nil).Problem(http.StatusRequestEntityTooLarge, "body_too_large")
	if res := env.Client().Get("/api/v1/archive/cases?q=" + url.QueryEscape("큰 파일")).Status(http.StatusOK).JSON(); res["total"].(float64) != 0 {
		t.Fatalf("part of an oversized file was imported: %v", res["total"])
	}
}

func TestSearchIsRateLimited(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	c := env.Client()
	var limited *apitest.Response
	for i := 0; i < 60 && limited == nil; i++ {
		if res := c.Get("/api/v1/archive/cases?limit=1"); res.Code == http.StatusTooManyRequests {
			limited = res
		}
	}
	if limited == nil {
		t.Fatal("60 searches in a burst were all served")
	}
	p := limited.Problem(http.StatusTooManyRequests, "rate_limited")
	if limited.Head.Get("Retry-After") == "" || p.RetryAfterSeconds < 1 {
		t.Fatalf("429 without a wait: %+v", p)
	}
}
