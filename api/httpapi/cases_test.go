package httpapi_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"eutteum/api/apitest"
)

// startCase makes a team for the demo member and starts a draft in the round; it returns
// the case id and its ETag.
func startCase(t *testing.T, env *apitest.Env, roundID string) (string, string) {
	t.Helper()
	m := env.Login(member, password)
	teamID := createTeam(t, m, "부천 MZ혁신발굴단", "mz_discovery_group")
	res := m.Post("/api/v1/rounds/"+roundID+"/cases", map[string]any{"teamId": teamID, "title": "119 이음콜 출동정보 알리미"})
	res.Status(http.StatusCreated)
	return res.JSON()["id"].(string), res.Head.Get("ETag")
}

func completeCase(categoryID string) map[string]any {
	return map[string]any{
		"title":      "119 이음콜 출동정보 알리미",
		"summary":    "신고자에게 출동 정보를 문자로 알려 통화 성공률을 높였다",
		"problem":    "출동 대원이 신고자와 통화하지 못해 현장 도착이 늦어지는 일이 잦았다.",
		"solution":   "출동 지령과 동시에 대원 연락처와 도착 예정 시각을 문자로 보냈다.",
		"outcomes":   "통화 성공률이 올랐고 현장 도착 시간이 줄었다.",
		"categoryId": categoryID,
		"tags":       []string{"119", "문자", "안전"},
		"stage":      "implemented", "evidenceLevel": 3, "licence": "kogl1",
		"metrics": []map[string]any{
			{"name": "통화 성공률", "unit": "%", "before": 74.7, "after": 85.8, "direction": "increase"},
			{"name": "수입금 처리 시간", "unit": "분", "before": 120, "after": 2, "direction": "decrease"},
		},
		"collaborators": []map[string]any{{"name": "인천광역시 소방본부 119종합상황실", "kind": "external", "role": "문자 발송 체계 운영"}},
	}
}

func TestCaseDraftSubmitAndVersions(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	r := createPublishedRound(t, env, roundBody(t, env))
	roundID := r["id"].(string)
	caseID, tag := startCase(t, env, roundID)
	m := env.Login(member, password)
	path := "/api/v1/cases/" + caseID

	// Submitting a bare draft names what is missing.
	p := m.With("If-Match", tag).Post(path+"/submit", nil).Problem(http.StatusBadRequest, "validation_failed")
	for _, f := range []string{"summary", "problem", "solution", "outcomes", "categoryId"} {
		if p.FieldCodes()[f] != "required" {
			t.Errorf("missing %s not reported: %+v", f, p.Errors)
		}
	}

	saved := m.With("If-Match", tag).Put(path, completeCase(categoryID(t, r, "안전")))
	saved.Status(http.StatusOK)
	body := saved.JSON()
	metrics := body["metrics"].([]any)
	pp := metrics[0].(map[string]any)["improvement"].(map[string]any)
	if pp["percentagePoints"].(float64) != 11.1 || pp["improved"] != true {
		t.Fatalf("74.7 → 85.8: %v", pp)
	}
	factor := metrics[1].(map[string]any)["improvement"].(map[string]any)
	if factor["factor"].(float64) != 60 || factor["improved"] != true {
		t.Fatalf("120 → 2 minutes: %v", factor)
	}
	if body["category"].(map[string]any)["name"] != "안전" || body["editable"] != true || body["status"] != "draft" || body["view"] != "working_copy" {
		t.Fatalf("saved: %v", body)
	}

	submitted := m.With("If-Match", saved.Head.Get("ETag")).Post(path+"/submit", nil)
	submitted.Status(http.StatusOK)
	if s := submitted.JSON(); s["status"] != "submitted" || s["submittedVersion"].(float64) != 1 || s["hasUnsubmittedChanges"] != false {
		t.Fatalf("submitted: %v", s)
	}

	// The team keeps editing the working copy; the organizer sees what was submitted.
	edit := completeCase(categoryID(t, r, "안전"))
	edit["title"] = "119 이음콜: 출동정보 문자 알리미"
	edited := m.With("If-Match", submitted.Head.Get("ETag")).Put(path, edit).Status(http.StatusOK)
	if e := edited.JSON(); e["hasUnsubmittedChanges"] != true || e["view"] != "working_copy" {
		t.Fatalf("an edit after submitting must show unsubmitted changes in the working copy: %v", e)
	}
	// Each response says which copy it holds.
	if view := m.Get(path).Status(http.StatusOK).JSON()["view"]; view != "working_copy" {
		t.Fatalf("team's view %v", view)
	}
	org := env.Login(organizer, password)
	if seen := org.Get(path).Status(http.StatusOK).JSON(); seen["title"] != "119 이음콜 출동정보 알리미" || seen["view"] != "submitted" || seen["editable"] != false {
		t.Fatalf("organizer sees %v, want the submitted version", seen)
	}
	m.With("If-Match", edited.Head.Get("ETag")).Post(path+"/submit", nil).Status(http.StatusOK)

	versions := m.Get(path + "/versions").Status(http.StatusOK).JSON()["items"].([]any)
	if len(versions) != 2 {
		t.Fatalf("versions: %v", versions)
	}
	latest := versions[0].(map[string]any)
	changes := latest["changes"].([]any)
	if latest["version"].(float64) != 2 || len(changes) != 1 || changes[0].(map[string]any)["field"] != "title" {
		t.Fatalf("v2 changes: %v", latest)
	}
	v1 := m.Get(path + "/versions/1").Status(http.StatusOK).JSON()
	if v1["content"].(map[string]any)["title"] != "119 이음콜 출동정보 알리미" {
		t.Fatalf("v1: %v", v1)
	}
	m.Get(path+"/versions/9").Problem(http.StatusNotFound, "not_found")

	list := org.Get("/api/v1/rounds/" + roundID + "/cases").Status(http.StatusOK).JSON()["items"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["title"] != "119 이음콜: 출동정보 문자 알리미" {
		t.Fatalf("round cases: %v", list)
	}
	overview := org.Get("/api/v1/rounds/" + roundID + "/overview").Status(http.StatusOK).JSON()
	if overview["total"].(float64) != 1 {
		t.Fatalf("overview: %v", overview)
	}
	for _, c := range overview["byCategory"].([]any) {
		c := c.(map[string]any)
		if (c["label"] == "안전") != (c["count"].(float64) == 1) {
			t.Fatalf("by category: %v", overview["byCategory"])
		}
	}

	// Withdraw, then the case can go back in.
	w := m.Post(path+"/withdraw", nil).Status(http.StatusOK)
	if w.JSON()["status"] != "withdrawn" {
		t.Fatalf("withdraw: %s", w.Body)
	}
	m.Post(path+"/withdraw", nil).Problem(http.StatusConflict, "case_status_conflict")
	m.Do(http.MethodDelete, path, nil).Problem(http.StatusConflict, "case_status_conflict")
}

func TestStaleEditIsRefusedWithTheCurrentCase(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	r := createPublishedRound(t, env, roundBody(t, env))
	caseID, tag := startCase(t, env, r["id"].(string))
	path := "/api/v1/cases/" + caseID
	m := env.Login(member, password)

	m.Put(path, map[string]any{"title": "제목"}).Problem(http.StatusPreconditionRequired, "precondition_required")

	first := m.With("If-Match", tag).Put(path, map[string]any{"title": "첫 번째 팀원의 제목", "summary": "먼저 저장"})
	first.Status(http.StatusOK)
	stale := m.With("If-Match", tag).Put(path, map[string]any{"title": "두 번째 팀원의 제목"})
	p := stale.Problem(http.StatusPreconditionFailed, "precondition_failed")
	if !strings.Contains(p.Detail, "덮어쓰지 않았습니다") {
		t.Fatalf("detail: %q", p.Detail)
	}
	current := stale.JSON()["current"].(map[string]any)
	if current["title"] != "첫 번째 팀원의 제목" || stale.Head.Get("ETag") != first.Head.Get("ETag") {
		t.Fatalf("current: %v, etag %q", current, stale.Head.Get("ETag"))
	}
	if got := m.Get(path).JSON()["title"]; got != "첫 번째 팀원의 제목" {
		t.Fatalf("stored title %v: the stale edit overwrote", got)
	}
}

func TestDeadlineMakesCaseReadOnly(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	r := createPublishedRound(t, env, roundBody(t, env))
	caseID, tag := startCase(t, env, r["id"].(string))
	path := "/api/v1/cases/" + caseID
	m := env.Login(member, password)
	saved := m.With("If-Match", tag).Put(path, map[string]any{"title": "마감 전 제목"}).Status(http.StatusOK)

	env.App.Rounds.SetClock(func() time.Time { return time.Now().Add(8 * 24 * time.Hour) })
	p := m.With("If-Match", saved.Head.Get("ETag")).Put(path, map[string]any{"title": "마감 후 제목"}).
		Problem(http.StatusConflict, "submission_closed")
	if !strings.Contains(p.Detail, "마감") {
		t.Fatalf("detail %q", p.Detail)
	}
	got := m.Get(path).Status(http.StatusOK).JSON()
	if got["title"] != "마감 전 제목" || got["editable"] != false {
		t.Fatalf("after deadline: %v", got)
	}
	m.Upload(path+"/attachments", "보고서.pdf", minimalPDF, nil).Problem(http.StatusConflict, "submission_closed")
	teamID := got["team"].(map[string]any)["id"].(string)
	m.Post("/api/v1/rounds/"+r["id"].(string)+"/cases", map[string]any{"teamId": teamID, "title": "늦은 사례"}).
		Problem(http.StatusConflict, "submission_closed")
}

func TestCaseVisibility(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	r := createPublishedRound(t, env, roundBody(t, env))
	caseID, _ := startCase(t, env, r["id"].(string))
	path := "/api/v1/cases/" + caseID
	// A draft is the team's alone: not the organizer's, not another team's, not anonymous.
	env.Login(organizer, password).Get(path).Problem(http.StatusNotFound, "not_found")
	env.Login(judge, password).Get(path).Problem(http.StatusNotFound, "not_found")
	env.Client().Get(path).Problem(http.StatusUnauthorized, "unauthenticated")
	env.Login(judge, password).With("If-Match", `"1"`).Put(path, map[string]any{"title": "탈취"}).Problem(http.StatusNotFound, "not_found")
}

func TestCaseEligibility(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	r := createPublishedRound(t, env, roundBody(t, env))
	m := env.Login(member, password)
	club := createTeam(t, m, "정책동아리 온새미로", "policy_club")
	p := m.Post("/api/v1/rounds/"+r["id"].(string)+"/cases", map[string]any{"teamId": club, "title": "동아리 사례"}).
		Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["teamId"] != "not_eligible" {
		t.Fatalf("ineligible kind: %+v", p.Errors)
	}
	other := createTeam(t, env.Login(judge, password), "심사위원의 팀", "innovation_team")
	m.Post("/api/v1/rounds/"+r["id"].(string)+"/cases", map[string]any{"teamId": other, "title": "남의 팀"}).
		Problem(http.StatusForbidden, "forbidden")
}

var minimalPDF = []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

func TestAttachments(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	r := createPublishedRound(t, env, roundBody(t, env))
	caseID, _ := startCase(t, env, r["id"].(string))
	path := "/api/v1/cases/" + caseID
	m := env.Login(member, password)

	before := m.Get(path).Head.Get("ETag")
	up := m.Upload(path+"/attachments", "../../성과보고서 (최종).pdf", minimalPDF, map[string]string{"public": "true"})
	up.Status(http.StatusCreated)
	if tag := up.Head.Get("ETag"); tag == "" || tag == before || tag != m.Get(path).Head.Get("ETag") {
		t.Fatalf("upload ETag %q (before %q)", tag, before)
	}
	a := up.JSON()
	if a["filename"] != "성과보고서 (최종).pdf" || a["contentType"] != "application/pdf" || a["public"] != true {
		t.Fatalf("attachment: %v", a)
	}

	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), bytes.Repeat([]byte{0}, 200)...)
	p := m.Upload(path+"/attachments", "보고서.pdf", exe, nil).Problem(http.StatusUnsupportedMediaType, "file_type_not_allowed")
	if p.FieldCodes()["file"] != "file_type" {
		t.Fatalf("renamed exe: %+v", p.Errors)
	}
	m.Upload(path+"/attachments", "빈파일.pdf", []byte{}, nil).Problem(http.StatusBadRequest, "validation_failed")
	big := append(append([]byte{}, minimalPDF...), bytes.Repeat([]byte("a"), 20<<20)...)
	m.Upload(path+"/attachments", "큰파일.pdf", big, nil).Problem(http.StatusRequestEntityTooLarge, "body_too_large")
	csv := []byte("지표,이전,이후\n통화 성공률,74.7,85.8\n")
	if ct := m.Upload(path+"/attachments", "지표.csv", csv, nil).Status(http.StatusCreated).JSON()["contentType"]; ct != "text/csv" {
		t.Fatalf("csv type %v", ct)
	}

	got := m.Get(path).JSON()
	if n := len(got["attachments"].([]any)); n != 2 {
		t.Fatalf("%d attachments, want 2", n)
	}
	dl := m.Get(path + "/attachments/" + a["id"].(string))
	dl.Status(http.StatusOK)
	if !bytes.Equal(dl.Body, minimalPDF) || dl.Head.Get("Content-Type") != "application/pdf" {
		t.Fatalf("download: %q %q", dl.Head.Get("Content-Type"), dl.Body[:10])
	}
	cd := dl.Head.Get("Content-Disposition")
	if !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=UTF-8''%EC%84%B1%EA%B3%BC") {
		t.Fatalf("content disposition %q", cd)
	}
	env.Login(judge, password).Get(path+"/attachments/"+a["id"].(string)).Problem(http.StatusNotFound, "not_found")

	m.Do(http.MethodDelete, path+"/attachments/"+a["id"].(string), nil).Status(http.StatusNoContent)
	m.Get(path+"/attachments/"+a["id"].(string)).Problem(http.StatusNotFound, "not_found")
}

func TestBadCaseInputKeepsTheSavedDraft(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	r := createPublishedRound(t, env, roundBody(t, env))
	caseID, tag := startCase(t, env, r["id"].(string))
	path := "/api/v1/cases/" + caseID
	m := env.Login(member, password)
	good := completeCase(categoryID(t, r, "복지"))
	saved := m.With("If-Match", tag).Put(path, good).Status(http.StatusOK)
	etag := saved.Head.Get("ETag")

	long := completeCase(categoryID(t, r, "복지"))
	long["title"] = strings.Repeat("가", 101)
	if p := m.With("If-Match", etag).Put(path, long).Problem(http.StatusBadRequest, "validation_failed"); p.FieldCodes()["title"] != "max_length" {
		t.Fatalf("long title: %+v", p.Errors)
	}
	nonNumeric := completeCase(categoryID(t, r, "복지"))
	nonNumeric["metrics"] = []map[string]any{{"name": "통화 성공률", "unit": "%", "before": "칠십사", "after": 85.8, "direction": "increase"}}
	if p := m.With("If-Match", etag).Put(path, nonNumeric).Problem(http.StatusBadRequest, "validation_failed"); p.FieldCodes()["metrics[0].before"] != "type" {
		t.Fatalf("non-numeric metric: %+v", p.Errors)
	}
	unknownCategory := completeCase("00000000-0000-4000-8000-000000000000")
	if p := m.With("If-Match", etag).Put(path, unknownCategory).Problem(http.StatusBadRequest, "validation_failed"); p.FieldCodes()["categoryId"] != "not_found" {
		t.Fatalf("unknown category: %+v", p.Errors)
	}
	otherRound := createPublishedRound(t, env, roundBody(t, env))
	if p := m.With("If-Match", etag).Put(path, completeCase(categoryID(t, otherRound, "복지"))).Problem(http.StatusBadRequest, "validation_failed"); p.FieldCodes()["categoryId"] != "not_found" {
		t.Fatalf("another round's category: %+v", p.Errors)
	}

	after := m.Get(path).Status(http.StatusOK)
	if after.Head.Get("ETag") != etag || after.JSON()["title"] != good["title"] || len(after.JSON()["metrics"].([]any)) != 2 {
		t.Fatalf("refused input changed the draft: %s", after.Body)
	}
}
