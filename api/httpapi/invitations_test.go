package httpapi_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"eutteum/api/apitest"
)

func invitationStatus(t *testing.T, c *apitest.Client, id string) string {
	t.Helper()
	for _, it := range c.Get("/api/v1/invitations").Status(http.StatusOK).JSON()["items"].([]any) {
		if inv := it.(map[string]any); inv["id"] == id {
			return inv["status"].(string)
		}
	}
	t.Fatalf("invitation %s is not listed", id)
	return ""
}

func TestInvitationRevocation(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	org := env.Login(organizer, password)
	bucheon := agencyID(t, env, "부천시")
	inv := org.Post("/api/v1/invitations", map[string]any{"email": "revoked@demo.test", "role": "member", "agencyId": bucheon}).
		Status(http.StatusCreated).JSON()
	id, token := inv["id"].(string), inv["token"].(string)

	// Refused callers change nothing: the link still works and the invitation stays pending.
	env.Login("organizer.incheon@demo.test", password).Do(http.MethodDelete, "/api/v1/sent-invitations/"+id, nil).
		Problem(http.StatusNotFound, "not_found")
	env.Login(member, password).Do(http.MethodDelete, "/api/v1/sent-invitations/"+id, nil).
		Problem(http.StatusForbidden, "forbidden")
	env.Client().Do(http.MethodDelete, "/api/v1/sent-invitations/"+id, nil).
		Problem(http.StatusUnauthorized, "unauthenticated")
	org.Do(http.MethodDelete, "/api/v1/sent-invitations/7f1c1a60-0000-4000-8000-00000000dead", nil).
		Problem(http.StatusNotFound, "not_found")
	env.Client().Get("/api/v1/invitations/" + token).Status(http.StatusOK)
	if s := invitationStatus(t, org, id); s != "pending" {
		t.Fatalf("status after refused revocations: %s", s)
	}

	org.Do(http.MethodDelete, "/api/v1/sent-invitations/"+id, nil).Status(http.StatusNoContent)
	p := env.Client().Get("/api/v1/invitations/"+token).Problem(http.StatusGone, "invitation_revoked")
	if p.Title != "취소된 초대입니다" || p.Detail == "" {
		t.Fatalf("problem: %+v", p)
	}
	env.Client().Post("/api/v1/invitations/"+token+"/accept", map[string]any{"displayName": "취소됨", "password": "a-long-enough-password"}).
		Problem(http.StatusGone, "invitation_revoked")
	env.Client().Post("/api/v1/auth/login", map[string]string{"email": "revoked@demo.test", "password": "a-long-enough-password"}).
		Status(http.StatusUnauthorized)
	if s := invitationStatus(t, org, id); s != "revoked" {
		t.Fatalf("status: %s", s)
	}

	// Revoking is final: neither a second revocation nor a new link.
	org.Do(http.MethodDelete, "/api/v1/sent-invitations/"+id, nil).Problem(http.StatusConflict, "invitation_not_pending")
	org.Post("/api/v1/sent-invitations/"+id+"/resend", nil).Problem(http.StatusConflict, "invitation_not_pending")
	env.Client().Get("/api/v1/invitations/"+token).Problem(http.StatusGone, "invitation_revoked")

	// An accepted invitation cannot be revoked.
	used := env.Login(admin, password).Post("/api/v1/invitations", map[string]any{"email": "used@demo.test", "role": "judge", "agencyId": bucheon}).
		Status(http.StatusCreated).JSON()
	env.Client().Post("/api/v1/invitations/"+used["token"].(string)+"/accept", map[string]any{"displayName": "수락", "password": "a-long-enough-password"}).
		Status(http.StatusCreated)
	org.Do(http.MethodDelete, "/api/v1/sent-invitations/"+used["id"].(string), nil).Problem(http.StatusConflict, "invitation_not_pending")
	if s := invitationStatus(t, org, used["id"].(string)); s != "accepted" {
		t.Fatalf("accepted invitation: %s", s)
	}

	events := env.Login(admin, password).Get("/api/v1/admin/audit?action=invitation_revoked").Status(http.StatusOK).JSON()["items"].([]any)
	if len(events) != 1 || events[0].(map[string]any)["details"].(map[string]any)["email"] != "revoked@demo.test" {
		t.Fatalf("audit: %v", events)
	}
}

func TestInvitationResend(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	org := env.Login(organizer, password)
	bucheon := agencyID(t, env, "부천시")
	inv := org.Post("/api/v1/invitations", map[string]any{"email": "resent@demo.test", "role": "judge", "agencyId": bucheon}).
		Status(http.StatusCreated).JSON()
	id, oldToken := inv["id"].(string), inv["token"].(string)
	if _, err := env.Pool.Exec(context.Background(), "update invitations set expires_at = now() - interval '1 minute' where id = $1", id); err != nil {
		t.Fatal(err)
	}
	env.Client().Get("/api/v1/invitations/"+oldToken).Problem(http.StatusGone, "invitation_expired")

	// Another agency's organizer is told the invitation does not exist; the old link stays as it was.
	env.Login("organizer.incheon@demo.test", password).Post("/api/v1/sent-invitations/"+id+"/resend", nil).
		Problem(http.StatusNotFound, "not_found")
	env.Login(member, password).Post("/api/v1/sent-invitations/"+id+"/resend", nil).Problem(http.StatusForbidden, "forbidden")
	env.Client().Get("/api/v1/invitations/"+oldToken).Problem(http.StatusGone, "invitation_expired")

	res := org.Post("/api/v1/sent-invitations/"+id+"/resend", nil).Status(http.StatusOK).JSON()
	newToken := res["token"].(string)
	if newToken == oldToken || res["path"] != "/invite/"+newToken || res["id"] != id || res["status"] != "pending" || res["invitedBy"] != "김혜진" {
		t.Fatalf("resent: %v", res)
	}
	expires, err := time.Parse(time.RFC3339Nano, res["expiresAt"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if !expires.After(time.Now().Add(24 * time.Hour)) {
		t.Fatalf("expiry not extended: %v", expires)
	}

	env.Client().Get("/api/v1/invitations/"+oldToken).Problem(http.StatusNotFound, "not_found")
	env.Client().Post("/api/v1/invitations/"+oldToken+"/accept", map[string]any{"displayName": "옛 링크", "password": "a-long-enough-password"}).
		Problem(http.StatusNotFound, "not_found")
	env.Client().Get("/api/v1/invitations/" + newToken).Status(http.StatusOK)
	accepted := env.Client().Post("/api/v1/invitations/"+newToken+"/accept", map[string]any{"displayName": "새 링크", "password": "a-long-enough-password"})
	accepted.Status(http.StatusCreated)
	if accepted.JSON()["user"].(map[string]any)["email"] != "resent@demo.test" {
		t.Fatalf("accepted: %s", accepted.Body)
	}
	org.Post("/api/v1/sent-invitations/"+id+"/resend", nil).Problem(http.StatusConflict, "invitation_not_pending")
	env.Client().Get("/api/v1/invitations/"+newToken).Problem(http.StatusGone, "invitation_used")

	events := env.Login(admin, password).Get("/api/v1/admin/audit?action=invitation_resent").Status(http.StatusOK).JSON()["items"].([]any)
	if len(events) != 1 || events[0].(map[string]any)["details"].(map[string]any)["email"] != "resent@demo.test" {
		t.Fatalf("audit: %v", events)
	}
}
