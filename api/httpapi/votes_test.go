package httpapi_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"eutteum/api/apitest"
	"eutteum/api/app"
	"eutteum/api/mail"
)

// voteEnv is a judging round whose written stage is open, scored by three judges, with a
// public vote configured on it and an outbox for the codes.
type voteEnv struct {
	*judgingEnv
	outbox  *mail.Outbox
	stageID string
	base    string // /api/v1/stages/{id}
	public  string // /api/v1/public/stages/{id}
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// Judges' totals by the built-in rubric: (9, S) = 91.1111, (8, A) = 77.2222, (6, B) = 54.4444.
var voteJudgeScores = map[string][2]any{"전자 결재 간소화": {9.0, "S"}, "민원 대기 줄이기": {8.0, "A"}, "복지 알림 서비스": {6.0, "B"}}

func newVoteEnv(t *testing.T, share float64) *voteEnv {
	t.Helper()
	outbox := &mail.Outbox{Dir: t.TempDir()}
	je := newJudgingEnv(t, func(s *app.Settings) { s.Mailer = outbox })
	org := je.org
	org.Put("/api/v1/rounds/"+je.roundID+"/judging", map[string]any{"method": "mean", "tieBreaks": []any{}, "objectionDays": 7}).Status(http.StatusOK)
	st := je.stage(t, false)
	ve := &voteEnv{judgingEnv: je, outbox: outbox, stageID: st["id"].(string)}
	ve.base = "/api/v1/stages/" + ve.stageID
	ve.public = "/api/v1/public/stages/" + ve.stageID
	panel := []string{"j1@demo.test", "j2@demo.test", "j3@demo.test"}
	for _, email := range panel {
		org.Post(ve.base+"/judges", map[string]any{"userId": je.ids[email]}).Status(http.StatusCreated)
	}
	org.Post(ve.base+"/open", nil).Status(http.StatusOK)
	for title, s := range voteJudgeScores {
		org.Put(ve.base+"/assignments/"+je.cases[title], map[string]any{"judgeIds": []string{je.ids[panel[0]], je.ids[panel[1]], je.ids[panel[2]]}}).Status(http.StatusOK)
		for _, email := range panel {
			je.judges[email].Put(ve.base+"/cases/"+je.cases[title]+"/sheet", fullSheet(st, s[0].(float64), s[1].(string), true)).Status(http.StatusOK)
		}
	}
	ve.configure(t, map[string]any{"maxChoices": 2, "showCounts": true, "voteShare": share, "intro": "결선 진출 사례에 투표해 주세요."})
	return ve
}

// configure sets the vote, open from an hour ago for three days unless body says otherwise.
func (ve *voteEnv) configure(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	now := ve.env.App.Rounds.Now()
	if _, ok := body["opensAt"]; !ok {
		body["opensAt"] = now.Add(-time.Hour).UTC().Format(time.RFC3339)
	}
	if _, ok := body["closesAt"]; !ok {
		body["closesAt"] = now.Add(72 * time.Hour).UTC().Format(time.RFC3339)
	}
	return ve.org.Put(ve.base+"/vote", body).Status(http.StatusOK).JSON()
}

// code asks for a code for the address and reads it from the outbox.
func (ve *voteEnv) code(t *testing.T, c *apitest.Client, email string) (string, string) {
	t.Helper()
	sent := c.Post(ve.public+"/vote/codes", map[string]any{"email": email}).Status(http.StatusAccepted).JSON()
	msg, err := ve.outbox.Latest(email)
	if err != nil {
		t.Fatal(err)
	}
	code := sixDigits.FindString(msg.Subject)
	if code == "" || !sixDigits.MatchString(msg.Body) {
		t.Fatalf("no code in %+v", msg)
	}
	return sent["verificationId"].(string), code
}

func (ve *voteEnv) ballot(verification, code string, titles ...string) map[string]any {
	ids := make([]string, len(titles))
	for i, title := range titles {
		ids[i] = ve.cases[title]
	}
	body := map[string]any{"caseIds": ids}
	if verification != "" {
		body["verificationId"], body["code"] = verification, code
	}
	return body
}

func TestPublicVoteChangesTheRankingByItsShare(t *testing.T) {
	t.Parallel()
	ve := newVoteEnv(t, 30)
	anon := ve.env.Client()

	var listed map[string]any
	for _, v := range anon.Get("/api/v1/public/votes").Status(http.StatusOK).JSON()["items"].([]any) {
		if v.(map[string]any)["stageId"] == ve.stageID {
			listed = v.(map[string]any)
		}
	}
	if listed == nil || listed["status"] != "open" || listed["finalists"].(float64) != 3 {
		t.Fatalf("public list: %v", listed)
	}
	page := anon.Get(ve.public + "/vote").Status(http.StatusOK).JSON()
	if page["maxChoices"].(float64) != 2 || page["voteShare"].(float64) != 30 || len(page["cases"].([]any)) != 3 || page["totalBallots"].(float64) != 0 {
		t.Fatalf("vote page: %v", page)
	}

	// Three ballots: two by e-mail code, one by a signed-in member.
	id, code := ve.code(t, anon, "citizen.one@example.kr")
	anon.Post(ve.public+"/ballots", ve.ballot(id, code, "민원 대기 줄이기", "복지 알림 서비스")).Status(http.StatusCreated)
	id, code = ve.code(t, anon, "citizen.two@example.kr")
	cast := anon.Post(ve.public+"/ballots", ve.ballot(id, code, "민원 대기 줄이기", "전자 결재 간소화")).Status(http.StatusCreated).JSON()
	if cast["verifiedBy"] != "email_code" || len(cast["caseIds"].([]any)) != 2 {
		t.Fatalf("ballot: %v", cast)
	}
	m := ve.env.Login(member, password)
	if got := m.Post(ve.public+"/ballots", ve.ballot("", "", "민원 대기 줄이기", "복지 알림 서비스")).Status(http.StatusCreated).JSON(); got["verifiedBy"] != "account" {
		t.Fatalf("account ballot: %v", got)
	}

	counts := map[string]float64{}
	for _, c := range anon.Get(ve.public + "/vote").Status(http.StatusOK).JSON()["cases"].([]any) {
		c := c.(map[string]any)
		counts[c["title"].(string)] = c["votes"].(float64)
	}
	if counts["민원 대기 줄이기"] != 3 || counts["복지 알림 서비스"] != 2 || counts["전자 결재 간소화"] != 1 {
		t.Fatalf("counts: %v", counts)
	}

	ve.org.Post(ve.base+"/vote/close", nil).Status(http.StatusOK)
	ve.org.Post(ve.base+"/close", nil).Status(http.StatusOK)

	// By hand, judges × 0.7 + votes × 0.3, vote score = 100 × votes / 3:
	//   민원 = 77.2222 × 0.7 + 100 × 0.3     = 84.0555
	//   전자 = 91.1111 × 0.7 + 33.3333 × 0.3 = 73.7778
	//   복지 = 54.4444 × 0.7 + 66.6667 × 0.3 = 58.1111
	// so the vote moves 민원 대기 줄이기 above the judges' first.
	want := []struct {
		title                    string
		score, judges, voteScore float64
		votes                    float64
	}{{"민원 대기 줄이기", 84.0555, 77.2222, 100, 3}, {"전자 결재 간소화", 73.7778, 91.1111, 33.3333, 1}, {"복지 알림 서비스", 58.1111, 54.4444, 66.6667, 2}}
	rows := ve.org.Get("/api/v1/rounds/" + ve.roundID + "/results").Status(http.StatusOK).JSON()["rows"].([]any)
	for i, w := range want {
		r := rows[i].(map[string]any)
		v := r["stageScores"].([]any)[0].(map[string]any)["components"].(map[string]any)
		if r["caseId"] != ve.cases[w.title] || r["score"].(float64) != w.score || v["judgeScore"].(float64) != w.judges ||
			v["voteScore"].(float64) != w.voteScore || v["votes"].(float64) != w.votes || v["voteShare"].(float64) != 30 {
			t.Errorf("rank %d: %v, want %+v", i+1, r, w)
		}
	}

	ve.org.Post("/api/v1/rounds/"+ve.roundID+"/results/publish", nil).Status(http.StatusOK)
	public := anon.Get("/api/v1/public/rounds/" + ve.roundID + "/results").Status(http.StatusOK).JSON()["cases"].([]any)
	first := public[0].(map[string]any)
	if first["caseId"] != ve.cases["민원 대기 줄이기"] || first["components"].(map[string]any)["votes"].(float64) != 3 {
		t.Fatalf("public table: %v", first)
	}

	report := ve.org.Get(ve.base + "/vote/report").Status(http.StatusOK).JSON()
	if m := report["ballotsByMethod"].(map[string]any); m["emailCode"].(float64) != 2 || m["account"].(float64) != 1 || report["codesRequested"].(float64) != 2 {
		t.Fatalf("report: %v", report)
	}
}

func TestVoteCodesAndBallotRules(t *testing.T) {
	t.Parallel()
	ve := newVoteEnv(t, 20)
	anon := ve.env.Client()

	anon.Post(ve.public+"/vote/codes", map[string]any{"email": "메일주소아님"}).Problem(http.StatusBadRequest, "validation_failed")

	id, code := ve.code(t, anon, "voter@example.kr")
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	p := anon.Post(ve.public+"/ballots", ve.ballot(id, wrong, "민원 대기 줄이기")).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["code"] != "vote_code_wrong" {
		t.Fatalf("wrong code: %v", p.Errors)
	}
	p = anon.Post(ve.public+"/ballots", ve.ballot(id, code, "민원 대기 줄이기", "복지 알림 서비스", "전자 결재 간소화")).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["caseIds"] != "too_many_choices" {
		t.Fatalf("too many: %v", p.Errors)
	}
	p = anon.Post(ve.public+"/ballots", ve.ballot(id, code, "민원 대기 줄이기", "민원 대기 줄이기")).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["caseIds[1]"] != "duplicate" {
		t.Fatalf("duplicate: %v", p.Errors)
	}
	stranger := map[string]any{"caseIds": []string{ve.roundID}, "verificationId": id, "code": code}
	if p = anon.Post(ve.public+"/ballots", stranger).Problem(http.StatusBadRequest, "validation_failed"); p.FieldCodes()["caseIds[0]"] != "not_a_finalist" {
		t.Fatalf("stranger: %v", p.Errors)
	}
	if p = anon.Post(ve.public+"/ballots", map[string]any{"caseIds": []string{ve.cases["민원 대기 줄이기"]}}).Problem(http.StatusBadRequest, "validation_failed"); p.FieldCodes()["code"] != "required" {
		t.Fatalf("no code: %v", p.Errors)
	}
	// Refused ballots counted nothing, and the code still works after one wrong try.
	anon.Post(ve.public+"/ballots", ve.ballot(id, code, "민원 대기 줄이기")).Status(http.StatusCreated)
	anon.Post(ve.public+"/ballots", ve.ballot(id, code, "민원 대기 줄이기")).Problem(http.StatusConflict, "already_voted")
	// The same mailbox written differently is the same voter.
	byMail := anon.Post(ve.public+"/vote/codes", map[string]any{"email": " Voter+second@Example.KR"}).Problem(http.StatusConflict, "already_voted")
	if !strings.Contains(byMail.Detail, "이메일 주소") {
		t.Fatalf("a voter by code is told of the e-mail address: %q", byMail.Detail)
	}
	// A signed-in voter is the account: the same code, in words that do not mention e-mail.
	fire := ve.env.Login("member.fire@demo.test", password)
	fire.Post(ve.public+"/ballots", ve.ballot("", "", "전자 결재 간소화")).Status(http.StatusCreated)
	for _, l := range []string{"ko", "en"} {
		again := fire.With("Accept-Language", l).Post(ve.public+"/ballots", ve.ballot("", "", "복지 알림 서비스")).Problem(http.StatusConflict, "already_voted")
		if strings.Contains(again.Detail, "이메일") || strings.Contains(strings.ToLower(again.Detail), "e-mail") || again.Detail == byMail.Detail {
			t.Fatalf("signed-in voter (%s): %q", l, again.Detail)
		}
	}

	// Five wrong tries use a code up.
	id, code = ve.code(t, anon, "guesser@example.kr")
	for range 5 {
		anon.Post(ve.public+"/ballots", ve.ballot(id, wrong, "복지 알림 서비스")).Problem(http.StatusBadRequest, "validation_failed")
	}
	if p = anon.Post(ve.public+"/ballots", ve.ballot(id, code, "복지 알림 서비스")).Problem(http.StatusBadRequest, "validation_failed"); p.FieldCodes()["code"] != "vote_code_attempts" {
		t.Fatalf("attempts: %v", p.Errors)
	}

	// A code is good for ten minutes.
	id, code = ve.code(t, anon, "late@example.kr")
	later := ve.env.App.Rounds.Now().Add(11 * time.Minute)
	ve.env.App.Rounds.SetClock(func() time.Time { return later })
	if p = anon.Post(ve.public+"/ballots", ve.ballot(id, code, "복지 알림 서비스")).Problem(http.StatusBadRequest, "validation_failed"); p.FieldCodes()["code"] != "vote_code_expired" {
		t.Fatalf("expired: %v", p.Errors)
	}

	// Three codes per address in ten minutes; the fourth waits.
	for range 3 {
		ve.code(t, anon, "eager@example.kr")
	}
	limited := anon.Post(ve.public+"/vote/codes", map[string]any{"email": "eager@example.kr"})
	limited.Problem(http.StatusTooManyRequests, "rate_limited")
	if limited.Head.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}

	// Outside the window nothing is accepted.
	ve.org.Post(ve.base+"/vote/close", nil).Status(http.StatusOK)
	anon.Post(ve.public+"/vote/codes", map[string]any{"email": "after@example.kr"}).Problem(http.StatusConflict, "vote_not_open")
	ve.env.Login(member, password).Post(ve.public+"/ballots", ve.ballot("", "", "복지 알림 서비스")).Problem(http.StatusConflict, "vote_not_open")

	var ballots, choices int
	if err := ve.env.Pool.QueryRow(context.Background(), `select (select count(*) from ballots where stage_id = $1), (select count(*) from ballot_choices where stage_id = $1)`, ve.stageID).Scan(&ballots, &choices); err != nil {
		t.Fatal(err)
	}
	if ballots != 2 || choices != 2 {
		t.Fatalf("%d ballots with %d choices, want 2 and 2", ballots, choices)
	}
}

// TestOnePersonOneVoteUnderConcurrentSubmission sends the same ballot many times at once,
// by code and by account: exactly one counts.
func TestOnePersonOneVoteUnderConcurrentSubmission(t *testing.T) {
	t.Parallel()
	ve := newVoteEnv(t, 0)
	anon := ve.env.Client()
	id, code := ve.code(t, anon, "twice@example.kr")
	m := ve.env.Login(member, password)
	const tries = 8
	statuses := make(chan int, 2*tries)
	var wg sync.WaitGroup
	for range tries {
		wg.Add(2)
		go func() {
			defer wg.Done()
			statuses <- anon.Post(ve.public+"/ballots", ve.ballot(id, code, "민원 대기 줄이기")).Code
		}()
		go func() {
			defer wg.Done()
			statuses <- m.Post(ve.public+"/ballots", ve.ballot("", "", "복지 알림 서비스")).Code
		}()
	}
	wg.Wait()
	close(statuses)
	got := map[int]int{}
	for s := range statuses {
		got[s]++
	}
	if got[http.StatusCreated] != 2 || got[http.StatusConflict] != 2*tries-2 {
		t.Fatalf("statuses: %v", got)
	}
	var ballots, choices int
	if err := ve.env.Pool.QueryRow(context.Background(), `select (select count(*) from ballots where stage_id = $1), (select count(*) from ballot_choices where stage_id = $1)`, ve.stageID).Scan(&ballots, &choices); err != nil {
		t.Fatal(err)
	}
	if ballots != 2 || choices != 2 {
		t.Fatalf("%d ballots with %d choices, want 2 and 2", ballots, choices)
	}
}

func TestVoteSettingsRules(t *testing.T) {
	t.Parallel()
	ve := newVoteEnv(t, 10)
	now := ve.env.App.Rounds.Now().UTC()
	p := ve.org.Put(ve.base+"/vote", map[string]any{"opensAt": now.Format(time.RFC3339), "closesAt": now.Add(-time.Hour).Format(time.RFC3339), "maxChoices": 1, "showCounts": false, "voteShare": 10}).
		Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["closesAt"] != "after_vote_opens" {
		t.Fatalf("window: %v", p.Errors)
	}
	ve.org.Put(ve.base+"/vote", map[string]any{"opensAt": now.Format(time.RFC3339), "closesAt": now.Add(time.Hour).Format(time.RFC3339), "maxChoices": 1, "showCounts": false, "voteShare": 120}).
		Problem(http.StatusBadRequest, "validation_failed")

	current := ve.org.Get(ve.base + "/vote").Status(http.StatusOK).JSON()
	id, code := ve.code(t, ve.env.Client(), "first@example.kr")
	ve.env.Client().Post(ve.public+"/ballots", ve.ballot(id, code, "민원 대기 줄이기")).Status(http.StatusCreated)
	// With a ballot cast, the rules are fixed; the closing time and the share may move.
	changed := map[string]any{"opensAt": current["opensAt"], "closesAt": current["closesAt"], "maxChoices": 3, "showCounts": true, "voteShare": 10}
	ve.org.Put(ve.base+"/vote", changed).Problem(http.StatusConflict, "vote_locked")
	later := now.Add(96 * time.Hour).Format(time.RFC3339)
	moved := ve.org.Put(ve.base+"/vote", map[string]any{"opensAt": current["opensAt"], "closesAt": later, "maxChoices": 2, "showCounts": true, "voteShare": 25}).Status(http.StatusOK).JSON()
	if moved["closesAt"] != later || moved["voteShare"].(float64) != 25 || moved["ballots"].(float64) != 1 {
		t.Fatalf("moved: %v", moved)
	}
	if st := ve.org.Get(ve.base).Status(http.StatusOK).JSON(); st["voteShare"].(float64) != 25 {
		t.Fatalf("stage share: %v", st["voteShare"])
	}
	// A blind stage cannot hold a vote: its page would name the teams.
	blind := ve.stage(t, true)
	p = ve.org.Put("/api/v1/stages/"+blind["id"].(string)+"/vote", map[string]any{"opensAt": now.Format(time.RFC3339), "closesAt": later, "maxChoices": 1, "showCounts": false, "voteShare": 10}).
		Problem(http.StatusConflict, "conflict")
	if p.FieldCodes()["stageId"] != "vote_on_blind_stage" {
		t.Fatalf("blind: %v", p.Errors)
	}
	// The organizer of another agency cannot see or touch it.
	other := ve.env.Login("organizer.incheon@demo.test", password)
	other.Get(ve.base+"/vote").Problem(http.StatusNotFound, "not_found")
	other.Post(ve.base+"/vote/close", nil).Problem(http.StatusNotFound, "not_found")
	// Events are in the round's audit trail.
	actions := map[string]bool{}
	for _, e := range ve.org.Get("/api/v1/rounds/" + ve.roundID + "/audit").Status(http.StatusOK).JSON()["items"].([]any) {
		actions[e.(map[string]any)["action"].(string)] = true
	}
	if !actions["vote_configured"] {
		t.Fatalf("audit: %v", actions)
	}
}

func TestVoteReportFlagsOneAddressBehindManyBallots(t *testing.T) {
	t.Parallel()
	ve := newVoteEnv(t, 0)
	anon := ve.env.Client()
	for _, email := range []string{"a@example.kr", "b@example.kr", "c@example.kr", "d@example.kr", "e@example.kr"} {
		id, code := ve.code(t, anon, email)
		anon.Post(ve.public+"/ballots", ve.ballot(id, code, "복지 알림 서비스")).Status(http.StatusCreated)
	}
	report := ve.org.Get(ve.base + "/vote/report").Status(http.StatusOK).JSON()
	addresses := report["addresses"].([]any)
	if len(addresses) != 1 || addresses[0].(map[string]any)["ballots"].(float64) != 5 || addresses[0].(map[string]any)["codeRequests"].(float64) != 5 {
		t.Fatalf("addresses: %v", addresses)
	}
	counts := report["counts"].([]any)
	if top := counts[0].(map[string]any); top["title"] != "복지 알림 서비스" || top["votes"].(float64) != 5 || top["voteScore"].(float64) != 100 {
		t.Fatalf("counts: %v", counts)
	}
}
