package httpapi_test

import (
	"net/http"
	"testing"

	"eutteum/api/apitest"
)

func createTeam(t *testing.T, c *apitest.Client, name, kind string) string {
	t.Helper()
	return c.Post("/api/v1/teams", map[string]any{"name": name, "kind": kind}).Status(http.StatusCreated).JSON()["id"].(string)
}

func TestTeamMembershipJourney(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	leader := env.Login(member, password)
	teamID := createTeam(t, leader, "부천 MZ혁신발굴단", "mz_discovery_group")

	inv := leader.Post("/api/v1/teams/"+teamID+"/invitations", map[string]string{"email": "judge@demo.test"}).Status(http.StatusCreated).JSON()
	leader.Post("/api/v1/teams/"+teamID+"/invitations", map[string]string{"email": "judge@demo.test"}).Problem(http.StatusConflict, "conflict")
	leader.Post("/api/v1/teams/"+teamID+"/invitations", map[string]string{"email": member}).Problem(http.StatusConflict, "already_member")

	j := env.Login(judge, password)
	j.Get("/api/v1/teams/"+teamID).Problem(http.StatusNotFound, "not_found")
	mine := j.Get("/api/v1/me/team-invitations").Status(http.StatusOK).JSON()["items"].([]any)
	if len(mine) != 1 || mine[0].(map[string]any)["team"].(map[string]any)["name"] != "부천 MZ혁신발굴단" {
		t.Fatalf("invitations: %v", mine)
	}
	// Only the addressee can answer.
	env.Login("member.fire@demo.test", password).Post("/api/v1/team-invitations/"+inv["id"].(string)+"/accept", nil).Problem(http.StatusNotFound, "not_found")
	j.Post("/api/v1/team-invitations/"+inv["id"].(string)+"/accept", nil).Status(http.StatusOK)
	j.Post("/api/v1/team-invitations/"+inv["id"].(string)+"/accept", nil).Problem(http.StatusGone, "invitation_used")

	detail := j.Get("/api/v1/teams/" + teamID).Status(http.StatusOK).JSON()
	if detail["memberCount"].(float64) != 2 || detail["myRole"] != "member" {
		t.Fatalf("detail: %v", detail)
	}
	judgeID := j.Get("/api/v1/me").JSON()["id"].(string)
	leaderID := leader.Get("/api/v1/me").JSON()["id"].(string)

	// Members cannot manage; the last leader cannot step down or leave.
	j.Patch("/api/v1/teams/"+teamID, map[string]string{"name": "x"}).Problem(http.StatusForbidden, "forbidden")
	leader.Put("/api/v1/teams/"+teamID+"/members/"+leaderID, map[string]string{"role": "member"}).Problem(http.StatusConflict, "last_leader")
	leader.Do(http.MethodDelete, "/api/v1/teams/"+teamID+"/members/"+leaderID, nil).Problem(http.StatusConflict, "last_leader")
	leader.Put("/api/v1/teams/"+teamID+"/members/"+judgeID, map[string]string{"role": "leader"}).Status(http.StatusOK)
	leader.Do(http.MethodDelete, "/api/v1/teams/"+teamID+"/members/"+leaderID, nil).Status(http.StatusNoContent)
	leader.Get("/api/v1/teams/"+teamID).Problem(http.StatusNotFound, "not_found")

	// The organizer of the team's agency looks in without being a member.
	if role := env.Login(organizer, password).Get("/api/v1/teams/" + teamID).Status(http.StatusOK).JSON()["myRole"]; role != "none" {
		t.Fatalf("organizer role %v", role)
	}
	env.Login("organizer.incheon@demo.test", password).Get("/api/v1/teams/"+teamID).Problem(http.StatusNotFound, "not_found")
}

func TestDeclineTeamInvitation(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	leader := env.Login(member, password)
	teamID := createTeam(t, leader, "민원혁신팀", "innovation_team")
	inv := leader.Post("/api/v1/teams/"+teamID+"/invitations", map[string]string{"email": judge}).JSON()
	j := env.Login(judge, password)
	j.Post("/api/v1/team-invitations/"+inv["id"].(string)+"/decline", nil).Status(http.StatusNoContent)
	j.Post("/api/v1/team-invitations/"+inv["id"].(string)+"/accept", nil).Problem(http.StatusGone, "invitation_used")
	if n := len(j.Get("/api/v1/me/team-invitations").JSON()["items"].([]any)); n != 0 {
		t.Fatalf("%d invitations left", n)
	}
}

func TestIdempotencyKeyPreventsDuplicates(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	m := env.Login(member, password)
	body := map[string]any{"name": "재시도 팀", "kind": "innovation_team"}
	first := m.With("Idempotency-Key", "team-create-7f3a").Post("/api/v1/teams", body).Status(http.StatusCreated)
	again := m.With("Idempotency-Key", "team-create-7f3a").Post("/api/v1/teams", body).Status(http.StatusCreated)
	if again.JSON()["id"] != first.JSON()["id"] || again.Head.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry made another team: %s vs %s", first.Body, again.Body)
	}
	m.With("Idempotency-Key", "team-create-7f3a").Post("/api/v1/teams", map[string]any{"name": "다른 팀", "kind": "policy_club"}).
		Problem(http.StatusBadRequest, "idempotency_key_reused")
	// The key is the caller's own: another user's identical key is a new request.
	other := env.Login("member2@demo.test", password).With("Idempotency-Key", "team-create-7f3a").Post("/api/v1/teams", body).Status(http.StatusCreated)
	if other.JSON()["id"] == first.JSON()["id"] {
		t.Fatal("keys leaked between users")
	}
	teams := 0
	for _, it := range m.Get("/api/v1/teams").JSON()["items"].([]any) {
		if it.(map[string]any)["name"] == "재시도 팀" {
			teams++
		}
	}
	if teams != 1 {
		t.Fatalf("%d teams named 재시도 팀", teams)
	}
}

func TestCancelTeamInvitation(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	leader := env.Login(member, password)
	teamID := createTeam(t, leader, "적극행정 정책동아리", "policy_club")
	id := leader.Post("/api/v1/teams/"+teamID+"/invitations", map[string]string{"email": judge}).Status(http.StatusCreated).JSON()["id"].(string)
	cancel := "/api/v1/teams/" + teamID + "/invitations/" + id
	j := env.Login(judge, password)

	// Neither the invitee, an organizer looking in, nor an outsider may cancel; nothing changes.
	j.Do(http.MethodDelete, cancel, nil).Problem(http.StatusNotFound, "not_found")
	env.Login(organizer, password).Do(http.MethodDelete, cancel, nil).Problem(http.StatusForbidden, "forbidden")
	env.Login("member.fire@demo.test", password).Do(http.MethodDelete, cancel, nil).Problem(http.StatusNotFound, "not_found")
	env.Client().Do(http.MethodDelete, cancel, nil).Problem(http.StatusUnauthorized, "unauthenticated")
	if n := len(j.Get("/api/v1/me/team-invitations").JSON()["items"].([]any)); n != 1 {
		t.Fatalf("%d invitations after refused cancellations", n)
	}
	// An invitation of another team is not this team's to cancel.
	other := createTeam(t, leader, "다른 팀", "innovation_team")
	leader.Do(http.MethodDelete, "/api/v1/teams/"+other+"/invitations/"+id, nil).Problem(http.StatusNotFound, "not_found")

	leader.Do(http.MethodDelete, cancel, nil).Status(http.StatusNoContent)
	if n := len(j.Get("/api/v1/me/team-invitations").JSON()["items"].([]any)); n != 0 {
		t.Fatalf("%d invitations left", n)
	}
	if n := len(leader.Get("/api/v1/teams/" + teamID).JSON()["invitations"].([]any)); n != 0 {
		t.Fatalf("team still lists %d invitations", n)
	}
	j.Post("/api/v1/team-invitations/"+id+"/accept", nil).Problem(http.StatusGone, "invitation_revoked")
	j.Post("/api/v1/team-invitations/"+id+"/decline", nil).Problem(http.StatusGone, "invitation_revoked")
	leader.Do(http.MethodDelete, cancel, nil).Problem(http.StatusConflict, "invitation_not_pending")
	if n := leader.Get("/api/v1/teams/" + teamID).JSON()["memberCount"].(float64); n != 1 {
		t.Fatalf("member count %v", n)
	}

	// The address may be invited again once the earlier invitation is cancelled.
	again := leader.Post("/api/v1/teams/"+teamID+"/invitations", map[string]string{"email": judge}).Status(http.StatusCreated).JSON()["id"].(string)
	j.Post("/api/v1/team-invitations/"+again+"/accept", nil).Status(http.StatusOK)
}
