package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"eutteum/api/apitest"
)

// walk reads a list page by page with a small limit until a page has no nextCursor, and
// checks the pages: none longer than the limit, every page but the last full, no item twice.
// It returns the items' keys in the order served.
func walk(t *testing.T, c *apitest.Client, path string, limit int, key func(map[string]any) string) ([]string, []map[string]any) {
	t.Helper()
	return walkFrom(t, c, path, "", limit, key)
}

// walkFrom walks on from a cursor.
func walkFrom(t *testing.T, c *apitest.Client, path, cursor string, limit int, key func(map[string]any) string) ([]string, []map[string]any) {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	var keys []string
	var pages []map[string]any
	seen := map[string]bool{}
	for n := 0; ; n++ {
		if n > 500 {
			t.Fatalf("%s: no end after %d pages", path, n)
		}
		q := fmt.Sprintf("%s%slimit=%d", path, sep, limit)
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		page := c.Get(q).Status(http.StatusOK).JSON()
		pages = append(pages, page)
		items := listOf(page)
		if len(items) > limit {
			t.Fatalf("%s: page %d has %d items, limit %d", path, n, len(items), limit)
		}
		for _, it := range items {
			k := key(it.(map[string]any))
			if seen[k] {
				t.Fatalf("%s: %s served twice (page %d)", path, k, n)
			}
			seen[k] = true
			keys = append(keys, k)
		}
		next, ok := page["nextCursor"].(string)
		if !ok {
			return keys, pages
		}
		if len(items) != limit {
			t.Fatalf("%s: page %d has %d items and a next page", path, n, len(items))
		}
		cursor = next
	}
}

func listOf(page map[string]any) []any {
	if items, ok := page["items"].([]any); ok {
		return items
	}
	return page["rows"].([]any)
}

func byID(it map[string]any) string { return fmt.Sprint(it["id"]) }

// column reads one text column of a query, in its order.
func column(t *testing.T, env *apitest.Env, sql string, args ...any) []string {
	t.Helper()
	rows, err := env.Pool.Query(context.Background(), sql, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func exec(t *testing.T, env *apitest.Env, sql string, args ...any) {
	t.Helper()
	if _, err := env.Pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatal(err)
	}
}

func sameOrder(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("%s: pages hold %d items\n%v\nwant %d in this order\n%v", what, len(got), got, len(want), want)
	}
}

// TestListsPageWithOneCursor walks every paged list with small pages over more rows than a
// page, many of them sharing their sort key (ties are broken by id): the pages together
// hold every row once, in the list's order, and a new row written between two pages
// neither repeats nor shifts what follows.
func TestListsPageWithOneCursor(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	adm := env.Login(admin, password)
	org := env.Login(organizer, password)
	mem := env.Login(member, password)
	bucheon := agencyID(t, env, "부천시")

	// 45 users created at the same instant, 30 invitations likewise.
	exec(t, env, `INSERT INTO users (email, display_name, agency_id, password_hash, created_at)
		SELECT 'paging' || g || '@demo.test', '페이지 ' || g, $1, 'x', '2024-01-01T00:00:00Z' FROM generate_series(1, 45) g`, bucheon)
	exec(t, env, `INSERT INTO invitations (token_hash, email, role, agency_id, invited_by, created_at, expires_at)
		SELECT sha256(('paging' || g)::bytea), 'inv' || g || '@demo.test', 'member', $1,
		       (SELECT id FROM users WHERE email = 'admin@demo.test'), '2024-01-01T00:00:00Z', '2030-02-01T00:00:00Z'
		FROM generate_series(1, 30) g`, bucheon)

	t.Run("users", func(t *testing.T) {
		got, _ := walk(t, adm, "/api/v1/users", 7, byID)
		sameOrder(t, "admin's users", got, column(t, env, `SELECT id::text AS k FROM users ORDER BY created_at, id`))
		got, _ = walk(t, org, "/api/v1/users", 4, byID)
		sameOrder(t, "organizer's users", got, column(t, env, `SELECT u.id::text AS k FROM users u
			WHERE u.agency_id IN (WITH RECURSIVE t AS (SELECT id FROM agencies WHERE id = $1 UNION SELECT a.id FROM agencies a JOIN t ON a.parent_id = t.id) SELECT id FROM t)
			ORDER BY u.created_at, u.id`, bucheon))
	})

	t.Run("invitations", func(t *testing.T) {
		want := column(t, env, `SELECT id::text AS k FROM invitations ORDER BY created_at DESC, id DESC`)
		got, _ := walk(t, adm, "/api/v1/invitations", 6, byID)
		sameOrder(t, "invitations", got, want)
		// An invitation made after the first page is newer than the cursor: the rest of
		// the walk is unchanged.
		first := adm.Get("/api/v1/invitations?limit=6").Status(http.StatusOK).JSON()
		adm.Post("/api/v1/invitations", map[string]any{"email": "late@demo.test", "role": "member", "agencyId": bucheon}).Status(http.StatusCreated)
		rest, _ := walkFrom(t, adm, "/api/v1/invitations", first["nextCursor"].(string), 6, byID)
		sameOrder(t, "invitations after a new one", rest, want[6:])
	})

	t.Run("audit", func(t *testing.T) {
		exec(t, env, `INSERT INTO audit_log (action, subject_type, at) SELECT 'paging_test', 'user', '2024-01-01T00:00:00Z' FROM generate_series(1, 40)`)
		got, _ := walk(t, adm, "/api/v1/admin/audit?action=paging_test", 6, byID)
		sameOrder(t, "filtered audit", got, column(t, env, `SELECT id::text AS k FROM audit_log WHERE action = 'paging_test' ORDER BY id DESC`))
		got, _ = walk(t, adm, "/api/v1/admin/audit", 50, byID)
		sameOrder(t, "audit", got, column(t, env, `SELECT id::text AS k FROM audit_log ORDER BY id DESC`))
		// A cursor of one filter does not continue another.
		page := adm.Get("/api/v1/admin/audit?action=paging_test&limit=2").Status(http.StatusOK).JSON()
		adm.Get("/api/v1/admin/audit?cursor="+url.QueryEscape(page["nextCursor"].(string))).Problem(http.StatusBadRequest, "invalid_cursor")
	})

	// The seeded round with the most submitted cases.
	roundID := column(t, env, `SELECT round_id::text FROM cases WHERE submitted_version > 0 GROUP BY round_id ORDER BY count(*) DESC, round_id LIMIT 1`)[0]

	t.Run("round cases", func(t *testing.T) {
		want := column(t, env, `SELECT id::text AS k FROM cases WHERE round_id = $1 AND submitted_version > 0 ORDER BY submitted_at, id`, roundID)
		if len(want) < 3 {
			t.Fatalf("the seeded round has %d submitted cases", len(want))
		}
		got, _ := walk(t, adm, "/api/v1/rounds/"+roundID+"/cases", 2, byID)
		sameOrder(t, "round cases", got, want)
	})

	t.Run("round audit", func(t *testing.T) {
		exec(t, env, `INSERT INTO audit_log (action, subject_type, subject_id) SELECT 'paging_test', 'round', $1 FROM generate_series(1, 25)`, roundID)
		want := column(t, env, `SELECT id::text AS k FROM audit_log l
			WHERE (l.subject_type = 'round' AND l.subject_id = $1)
			   OR (l.subject_type = 'stage' AND l.subject_id IN (SELECT id FROM stages WHERE round_id = $1))
			   OR (l.subject_type = 'case' AND l.subject_id IN (SELECT id FROM cases WHERE round_id = $1))
			ORDER BY l.id DESC`, roundID)
		got, _ := walk(t, adm, "/api/v1/rounds/"+roundID+"/audit", 8, byID)
		sameOrder(t, "round audit", got, want)
	})

	t.Run("notifications", func(t *testing.T) {
		exec(t, env, `INSERT INTO notifications (user_id, kind, title, created_at, read_at)
			SELECT (SELECT id FROM users WHERE email = 'member@demo.test'), 'paging', '알림 ' || g, '2024-01-01T00:00:00Z',
			       CASE WHEN g % 3 = 0 THEN now() END
			FROM generate_series(1, 33) g`)
		want := column(t, env, `SELECT n.id::text AS k FROM notifications n JOIN users u ON u.id = n.user_id
			WHERE u.email = 'member@demo.test' ORDER BY n.created_at DESC, n.id DESC`)
		unread := column(t, env, `SELECT count(*)::text FROM notifications n JOIN users u ON u.id = n.user_id
			WHERE u.email = 'member@demo.test' AND n.read_at IS NULL`)[0]
		got, pages := walk(t, mem, "/api/v1/me/notifications", 5, byID)
		sameOrder(t, "notifications", got, want)
		for i, p := range pages {
			if fmt.Sprint(p["unread"]) != unread {
				t.Fatalf("page %d: unread %v, want %s of all pages", i, p["unread"], unread)
			}
		}
	})

	publishedID := column(t, env, `SELECT round_id::text FROM published_results ORDER BY jsonb_array_length(results->'Rows') DESC, round_id LIMIT 1`)[0]
	t.Run("round results", func(t *testing.T) {
		// The seeded published round (with more ranked cases, see judging's TestResultsPage).
		all := adm.Get("/api/v1/rounds/" + publishedID + "/results?limit=50").Status(http.StatusOK).JSON()
		rows := all["rows"].([]any)
		if len(rows) < 2 || all["nextCursor"] != nil {
			t.Fatalf("seeded results: %d rows, next %v", len(rows), all["nextCursor"])
		}
		var want []string
		awarded, prize := 0, 0.0
		for _, r := range rows {
			row := r.(map[string]any)
			want = append(want, fmt.Sprint(row["caseId"]))
			if tier, ok := row["tier"].(map[string]any); ok {
				awarded++
				prize += tier["prizeKrw"].(float64)
			}
		}
		got, pages := walk(t, adm, "/api/v1/rounds/"+publishedID+"/results", 1, func(it map[string]any) string { return fmt.Sprint(it["caseId"]) })
		sameOrder(t, "results", got, want)
		for i, p := range pages {
			if p["total"].(float64) != float64(len(rows)) || p["awardedCount"].(float64) != float64(awarded) || p["prizeTotalKrw"].(float64) != prize {
				t.Fatalf("page %d: totals %v %v %v, want %d %d %v", i, p["total"], p["awardedCount"], p["prizeTotalKrw"], len(rows), awarded, prize)
			}
		}
		if awarded == 0 {
			t.Fatal("the seeded results award nothing")
		}
	})

	t.Run("invalid cursors", func(t *testing.T) {
		usersCursor := adm.Get("/api/v1/users?limit=1").Status(http.StatusOK).JSON()["nextCursor"].(string)
		for _, c := range []struct {
			client *apitest.Client
			path   string
		}{
			{adm, "/api/v1/users"}, {adm, "/api/v1/invitations"}, {adm, "/api/v1/admin/audit"},
			{adm, "/api/v1/rounds/" + roundID + "/audit"}, {adm, "/api/v1/rounds/" + roundID + "/cases"},
			{adm, "/api/v1/rounds/" + publishedID + "/results"}, {mem, "/api/v1/me/notifications"},
			{env.Client(), "/api/v1/archive/cases"},
		} {
			for _, bad := range []string{"garbage", usersCursor[:len(usersCursor)-2], usersCursor} {
				if bad == usersCursor && c.path == "/api/v1/users" {
					continue
				}
				p := c.client.Get(c.path+"?cursor="+url.QueryEscape(bad)).Problem(http.StatusBadRequest, "invalid_cursor")
				if p.FieldCodes()["cursor"] != "invalid_cursor" {
					t.Errorf("%s: field errors %+v", c.path, p.Errors)
				}
			}
		}
		// An empty cursor is the first page.
		if first := adm.Get("/api/v1/users?cursor=&limit=1").Status(http.StatusOK).JSON(); first["nextCursor"] != usersCursor {
			t.Errorf("empty cursor: %v", first["nextCursor"])
		}
		// Out of range limits and overlong cursors are refused by the contract.
		for _, q := range []string{"limit=0", "limit=51", "cursor=" + strings.Repeat("A", 201)} {
			adm.Get("/api/v1/users?"+q).Problem(http.StatusBadRequest, "validation_failed")
		}
	})
}
