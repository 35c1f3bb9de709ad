package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"eutteum/api/apitest"
	"eutteum/api/mail"
)

// authzRoles are the columns of the authorization matrix, in order.
var authzRoles = []string{"anon", "team", "otherTeam", "judge", "conflicted", "otherJudge", "org", "otherOrg", "admin"}

// authzAccounts are the demo accounts playing each role. The team member leads the world's
// team; the member of another team works in the same agency, so object-level checks, not
// agency boundaries, must keep them out. The conflicted judge sits on the same stage as the
// assigned one and is excluded from the judged case by an organizer's challenge.
var authzAccounts = map[string]string{
	"team":       member,
	"otherTeam":  "member2@demo.test",
	"judge":      "judge2@demo.test",
	"conflicted": "judge3@demo.test",
	"otherJudge": judge,
	"org":        organizer,
	"otherOrg":   "organizer.incheon@demo.test",
	"admin":      admin,
}

// authzCast is the signed-in clients shared by every world of one matrix run.
type authzCast struct {
	env     *apitest.Env
	outbox  *mail.Outbox
	clients map[string]*apitest.Client // role → client; "anon" has no token
	ids     map[string]string          // role → user id
	unique  int
	adopted int // entries used for withdrawing adoptions
}

func newAuthzCast(t *testing.T, env *apitest.Env, outbox *mail.Outbox) *authzCast {
	t.Helper()
	cast := &authzCast{env: env, outbox: outbox, clients: map[string]*apitest.Client{"anon": env.Client()}, ids: map[string]string{}}
	for role, email := range authzAccounts {
		cast.clients[role] = env.Login(email, password)
		cast.ids[role] = cast.clients[role].Get("/api/v1/me").Status(http.StatusOK).JSON()["id"].(string)
	}
	return cast
}

func (c *authzCast) nextUnique() string {
	c.unique++
	return fmt.Sprintf("%03d", c.unique)
}

// authzWorld is one set of objects the matrix acts on: a team, a round open for
// submissions with a draft and a submitted case, a round in judging and a round with
// published results. Parts are built on first use, so a fresh world for one write costs
// only what that write needs.
type authzWorld struct {
	t     *testing.T
	cast  *authzCast
	vals  map[string]string
	stage map[string]any // the judging stage as created, for score sheets
}

func newAuthzWorld(t *testing.T, cast *authzCast) *authzWorld {
	return &authzWorld{t: t, cast: cast, vals: map[string]string{}}
}

// authzParts says which part of a world provides each placeholder (filled in init, as
// the builders themselves resolve placeholders).
var authzParts map[string]func(*authzWorld)

func init() {
	parts := []struct {
		build func(*authzWorld)
		keys  []string
	}{
		{(*authzWorld).buildStatic, []string{"agency", "otherAgency", "elsewhereEntry", "userTeam", "judgeId", "rubricTemplate"}},
		{(*authzWorld).buildAdoptedEntry, []string{"adoptedEntry"}},
		{(*authzWorld).buildTeam, []string{"teamId"}},
		{(*authzWorld).buildOpen, []string{"openRound", "category", "draftCase", "draftETag", "submittedCase", "submittedETag", "attachment"}},
		{(*authzWorld).buildJudging, []string{"judgingRound", "stage", "judgedCase", "judgedAttachment"}},
		{(*authzWorld).buildResults, []string{"resultsRound", "resultsCase", "tier", "objection", "notification", "archiveEntry", "archiveAttachment"}},
		{(*authzWorld).buildInvitation, []string{"invitationToken", "invitationId"}},
		{(*authzWorld).buildTeamInvitation, []string{"teamInvitation"}},
		{(*authzWorld).buildNewUser, []string{"newUser"}},
		{(*authzWorld).buildRefreshToken, []string{"refreshToken"}},
		{(*authzWorld).buildVote, []string{"voteStage"}},
		{(*authzWorld).buildPanelSeat, []string{"panelSeat"}},
		{(*authzWorld).buildVoteCode, []string{"voteVerification", "voteCode"}},
		{(*authzWorld).buildArchiveQuestions, []string{"archiveQuestion", "answeredQuestion"}},
		{(*authzWorld).buildElsewhereQuestion, []string{"elsewhereQuestion"}},
	}
	authzParts = map[string]func(*authzWorld){}
	for _, p := range parts {
		for _, k := range p.keys {
			authzParts[k] = p.build
		}
	}
}

// get resolves a placeholder, building the part of the world that provides it.
func (w *authzWorld) get(key string) string {
	w.t.Helper()
	if key == "unique" {
		return w.cast.nextUnique()
	}
	if v, ok := w.vals[key]; ok {
		return v
	}
	build, ok := authzParts[key]
	if !ok {
		w.t.Fatalf("authz: unknown placeholder {%s}", key)
	}
	build(w)
	v, ok := w.vals[key]
	if !ok {
		w.t.Fatalf("authz: building the world did not provide {%s}", key)
	}
	return v
}

func (w *authzWorld) as(role string) *apitest.Client { return w.cast.clients[role] }

// setClock moves the application's clock: round parts are created at the real time and
// judged two days later, after the judged rounds' submissions close (the open round's
// stay open for a week).
func (w *authzWorld) setClock(ahead time.Duration) {
	w.cast.env.App.Rounds.SetClock(func() time.Time { return time.Now().Add(ahead) })
}

const authzJudgingTime = 48 * time.Hour

func (w *authzWorld) buildStatic() {
	env := w.cast.env
	w.vals["agency"] = agencyID(w.t, env, "부천시")
	w.vals["otherAgency"] = agencyID(w.t, env, "인천광역시")
	w.vals["judgeId"] = w.cast.ids["judge"]
	w.vals["elsewhereEntry"] = w.incheonEntry(0)
	w.vals["userTeam"] = w.cast.ids["team"]
	templates := w.as("org").Get("/api/v1/rubric-templates").Status(http.StatusOK).JSON()["items"].([]any)
	w.vals["rubricTemplate"] = templates[0].(map[string]any)["id"].(string)
}

// incheonEntry is the n-th imported archived case of 인천광역시, which 부천시's users may
// adopt. Imported, so it has no team and the agency's organizers answer its questions (the
// seed also archives a team's winning case of 인천광역시, which ids sort anywhere).
func (w *authzWorld) incheonEntry(n int) string {
	var entry string
	if err := w.cast.env.Pool.QueryRow(context.Background(),
		`select e.id from archive_entries e join agencies a on a.id = e.agency_id where a.name = '인천광역시' and e.case_id is null order by e.id offset $1 limit 1`, n).Scan(&entry); err != nil {
		w.t.Fatalf("authz: an archive entry of another agency: %v", err)
	}
	return entry
}

// buildAdoptedEntry picks an entry no other world uses and records interest in it for
// every role that may, so each can withdraw.
func (w *authzWorld) buildAdoptedEntry() {
	w.cast.adopted++
	entry := w.incheonEntry(w.cast.adopted)
	for _, role := range authzRoles {
		if role != "anon" && role != "otherOrg" {
			w.as(role).Put("/api/v1/archive/cases/"+entry+"/adoption", map[string]any{"status": "interested"}).Status(http.StatusOK)
		}
	}
	w.vals["adoptedEntry"] = entry
}

func (w *authzWorld) buildTeam() {
	w.vals["teamId"] = createTeam(w.t, w.as("team"), "권한 점검팀 "+w.cast.nextUnique(), "mz_discovery_group")
}

// publishedRound creates and publishes a round whose submissions close after closesIn.
func (w *authzWorld) publishedRound(closesIn time.Duration) map[string]any {
	body := roundBody(w.t, w.cast.env)
	body["title"] = "권한 점검 " + w.cast.nextUnique()
	now := time.Now().UTC().Truncate(time.Second)
	body["schedule"].(map[string]any)["submissionClosesAt"] = now.Add(closesIn).Format(time.RFC3339)
	org := w.as("org")
	created := org.Post("/api/v1/rounds", body).Status(http.StatusCreated).JSON()
	return org.Post("/api/v1/rounds/"+created["id"].(string)+"/publish", nil).Status(http.StatusOK).JSON()
}

// submittedCase writes a complete case for the world's team in the round and submits
// it, with one public attachment; it returns the case id and its ETag.
func (w *authzWorld) submittedCase(round map[string]any, title string) (string, string) {
	m := w.as("team")
	res := m.Post("/api/v1/rounds/"+round["id"].(string)+"/cases", map[string]any{"teamId": w.get("teamId"), "title": title}).Status(http.StatusCreated)
	id := res.JSON()["id"].(string)
	body := completeCase(categoryID(w.t, round, "복지"))
	body["title"] = title
	m.With("If-Match", res.Head.Get("ETag")).Put("/api/v1/cases/"+id, body).Status(http.StatusOK)
	att := m.Upload("/api/v1/cases/"+id+"/attachments", "공개 보고서.pdf", minimalPDF, map[string]string{"public": "true"}).Status(http.StatusCreated)
	w.vals["lastAttachment"] = att.JSON()["id"].(string)
	submitted := m.With("If-Match", att.Head.Get("ETag")).Post("/api/v1/cases/"+id+"/submit", nil).Status(http.StatusOK)
	return id, submitted.Head.Get("ETag")
}

func (w *authzWorld) buildOpen() {
	w.setClock(0)
	defer w.setClock(authzJudgingTime)
	round := w.publishedRound(7 * 24 * time.Hour)
	w.vals["openRound"] = round["id"].(string)
	w.vals["category"] = categoryID(w.t, round, "복지")
	w.vals["submittedCase"], w.vals["submittedETag"] = w.submittedCase(round, "제출된 권한 점검 사례")
	m := w.as("team")
	res := m.Post("/api/v1/rounds/"+w.vals["openRound"]+"/cases", map[string]any{"teamId": w.get("teamId"), "title": "작성 중인 권한 점검 사례"}).Status(http.StatusCreated)
	w.vals["draftCase"] = res.JSON()["id"].(string)
	att := m.Upload("/api/v1/cases/"+w.vals["draftCase"]+"/attachments", "내부 검토.pdf", minimalPDF, nil).Status(http.StatusCreated)
	w.vals["attachment"] = att.JSON()["id"].(string)
	w.vals["draftETag"] = att.Head.Get("ETag")
}

// openStage creates a stage of the round with the assigned and the conflicted judge,
// opens it, assigns the case to the assigned judge and records the conflict.
func (w *authzWorld) openStage(roundID, caseID string) map[string]any {
	org := w.as("org")
	stage := org.Post("/api/v1/rounds/"+roundID+"/stages", writtenStage(w.t, org, false)).Status(http.StatusCreated).JSON()
	base := "/api/v1/stages/" + stage["id"].(string)
	for _, role := range []string{"judge", "conflicted"} {
		org.Post(base+"/judges", map[string]any{"userId": w.cast.ids[role], "kind": "external"}).Status(http.StatusCreated)
	}
	org.Post(base+"/open", nil).Status(http.StatusOK)
	org.Put(base+"/assignments/"+caseID, map[string]any{"judgeIds": []string{w.cast.ids["judge"]}}).Status(http.StatusOK)
	org.Post(base+"/conflicts", map[string]any{"caseId": caseID, "judgeId": w.cast.ids["conflicted"], "reason": "같은 부서 출신"}).Status(http.StatusCreated)
	return stage
}

func (w *authzWorld) buildJudging() {
	w.setClock(0)
	defer w.setClock(authzJudgingTime)
	round := w.publishedRound(time.Hour)
	w.vals["judgingRound"] = round["id"].(string)
	w.vals["judgedCase"], _ = w.submittedCase(round, "심사 중인 권한 점검 사례")
	w.vals["judgedAttachment"] = w.vals["lastAttachment"]
	w.setClock(authzJudgingTime)
	w.stage = w.openStage(w.vals["judgingRound"], w.vals["judgedCase"])
	w.vals["stage"] = w.stage["id"].(string)
}

func (w *authzWorld) buildResults() {
	w.setClock(0)
	defer w.setClock(authzJudgingTime)
	round := w.publishedRound(time.Hour)
	roundID := round["id"].(string)
	w.vals["resultsRound"] = roundID
	title := "결과 공개된 권한 점검 사례 " + w.cast.nextUnique()
	w.vals["resultsCase"], _ = w.submittedCase(round, title)
	w.setClock(authzJudgingTime)
	// One judge is enough for a plain mean; the default trimmed mean needs three.
	w.as("org").Put("/api/v1/rounds/"+roundID+"/judging", map[string]any{"method": "mean", "tieBreaks": []any{}, "objectionDays": 7}).Status(http.StatusOK)
	stage := w.openStage(roundID, w.vals["resultsCase"])
	base := "/api/v1/stages/" + stage["id"].(string)
	w.as("judge").Put(base+"/cases/"+w.vals["resultsCase"]+"/sheet", fullSheet(stage, 9, "S", true)).Status(http.StatusOK)
	org := w.as("org")
	org.Post(base+"/close", nil).Status(http.StatusOK)
	rows := org.Get("/api/v1/rounds/" + roundID + "/results").Status(http.StatusOK).JSON()["rows"].([]any)
	w.vals["tier"] = rows[0].(map[string]any)["tier"].(map[string]any)["id"].(string)
	org.Post("/api/v1/rounds/"+roundID+"/results/publish", nil).Status(http.StatusOK)

	m := w.as("team")
	w.vals["objection"] = m.Post("/api/v1/cases/"+w.vals["resultsCase"]+"/objections", map[string]any{"text": "효과성 점수 산정 근거를 알고 싶습니다."}).Status(http.StatusCreated).JSON()["id"].(string)
	notes := m.Get("/api/v1/me/notifications").Status(http.StatusOK).JSON()["items"].([]any)
	w.vals["notification"] = notes[0].(map[string]any)["id"].(string)
	found := w.as("anon").Get("/api/v1/archive/cases?q=" + url.QueryEscape(title)).Status(http.StatusOK).JSON()["items"].([]any)
	if len(found) == 0 {
		w.t.Fatalf("authz: the published case is not in the archive")
	}
	w.vals["archiveEntry"] = found[0].(map[string]any)["id"].(string)
	entry := w.as("anon").Get("/api/v1/archive/cases/" + w.vals["archiveEntry"]).Status(http.StatusOK).JSON()
	w.vals["archiveAttachment"] = entry["attachments"].([]any)[0].(map[string]any)["id"].(string)
}

// buildVote opens a public vote on the judging stage.
func (w *authzWorld) buildVote() {
	now := w.cast.env.App.Rounds.Now().UTC()
	w.as("org").Put("/api/v1/stages/"+w.get("stage")+"/vote", map[string]any{
		"opensAt": now.Add(-time.Hour).Format(time.RFC3339), "closesAt": now.Add(72 * time.Hour).Format(time.RFC3339),
		"maxChoices": 1, "showCounts": true, "voteShare": 0,
	}).Status(http.StatusOK)
	w.vals["voteStage"] = w.get("stage")
}

// buildPanelSeat invites a citizen without an account to the judging stage's panel.
func (w *authzWorld) buildPanelSeat() {
	email := "seat-" + w.cast.nextUnique() + "@example.kr"
	w.as("org").Post("/api/v1/stages/"+w.get("stage")+"/panel/members", map[string]any{"email": email}).Status(http.StatusCreated)
	w.vals["panelSeat"] = email
}

// buildVoteCode asks for a code for a new address and reads it from the outbox.
func (w *authzWorld) buildVoteCode() {
	email := "voter-" + w.cast.nextUnique() + "@example.kr"
	sent := w.as("anon").Post("/api/v1/public/stages/"+w.get("voteStage")+"/vote/codes", map[string]any{"email": email}).Status(http.StatusAccepted)
	msg, err := w.cast.outbox.Latest(email)
	if err != nil {
		w.t.Fatal(err)
	}
	w.vals["voteVerification"] = sent.JSON()["verificationId"].(string)
	w.vals["voteCode"] = sixDigits.FindString(msg.Subject)
}

// buildArchiveQuestions has two outsiders ask the world's team about its archived case,
// and the team answer the second. Questions are limited per user, so different people ask.
func (w *authzWorld) buildArchiveQuestions() {
	base := "/api/v1/archive/cases/" + w.get("archiveEntry") + "/questions"
	w.vals["archiveQuestion"] = w.as("otherTeam").Post(base, map[string]any{"text": "예산은 얼마나 들었나요?"}).Status(http.StatusCreated).JSON()["id"].(string)
	answered := w.as("otherJudge").Post(base, map[string]any{"text": "다른 기관에도 그대로 적용할 수 있을까요?"}).Status(http.StatusCreated).JSON()["id"].(string)
	w.as("team").Put("/api/v1/archive/questions/"+answered+"/answer", map[string]any{"text": "네, 운영 절차서를 공유드립니다."}).Status(http.StatusOK)
	w.vals["answeredQuestion"] = answered
}

// buildElsewhereQuestion asks about an imported case of 인천광역시, which has no team: the
// agency's organizers answer it.
func (w *authzWorld) buildElsewhereQuestion() {
	q := w.as("conflicted").Post("/api/v1/archive/cases/"+w.get("elsewhereEntry")+"/questions", map[string]any{"text": "담당 부서가 어디인가요?"})
	w.vals["elsewhereQuestion"] = q.Status(http.StatusCreated).JSON()["id"].(string)
}

// buildInvitation has the admin invite a new judge of 부천시.
func (w *authzWorld) buildInvitation() {
	email := "authz-" + w.cast.nextUnique() + "@demo.test"
	inv := w.as("admin").Post("/api/v1/invitations", map[string]any{"email": email, "role": "judge", "agencyId": w.get("agency")}).Status(http.StatusCreated)
	w.vals["invitationToken"] = inv.JSON()["token"].(string)
	w.vals["invitationId"] = inv.JSON()["id"].(string)
}

// buildNewUser makes an account nobody else uses, for changing its roles.
func (w *authzWorld) buildNewUser() {
	token := w.get("invitationToken")
	accepted := w.as("anon").Post("/api/v1/invitations/"+token+"/accept", map[string]any{"displayName": "권한 점검 사용자", "password": "a-long-enough-password"}).Status(http.StatusCreated)
	w.vals["newUser"] = accepted.JSON()["user"].(map[string]any)["id"].(string)
	delete(w.vals, "invitationToken")
	delete(w.vals, "invitationId")
}

// buildTeamInvitation has the team leader invite the member of another team.
func (w *authzWorld) buildTeamInvitation() {
	inv := w.as("team").Post("/api/v1/teams/"+w.get("teamId")+"/invitations", map[string]any{"email": authzAccounts["otherTeam"]}).Status(http.StatusCreated)
	w.vals["teamInvitation"] = inv.JSON()["id"].(string)
}

// buildRefreshToken signs the team member in once more, for a refresh token of its own.
func (w *authzWorld) buildRefreshToken() {
	res := w.as("anon").Post("/api/v1/auth/login", map[string]string{"email": authzAccounts["team"], "password": password}).Status(http.StatusOK)
	w.vals["refreshToken"] = res.JSON()["refreshToken"].(string)
}

// expand replaces every "{name}" in s with the world's value.
func (w *authzWorld) expand(s string) string {
	var b strings.Builder
	for {
		start := strings.IndexByte(s, '{')
		if start < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := strings.IndexByte(s[start:], '}')
		if end < 0 {
			w.t.Fatalf("authz: unclosed placeholder in %q", s)
		}
		b.WriteString(s[:start])
		b.WriteString(w.get(s[start+1 : start+end]))
		s = s[start+end+1:]
	}
}

// expandBody resolves placeholders in every string of a JSON-like value.
func (w *authzWorld) expandBody(v any) any {
	switch x := v.(type) {
	case string:
		return w.expand(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = w.expandBody(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = w.expandBody(e)
		}
		return out
	default:
		return v
	}
}
