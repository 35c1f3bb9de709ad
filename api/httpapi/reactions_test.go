package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"

	"eutteum/api/apitest"
)

// eumcallEntry is the archived 119 이음콜 case, written by 인천 소방 119 혁신팀 (member.fire) of
// 인천광역시 소방본부, under 인천광역시 whose organizer moderates it.
func eumcallEntry(t *testing.T, env *apitest.Env) string {
	t.Helper()
	items := env.Client().Get("/api/v1/archive/cases?q=" + url.QueryEscape("이음콜")).Status(http.StatusOK).JSON()["items"].([]any)
	for _, it := range items {
		m := it.(map[string]any)
		if m["title"] == "119 이음콜 출동정보 알리미" && m["teamName"] == "인천 소방 119 혁신팀" {
			return m["id"].(string)
		}
	}
	t.Fatalf("the published 이음콜 case is not in the archive: %v", items)
	return ""
}

func helpfulOf(t *testing.T, res *apitest.Response) (float64, any) {
	t.Helper()
	body := res.Status(http.StatusOK).JSON()
	return body["helpfulCount"].(float64), body["helpfulByMe"]
}

func countRows(t *testing.T, env *apitest.Env, query string, args ...any) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestReactionHelpfulOncePerUserAndBrowser(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	id := eumcallEntry(t, env)
	path := "/api/v1/archive/cases/" + id
	anon := env.Client()
	browserA := anon.With("X-Client-Id", "browser-a-4f9c2d7e81b3")
	browserB := anon.With("X-Client-Id", "browser-b-0a6e5c3f92d1")

	if n, mine := helpfulOf(t, anon.Get(path)); n != 0 || mine != nil {
		t.Fatalf("before any mark: count %v, mine %v", n, mine)
	}
	// One browser counts once however often it marks.
	for range 2 {
		if n, mine := helpfulOf(t, browserA.Put(path+"/helpful", nil)); n != 1 || mine != true {
			t.Fatalf("browser A marks: %v %v", n, mine)
		}
	}
	if n, _ := helpfulOf(t, browserB.Put(path+"/helpful", nil)); n != 2 {
		t.Fatalf("browser B marks: %v", n)
	}
	if n, mine := helpfulOf(t, browserA.Get(path)); n != 2 || mine != true {
		t.Fatalf("the case as browser A sees it: %v %v", n, mine)
	}
	if _, mine := helpfulOf(t, anon.With("X-Client-Id", "browser-c-77aa66bb55cc").Get(path)); mine != false {
		t.Fatalf("another browser has no mark: %v", mine)
	}

	// A signed-in user counts once, whichever browser id it also sends.
	signedIn := env.Login(member, password)
	if n, mine := helpfulOf(t, signedIn.Put(path+"/helpful", nil)); n != 3 || mine != true {
		t.Fatalf("member marks: %v %v", n, mine)
	}
	if n, _ := helpfulOf(t, signedIn.With("X-Client-Id", "browser-a-4f9c2d7e81b3").Put(path+"/helpful", nil)); n != 3 {
		t.Fatalf("member marks again: %v", n)
	}
	if n, mine := helpfulOf(t, signedIn.Get(path)); n != 3 || mine != true {
		t.Fatalf("the case as the member sees it: %v %v", n, mine)
	}

	// Toggling off takes the own mark back, once.
	for range 2 {
		if n, mine := helpfulOf(t, signedIn.Do(http.MethodDelete, path+"/helpful", nil)); n != 2 || mine != false {
			t.Fatalf("member takes the mark back: %v %v", n, mine)
		}
	}
	if n, mine := helpfulOf(t, browserA.Do(http.MethodDelete, path+"/helpful", nil)); n != 1 || mine != false {
		t.Fatalf("browser A takes its mark back: %v %v", n, mine)
	}
	if n, _ := helpfulOf(t, anon.Get(path)); n != 1 {
		t.Fatalf("count on the case page: %v", n)
	}

	// Only a keyed hash of the browser id is stored.
	if n := countRows(t, env, `select count(*) from archive_helpful_marks where client_hash is not null and length(client_hash) = 32`); n != 1 {
		t.Fatalf("stored browser marks: %d", n)
	}
	if n := countRows(t, env, `select count(*) from archive_helpful_marks where position(convert_to('browser-b', 'UTF8') in client_hash) > 0`); n != 0 {
		t.Fatal("the browser id is stored as it came")
	}

	// Refusals change nothing.
	p := anon.Put(path+"/helpful", nil).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["X-Client-Id"] != "required" || p.Errors[0].Message != "필수 입력 항목입니다." {
		t.Fatalf("without a browser id: %+v", p.Errors)
	}
	anon.With("X-Client-Id", "short").Put(path+"/helpful", nil).Problem(http.StatusBadRequest, "validation_failed")
	browserA.Put("/api/v1/archive/cases/"+uuid.NewString()+"/helpful", nil).Problem(http.StatusNotFound, "not_found")
	if n, _ := helpfulOf(t, anon.Get(path)); n != 1 {
		t.Fatalf("count after refusals: %v", n)
	}
}

func TestReactionHelpfulIsRateLimitedPerAddress(t *testing.T) {
	t.Parallel()
	env := apitest.New(t)
	c := env.Client()
	path := "/api/v1/archive/cases/" + uuid.NewString() + "/helpful"
	var limited *apitest.Response
	for i := 0; i < 40 && limited == nil; i++ {
		// A new browser id each time: the address, not the id, is what is limited.
		if res := c.With("X-Client-Id", fmt.Sprintf("burst-browser-%04d", i)).Put(path, nil); res.Code == http.StatusTooManyRequests {
			limited = res
		}
	}
	if limited == nil {
		t.Fatal("40 marks from one address in a burst were all served")
	}
	limited.Problem(http.StatusTooManyRequests, "rate_limited")
}

func TestReactionQuestionsAnsweredAndModerated(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	id := eumcallEntry(t, env)
	questions := "/api/v1/archive/cases/" + id + "/questions"
	anon := env.Client()
	asker := env.Login(member, password)
	team := env.Login("member.fire@demo.test", password)
	incheon := env.Login("organizer.incheon@demo.test", password)
	bucheon := env.Login(organizer, password)
	adminC := env.Login(admin, password)

	list := anon.Get(questions).Status(http.StatusOK).JSON()
	if len(list["items"].([]any)) != 0 || list["canAsk"] != false || list["canModerate"] != false {
		t.Fatalf("anonymous list: %v", list)
	}

	// Bad questions are refused with Korean field errors, and nothing is saved.
	anon.Post(questions, map[string]any{"text": "도입 비용은 얼마였나요?"}).Problem(http.StatusUnauthorized, "unauthenticated")
	p := asker.Post(questions, map[string]any{"text": "비용?"}).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["text"] != "min_length" || p.Errors[0].Message != "5자 이상 입력해 주세요." {
		t.Fatalf("too short: %+v", p.Errors)
	}
	p = asker.Post(questions, map[string]any{"text": "  비용?   "}).Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["text"] != "min_length" {
		t.Fatalf("short once trimmed: %+v", p.Errors)
	}
	asker.Post(questions, map[string]any{"text": strings.Repeat("가", 1001)}).Problem(http.StatusBadRequest, "validation_failed")
	if n := countRows(t, env, `select count(*) from archive_questions where entry_id = $1`, id); n != 0 {
		t.Fatalf("refused questions were saved: %d", n)
	}

	q := asker.Post(questions, map[string]any{"text": "  이음콜 도입 비용과 기간은 어느 정도였나요?  "}).Status(http.StatusCreated).JSON()
	qid := q["id"].(string)
	if q["text"] != "이음콜 도입 비용과 기간은 어느 정도였나요?" || q["askerName"] != "최*나" || q["mine"] != true ||
		q["askerAgency"].(map[string]any)["name"] != "부천시" || q["answer"] != nil {
		t.Fatalf("question: %v", q)
	}
	// The team hears of it in the app.
	notes := team.Get("/api/v1/me/notifications").Status(http.StatusOK).JSON()["items"].([]any)
	note := notes[0].(map[string]any)
	if note["kind"] != "archive_question" || note["link"] != "/archive/"+id || !strings.Contains(note["body"].(string), "부천시") {
		t.Fatalf("team notification: %v", note)
	}

	// Only the team answers a case with a team.
	answer := "/api/v1/archive/questions/" + qid + "/answer"
	for _, c := range []*apitest.Client{asker, env.Login("member2@demo.test", password), incheon, adminC} {
		c.Put(answer, map[string]any{"text": "저희가 답합니다."}).Problem(http.StatusForbidden, "forbidden")
	}
	team.Put(answer, map[string]any{"text": strings.Repeat("가", 2001)}).Problem(http.StatusBadRequest, "validation_failed")
	team.Put(answer, map[string]any{"text": "   "}).Problem(http.StatusBadRequest, "validation_failed")
	if n := countRows(t, env, `select count(*) from archive_answers a join archive_questions q on q.id = a.question_id where q.entry_id = $1`, id); n != 0 {
		t.Fatalf("refused answers were saved: %d", n)
	}
	a := team.Put(answer, map[string]any{"text": "통신사 협약만 필요해 예산은 들지 않았고, 석 달 걸렸습니다."}).Status(http.StatusOK).JSON()["answer"].(map[string]any)
	if a["answeredAs"] != "인천 소방 119 혁신팀" || a["hidden"] != nil {
		t.Fatalf("answer: %v", a)
	}
	edited := team.Put(answer, map[string]any{"text": "통신사 협약만 필요해 예산은 들지 않았습니다. 기간은 석 달입니다."}).Status(http.StatusOK).JSON()
	if edited["answer"].(map[string]any)["text"] != "통신사 협약만 필요해 예산은 들지 않았습니다. 기간은 석 달입니다." {
		t.Fatalf("edited answer: %v", edited)
	}
	answered := 0
	for _, n := range asker.Get("/api/v1/me/notifications").JSON()["items"].([]any) {
		if n.(map[string]any)["kind"] == "archive_answer" {
			answered++
		}
	}
	if answered != 1 {
		t.Fatalf("the asker heard of the answer %d times, want once", answered)
	}
	if n := countRows(t, env, `select count(*) from archive_answers a join archive_questions q on q.id = a.question_id where q.entry_id = $1`, id); n != 1 {
		t.Fatalf("answers: %d, want one per question", n)
	}

	// Moderation: only organizers of the case's agency (or above it) and admins hide.
	hide := "/api/v1/archive/questions/" + qid + "/hide"
	team.Post(hide, map[string]any{"reason": "광고"}).Problem(http.StatusForbidden, "forbidden")
	bucheon.Post(hide, map[string]any{"reason": "광고"}).Problem(http.StatusForbidden, "forbidden")
	incheon.Post(hide, map[string]any{"reason": "   "}).Problem(http.StatusBadRequest, "validation_failed")
	list = team.Get(questions).JSON()
	if len(list["items"].([]any)) != 1 || list["canAnswer"] != true || list["canModerate"] != false {
		t.Fatalf("the team's list: %v", list)
	}
	hidden := incheon.Post(hide, map[string]any{"reason": "개인 연락처 노출"}).Status(http.StatusOK).JSON()
	if h := hidden["hidden"].(map[string]any); h["reason"] != "개인 연락처 노출" || h["hiddenBy"] != "이준호" {
		t.Fatalf("hidden: %v", hidden)
	}
	incheon.Post(hide, map[string]any{"reason": "다시"}).Problem(http.StatusConflict, "post_hidden")

	// Gone from the public view, also for the asker and the team; the organizer sees it marked.
	for _, c := range []*apitest.Client{anon, asker, team, bucheon} {
		if items := c.Get(questions).Status(http.StatusOK).JSON()["items"].([]any); len(items) != 0 {
			t.Fatalf("a hidden question is listed: %v", items)
		}
	}
	team.Put(answer, map[string]any{"text": "고친 답변입니다."}).Problem(http.StatusNotFound, "not_found")
	for _, c := range []*apitest.Client{incheon, adminC} {
		list := c.Get(questions).Status(http.StatusOK).JSON()
		items := list["items"].([]any)
		if len(items) != 1 || list["canModerate"] != true || items[0].(map[string]any)["hidden"].(map[string]any)["reason"] != "개인 연락처 노출" {
			t.Fatalf("the moderator's list: %v", list)
		}
	}
	// It stays in the database with who hid it, and the act is audited.
	if n := countRows(t, env, `select count(*) from archive_questions q join users u on u.id = q.hidden_by
		where q.id = $1 and u.email = 'organizer.incheon@demo.test' and q.hidden_reason = '개인 연락처 노출' and q.hidden_at is not null`, qid); n != 1 {
		t.Fatal("the hidden question is not on record")
	}
	events := adminC.Get("/api/v1/admin/audit?action=question_hidden").Status(http.StatusOK).JSON()["items"].([]any)
	if len(events) != 1 {
		t.Fatalf("audit: %v", events)
	}
	if e := events[0].(map[string]any); e["subjectId"] != qid || e["details"].(map[string]any)["reason"] != "개인 연락처 노출" {
		t.Fatalf("audit event: %v", e)
	}

	// A hidden answer leaves the question up without it and cannot be edited back.
	q2 := asker.Post(questions, map[string]any{"text": "야간에도 같은 방식으로 운영하나요?"}).Status(http.StatusCreated).JSON()["id"].(string)
	team.Put("/api/v1/archive/questions/"+q2+"/answer", map[string]any{"text": "네, 24시간 운영합니다. 010-0000-0000"}).Status(http.StatusOK)
	adminC.Post("/api/v1/archive/questions/"+q2+"/answer/hide", map[string]any{"reason": "전화번호 노출"}).Status(http.StatusOK)
	public := anon.Get(questions).JSON()["items"].([]any)
	if len(public) != 1 || public[0].(map[string]any)["answer"] != nil {
		t.Fatalf("public view with a hidden answer: %v", public)
	}
	team.Put("/api/v1/archive/questions/"+q2+"/answer", map[string]any{"text": "네, 24시간 운영합니다."}).Problem(http.StatusConflict, "post_hidden")
	shown := incheon.Get(questions).JSON()["items"].([]any)[0].(map[string]any)["answer"].(map[string]any)
	if shown["hidden"].(map[string]any)["reason"] != "전화번호 노출" || shown["text"] != "네, 24시간 운영합니다. 010-0000-0000" {
		t.Fatalf("the moderator's view of the hidden answer: %v", shown)
	}
	if n := len(adminC.Get("/api/v1/admin/audit?action=answer_hidden").JSON()["items"].([]any)); n != 1 {
		t.Fatalf("answer_hidden events: %d", n)
	}
}

// An imported case has no team: the organizers of its agency hear of questions and answer.
func TestReactionImportedCaseAnsweredByItsAgency(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	var entry string
	if err := env.Pool.QueryRow(context.Background(),
		`select e.id from archive_entries e join agencies a on a.id = e.agency_id where a.name = '인천광역시' and e.case_id is null order by e.id limit 1`).Scan(&entry); err != nil {
		t.Fatal(err)
	}
	asker := env.Login("member.gyeongnam@demo.test", password)
	incheon := env.Login("organizer.incheon@demo.test", password)
	q := asker.Post("/api/v1/archive/cases/"+entry+"/questions", map[string]any{"text": "운영 매뉴얼을 받아볼 수 있을까요?"}).Status(http.StatusCreated).JSON()["id"].(string)
	note := incheon.Get("/api/v1/me/notifications").JSON()["items"].([]any)[0].(map[string]any)
	if note["kind"] != "archive_question" {
		t.Fatalf("organizer notification: %v", note)
	}
	if list := incheon.Get("/api/v1/archive/cases/" + entry + "/questions").JSON(); list["canAnswer"] != true || list["canModerate"] != true {
		t.Fatalf("the organizer's powers: %v", list)
	}
	env.Login("member.incheon@demo.test", password).Put("/api/v1/archive/questions/"+q+"/answer", map[string]any{"text": "보내드리겠습니다."}).
		Problem(http.StatusForbidden, "forbidden")
	a := incheon.Put("/api/v1/archive/questions/"+q+"/answer", map[string]any{"text": "혁신담당관실로 요청해 주세요."}).Status(http.StatusOK).JSON()["answer"].(map[string]any)
	if a["answeredAs"] != "인천광역시" {
		t.Fatalf("answer: %v", a)
	}
	// The demo data has one such question, answered by 부천시.
	found := env.Client().Get("/api/v1/archive/cases?q=" + url.QueryEscape("민원서류 무인발급 확대 시범 운영")).JSON()["items"].([]any)
	demo := env.Client().Get("/api/v1/archive/cases/" + found[0].(map[string]any)["id"].(string) + "/questions").JSON()["items"].([]any)
	if len(demo) != 1 || demo[0].(map[string]any)["answer"].(map[string]any)["answeredAs"] != "부천시" {
		t.Fatalf("demo question: %v", demo)
	}
}
