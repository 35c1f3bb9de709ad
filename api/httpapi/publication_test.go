package httpapi_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"eutteum/api/apitest"
)

// publishedRound judges the round's three cases in one stage with three judges and
// publishes the results with the given objection window.
func publishedRound(t *testing.T, je *judgingEnv, objectionDays int) map[string]any {
	t.Helper()
	org := je.org
	org.Put("/api/v1/rounds/"+je.roundID+"/judging", map[string]any{"method": "mean", "objectionDays": objectionDays, "tieBreaks": []any{}}).Status(http.StatusOK)
	st := je.stage(t, false)
	base := "/api/v1/stages/" + st["id"].(string)
	panel := []string{"j1@demo.test", "j2@demo.test", "j3@demo.test"}
	for _, email := range panel {
		org.Post(base+"/judges", map[string]any{"userId": je.ids[email]}).Status(http.StatusCreated)
	}
	org.Post(base+"/open", nil).Status(http.StatusOK)
	for title, p := range map[string]float64{"복지 알림 서비스": 6, "민원 대기 줄이기": 8, "전자 결재 간소화": 9} {
		org.Put(base+"/assignments/"+je.cases[title], map[string]any{"judgeIds": []string{je.ids[panel[0]], je.ids[panel[1]], je.ids[panel[2]]}}).Status(http.StatusOK)
		for _, email := range panel {
			je.judges[email].Put(base+"/cases/"+je.cases[title]+"/sheet", fullSheet(st, p, "A", true)).Status(http.StatusOK)
		}
	}
	org.Post(base+"/close", nil).Status(http.StatusOK)
	return org.Post("/api/v1/rounds/"+je.roundID+"/results/publish", nil).Status(http.StatusOK).JSON()
}

func fieldsOf(p apitest.Problem) []string {
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Field)
	}
	return out
}

func parseTime(t *testing.T, v any) time.Time {
	t.Helper()
	s, _ := v.(string)
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("not a time: %v", v)
	}
	return at
}

// TestPublicationFreezesItsTerms: once results are published, the objection window and
// every setting the published table shows stay as they were, refused with a 409 that names
// each field; the organizer's, the public and the enforced deadline are one instant.
func TestPublicationFreezesItsTerms(t *testing.T) {
	t.Parallel()
	je := newJudgingEnv(t)
	org := je.org

	// Until publication the window may change.
	published := publishedRound(t, je, 10)
	publishedAt := parseTime(t, published["publishedAt"])
	closes := parseTime(t, published["objectionsCloseAt"])
	if !closes.Equal(publishedAt.AddDate(0, 0, 10)) {
		t.Fatalf("objectionsCloseAt %v, publishedAt %v", closes, publishedAt)
	}

	// Changing the window, the method or the tie-breaks afterwards is refused, field by
	// field, in Korean by default and in English on request; nothing is saved.
	settingsURL := "/api/v1/rounds/" + je.roundID + "/judging"
	p := org.Put(settingsURL, map[string]any{"method": "mean", "objectionDays": 30, "tieBreaks": []any{}}).
		Problem(http.StatusConflict, "published_terms_frozen")
	if got := fieldsOf(p); !slices.Equal(got, []string{"objectionDays"}) {
		t.Fatalf("fields %v in %v", got, p)
	}
	if p.Title != "발표된 결과의 조건은 바꿀 수 없습니다" || p.Errors[0].Code != "published_frozen" || p.Errors[0].Message != "결과를 발표한 뒤에는 바꿀 수 없습니다. (발표 당시 값 유지)" {
		t.Fatalf("problem: %v", p)
	}
	p = org.With("Accept-Language", "en").Put(settingsURL, map[string]any{"method": "median", "objectionDays": 3, "tieBreaks": []map[string]any{{"kind": "earlier_submission"}}}).
		Problem(http.StatusConflict, "published_terms_frozen")
	if got := fieldsOf(p); !slices.Equal(got, []string{"objectionDays", "method", "tieBreaks"}) || p.Title != "Published terms are fixed" {
		t.Fatalf("problem: %v", p)
	}
	settings := org.Get(settingsURL).Status(http.StatusOK).JSON()
	if settings["objectionDays"].(float64) != 10 || settings["method"] != "mean" || settings["resultsPublished"] != true {
		t.Fatalf("settings after refusals: %v", settings)
	}
	// Sending the current values is no change and is accepted.
	org.Put(settingsURL, map[string]any{"method": "mean", "objectionDays": 10, "tieBreaks": []any{}}).Status(http.StatusOK)

	// The deadline is the same instant everywhere, and still so when asked again.
	public := je.env.Client().Get("/api/v1/public/rounds/" + je.roundID + "/results").Status(http.StatusOK).JSON()
	if got := parseTime(t, public["objectionsCloseAt"]); !got.Equal(closes) {
		t.Fatalf("public deadline %v, organizer's %v", got, closes)
	}
	again := org.Get("/api/v1/rounds/" + je.roundID + "/results").Status(http.StatusOK).JSON()
	if got := parseTime(t, again["objectionsCloseAt"]); !got.Equal(closes) {
		t.Fatalf("organizer deadline now %v, at publication %v", got, closes)
	}

	// The stages, their judges and votes made the published table: they stay as they were.
	stages := org.Get("/api/v1/rounds/" + je.roundID + "/stages").Status(http.StatusOK).JSON()["items"].([]any)
	stageURL := "/api/v1/stages/" + stages[0].(map[string]any)["id"].(string)
	p = org.Put(stageURL, map[string]any{"name": "서면심사 (수정)", "finalShare": 50}).Problem(http.StatusConflict, "published_terms_frozen")
	if got := fieldsOf(p); !slices.Equal(got, []string{"finalShare", "name"}) {
		t.Fatalf("fields %v in %v", got, p)
	}
	org.Do(http.MethodDelete, stageURL+"/judges/"+je.ids["j1@demo.test"], nil).Problem(http.StatusConflict, "published_terms_frozen")
	org.Post(stageURL+"/conflicts", map[string]any{"caseId": je.cases["민원 대기 줄이기"], "judgeId": je.ids["j2@demo.test"], "reason": "발표 뒤에 알게 된 관계"}).
		Problem(http.StatusConflict, "published_terms_frozen")
	org.Post(stageURL+"/vote/open", nil).Problem(http.StatusConflict, "published_terms_frozen")

	// No stage can be added to a published round.
	final := writtenStage(t, org, false)
	final["name"], final["kind"] = "본선", "final"
	org.Post("/api/v1/rounds/"+je.roundID+"/stages", final).Problem(http.StatusConflict, "published_terms_frozen")

	// The round's title and award tiers are in the published table and the awards; other
	// settings may still change, and the awarded tiers keep their identity.
	roundURL := "/api/v1/rounds/" + je.roundID
	before := org.Get(roundURL).Status(http.StatusOK).JSON()
	if before["resultsPublishedAt"] == nil {
		t.Fatalf("round: %v", before)
	}
	body := roundBody(t, je.env, "경기도")
	body["includeSubAgencies"] = true
	changed := roundBody(t, je.env, "경기도")
	changed["includeSubAgencies"] = true
	changed["title"] = "2025 상반기 으뜸상 (수정)"
	changed["awardTiers"] = []map[string]any{
		{"name": "대상", "count": 2, "prizeKrw": 3000000},
		{"name": "최우수", "count": 2, "prizeKrw": 2000000},
		{"name": "우수", "count": 3, "prizeKrw": 1000000},
		{"name": "장려", "count": 5, "prizeKrw": 500000},
	}
	p = org.Put(roundURL, changed).Problem(http.StatusConflict, "published_terms_frozen")
	if got := fieldsOf(p); !slices.Equal(got, []string{"title", "awardTiers[0]"}) {
		t.Fatalf("fields %v in %v", got, p)
	}
	body["description"] = "결과 발표 후 안내 문구를 보탰습니다."
	after := org.Put(roundURL, body).Status(http.StatusOK).JSON()
	if after["description"] != body["description"] || after["title"] != before["title"] ||
		string(mustJSON(t, after["awardTiers"])) != string(mustJSON(t, before["awardTiers"])) {
		t.Fatalf("round after update: %v\nbefore: %v", after, before)
	}

	// Filing is checked against the very deadline shown: a minute before it is in time, at
	// it the window has closed.
	m := je.env.Login(member, password)
	caseURL := "/api/v1/cases/" + je.cases["복지 알림 서비스"] + "/objections"
	je.env.App.Rounds.SetClock(func() time.Time { return closes.Add(-time.Minute) })
	m.Post(caseURL, map[string]any{"text": "효과성 점수의 산정 근거를 알고 싶습니다."}).Status(http.StatusCreated)
	je.env.App.Rounds.SetClock(func() time.Time { return closes })
	m.Post(caseURL, map[string]any{"text": "마감 시각에 낸 이의신청입니다."}).Problem(http.StatusConflict, "objection_window_closed")
}
