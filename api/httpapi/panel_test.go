package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"eutteum/api/apitest"
	"eutteum/api/app"
	"eutteum/api/mail"
)

// panelSheet fills every criterion of the panel's rubric with the same points.
func panelSheet(criteria []any, points float64) map[string]any {
	var items []map[string]any
	for _, c := range criteria {
		items = append(items, map[string]any{"criterionId": c.(map[string]any)["id"], "points": points})
	}
	return map[string]any{"items": items, "submit": true}
}

// TestCitizenPanelScoresWithItsRubricAndShare: judges 70 %, citizen panel 30 %. Judges'
// totals 91.1111 / 77.2222 / 54.4444; the panel gives the cases 0 / 50 / 100 (all 1s, 3s,
// 5s on a 1–5 rubric), so by hand
//
//	민원 = 77.2222 × 0.7 + 50 × 0.3  = 69.0555
//	복지 = 54.4444 × 0.7 + 100 × 0.3 = 68.1111
//	전자 = 91.1111 × 0.7 + 0 × 0.3   = 63.7778
func TestCitizenPanelScoresWithItsRubricAndShare(t *testing.T) {
	t.Parallel()
	outbox := &mail.Outbox{Dir: t.TempDir()}
	je := newJudgingEnv(t, func(s *app.Settings) { s.Mailer = outbox })
	org := je.org
	org.Put("/api/v1/rounds/"+je.roundID+"/judging", map[string]any{"method": "mean", "tieBreaks": []any{}, "objectionDays": 7}).Status(http.StatusOK)
	st := je.stage(t, false)
	base := "/api/v1/stages/" + st["id"].(string)
	panel := []string{"j1@demo.test", "j2@demo.test", "j3@demo.test"}
	for _, email := range panel {
		org.Post(base+"/judges", map[string]any{"userId": je.ids[email]}).Status(http.StatusCreated)
	}

	configured := org.Put(base+"/panel", map[string]any{"share": 30}).Status(http.StatusOK).JSON()
	criteria := configured["criteria"].([]any)
	if configured["share"].(float64) != 30 || len(criteria) != 3 || criteria[0].(map[string]any)["name"] != "국민 체감도" {
		t.Fatalf("panel: %v", configured)
	}
	// A new citizen is invited by e-mail and joins on accepting.
	invited := org.Post(base+"/panel/members", map[string]any{"email": "Citizen.One@example.kr"}).Status(http.StatusCreated).JSON()
	if invited["joined"] != false || invited["inviteToken"] == nil {
		t.Fatalf("invited: %v", invited)
	}
	msg, err := outbox.Latest("citizen.one@example.kr")
	if err != nil || !strings.Contains(msg.Body, "/invite/"+invited["inviteToken"].(string)) {
		t.Fatalf("invitation mail: %+v %v", msg, err)
	}
	org.Post(base+"/panel/members", map[string]any{"email": "citizen.one@example.kr"}).Problem(http.StatusBadRequest, "validation_failed")
	accepted := je.env.Client().Post("/api/v1/invitations/"+invited["inviteToken"].(string)+"/accept", map[string]any{"displayName": "시민 심사위원", "password": "a-long-enough-password"}).Status(http.StatusCreated).JSON()
	if roles := accepted["user"].(map[string]any)["roles"].([]any); len(roles) != 1 || roles[0].(map[string]any)["role"] != "citizen" {
		t.Fatalf("citizen roles: %v", roles)
	}
	citizen := je.env.Login("citizen.one@example.kr", "a-long-enough-password")
	// Someone with an account joins at once.
	if m := org.Post(base+"/panel/members", map[string]any{"email": "member.gyeongnam@demo.test"}).Status(http.StatusCreated).JSON(); m["joined"] != true {
		t.Fatalf("existing account: %v", m)
	}
	neighbour := je.env.Login("member.gyeongnam@demo.test", password)

	org.Post(base+"/open", nil).Status(http.StatusOK)
	for title, s := range voteJudgeScores {
		org.Put(base+"/assignments/"+je.cases[title], map[string]any{"judgeIds": []string{je.ids[panel[0]], je.ids[panel[1]], je.ids[panel[2]]}}).Status(http.StatusOK)
		for _, email := range panel {
			je.judges[email].Put(base+"/cases/"+je.cases[title]+"/sheet", fullSheet(st, s[0].(float64), s[1].(string), true)).Status(http.StatusOK)
		}
	}
	members := org.Get(base + "/panel").Status(http.StatusOK).JSON()["members"].([]any)
	for _, m := range members {
		if m := m.(map[string]any); m["joined"] != true || m["assigned"].(float64) != 3 {
			t.Fatalf("panel members after opening: %v", members)
		}
	}

	panelPoints := map[string]float64{"전자 결재 간소화": 1, "민원 대기 줄이기": 3, "복지 알림 서비스": 5}
	for _, c := range []*apitest.Client{citizen, neighbour} {
		dash := c.Get("/api/v1/judging/assignments").Status(http.StatusOK).JSON()["items"].([]any)
		if len(dash) != 1 {
			t.Fatalf("citizen dashboard: %v", dash)
		}
		for title, points := range panelPoints {
			view := c.Get(base + "/cases/" + je.cases[title]).Status(http.StatusOK).JSON()
			rubric := view["stage"].(map[string]any)["criteria"].([]any)
			if len(rubric) != 3 || rubric[0].(map[string]any)["name"] != "국민 체감도" {
				t.Fatalf("citizen sees the judges' rubric: %v", rubric)
			}
			// The judges' rubric does not fit a panel sheet.
			c.Put(base+"/cases/"+je.cases[title]+"/sheet", fullSheet(st, 8, "A", true)).Problem(http.StatusBadRequest, "validation_failed")
			c.Put(base+"/cases/"+je.cases[title]+"/sheet", panelSheet(rubric, points)).Status(http.StatusOK)
		}
		// A citizen is no organizer: refused (403 within the host agency, 404 elsewhere).
		if res := c.Get(base + "/results"); res.Code != http.StatusForbidden && res.Code != http.StatusNotFound {
			t.Fatalf("citizen reads stage results: %d", res.Code)
		}
	}

	// The judges' own ranking leaves the panel out.
	judgesOnly := org.Get(base + "/results").Status(http.StatusOK).JSON()
	if len(judgesOnly["judges"].([]any)) != 5 || len(judgesOnly["matrix"].([]any)) != 3 {
		t.Fatalf("stage results: %v", judgesOnly)
	}
	for _, row := range judgesOnly["matrix"].([]any) {
		if totals := row.(map[string]any)["totals"].([]any); len(totals) != 3 {
			t.Fatalf("panel sheets in the judges' matrix: %v", totals)
		}
	}

	org.Post(base+"/close", nil).Status(http.StatusOK)
	want := []struct {
		title        string
		score, panel float64
	}{{"민원 대기 줄이기", 69.0555, 50}, {"복지 알림 서비스", 68.1111, 100}, {"전자 결재 간소화", 63.7778, 0}}
	rows := org.Get("/api/v1/rounds/" + je.roundID + "/results").Status(http.StatusOK).JSON()["rows"].([]any)
	for i, w := range want {
		r := rows[i].(map[string]any)
		c := r["stageScores"].([]any)[0].(map[string]any)["components"].(map[string]any)
		if r["caseId"] != je.cases[w.title] || r["score"].(float64) != w.score || c["panelScore"].(float64) != w.panel ||
			c["panelShare"].(float64) != 30 || c["judgeShare"].(float64) != 70 {
			t.Errorf("rank %d: %v, want %+v", i+1, r, w)
		}
	}
}

func TestPanelAndVoteSharesStayWithin100(t *testing.T) {
	t.Parallel()
	ve := newVoteEnv(t, 40)
	p := ve.org.Put(ve.base+"/panel", map[string]any{"share": 70}).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["share"] != "shares_over_100" {
		t.Fatalf("shares: %v", p.Errors)
	}
	ve.org.Put(ve.base+"/panel", map[string]any{"share": 60}).Status(http.StatusOK)
	// And the other way round: the vote cannot grow past what the panel leaves.
	now := ve.env.App.Rounds.Now().UTC()
	p = ve.org.Put(ve.base+"/vote", map[string]any{"opensAt": now.Add(-time.Hour).Format(time.RFC3339), "closesAt": now.Add(48 * time.Hour).Format(time.RFC3339),
		"maxChoices": 2, "showCounts": true, "voteShare": 50}).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["voteShare"] != "shares_over_100" {
		t.Fatalf("vote share: %v", p.Errors)
	}
	// The stage is open: the rubric is fixed.
	ve.org.Put(ve.base+"/panel", map[string]any{"share": 60, "criteria": []map[string]any{{"name": "공감", "weight": 100, "scale": map[string]any{"kind": "points", "min": 1, "max": 5}}}}).
		Problem(http.StatusConflict, "judging_frozen")
	ve.env.Login(member, password).Post(ve.base+"/panel/members", map[string]any{"email": "x@example.kr"}).Problem(http.StatusForbidden, "forbidden")
}
