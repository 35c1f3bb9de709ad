package httpapi_test

import (
	"net/http"
	"testing"
	"time"
)

// invitationID finds the organizer's invitation to email in their list.
func invitationID(t *testing.T, je *judgingEnv, email string) string {
	t.Helper()
	for _, it := range je.org.Get("/api/v1/invitations").Status(http.StatusOK).JSON()["items"].([]any) {
		if it := it.(map[string]any); it["email"] == email && it["status"] == "pending" {
			return it["id"].(string)
		}
	}
	t.Fatalf("no pending invitation to %s", email)
	return ""
}

func panelEmails(panel map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, m := range panel["members"].([]any) {
		m := m.(map[string]any)
		out[m["email"].(string)] = m
	}
	return out
}

// TestPanelSeatsAreWithdrawnAndAnUnscoredCaseHasNoPanelScore: the organizer withdraws
// seats, a revoked panel invitation frees its seat, and a case no panel member scored shows
// no panel score (null) and is blended without the panel.
//
// Judges 70 %, panel 30 %. Judges' totals 91.1111 / 77.2222 / 54.4444 (전자 / 민원 / 복지).
// The only remaining panel member is on 민원's team, so is not given it, and scores 전자 with
// all 1s (0) and 복지 with all 5s (100). By hand:
//
//	민원 = no panel score: the panel's 30 goes to the judges, 77.2222
//	복지 = 54.4444 × 0.7 + 100 × 0.3 = 68.1111
//	전자 = 91.1111 × 0.7 + 0 × 0.3   = 63.7778
//
// (Counted as 0, 민원 would have had 77.2222 × 0.7 = 54.0555 and come last.)
func TestPanelSeatsAreWithdrawnAndAnUnscoredCaseHasNoPanelScore(t *testing.T) {
	t.Parallel()
	je := newJudgingEnv(t)
	org := je.org
	org.Put("/api/v1/rounds/"+je.roundID+"/judging", map[string]any{"method": "mean", "tieBreaks": []any{}, "objectionDays": 7}).Status(http.StatusOK)
	st := je.stage(t, false)
	base := "/api/v1/stages/" + st["id"].(string)
	judges := []string{"j1@demo.test", "j2@demo.test", "j3@demo.test"}
	for _, email := range judges {
		org.Post(base+"/judges", map[string]any{"userId": je.ids[email]}).Status(http.StatusCreated)
	}
	org.Put(base+"/panel", map[string]any{"share": 30}).Status(http.StatusOK)

	// A revoked panel invitation frees its seat: the address can be invited again.
	first := org.Post(base+"/panel/members", map[string]any{"email": "late.citizen@example.kr"}).Status(http.StatusCreated).JSON()
	org.Do(http.MethodDelete, "/api/v1/sent-invitations/"+invitationID(t, je, "late.citizen@example.kr"), nil).Status(http.StatusNoContent)
	if _, seated := panelEmails(org.Get(base + "/panel").Status(http.StatusOK).JSON())["late.citizen@example.kr"]; seated {
		t.Fatal("a revoked invitation still holds its seat")
	}
	je.env.Client().Post("/api/v1/invitations/"+first["inviteToken"].(string)+"/accept", map[string]any{"displayName": "시민", "password": "a-long-enough-password"}).
		Problem(http.StatusGone, "invitation_revoked")
	second := org.Post(base+"/panel/members", map[string]any{"email": "late.citizen@example.kr"}).Status(http.StatusCreated).JSON()

	// Withdrawing a seat not taken yet revokes its invitation too.
	panel := org.Post(base+"/panel/members/withdraw", map[string]any{"email": "Late.Citizen@example.kr"}).Status(http.StatusOK).JSON()
	if _, seated := panelEmails(panel)["late.citizen@example.kr"]; seated {
		t.Fatalf("withdrawn seat still listed: %v", panel)
	}
	je.env.Client().Post("/api/v1/invitations/"+second["inviteToken"].(string)+"/accept", map[string]any{"displayName": "시민", "password": "a-long-enough-password"}).
		Problem(http.StatusGone, "invitation_revoked")
	org.Post(base+"/panel/members/withdraw", map[string]any{"email": "late.citizen@example.kr"}).Problem(http.StatusNotFound, "not_found")

	// Two people with accounts join; once the stage is open one of them is withdrawn and
	// loses their cases, so the stage can close without them.
	org.Post(base+"/panel/members", map[string]any{"email": "member.gyeongnam@demo.test"}).Status(http.StatusCreated)
	org.Post(base+"/panel/members", map[string]any{"email": "member2@demo.test"}).Status(http.StatusCreated)
	org.Post(base+"/open", nil).Status(http.StatusOK)
	seats := panelEmails(org.Get(base + "/panel").Status(http.StatusOK).JSON())
	if seats["member.gyeongnam@demo.test"]["assigned"].(float64) != 3 || seats["member2@demo.test"]["assigned"].(float64) != 2 {
		t.Fatalf("panel after opening: %v", seats)
	}
	neighbour := je.env.Login("member.gyeongnam@demo.test", password)
	rubric := neighbour.Get(base + "/cases/" + je.cases["복지 알림 서비스"]).Status(http.StatusOK).JSON()["stage"].(map[string]any)["criteria"].([]any)
	neighbour.Put(base+"/cases/"+je.cases["복지 알림 서비스"]+"/sheet", panelSheet(rubric, 1)).Status(http.StatusOK)
	panel = org.Post(base+"/panel/members/withdraw", map[string]any{"email": "member.gyeongnam@demo.test"}).Status(http.StatusOK).JSON()
	if _, seated := panelEmails(panel)["member.gyeongnam@demo.test"]; seated || len(panel["members"].([]any)) != 1 {
		t.Fatalf("panel after withdrawal: %v", panel)
	}
	neighbour.Get(base+"/cases/"+je.cases["복지 알림 서비스"]).Problem(http.StatusNotFound, "not_found")

	for title, s := range voteJudgeScores {
		org.Put(base+"/assignments/"+je.cases[title], map[string]any{"judgeIds": []string{je.ids[judges[0]], je.ids[judges[1]], je.ids[judges[2]]}}).Status(http.StatusOK)
		for _, email := range judges {
			je.judges[email].Put(base+"/cases/"+je.cases[title]+"/sheet", fullSheet(st, s[0].(float64), s[1].(string), true)).Status(http.StatusOK)
		}
	}
	teamMember := je.env.Login("member2@demo.test", password)
	for title, points := range map[string]float64{"전자 결재 간소화": 1, "복지 알림 서비스": 5} {
		teamMember.Put(base+"/cases/"+je.cases[title]+"/sheet", panelSheet(rubric, points)).Status(http.StatusOK)
	}
	org.Post(base+"/close", nil).Status(http.StatusOK)
	org.Post(base+"/panel/members/withdraw", map[string]any{"email": "member2@demo.test"}).Problem(http.StatusConflict, "stage_closed")

	want := []struct {
		title string
		score float64
		panel any // nil: no panel score
	}{{"민원 대기 줄이기", 77.2222, nil}, {"복지 알림 서비스", 68.1111, 100.0}, {"전자 결재 간소화", 63.7778, 0.0}}
	check := func(where string, rows []any, components func(map[string]any) map[string]any) {
		t.Helper()
		for i, w := range want {
			r := rows[i].(map[string]any)
			c := components(r)
			panelScore, present := c["panelScore"]
			if r["caseId"] != je.cases[w.title] || r["score"].(float64) != w.score || !present || panelScore != w.panel ||
				c["panelShare"].(float64) != 30 || c["judgeShare"].(float64) != 70 {
				t.Errorf("%s rank %d: %v, want %+v", where, i+1, r, w)
			}
		}
	}
	rows := org.Get("/api/v1/rounds/" + je.roundID + "/results").Status(http.StatusOK).JSON()["rows"].([]any)
	check("organizer", rows, func(r map[string]any) map[string]any {
		return r["stageScores"].([]any)[0].(map[string]any)["components"].(map[string]any)
	})

	je.env.App.Rounds.SetClock(func() time.Time { return time.Now().Add(9 * 24 * time.Hour) })
	org.Post("/api/v1/rounds/"+je.roundID+"/results/publish", nil).Status(http.StatusOK)
	public := je.env.Client().Get("/api/v1/public/rounds/" + je.roundID + "/results").Status(http.StatusOK).JSON()["cases"].([]any)
	check("public", public, func(r map[string]any) map[string]any { return r["components"].(map[string]any) })
}
