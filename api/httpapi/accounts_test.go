package httpapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"eutteum/api/apitest"
	"eutteum/api/app"
)

const (
	organizer = "organizer@demo.test"
	admin     = "admin@demo.test"
	judge     = "judge@demo.test"
	member    = "member@demo.test"
	password  = apitest.DemoPassword
)

func TestLoginRefreshRotationAndReuse(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	c := env.Client()

	login := c.Post("/api/v1/auth/login", map[string]string{"email": "Organizer@Demo.test", "password": password})
	login.Status(http.StatusOK)
	body := login.JSON()
	if body["tokenType"] != "Bearer" || body["expiresIn"].(float64) != 900 {
		t.Fatalf("session: %s", login.Body)
	}
	user := body["user"].(map[string]any)
	if user["displayName"] != "김혜진" || user["agency"].(map[string]any)["name"] != "부천시" {
		t.Fatalf("user: %v", user)
	}
	cookie := login.Cookie("eutteum_refresh")
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/api/v1/auth" {
		t.Fatalf("refresh cookie: %+v", cookie)
	}
	if cookie.Value != body["refreshToken"] {
		t.Fatal("cookie and body carry different refresh tokens")
	}

	c.Token = body["accessToken"].(string)
	c.Get("/api/v1/me").Status(http.StatusOK)

	// The browser refreshes with the cookie alone.
	browser := env.Client()
	browser.Cookies = []*http.Cookie{cookie}
	second := browser.Post("/api/v1/auth/refresh", nil)
	second.Status(http.StatusOK)
	next := second.JSON()["refreshToken"].(string)
	if next == cookie.Value {
		t.Fatal("refresh did not rotate the token")
	}

	// Presenting the first token again means it leaked: the chain is revoked.
	browser.Post("/api/v1/auth/refresh", nil).Problem(http.StatusUnauthorized, "refresh_token_invalid")
	env.Client().Post("/api/v1/auth/refresh", map[string]string{"refreshToken": next}).
		Problem(http.StatusUnauthorized, "refresh_token_invalid")
}

func TestLogoutRevokesRefreshToken(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	login := env.Client().Post("/api/v1/auth/login", map[string]string{"email": member, "password": password})
	refresh := login.JSON()["refreshToken"].(string)

	out := env.Client().Post("/api/v1/auth/logout", map[string]string{"refreshToken": refresh})
	out.Status(http.StatusNoContent)
	if ck := out.Cookie("eutteum_refresh"); ck == nil || ck.MaxAge >= 0 {
		t.Fatalf("logout must clear the cookie: %+v", ck)
	}
	env.Client().Post("/api/v1/auth/refresh", map[string]string{"refreshToken": refresh}).
		Problem(http.StatusUnauthorized, "refresh_token_invalid")
	// Logging out twice is harmless.
	env.Client().Post("/api/v1/auth/logout", map[string]string{"refreshToken": refresh}).Status(http.StatusNoContent)
}

func TestWrongPasswordAndUnknownEmailAnswerAlike(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	wrong := env.Client().Post("/api/v1/auth/login", map[string]string{"email": organizer, "password": "not-the-password"}).
		Problem(http.StatusUnauthorized, "invalid_credentials")
	unknown := env.Client().Post("/api/v1/auth/login", map[string]string{"email": "nobody@demo.test", "password": "not-the-password"}).
		Problem(http.StatusUnauthorized, "invalid_credentials")
	if wrong.Title != unknown.Title || wrong.Detail != unknown.Detail {
		t.Fatalf("answers differ: %+v vs %+v", wrong, unknown)
	}
	if !strings.Contains(wrong.Detail, "이메일 또는 비밀번호") {
		t.Fatalf("Korean message expected by default, got %q", wrong.Detail)
	}
}

func TestLoginRateLimitPerAccount(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	c := env.Client()
	for i := 0; i < 5; i++ {
		c.Post("/api/v1/auth/login", map[string]string{"email": judge, "password": "guess-" + string(rune('a'+i))}).
			Problem(http.StatusUnauthorized, "invalid_credentials")
	}
	res := c.Post("/api/v1/auth/login", map[string]string{"email": judge, "password": password})
	p := res.Problem(http.StatusTooManyRequests, "too_many_login_attempts")
	if res.Head.Get("Retry-After") == "" || p.RetryAfterSeconds <= 0 || p.RetryAfterSeconds > 15*60 {
		t.Fatalf("retry after: header %q, body %d", res.Head.Get("Retry-After"), p.RetryAfterSeconds)
	}
	if !strings.Contains(p.Detail, "잠시 후 다시 시도") {
		t.Fatalf("detail: %q", p.Detail)
	}
	// Another account is not locked by this one's failures.
	c.Post("/api/v1/auth/login", map[string]string{"email": member, "password": password}).Status(http.StatusOK)
}

// Only failures count: a success clears the account's, and successes from one address
// (an office signing in all morning) do not use up its budget.
func TestLoginSuccessClearsFailuresAndCostsTheAddressNothing(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t, func(s *app.Settings) { s.Accounts.MaxIPFailures = 7 })
	c := env.Client()
	fail := func(email string, n int) {
		for i := range n {
			c.Post("/api/v1/auth/login", map[string]string{"email": email, "password": "guess-" + string(rune('a'+i))}).
				Problem(http.StatusUnauthorized, "invalid_credentials")
		}
	}
	fail(judge, 4)
	for range 8 {
		c.Post("/api/v1/auth/login", map[string]string{"email": judge, "password": password}).Status(http.StatusOK)
	}
	// Without the reset the account would be past its five; the address has seven, and
	// the successes took none of them.
	fail(judge, 2)
	c.Post("/api/v1/auth/login", map[string]string{"email": judge, "password": password}).Status(http.StatusOK)
	fail(member, 1)
	c.Post("/api/v1/auth/login", map[string]string{"email": member, "password": password}).
		Problem(http.StatusTooManyRequests, "too_many_login_attempts")
}

func TestLoginRateLimitPerAddress(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t, func(s *app.Settings) { s.Accounts.MaxIPFailures = 3 })
	c := env.Client()
	for i, email := range []string{"a@demo.test", "b@demo.test", "c@demo.test"} {
		c.Post("/api/v1/auth/login", map[string]string{"email": email, "password": "x" + string(rune('0'+i))}).
			Problem(http.StatusUnauthorized, "invalid_credentials")
	}
	c.Post("/api/v1/auth/login", map[string]string{"email": member, "password": password}).
		Problem(http.StatusTooManyRequests, "too_many_login_attempts")
}

func TestBadInputIsRefusedWithFieldErrorsAndNothingWritten(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	adm := env.Login(admin, password)
	count := func() int {
		var n int
		if err := env.Pool.QueryRow(context.Background(), "select count(*) from agencies").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()

	adm.Post("/api/v1/agencies", `{"name": "의왕시",`).Problem(http.StatusBadRequest, "malformed_json")

	p := adm.Post("/api/v1/agencies", map[string]any{"name": 7, "level": "village", "regoin": "경기"}).
		Problem(http.StatusBadRequest, "validation_failed")
	got := p.FieldCodes()
	want := map[string]string{"name": "type", "level": "enum", "region": "required", "regoin": "unknown_field"}
	for f, code := range want {
		if got[f] != code {
			t.Errorf("field %s: code %q, want %q (all: %v)", f, got[f], code, got)
		}
	}
	for _, e := range p.Errors {
		if e.Message == "" {
			t.Errorf("field %s has no message", e.Field)
		}
	}

	long := strings.Repeat("가", 101)
	p = adm.Post("/api/v1/agencies", map[string]any{"name": long, "level": "basic", "region": "경기"}).
		Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["name"] != "max_length" || !strings.Contains(p.Errors[0].Message, "100자") {
		t.Fatalf("max length: %+v", p.Errors)
	}

	ct := env.Client()
	ct.Token = adm.Token
	ct.Header.Set("Content-Type", "text/plain")
	ct.Post("/api/v1/agencies", `name=시흥시`).Problem(http.StatusUnsupportedMediaType, "unsupported_media_type")

	huge := `{"name": "` + strings.Repeat("a", 2<<20) + `", "level": "basic", "region": "경기"}`
	adm.Post("/api/v1/agencies", huge).Problem(http.StatusRequestEntityTooLarge, "body_too_large")

	if after := count(); after != before {
		t.Fatalf("agencies %d → %d: refused requests wrote", before, after)
	}
}

func TestErrorsSpeakEnglishOnRequest(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	c := env.Client()
	c.Lang = "en-US,en;q=0.9,ko;q=0.5"
	p := c.Get("/api/v1/me").Problem(http.StatusUnauthorized, "unauthenticated")
	if p.Title != "Sign-in required" {
		t.Fatalf("title %q", p.Title)
	}
	c.Lang = "fr"
	if p := c.Get("/api/v1/me").Problem(http.StatusUnauthorized, "unauthenticated"); p.Title != "로그인이 필요합니다" {
		t.Fatalf("unknown language must fall back to Korean, got %q", p.Title)
	}
}

func TestInvitationJourney(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	org := env.Login(organizer, password)
	bucheon := agencyID(t, env, "부천시")

	created := org.Post("/api/v1/invitations", map[string]any{
		"email": "new.member@demo.test", "role": "member", "agencyId": bucheon, "department": "민원여권과",
	})
	created.Status(http.StatusCreated)
	inv := created.JSON()
	token := inv["token"].(string)
	if inv["path"] != "/invite/"+token || inv["status"] != "pending" || inv["invitedBy"] != "김혜진" {
		t.Fatalf("invitation: %s", created.Body)
	}

	shown := env.Client().Get("/api/v1/invitations/" + token)
	shown.Status(http.StatusOK)
	if shown.JSON()["agency"].(map[string]any)["name"] != "부천시" {
		t.Fatalf("shown: %s", shown.Body)
	}

	env.Client().Post("/api/v1/invitations/"+token+"/accept", map[string]any{"displayName": "신규", "password": "short"}).
		Problem(http.StatusBadRequest, "validation_failed")

	accepted := env.Client().Post("/api/v1/invitations/"+token+"/accept", map[string]any{
		"displayName": "한지수", "password": "a-long-enough-password",
	})
	accepted.Status(http.StatusCreated)
	u := accepted.JSON()["user"].(map[string]any)
	if u["email"] != "new.member@demo.test" || u["department"] != "민원여권과" {
		t.Fatalf("user: %v", u)
	}
	if roles := u["roles"].([]any); len(roles) != 1 || roles[0].(map[string]any)["role"] != "member" {
		t.Fatalf("roles: %v", roles)
	}
	env.Login("new.member@demo.test", "a-long-enough-password")

	env.Client().Post("/api/v1/invitations/"+token+"/accept", map[string]any{"displayName": "또", "password": "a-long-enough-password"}).
		Problem(http.StatusGone, "invitation_used")
	env.Client().Get("/api/v1/invitations/"+token).Problem(http.StatusGone, "invitation_used")
	env.Client().Get("/api/v1/invitations/"+strings.Repeat("x", 43)).Problem(http.StatusNotFound, "not_found")

	list := org.Get("/api/v1/invitations")
	list.Status(http.StatusOK)
	if items := list.JSON()["items"].([]any); len(items) != 1 || items[0].(map[string]any)["status"] != "accepted" {
		t.Fatalf("list: %s", list.Body)
	}
}

func TestInvitationRules(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	org := env.Login(organizer, password)
	bucheon, incheon := agencyID(t, env, "부천시"), agencyID(t, env, "인천광역시")

	p := org.Post("/api/v1/invitations", map[string]any{"email": "x@demo.test", "role": "member", "agencyId": incheon}).
		Problem(http.StatusForbidden, "forbidden")
	if p.FieldCodes()["agencyId"] != "not_allowed" {
		t.Fatalf("another agency: %+v", p.Errors)
	}
	p = org.Post("/api/v1/invitations", map[string]any{"email": "x@demo.test", "role": "admin", "agencyId": bucheon}).
		Problem(http.StatusForbidden, "forbidden")
	if p.FieldCodes()["role"] != "not_allowed" {
		t.Fatalf("admin role: %+v", p.Errors)
	}
	org.Post("/api/v1/invitations", map[string]any{"email": member, "role": "member", "agencyId": bucheon}).
		Problem(http.StatusConflict, "email_taken")
	env.Login(member, password).Post("/api/v1/invitations", map[string]any{"email": "y@demo.test", "role": "member", "agencyId": bucheon}).
		Problem(http.StatusForbidden, "forbidden")
	env.Client().Post("/api/v1/invitations", map[string]any{"email": "y@demo.test", "role": "member", "agencyId": bucheon}).
		Problem(http.StatusUnauthorized, "unauthenticated")

	// An organizer of 경기도 may invite into 부천시, its sub-agency; the admin anywhere.
	res := env.Login(admin, password).Post("/api/v1/invitations", map[string]any{"email": "gg@demo.test", "role": "organizer", "agencyId": agencyID(t, env, "경기도")})
	res.Status(http.StatusCreated)
	accepted := env.Client().Post("/api/v1/invitations/"+res.JSON()["token"].(string)+"/accept", map[string]any{"displayName": "경기 담당", "password": "a-long-enough-password"})
	accepted.Status(http.StatusCreated)
	gg := env.Client()
	gg.Token = accepted.JSON()["accessToken"].(string)
	gg.Post("/api/v1/invitations", map[string]any{"email": "z@demo.test", "role": "judge", "agencyId": bucheon}).Status(http.StatusCreated)

	// Expired invitations cannot be used.
	exp := org.Post("/api/v1/invitations", map[string]any{"email": "late@demo.test", "role": "member", "agencyId": bucheon})
	exp.Status(http.StatusCreated)
	if _, err := env.Pool.Exec(context.Background(), "update invitations set expires_at = now() - interval '1 minute' where email = 'late@demo.test'"); err != nil {
		t.Fatal(err)
	}
	env.Client().Post("/api/v1/invitations/"+exp.JSON()["token"].(string)+"/accept", map[string]any{"displayName": "늦음", "password": "a-long-enough-password"}).
		Problem(http.StatusGone, "invitation_expired")
}

func TestRoleChangeTakesEffectAtNextRefresh(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	login := env.Client().Post("/api/v1/auth/login", map[string]string{"email": judge, "password": password})
	j := env.Client()
	j.Token = login.JSON()["accessToken"].(string)
	j.Get("/api/v1/invitations").Problem(http.StatusForbidden, "forbidden")

	me := j.Get("/api/v1/me").JSON()
	bucheon := agencyID(t, env, "부천시")
	env.Login(admin, password).Put("/api/v1/users/"+me["id"].(string)+"/roles", map[string]any{
		"roles": []map[string]any{{"role": "judge"}, {"role": "organizer", "agencyId": bucheon}},
	}).Status(http.StatusOK)

	// The access token still carries the old roles …
	j.Get("/api/v1/invitations").Problem(http.StatusForbidden, "forbidden")
	// … until the next refresh.
	refreshed := env.Client().Post("/api/v1/auth/refresh", map[string]string{"refreshToken": login.JSON()["refreshToken"].(string)})
	refreshed.Status(http.StatusOK)
	j.Token = refreshed.JSON()["accessToken"].(string)
	j.Get("/api/v1/invitations").Status(http.StatusOK)

	// Taking the role away works the same way: the next refresh drops it.
	env.Login(admin, password).Put("/api/v1/users/"+me["id"].(string)+"/roles", map[string]any{
		"roles": []map[string]any{{"role": "judge"}},
	}).Status(http.StatusOK)
	j.Get("/api/v1/invitations").Status(http.StatusOK)
	again := env.Client().Post("/api/v1/auth/refresh", map[string]string{"refreshToken": refreshed.JSON()["refreshToken"].(string)})
	again.Status(http.StatusOK)
	j.Token = again.JSON()["accessToken"].(string)
	j.Get("/api/v1/invitations").Problem(http.StatusForbidden, "forbidden")
}

func TestSetRolesRules(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	adm := env.Login(admin, password)
	me := env.Login(member, password)
	id := me.Get("/api/v1/me").JSON()["id"].(string)

	p := adm.Put("/api/v1/users/"+id+"/roles", map[string]any{"roles": []map[string]any{{"role": "organizer"}}}).
		Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["roles[0].agencyId"] != "required" {
		t.Fatalf("organizer without agency: %+v", p.Errors)
	}
	me.Put("/api/v1/users/"+id+"/roles", map[string]any{"roles": []map[string]any{{"role": "admin"}}}).
		Problem(http.StatusForbidden, "forbidden")
	adm.Put("/api/v1/users/00000000-0000-4000-8000-000000000000/roles", map[string]any{"roles": []map[string]any{}}).
		Problem(http.StatusNotFound, "not_found")
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	other := env.Client().Post("/api/v1/auth/login", map[string]string{"email": member, "password": password}).JSON()["refreshToken"].(string)
	c := env.Login(member, password)

	c.Put("/api/v1/me/password", map[string]string{"currentPassword": "wrong-password", "newPassword": "another-long-password"}).
		Problem(http.StatusBadRequest, "validation_failed")
	c.Put("/api/v1/me/password", map[string]string{"currentPassword": password, "newPassword": "another-long-password"}).
		Status(http.StatusNoContent)

	env.Client().Post("/api/v1/auth/refresh", map[string]string{"refreshToken": other}).
		Problem(http.StatusUnauthorized, "refresh_token_invalid")
	env.Client().Post("/api/v1/auth/login", map[string]string{"email": member, "password": password}).
		Problem(http.StatusUnauthorized, "invalid_credentials")
	env.Login(member, "another-long-password")
}

func TestUpdateMe(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	c := env.Login(member, password)
	res := c.Patch("/api/v1/me", map[string]string{"department": "미래전략과"})
	res.Status(http.StatusOK)
	if u := res.JSON(); u["department"] != "미래전략과" || u["displayName"] != "최유나" {
		t.Fatalf("updated: %v", u)
	}
	c.Patch("/api/v1/me", map[string]string{}).Problem(http.StatusBadRequest, "validation_failed")
	c.Patch("/api/v1/me", map[string]string{"email": "x@demo.test"}).Problem(http.StatusBadRequest, "validation_failed")
}

func TestAgencies(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	list := env.Client().Get("/api/v1/agencies")
	list.Status(http.StatusOK)
	seen := map[string]bool{}
	for _, it := range list.JSON()["items"].([]any) {
		a := it.(map[string]any)
		if parent, ok := a["parentId"].(string); ok && !seen[parent] {
			t.Fatalf("%s listed before its parent", a["name"])
		}
		seen[a["id"].(string)] = true
	}

	adm := env.Login(admin, password)
	gyeonggi := agencyID(t, env, "경기도")
	created := adm.Post("/api/v1/agencies", map[string]any{"name": "의왕시", "level": "basic", "region": "경기", "parentId": gyeonggi})
	created.Status(http.StatusCreated)
	env.Client().Get("/api/v1/agencies/" + created.JSON()["id"].(string)).Status(http.StatusOK)

	adm.Post("/api/v1/agencies", map[string]any{"name": "의왕시", "level": "basic", "region": "경기"}).
		Problem(http.StatusConflict, "agency_name_taken")
	p := adm.Post("/api/v1/agencies", map[string]any{"name": "과천시", "level": "basic", "region": "경기", "parentId": "00000000-0000-4000-8000-000000000000"}).
		Problem(http.StatusBadRequest, "validation_failed")
	if p.FieldCodes()["parentId"] != "not_found" {
		t.Fatalf("unknown parent: %+v", p.Errors)
	}
	env.Login(organizer, password).Post("/api/v1/agencies", map[string]any{"name": "과천시", "level": "basic", "region": "경기"}).
		Problem(http.StatusForbidden, "forbidden")
	env.Client().Get("/api/v1/agencies/00000000-0000-4000-8000-000000000000").Problem(http.StatusNotFound, "not_found")
}

func TestListUsersScope(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	emails := func(c *apitest.Client) map[string]bool {
		out := map[string]bool{}
		for _, it := range c.Get("/api/v1/users").Status(http.StatusOK).JSON()["items"].([]any) {
			out[it.(map[string]any)["email"].(string)] = true
		}
		return out
	}
	all := emails(env.Login(admin, password))
	if len(all) != 16 {
		t.Fatalf("admin sees %d users", len(all))
	}
	bucheon := emails(env.Login(organizer, password))
	if len(bucheon) != 3 || !bucheon[member] || !bucheon["member2@demo.test"] || !bucheon[organizer] || bucheon["member.fire@demo.test"] || bucheon[admin] {
		t.Fatalf("부천시 organizer sees %v", bucheon)
	}
	env.Login(member, password).Get("/api/v1/users").Problem(http.StatusForbidden, "forbidden")
}

func TestSignUp(t *testing.T) {
	t.Parallel()
	closed := apitest.NewSeeded(t)
	body := map[string]any{"email": "open@demo.test", "password": "a-long-enough-password", "displayName": "공개", "agencyId": agencyID(t, closed, "부천시")}
	closed.Client().Post("/api/v1/auth/signup", body).Problem(http.StatusForbidden, "signup_disabled")
	if closed.Client().Get("/api/v1/settings").JSON()["openSignup"] != false {
		t.Fatal("open sign-up must be off by default")
	}

	open := apitest.NewSeeded(t, func(s *app.Settings) { s.Accounts.OpenSignup = true })
	body["agencyId"] = agencyID(t, open, "부천시")
	open.Client().Post("/api/v1/auth/signup", body).Status(http.StatusCreated)
	open.Client().Post("/api/v1/auth/signup", body).Problem(http.StatusConflict, "email_taken")
}

func TestAccessTokenExpires(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t, func(s *app.Settings) { s.AccessTTL = time.Second })
	c := env.Login(member, password)
	c.Get("/api/v1/me").Status(http.StatusOK)
	time.Sleep(7 * time.Second) // past the TTL and the 5 s leeway
	c.Get("/api/v1/me").Problem(http.StatusUnauthorized, "token_expired")
}

func agencyID(t *testing.T, env *apitest.Env, name string) string {
	t.Helper()
	var id string
	if err := env.Pool.QueryRow(context.Background(), "select id::text from agencies where name = $1", name).Scan(&id); err != nil {
		t.Fatalf("agency %s: %v", name, err)
	}
	return id
}

func TestSecurityEventsAreAudited(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	env.Client().Post("/api/v1/auth/login", map[string]string{"email": member, "password": "wrong-password"}).Status(http.StatusUnauthorized)
	adm := env.Login(admin, password)
	id := env.Login(judge, password).Get("/api/v1/me").JSON()["id"].(string)
	adm.Put("/api/v1/users/"+id+"/roles", map[string]any{"roles": []map[string]any{{"role": "judge"}, {"role": "member"}}}).Status(http.StatusOK)

	seen := map[string]bool{}
	for _, e := range adm.Get("/api/v1/admin/audit?limit=50").Status(http.StatusOK).JSON()["items"].([]any) {
		seen[e.(map[string]any)["action"].(string)] = true
	}
	for _, action := range []string{"login_failed", "login", "roles_changed"} {
		if !seen[action] {
			t.Errorf("no %s event: %v", action, seen)
		}
	}
	failed := adm.Get("/api/v1/admin/audit?action=login_failed").JSON()["items"].([]any)
	if len(failed) != 1 || failed[0].(map[string]any)["details"].(map[string]any)["email"] != member {
		t.Fatalf("failed logins: %v", failed)
	}
	env.Login(member, password).Get("/api/v1/admin/audit").Problem(http.StatusForbidden, "forbidden")
}
