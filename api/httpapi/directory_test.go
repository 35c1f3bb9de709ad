package httpapi_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"eutteum/api/apitest"
)

// The demo's directory judges (db/seed/demo.json, judgeProfiles).
const (
	expertKIPA     = "expert.kipa@demo.test"      // 이서현, 한국행정연구원, listed, e-mail shown
	expertInha     = "expert.inha@demo.test"      // 정우진, account of 인천광역시, note 인하대학교, listed, no contact
	expertSeoul    = "expert.seoul@demo.test"     // 한유진, 서울특별시, listed, no contact
	expertUnlisted = "expert.gyeongnam@demo.test" // 윤미경, not listed
)

func directoryNames(t *testing.T, c *apitest.Client, query string) []string {
	t.Helper()
	items := c.Get("/api/v1/judge-directory?" + query).Status(http.StatusOK).JSON()["items"].([]any)
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = it.(map[string]any)["displayName"].(string)
	}
	return names
}

func TestJudgeProfileIsValidatedWithFieldErrors(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	j := env.Login("judge3@demo.test", password)
	const path = "/api/v1/me/judge-profile"

	// Never saved: the defaults, and the account's real affiliation.
	prof := j.Get(path).Status(http.StatusOK).JSON()
	aff := prof["affiliation"].(map[string]any)
	if prof["listed"] != false || prof["contactVisibility"] != "none" || len(prof["fields"].([]any)) != 0 || prof["updatedAt"] != nil ||
		aff["agency"].(map[string]any)["name"] != "서울특별시 중구" || aff["agencyLevel"] != "basic" || aff["department"] != "기획예산과 혁신평가팀" {
		t.Fatalf("default profile: %v", prof)
	}

	refused := []struct {
		body  map[string]any
		field string
		rule  string
	}{
		// Organizers find judges by field, so a listed profile needs one.
		{map[string]any{"fields": []any{}, "listed": true, "contactVisibility": "email"}, "fields", "listed_needs_field"},
		{map[string]any{"fields": []any{"digital", "welfare", "digital"}, "listed": false, "contactVisibility": "none"}, "fields[2]", "duplicate"},
		{map[string]any{"fields": []any{"digital"}, "keywords": []any{"민원", "   "}, "listed": true, "contactVisibility": "none"}, "keywords[1]", "required"},
		{map[string]any{"fields": []any{"digital"}, "keywords": []any{strings.Repeat("가", 31)}, "listed": true, "contactVisibility": "none"}, "keywords[0]", "max_length"},
		{map[string]any{"fields": []any{"space"}, "listed": false, "contactVisibility": "none"}, "fields[0]", "enum"},
		{map[string]any{"fields": []any{"digital"}, "bio": strings.Repeat("가", 501), "listed": false, "contactVisibility": "none"}, "bio", "max_length"},
		{map[string]any{"fields": []any{"digital"}, "listed": false, "contactVisibility": "phone"}, "contactVisibility", "enum"},
		{map[string]any{"fields": []any{"digital"}, "listed": false}, "contactVisibility", "required"},
		// The agency conflicts are read from is the account's; the profile cannot carry one.
		{map[string]any{"fields": []any{"digital"}, "listed": true, "contactVisibility": "none", "agencyId": agencyID(t, env, "경상남도")}, "agencyId", "unknown_field"},
	}
	for _, r := range refused {
		p := j.Put(path, r.body).Problem(http.StatusBadRequest, "validation_failed")
		codes := p.FieldCodes()
		if codes[r.field] != r.rule {
			t.Errorf("%v: field errors %v, want %s %s", r.body, codes, r.field, r.rule)
		}
		for _, e := range p.Errors {
			if e.Message == "" {
				t.Errorf("field %s has no message", e.Field)
			}
		}
	}
	// What the schema refuses and what the rules refuse come in one answer.
	both := j.Put(path, map[string]any{"fields": []any{}, "bio": strings.Repeat("가", 501), "keywords": []any{"민원", " "}, "listed": true, "contactVisibility": "none"}).
		Problem(http.StatusBadRequest, "validation_failed").FieldCodes()
	if both["bio"] != "max_length" || both["fields"] != "listed_needs_field" || both["keywords[1]"] != "required" || len(both) != 3 {
		t.Errorf("one answer with every error: %v", both)
	}
	if again := j.Get(path).Status(http.StatusOK).JSON(); again["updatedAt"] != nil {
		t.Fatalf("a refused update was saved: %v", again)
	}

	saved := j.Put(path, map[string]any{
		"affiliationNote": "  서울시립대학교 행정학과 겸임교수 ", "fields": []any{"administration", "digital"},
		"keywords": []any{" 성과  관리 ", "성과 관리", "예산"}, "bio": "예산과 성과 평가를 봅니다.", "listed": true, "contactVisibility": "email",
	}).Status(http.StatusOK).JSON()
	aff = saved["affiliation"].(map[string]any)
	if aff["note"] != "서울시립대학교 행정학과 겸임교수" || aff["agency"].(map[string]any)["name"] != "서울특별시 중구" ||
		saved["listed"] != true || saved["updatedAt"] == nil {
		t.Fatalf("saved profile: %v", saved)
	}
	if kw := saved["keywords"].([]any); len(kw) != 2 || kw[0] != "성과 관리" || kw[1] != "예산" {
		t.Fatalf("keywords are trimmed and repeats dropped: %v", kw)
	}

	// Only judges have a profile.
	env.Login(member, password).Get(path).Problem(http.StatusForbidden, "forbidden")
	env.Login(organizer, password).Put(path, map[string]any{"fields": []any{}, "listed": false, "contactVisibility": "none"}).Problem(http.StatusForbidden, "forbidden")
}

func TestJudgeDirectoryShowsListedJudgesAndOnlyTheContactTheyAllow(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	org := env.Login(organizer, password)

	res := org.Get("/api/v1/judge-directory").Status(http.StatusOK)
	items := res.JSON()["items"].([]any)
	byName := map[string]map[string]any{}
	var names []string
	for _, it := range items {
		e := it.(map[string]any)
		byName[e["displayName"].(string)] = e
		names = append(names, e["displayName"].(string))
	}
	want := []string{"박성민", "오세영", "이서현", "정우진", "최민호", "한유진"}
	if !slices.Equal(names, want) {
		t.Fatalf("directory %v, want %v (listed judges of every agency, by name)", names, want)
	}
	// Unlisted or never profiled judges are not there; the e-mail is there only when allowed.
	body := string(res.Body)
	for _, hidden := range []string{"윤미경", "강민수", expertUnlisted, expertInha, expertSeoul, "judge@demo.test", "judge3@demo.test"} {
		if strings.Contains(body, hidden) {
			t.Errorf("the directory shows %s: %s", hidden, body)
		}
	}
	if byName["이서현"]["email"] != expertKIPA || byName["오세영"]["email"] != "judge2@demo.test" {
		t.Fatalf("allowed e-mail missing: %v / %v", byName["이서현"], byName["오세영"])
	}
	if _, ok := byName["정우진"]["email"]; ok {
		t.Fatalf("e-mail shown without consent: %v", byName["정우진"])
	}
	inha := byName["정우진"]["affiliation"].(map[string]any)
	if inha["agency"].(map[string]any)["name"] != "인천광역시" || inha["agencyLevel"] != "metropolitan" || inha["note"] != "인하대학교 행정학과 교수" {
		t.Fatalf("affiliation: %v", inha)
	}
	if byName["오세영"]["stagesJudged"].(float64) < 1 || byName["이서현"]["stagesJudged"].(float64) != 0 {
		t.Fatalf("experience: %v / %v", byName["오세영"], byName["이서현"])
	}

	// Every agency's organizers see the same directory, as do admins.
	if got := directoryNames(t, env.Login("organizer.incheon@demo.test", password), ""); !slices.Equal(got, want) {
		t.Fatalf("인천 organizer sees %v", got)
	}
	if got := directoryNames(t, env.Login(admin, password), ""); !slices.Equal(got, want) {
		t.Fatalf("admin sees %v", got)
	}

	// Search: parts of names, agencies, notes and keywords, Korean field labels, the field filter.
	for q, want := range map[string][]string{
		"q=" + url.QueryEscape("인하"):               {"정우진"},
		"q=" + url.QueryEscape("행정연구원"):            {"이서현"},
		"q=" + url.QueryEscape("복지"):               {"정우진"},
		"q=" + url.QueryEscape("챗봇"):               {"한유진"},
		"q=" + url.QueryEscape("부산"):               {"최민호"},
		"q=" + url.QueryEscape("%"):                {},
		"q=" + url.QueryEscape("_"):                {},
		"field=digital":                            {"오세영", "한유진"},
		"field=welfare&q=" + url.QueryEscape("인천"): {"정우진"},
		"field=health":                             {},
	} {
		if got := directoryNames(t, org, q); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
	}

	// Pages follow each other without gaps or repeats.
	var paged []string
	cursor := ""
	for range 10 {
		q := "limit=4"
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		page := org.Get("/api/v1/judge-directory?" + q).Status(http.StatusOK).JSON()
		for _, it := range page["items"].([]any) {
			paged = append(paged, it.(map[string]any)["displayName"].(string))
		}
		next, ok := page["nextCursor"].(string)
		if !ok {
			break
		}
		cursor = next
	}
	if !slices.Equal(paged, want) {
		t.Fatalf("paged %v, want %v", paged, want)
	}
	org.Get("/api/v1/judge-directory?cursor=not-a-cursor").Problem(http.StatusBadRequest, "invalid_cursor")

	// A judge who withdraws from the directory leaves it at once.
	j := env.Login(expertKIPA, password)
	j.Put("/api/v1/me/judge-profile", map[string]any{"fields": []any{"administration"}, "listed": false, "contactVisibility": "email"}).Status(http.StatusOK)
	if got := directoryNames(t, org, ""); slices.Contains(got, "이서현") {
		t.Fatalf("unlisted judge still shown: %v", got)
	}

	// Judges and team members cannot browse it.
	env.Login(member, password).Get("/api/v1/judge-directory").Problem(http.StatusForbidden, "forbidden")
	env.Login(judge, password).Get("/api/v1/judge-directory").Problem(http.StatusForbidden, "forbidden")
	env.Client().Get("/api/v1/judge-directory").Status(http.StatusUnauthorized)
}

// TestDirectoryJudgeKeepsTheConflictsOfTheirRealAgency: 부천시's organizer puts a judge
// from the directory on a stage where 부천시 and 인천's fire service compete. The judge's
// account is 인천광역시's (their display note says 인하대학교), so they are excluded from the
// 인천 소방본부 case, whatever the note says.
func TestDirectoryJudgeKeepsTheConflictsOfTheirRealAgency(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	org := env.Login(organizer, password)
	body := roundBody(t, env, "부천시", "인천광역시")
	body["includeSubAgencies"] = true
	r := createPublishedRound(t, env, body)
	roundID := r["id"].(string)
	safety := categoryID(t, r, "안전")
	cases := map[string]string{}
	for _, author := range []string{member, "member.fire@demo.test"} {
		c := env.Login(author, password)
		teamID := createTeam(t, c, "인력풀 시험 팀 "+author[:6], "innovation_team")
		title := map[string]string{member: "부천 민원 알림", "member.fire@demo.test": "119 출동 알림"}[author]
		res := c.Post("/api/v1/rounds/"+roundID+"/cases", map[string]any{"teamId": teamID, "title": title}).Status(http.StatusCreated)
		id := res.JSON()["id"].(string)
		content := completeCase(safety)
		content["title"] = title
		saved := c.With("If-Match", res.Head.Get("ETag")).Put("/api/v1/cases/"+id, content).Status(http.StatusOK)
		c.With("If-Match", saved.Head.Get("ETag")).Post("/api/v1/cases/"+id+"/submit", nil).Status(http.StatusOK)
		cases[title] = id
	}
	env.App.Rounds.SetClock(func() time.Time { return time.Now().Add(8 * 24 * time.Hour) })
	stage := org.Post("/api/v1/rounds/"+roundID+"/stages", writtenStage(t, org, false)).Status(http.StatusCreated).JSON()
	base := "/api/v1/stages/" + stage["id"].(string)

	// Found in the directory, appointed without saying the kind: outside the host's tree,
	// so external.
	picks := map[string]string{}
	for _, q := range []string{"인하", "행정연구원"} {
		items := org.Get("/api/v1/judge-directory?q=" + url.QueryEscape(q)).Status(http.StatusOK).JSON()["items"].([]any)
		e := items[0].(map[string]any)
		picks[e["displayName"].(string)] = e["userId"].(string)
		added := org.Post(base+"/judges", map[string]any{"userId": e["userId"]}).Status(http.StatusCreated).JSON()
		if added["kind"] != "external" {
			t.Fatalf("kind of a judge from elsewhere: %v", added)
		}
	}
	// Even with a note naming somewhere else, the account's agency decides.
	inha := env.Login(expertInha, password)
	inha.Put("/api/v1/me/judge-profile", map[string]any{"affiliationNote": "서울대학교 행정대학원", "fields": []any{"welfare"}, "listed": true, "contactVisibility": "none"}).Status(http.StatusOK)

	org.Post(base+"/open", nil).Status(http.StatusOK)
	board := org.Get(base + "/assignments").Status(http.StatusOK).JSON()
	var conflicts []string
	for _, c := range board["conflicts"].([]any) {
		c := c.(map[string]any)
		conflicts = append(conflicts, c["judgeName"].(string)+" "+c["kind"].(string)+" "+c["caseId"].(string))
	}
	if want := []string{"정우진 same_agency " + cases["119 출동 알림"]}; !slices.Equal(conflicts, want) {
		t.Fatalf("conflicts %v, want %v", conflicts, want)
	}
	report := org.Post(base+"/assignments/auto", map[string]any{"judgesPerCase": 2}).Status(http.StatusOK).JSON()
	shortfalls := report["shortfalls"].([]any)
	if report["assigned"].(float64) != 3 || len(shortfalls) != 1 || shortfalls[0].(map[string]any)["caseId"] != cases["119 출동 알림"] {
		t.Fatalf("auto assignment across the conflict: %v", report)
	}
	org.Put(base+"/assignments/"+cases["119 출동 알림"], map[string]any{"judgeIds": []any{picks["정우진"]}}).Problem(http.StatusConflict, "conflict_of_interest")
	inha.Get(base+"/cases/"+cases["119 출동 알림"]).Problem(http.StatusNotFound, "not_found")
	inha.Get(base + "/cases/" + cases["부천 민원 알림"]).Status(http.StatusOK)

	// The appointed judge heard of it.
	notes := inha.Get("/api/v1/me/notifications").Status(http.StatusOK).JSON()["items"].([]any)
	var appointed int
	for _, n := range notes {
		if n := n.(map[string]any); n["kind"] == "judge_appointed" && strings.Contains(n["title"].(string), "서면심사") {
			appointed++
		}
	}
	if appointed != 1 {
		t.Fatalf("appointment notifications: %v", notes)
	}
	// Changing a sitting judge's cap is no news.
	org.Post(base+"/judges", map[string]any{"userId": picks["정우진"], "maxCases": 5}).Status(http.StatusCreated)
	if n := len(inha.Get("/api/v1/me/notifications").Status(http.StatusOK).JSON()["items"].([]any)); n != len(notes) {
		t.Fatalf("notified again: %d → %d", len(notes), n)
	}
}
