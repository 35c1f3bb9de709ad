package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"eutteum/api/apitest"
	"eutteum/api/app"
)

// judgingEnv is a round whose submissions have closed, with three submitted cases from
// three teams and four judges on the demo data.
type judgingEnv struct {
	env     *apitest.Env
	org     *apitest.Client
	roundID string
	cases   map[string]string // title → case id
	judges  map[string]*apitest.Client
	ids     map[string]string // judge email → user id
}

func newJudgingEnv(t *testing.T, opts ...func(*app.Settings)) *judgingEnv {
	t.Helper()
	env := apitest.NewSeeded(t, opts...)
	je := &judgingEnv{env: env, org: env.Login(organizer, password), cases: map[string]string{}, judges: map[string]*apitest.Client{}, ids: map[string]string{}}
	body := roundBody(t, env, "경기도")
	body["includeSubAgencies"] = true
	r := createPublishedRound(t, env, body)
	je.roundID = r["id"].(string)
	welfare := categoryID(t, r, "복지")
	for i, author := range []string{member, "member2@demo.test", judge} {
		c := env.Login(author, password)
		teamID := createTeam(t, c, "팀 "+string(rune('가'+i)), "innovation_team")
		title := []string{"복지 알림 서비스", "민원 대기 줄이기", "전자 결재 간소화"}[i]
		res := c.Post("/api/v1/rounds/"+je.roundID+"/cases", map[string]any{"teamId": teamID, "title": title}).Status(http.StatusCreated)
		id := res.JSON()["id"].(string)
		body := completeCase(welfare)
		body["title"] = title
		body["problem"] = "부천시 민원여권과 최유나 주무관이 처음 제안했다. " + body["problem"].(string)
		saved := c.With("If-Match", res.Head.Get("ETag")).Put("/api/v1/cases/"+id, body).Status(http.StatusOK)
		tag := saved.Head.Get("ETag")
		if i == 0 {
			c.Upload("/api/v1/cases/"+id+"/attachments", "공개 보고서.pdf", minimalPDF, map[string]string{"public": "true"}).Status(http.StatusCreated)
			tag = c.Upload("/api/v1/cases/"+id+"/attachments", "내부 검토.pdf", append(append([]byte{}, minimalPDF...), '\n'), nil).Status(http.StatusCreated).Head.Get("ETag")
		}
		c.With("If-Match", tag).Post("/api/v1/cases/"+id+"/submit", nil).Status(http.StatusOK)
		je.cases[title] = id
	}
	// judge@demo.test wrote one case; four more judges come by invitation.
	adm := env.Login(admin, password)
	for _, email := range []string{"j1@demo.test", "j2@demo.test", "j3@demo.test", "j4@demo.test"} {
		inv := adm.Post("/api/v1/invitations", map[string]any{"email": email, "role": "judge", "agencyId": agencyID(t, env, "경기도"), "department": "외부 전문가 " + email[:2]}).Status(http.StatusCreated)
		env.Client().Post("/api/v1/invitations/"+inv.JSON()["token"].(string)+"/accept", map[string]any{"displayName": "심사위원 " + email[:2], "password": "a-long-enough-password"}).Status(http.StatusCreated)
		je.judges[email] = env.Login(email, "a-long-enough-password")
		je.ids[email] = je.judges[email].Get("/api/v1/me").JSON()["id"].(string)
	}
	je.judges[judge] = env.Login(judge, password)
	je.ids[judge] = je.judges[judge].Get("/api/v1/me").JSON()["id"].(string)
	env.App.Rounds.SetClock(func() time.Time { return time.Now().Add(8 * 24 * time.Hour) })
	return je
}

func (je *judgingEnv) stage(t *testing.T, blind bool) map[string]any {
	t.Helper()
	return je.org.Post("/api/v1/rounds/"+je.roundID+"/stages", writtenStage(t, je.org, blind)).Status(http.StatusCreated).JSON()
}

// writtenStage is the body of a written stage scored with the built-in six-criterion
// rubric, closing in 30 days.
func writtenStage(t *testing.T, org *apitest.Client, blind bool) map[string]any {
	t.Helper()
	templates := org.Get("/api/v1/rubric-templates").Status(http.StatusOK).JSON()["items"].([]any)
	builtIn := templates[0].(map[string]any)
	if builtIn["builtIn"] != true || len(builtIn["criteria"].([]any)) != 6 {
		t.Fatalf("built-in template: %v", builtIn)
	}
	return map[string]any{
		"name": "서면심사", "kind": "written", "blind": blind, "scoringClosesAt": time.Now().Add(30 * 24 * time.Hour).Format(time.RFC3339),
		"cut": map[string]any{"kind": "none"}, "rubricTemplateId": builtIn["id"],
	}
}

// fullSheet scores every criterion: points criteria get p, grade criteria get grade g.
func fullSheet(stage map[string]any, p float64, g string, submit bool) map[string]any {
	var items []map[string]any
	for _, c := range stage["criteria"].([]any) {
		c := c.(map[string]any)
		item := map[string]any{"criterionId": c["id"]}
		if c["scale"].(map[string]any)["kind"] == "grades" {
			item["grade"] = g
		} else {
			item["points"] = p
		}
		items = append(items, item)
	}
	return map[string]any{"items": items, "submit": submit, "overallComment": "현장 적용성이 높습니다."}
}

func TestJudgingJourney(t *testing.T) {
	t.Parallel()
	je := newJudgingEnv(t)
	org := je.org

	org.Put("/api/v1/rounds/"+je.roundID+"/judging", map[string]any{
		"method": "trimmed_mean", "objectionDays": 7,
		"tieBreaks": []map[string]any{{"kind": "criterion", "criterionName": "효과성(성과)"}, {"kind": "earlier_submission"}},
	}).Status(http.StatusOK)
	st := je.stage(t, false)
	stageID := st["id"].(string)
	base := "/api/v1/stages/" + stageID

	for _, email := range []string{"j1@demo.test", "j2@demo.test", "j3@demo.test", "j4@demo.test", judge} {
		org.Post(base+"/judges", map[string]any{"userId": je.ids[email], "kind": "external"}).Status(http.StatusCreated)
	}
	// A member without the judge role cannot sit on a stage.
	memberID := je.env.Login(member, password).Get("/api/v1/me").JSON()["id"].(string)
	org.Post(base+"/judges", map[string]any{"userId": memberID}).Problem(http.StatusConflict, "not_a_judge")

	opened := org.Post(base+"/open", nil).Status(http.StatusOK).JSON()
	if opened["status"] != "open" || opened["caseCount"].(float64) != 3 {
		t.Fatalf("opened: %v", opened)
	}
	// The method is frozen now.
	org.Put("/api/v1/rounds/"+je.roundID+"/judging", map[string]any{"method": "mean", "objectionDays": 7, "tieBreaks": []any{}}).
		Problem(http.StatusConflict, "judging_frozen")

	report := org.Post(base+"/assignments/auto", map[string]any{"judgesPerCase": 4}).Status(http.StatusOK).JSON()
	if report["assigned"].(float64) != 12 || len(report["shortfalls"].([]any)) != 0 {
		t.Fatalf("auto assignment: %v", report)
	}
	board := org.Get(base + "/assignments").Status(http.StatusOK).JSON()
	// judge@demo.test wrote "전자 결재 간소화": excluded from it automatically.
	var found bool
	for _, c := range board["conflicts"].([]any) {
		c := c.(map[string]any)
		if c["judgeId"] == je.ids[judge] && c["caseId"] == je.cases["전자 결재 간소화"] && c["kind"] == "team_member" && c["automatic"] == true {
			found = true
		}
	}
	if !found {
		t.Fatalf("team-member conflict missing: %v", board["conflicts"])
	}
	for _, c := range board["cases"].([]any) {
		c := c.(map[string]any)
		for _, j := range c["judges"].([]any) {
			if c["caseId"] == je.cases["전자 결재 간소화"] && j.(map[string]any)["userId"] == je.ids[judge] {
				t.Fatal("a conflicted judge was assigned")
			}
		}
	}
	org.Put(base+"/assignments/"+je.cases["전자 결재 간소화"], map[string]any{"judgeIds": []string{je.ids[judge]}}).
		Problem(http.StatusConflict, "conflict_of_interest")
	// The conflicted judge cannot read it, even by id.
	je.judges[judge].Get(base+"/cases/"+je.cases["전자 결재 간소화"]).Problem(http.StatusNotFound, "not_found")

	// Judges score: everyone gives 8 / A, except one judge of 민원 대기 줄이기 who is generous
	// to it (the first, by email, that auto-assignment gave it).
	dash := je.judges["j1@demo.test"].Get("/api/v1/judging/assignments").Status(http.StatusOK).JSON()["items"].([]any)
	if len(dash) != 1 || dash[0].(map[string]any)["assigned"].(float64) < 2 {
		t.Fatalf("dashboard: %v", dash)
	}
	emails := []string{"j1@demo.test", "j2@demo.test", "j3@demo.test", "j4@demo.test", judge}
	generous := ""
	for _, email := range emails {
		if je.judges[email].Get(base+"/cases/"+je.cases["민원 대기 줄이기"]).Code == http.StatusOK {
			generous = email
			break
		}
	}
	for _, email := range emails {
		c := je.judges[email]
		for title, caseID := range je.cases {
			res := c.Get(base + "/cases/" + caseID)
			if res.Code == http.StatusNotFound {
				continue
			}
			res.Status(http.StatusOK)
			p := 8.0
			if email == generous && title == "민원 대기 줄이기" {
				p = 10
			}
			c.Put(base+"/cases/"+caseID+"/sheet", fullSheet(st, p, "A", false)).Status(http.StatusOK)
			sheet := c.Put(base+"/cases/"+caseID+"/sheet", fullSheet(st, p, "A", true)).Status(http.StatusOK).JSON()
			if sheet["status"] != "submitted" || sheet["total"] == nil {
				t.Fatalf("sheet: %v", sheet)
			}
		}
	}
	// Judges do not see each other's scores.
	var other map[string]any
	for _, email := range emails {
		if email == generous {
			continue
		}
		if res := je.judges[email].Get(base + "/cases/" + je.cases["민원 대기 줄이기"]); res.Code == http.StatusOK {
			other = res.JSON()
			break
		}
	}
	for _, it := range other["sheet"].(map[string]any)["items"].([]any) {
		if pts, ok := it.(map[string]any)["points"]; ok && pts.(float64) != 8 {
			t.Fatalf("a judge sees another judge's scores: %v", it)
		}
	}
	if strings.Contains(string(mustJSON(t, other)), je.ids[generous]) {
		t.Fatal("a judge's view names another judge")
	}

	progress := org.Get(base + "/progress").Status(http.StatusOK).JSON()
	if progress["complete"] != true {
		t.Fatalf("progress: %v", progress)
	}
	results := org.Get(base + "/results").Status(http.StatusOK).JSON()
	rankings := results["rankings"].([]any)
	if len(rankings) != 4 || rankings[0].(map[string]any)["method"] != "trimmed_mean" {
		t.Fatalf("rankings: %v", rankings)
	}
	trimmed := rankings[0].(map[string]any)["rows"].([]any)
	mean := rankings[1].(map[string]any)
	if mean["method"] != "mean" {
		t.Fatalf("second ranking: %v", mean["method"])
	}
	// With the generous judge dropped as the highest, 민원 대기 줄이기 ties the others on the
	// trimmed mean; under the plain mean it wins.
	if first := mean["rows"].([]any)[0].(map[string]any); first["caseId"] != je.cases["민원 대기 줄이기"] {
		t.Fatalf("mean winner: %v", first)
	}
	for _, r := range trimmed {
		if r.(map[string]any)["score"].(float64) != trimmed[0].(map[string]any)["score"].(float64) {
			t.Fatalf("trimmed scores should tie: %v", trimmed)
		}
	}
	if len(results["matrix"].([]any)) != 3 {
		t.Fatalf("matrix: %v", results["matrix"])
	}

	org.Post(base+"/close", nil).Status(http.StatusOK)
	je.judges[generous].Put(base+"/cases/"+je.cases["민원 대기 줄이기"]+"/sheet", fullSheet(st, 9, "S", true)).
		Problem(http.StatusConflict, "stage_closed")

	final := org.Get("/api/v1/rounds/" + je.roundID + "/results").Status(http.StatusOK).JSON()
	rows := final["rows"].([]any)
	if final["ready"] != true || len(rows) != 3 || rows[0].(map[string]any)["tier"].(map[string]any)["name"] != "대상" {
		t.Fatalf("final: %v", final)
	}
	last := rows[2].(map[string]any)
	tiers := createdTiers(t, je)
	org.Put("/api/v1/rounds/"+je.roundID+"/awards/"+last["caseId"].(string), map[string]any{"tierId": tiers["장려"], "reason": "심사위원회 의결로 장려상 추가"}).Status(http.StatusOK)

	csv := org.Get("/api/v1/rounds/" + je.roundID + "/results/export?table=results").Status(http.StatusOK)
	if !strings.HasPrefix(string(csv.Body), "\ufeff순위,사례") || !strings.Contains(csv.Head.Get("Content-Disposition"), "results.csv") {
		t.Fatalf("csv: %q", csv.Body[:40])
	}
	if !strings.Contains(string(org.Get("/api/v1/rounds/"+je.roundID+"/results/export?table=matrix").Status(http.StatusOK).Body), "심사위원 j1") {
		t.Fatal("matrix csv lacks judges")
	}

	published := org.Post("/api/v1/rounds/"+je.roundID+"/results/publish", nil).Status(http.StatusOK).JSON()
	if published["published"] != true {
		t.Fatalf("published: %v", published)
	}
	org.Post("/api/v1/rounds/"+je.roundID+"/results/publish", nil).Problem(http.StatusConflict, "results_published")

	public := je.env.Client().Get("/api/v1/public/rounds/" + je.roundID + "/results").Status(http.StatusOK).JSON()
	pubCases := public["cases"].([]any)
	if len(pubCases) != 3 || public["method"] != "trimmed_mean" {
		t.Fatalf("public: %v", public)
	}
	scores := pubCases[0].(map[string]any)["scores"].([]any)
	for _, sc := range scores {
		if !strings.HasPrefix(sc.(map[string]any)["judge"].(string), "J") {
			t.Fatalf("judges must be anonymous: %v", sc)
		}
	}
	if strings.Contains(string(mustJSON(t, public)), "심사위원 j1") {
		t.Fatal("public table names a judge")
	}
	// Teams see when the objection window closes: publishedAt plus the round's 7 days, as
	// the organizer is told.
	pubAt, err := time.Parse(time.RFC3339Nano, public["publishedAt"].(string))
	if err != nil {
		t.Fatalf("publishedAt: %v", public["publishedAt"])
	}
	closesRaw, _ := public["objectionsCloseAt"].(string)
	closesAt, err := time.Parse(time.RFC3339Nano, closesRaw)
	if err != nil || !closesAt.Equal(pubAt.AddDate(0, 0, 7)) {
		t.Fatalf("objectionsCloseAt %v, publishedAt %v", public["objectionsCloseAt"], public["publishedAt"])
	}
	orgRaw, _ := published["objectionsCloseAt"].(string)
	if orgCloses, _ := time.Parse(time.RFC3339Nano, orgRaw); !orgCloses.Equal(closesAt) {
		t.Fatalf("organizer %v, public %v", published["objectionsCloseAt"], public["objectionsCloseAt"])
	}

	// The winner is in the public archive with its public attachment only.
	archived := je.env.Client().Get("/api/v1/archive/cases?q=" + url.QueryEscape("복지 알림 서비스")).Status(http.StatusOK).JSON()["items"].([]any)
	if len(archived) == 0 || archived[0].(map[string]any)["awardTier"] == "" {
		t.Fatalf("archived winner: %v", archived)
	}
	entry := je.env.Client().Get("/api/v1/archive/cases/" + archived[0].(map[string]any)["id"].(string)).Status(http.StatusOK).JSON()
	files := entry["attachments"].([]any)
	if len(files) != 1 || files[0].(map[string]any)["filename"] != "공개 보고서.pdf" {
		t.Fatalf("public attachments: %v", files)
	}
	dl := je.env.Client().Get("/api/v1/archive/cases/" + entry["id"].(string) + "/attachments/" + files[0].(map[string]any)["id"].(string))
	if dl.Status(http.StatusOK); dl.Head.Get("Content-Type") != "application/pdf" {
		t.Fatalf("download: %v", dl.Head)
	}

	// The team hears of it and may object within the window; the organizer answers.
	m := je.env.Login(member, password)
	notes := m.Get("/api/v1/me/notifications").Status(http.StatusOK).JSON()
	if notes["unread"].(float64) < 1 {
		t.Fatalf("notifications: %v", notes)
	}
	note := notes["items"].([]any)[0].(map[string]any)
	m.Post("/api/v1/me/notifications/"+note["id"].(string)+"/read", nil).Status(http.StatusNoContent)
	m.Post("/api/v1/cases/"+je.cases["복지 알림 서비스"]+"/objections", map[string]any{"text": "짧음"}).Problem(http.StatusBadRequest, "validation_failed")
	obj := m.Post("/api/v1/cases/"+je.cases["복지 알림 서비스"]+"/objections", map[string]any{"text": "효과성 점수 산정 근거를 알고 싶습니다. 성과지표가 반영되었는지 확인해 주세요."}).Status(http.StatusCreated).JSON()
	je.env.Login("member.fire@demo.test", password).Post("/api/v1/cases/"+je.cases["복지 알림 서비스"]+"/objections", map[string]any{"text": "남의 팀 사례에 이의신청을 합니다."}).
		Problem(http.StatusNotFound, "not_found")
	answered := org.Post("/api/v1/objections/"+obj["id"].(string)+"/answer", map[string]any{"answer": "성과지표 두 건 모두 반영되었습니다.", "upheld": false}).Status(http.StatusOK).JSON()
	if answered["answeredBy"] != "김혜진" || answered["upheld"] != false {
		t.Fatalf("answer: %v", answered)
	}
	if items := m.Get("/api/v1/rounds/" + je.roundID + "/objections").Status(http.StatusOK).JSON()["items"].([]any); len(items) != 1 {
		t.Fatalf("team sees %d objections", len(items))
	}
	je.env.App.Rounds.SetClock(func() time.Time { return time.Now().Add(30 * 24 * time.Hour) })
	m.Post("/api/v1/cases/"+je.cases["복지 알림 서비스"]+"/objections", map[string]any{"text": "기간이 지난 뒤의 이의신청입니다."}).
		Problem(http.StatusConflict, "objection_window_closed")

	actions := map[string]bool{}
	for _, e := range org.Get("/api/v1/rounds/" + je.roundID + "/audit").Status(http.StatusOK).JSON()["items"].([]any) {
		actions[e.(map[string]any)["action"].(string)] = true
	}
	for _, a := range []string{"stage_opened", "judges_assigned", "stage_closed", "award_overridden", "results_published", "objection_answered", "conflicted_access_refused"} {
		if !actions[a] {
			t.Errorf("round audit lacks %s: %v", a, actions)
		}
	}
	je.env.Login(member, password).Get("/api/v1/rounds/"+je.roundID+"/audit").Problem(http.StatusForbidden, "forbidden")

	var status string
	if err := je.env.Pool.QueryRow(context.Background(), "select status from cases where id = $1", rows[0].(map[string]any)["caseId"]).Scan(&status); err != nil || status != "awarded" {
		t.Fatalf("winner status %q %v", status, err)
	}
}

func createdTiers(t *testing.T, je *judgingEnv) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, tier := range je.org.Get("/api/v1/rounds/" + je.roundID).JSON()["awardTiers"].([]any) {
		tier := tier.(map[string]any)
		out[tier["name"].(string)] = tier["id"].(string)
	}
	return out
}

func TestScoringRulesAndBlindStage(t *testing.T) {
	t.Parallel()
	je := newJudgingEnv(t)
	org := je.org
	bad := map[string]any{
		"name": "서면심사", "kind": "written", "blind": true, "scoringClosesAt": time.Now().Add(30 * 24 * time.Hour).Format(time.RFC3339),
		"cut": map[string]any{"kind": "none"},
		"criteria": []map[string]any{
			{"name": "창의성", "weight": 50, "scale": map[string]any{"kind": "points", "min": 1, "max": 5, "step": 1}},
			{"name": "효과성", "weight": 40, "scale": map[string]any{"kind": "points", "min": 1, "max": 5, "step": 1}},
		},
	}
	p := org.Post("/api/v1/rounds/"+je.roundID+"/stages", bad).Problem(http.StatusBadRequest, "weights_not_100")
	if p.FieldCodes()["criteria"] != "sum_100" || !strings.Contains(p.Errors[0].Message, "90") {
		t.Fatalf("weights: %+v", p.Errors)
	}
	st := je.stage(t, true)
	base := "/api/v1/stages/" + st["id"].(string)
	org.Post(base+"/judges", map[string]any{"userId": je.ids["j1@demo.test"]}).Status(http.StatusCreated)
	// Not yet opened: nothing to score, and the judge sees nothing.
	je.judges["j1@demo.test"].Get(base+"/cases/"+je.cases["복지 알림 서비스"]).Problem(http.StatusNotFound, "not_found")
	org.Post(base+"/open", nil).Status(http.StatusOK)
	org.Put(base+"/assignments/"+je.cases["복지 알림 서비스"], map[string]any{"judgeIds": []string{je.ids["j1@demo.test"]}}).Status(http.StatusOK)

	j := je.judges["j1@demo.test"]
	view := j.Get(base + "/cases/" + je.cases["복지 알림 서비스"]).Status(http.StatusOK).JSON()
	if _, hasTeam := view["team"]; hasTeam || view["blind"] != true {
		t.Fatalf("blind view names the team: %v", view["team"])
	}
	body := string(mustJSON(t, view["content"]))
	if strings.Contains(body, "부천시") || strings.Contains(body, "최유나") || strings.Contains(body, "민원여권과") || !strings.Contains(body, "○○○") {
		t.Fatalf("blind content not redacted: %s", body)
	}

	criteria := st["criteria"].([]any)
	pointsID := criteria[0].(map[string]any)["id"]
	gradeID := criteria[4].(map[string]any)["id"]
	sheet := base + "/cases/" + je.cases["복지 알림 서비스"] + "/sheet"
	p = j.Put(sheet, map[string]any{"items": []map[string]any{{"criterionId": pointsID, "points": 11}}, "submit": false}).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["items[0].points"] != "out_of_scale" {
		t.Fatalf("out of scale: %+v", p.Errors)
	}
	p = j.Put(sheet, map[string]any{"items": []map[string]any{{"criterionId": gradeID, "grade": "SS"}}, "submit": false}).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["items[0].grade"] != "not_in_scale" {
		t.Fatalf("grade: %+v", p.Errors)
	}
	draft := j.Put(sheet, map[string]any{"items": []map[string]any{{"criterionId": pointsID, "points": 7, "comment": "독창적"}}, "submit": false}).Status(http.StatusOK).JSON()
	if draft["status"] != "draft" || draft["total"] != nil {
		t.Fatalf("draft: %v", draft)
	}
	j.Put(sheet, map[string]any{"items": []map[string]any{{"criterionId": pointsID, "points": 7}}, "submit": true}).Problem(http.StatusBadRequest, "validation_failed")
	// The draft survived the refused submissions.
	if got := j.Get(base + "/cases/" + je.cases["복지 알림 서비스"]).JSON()["sheet"].(map[string]any); got["status"] != "draft" || len(got["items"].([]any)) != 1 {
		t.Fatalf("draft lost: %v", got)
	}
	// Closing with unscored cases is refused.
	org.Post(base+"/close", nil).Problem(http.StatusConflict, "unscored_cases")
	org.Post("/api/v1/rounds/"+je.roundID+"/results/publish", nil).Problem(http.StatusConflict, "results_not_ready")

	// The judge may download the case's files as submitted.
	files := view["attachments"].([]any)
	if len(files) != 2 {
		t.Fatalf("attachments in the judge's view: %v", files)
	}
	dl := j.Get(base + "/cases/" + je.cases["복지 알림 서비스"] + "/attachments/" + files[0].(map[string]any)["id"].(string))
	if dl.Status(http.StatusOK); dl.Head.Get("Content-Type") != "application/pdf" {
		t.Fatalf("judge download: %v", dl.Head)
	}
	je.judges["j2@demo.test"].Get(base+"/cases/"+je.cases["복지 알림 서비스"]+"/attachments/"+files[0].(map[string]any)["id"].(string)).
		Problem(http.StatusNotFound, "not_found")

	// The judge steps away (회피) with a reason; the organizer sees it.
	j.Post(base+"/cases/"+je.cases["복지 알림 서비스"]+"/recusal", map[string]any{"reason": "해당 사업 자문에 참여했습니다"}).Status(http.StatusCreated)
	j.Get(base+"/cases/"+je.cases["복지 알림 서비스"]).Problem(http.StatusNotFound, "not_found")
	board := org.Get(base + "/assignments").JSON()
	var declared bool
	for _, c := range board["conflicts"].([]any) {
		c := c.(map[string]any)
		declared = declared || (c["kind"] == "declared" && strings.Contains(c["reason"].(string), "자문") && c["recordedBy"] == "심사위원 j1")
	}
	if !declared {
		t.Fatalf("declared conflict missing: %v", board["conflicts"])
	}
	var audited int
	if err := je.env.Pool.QueryRow(context.Background(), "select count(*) from audit_log where action in ('conflict_declared', 'conflicted_access_refused')").Scan(&audited); err != nil || audited < 2 {
		t.Fatalf("audit entries %d %v", audited, err)
	}
	var changes int
	if err := je.env.Pool.QueryRow(context.Background(), "select count(*) from score_sheet_changes ch join score_sheets s on s.id = ch.sheet_id where s.case_id = $1", je.cases["복지 알림 서비스"]).Scan(&changes); err != nil || changes != 1 {
		t.Fatalf("sheet audit trail %d %v", changes, err)
	}
}

func TestJudgingIsForOrganizers(t *testing.T) {
	t.Parallel()
	je := newJudgingEnv(t)
	st := je.stage(t, false)
	base := "/api/v1/stages/" + st["id"].(string)
	m := je.env.Login(member, password)
	m.Get(base).Problem(http.StatusForbidden, "forbidden")
	m.Get(base+"/results").Problem(http.StatusForbidden, "forbidden")
	m.Post(base+"/open", nil).Problem(http.StatusForbidden, "forbidden")
	je.env.Login("organizer.incheon@demo.test", password).Get(base).Problem(http.StatusNotFound, "not_found")
	je.env.Client().Get("/api/v1/public/rounds/"+je.roundID+"/results").Problem(http.StatusNotFound, "not_found")
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestStagesBlendByShare: 서면 40 % with a top-2 cut, then 발표 60 %. The figures are worked
// out by hand: a judge's total is (points − 1)/9 × 80 + (grade points − 2)/8 × 20.
func TestStagesBlendByShare(t *testing.T) {
	t.Parallel()
	je := newJudgingEnv(t)
	org := je.org
	templates := org.Get("/api/v1/rubric-templates").JSON()["items"].([]any)
	builtIn := templates[0].(map[string]any)["id"]
	stage := func(name string, share float64, cut map[string]any) map[string]any {
		return org.Post("/api/v1/rounds/"+je.roundID+"/stages", map[string]any{
			"name": name, "kind": "written", "blind": false, "scoringClosesAt": time.Now().Add(30 * 24 * time.Hour).Format(time.RFC3339),
			"cut": cut, "rubricTemplateId": builtIn, "finalShare": share,
		}).Status(http.StatusCreated).JSON()
	}
	first := stage("서면심사", 40, map[string]any{"kind": "top_n", "value": 2})
	second := stage("발표심사", 60, map[string]any{"kind": "none"})
	panel := []string{"j1@demo.test", "j2@demo.test", "j3@demo.test"}
	judgeStage := func(st map[string]any, scores map[string][2]any) {
		base := "/api/v1/stages/" + st["id"].(string)
		for _, email := range panel {
			org.Post(base+"/judges", map[string]any{"userId": je.ids[email]}).Status(http.StatusCreated)
		}
		org.Post(base+"/open", nil).Status(http.StatusOK)
		for title, s := range scores {
			org.Put(base+"/assignments/"+je.cases[title], map[string]any{"judgeIds": []string{je.ids[panel[0]], je.ids[panel[1]], je.ids[panel[2]]}}).Status(http.StatusOK)
			for _, email := range panel {
				je.judges[email].Put(base+"/cases/"+je.cases[title]+"/sheet", fullSheet(st, s[0].(float64), s[1].(string), true)).Status(http.StatusOK)
			}
		}
		org.Post(base+"/close", nil).Status(http.StatusOK)
	}
	// 서면: 54.4444, 77.2222, 91.1111 — 복지 알림 서비스 is cut.
	judgeStage(first, map[string][2]any{"복지 알림 서비스": {6.0, "B"}, "민원 대기 줄이기": {8.0, "A"}, "전자 결재 간소화": {9.0, "S"}})
	// 발표: 86.1111 and 77.2222 — on its own it would rank 민원 first, but blended
	// 민원 = 0.4 × 77.2222 + 0.6 × 86.1111 = 82.5555 and 전자 = 0.4 × 91.1111 + 0.6 × 77.2222 = 82.7778
	// (the published four-decimal stage scores are blended, so anyone can redo the sum).
	judgeStage(second, map[string][2]any{"민원 대기 줄이기": {9.0, "A"}, "전자 결재 간소화": {8.0, "A"}})

	rows := org.Get("/api/v1/rounds/" + je.roundID + "/results").Status(http.StatusOK).JSON()["rows"].([]any)
	want := []struct {
		title string
		score float64
		stage string
	}{{"전자 결재 간소화", 82.7778, "발표심사"}, {"민원 대기 줄이기", 82.5555, "발표심사"}, {"복지 알림 서비스", 54.4444, "서면심사"}}
	for i, w := range want {
		r := rows[i].(map[string]any)
		if r["caseId"] != je.cases[w.title] || r["score"].(float64) != w.score || r["stageReached"] != w.stage || r["rank"].(float64) != float64(i+1) {
			t.Errorf("rank %d: %v, want %+v", i+1, r, w)
		}
	}
	if len(rows[0].(map[string]any)["stageScores"].([]any)) != 2 {
		t.Fatalf("stage scores: %v", rows[0])
	}
}
