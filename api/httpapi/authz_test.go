package httpapi_test

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"eutteum/api/apitest"
	"eutteum/api/app"
	"eutteum/api/httpapi"
	"eutteum/api/mail"
)

// authzUpload is a multipart body: one file plus form fields.
type authzUpload struct {
	filename string
	content  []byte
	fields   map[string]string
}

// An authzRow is one request and the status each role gets for it. A write that a role may
// do runs on a fresh world, so every allowed write starts from the same state; reads and
// refusals share one world. Where a role passes the authorization check but the state
// forbids the act (a second publication, the last leader leaving), the row expects that
// business status: what matters is that it is not 401, 403 or 404.
type authzRow struct {
	op     string
	call   string // "METHOD /path" with {placeholders} from the world
	body   any
	header map[string]string
	expect string // one status per role, in authzRoles order
}

var (
	criteriaInput = []any{map[string]any{"name": "창의성", "weight": 100, "scale": map[string]any{"kind": "points", "max": 10}}}
	caseInput     = map[string]any{"title": "고친 제목", "categoryId": "{category}"}
)

// authzMatrix is every operation of openapi.yaml against every role.
//
//	columns: anon team otherTeam judge conflicted otherJudge org otherOrg admin
var authzMatrix = []authzRow{
	// System and session.
	{op: "getHealth", call: "GET /healthz", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "getReady", call: "GET /readyz", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "getMetrics", call: "GET /metrics", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "getOpenAPISpec", call: "GET /openapi.yaml", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "getPublicSettings", call: "GET /api/v1/settings", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "login", call: "POST /api/v1/auth/login", body: map[string]any{"email": member, "password": password}, expect: "200 200 200 200 200 200 200 200 200"},
	{op: "refreshSession", call: "POST /api/v1/auth/refresh", body: map[string]any{"refreshToken": "{refreshToken}"}, expect: "200 200 200 200 200 200 200 200 200"},
	{op: "logout", call: "POST /api/v1/auth/logout", body: map[string]any{"refreshToken": "{refreshToken}"}, expect: "204 204 204 204 204 204 204 204 204"},
	{op: "signUp", call: "POST /api/v1/auth/signup", body: map[string]any{"email": "signup-{unique}@demo.test", "password": "a-long-enough-password", "displayName": "가입자", "agencyId": "{agency}"}, expect: "403 403 403 403 403 403 403 403 403"},
	{op: "getMe", call: "GET /api/v1/me", expect: "401 200 200 200 200 200 200 200 200"},
	{op: "updateMe", call: "PATCH /api/v1/me", body: map[string]any{"department": "혁신담당"}, expect: "401 200 200 200 200 200 200 200 200"},
	{op: "changePassword", call: "PUT /api/v1/me/password", body: map[string]any{"currentPassword": "not-the-password", "newPassword": "another-long-password"}, expect: "401 400 400 400 400 400 400 400 400"},

	// Agencies, users and invitations.
	{op: "listAgencies", call: "GET /api/v1/agencies", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "createAgency", call: "POST /api/v1/agencies", body: map[string]any{"name": "권한점검구 {unique}", "level": "basic", "region": "경기", "parentId": "{agency}"}, expect: "401 403 403 403 403 403 403 403 201"},
	{op: "getAgency", call: "GET /api/v1/agencies/{agency}", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "listUsers", call: "GET /api/v1/users", expect: "401 403 403 403 403 403 200 200 200"},
	{op: "setUserRoles", call: "PUT /api/v1/users/{newUser}/roles", body: map[string]any{"roles": []any{map[string]any{"role": "judge"}}}, expect: "401 403 403 403 403 403 403 403 200"},
	{op: "listInvitations", call: "GET /api/v1/invitations", expect: "401 403 403 403 403 403 200 200 200"},
	{op: "createInvitation", call: "POST /api/v1/invitations", body: map[string]any{"email": "invited-{unique}@demo.test", "role": "member", "agencyId": "{agency}"}, expect: "401 403 403 403 403 403 201 403 201"},
	{op: "getInvitation", call: "GET /api/v1/invitations/{invitationToken}", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "revokeInvitation", call: "DELETE /api/v1/sent-invitations/{invitationId}", expect: "401 403 403 403 403 403 204 404 204"},
	{op: "resendInvitation", call: "POST /api/v1/sent-invitations/{invitationId}/resend", expect: "401 403 403 403 403 403 200 404 200"},
	{op: "acceptInvitation", call: "POST /api/v1/invitations/{invitationToken}/accept", body: map[string]any{"displayName": "새 심사위원", "password": "a-long-enough-password"}, expect: "201 201 201 201 201 201 201 201 201"},

	// Teams.
	{op: "listMyTeams", call: "GET /api/v1/teams", expect: "401 200 200 200 200 200 200 200 200"},
	{op: "createTeam", call: "POST /api/v1/teams", body: map[string]any{"name": "새 팀 {unique}", "kind": "innovation_team"}, expect: "401 201 201 201 201 201 201 201 201"},
	{op: "getTeam", call: "GET /api/v1/teams/{teamId}", expect: "401 200 404 404 404 404 200 404 200"},
	{op: "updateTeam", call: "PATCH /api/v1/teams/{teamId}", body: map[string]any{"description": "바꾼 소개"}, expect: "401 200 404 404 404 404 403 404 403"},
	{op: "inviteTeamMember", call: "POST /api/v1/teams/{teamId}/invitations", body: map[string]any{"email": "member.gyeongnam@demo.test"}, expect: "401 201 404 404 404 404 403 404 403"},
	{op: "cancelTeamInvitation", call: "DELETE /api/v1/teams/{teamId}/invitations/{teamInvitation}", expect: "401 204 404 404 404 404 403 404 403"},
	{op: "setTeamMemberRole", call: "PUT /api/v1/teams/{teamId}/members/{userTeam}", body: map[string]any{"role": "member"}, expect: "401 409 404 404 404 404 403 404 403"},
	{op: "removeTeamMember", call: "DELETE /api/v1/teams/{teamId}/members/{userTeam}", expect: "401 409 404 404 404 404 403 404 403"},
	{op: "listMyTeamInvitations", call: "GET /api/v1/me/team-invitations", expect: "401 200 200 200 200 200 200 200 200"},
	{op: "acceptTeamInvitation", call: "POST /api/v1/team-invitations/{teamInvitation}/accept", expect: "401 404 200 404 404 404 404 404 404"},
	{op: "declineTeamInvitation", call: "POST /api/v1/team-invitations/{teamInvitation}/decline", expect: "401 404 204 404 404 404 404 404 404"},

	// Rounds.
	{op: "listRounds", call: "GET /api/v1/rounds", expect: "401 200 200 200 200 200 200 200 200"},
	{op: "createRound", call: "POST /api/v1/rounds", body: "{roundInput}", expect: "401 403 403 403 403 403 201 403 201"},
	{op: "getRound", call: "GET /api/v1/rounds/{openRound}", expect: "401 200 200 404 404 404 200 404 200"},
	{op: "updateRound", call: "PUT /api/v1/rounds/{openRound}", body: "{roundInput}", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "publishRound", call: "POST /api/v1/rounds/{openRound}/publish", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "copyRound", call: "POST /api/v1/rounds/{openRound}/copy", expect: "401 403 403 404 404 404 201 404 201"},
	{op: "getRoundOverview", call: "GET /api/v1/rounds/{openRound}/overview", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "listRoundCases", call: "GET /api/v1/rounds/{openRound}/cases", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "createCase", call: "POST /api/v1/rounds/{openRound}/cases", body: map[string]any{"teamId": "{teamId}", "title": "새 사례"}, expect: "401 201 403 404 404 404 403 404 403"},

	// Cases: a draft, a submitted case and their files.
	{op: "listMyCases", call: "GET /api/v1/me/cases", expect: "401 200 200 200 200 200 200 200 200"},
	{op: "getCase", call: "GET /api/v1/cases/{draftCase}", expect: "401 200 404 404 404 404 404 404 404"},
	{op: "getCase", call: "GET /api/v1/cases/{submittedCase}", expect: "401 200 404 404 404 404 200 404 200"},
	{op: "getCase", call: "GET /api/v1/cases/{judgedCase}", expect: "401 200 404 404 404 404 200 404 200"},
	{op: "updateCase", call: "PUT /api/v1/cases/{draftCase}", body: caseInput, header: map[string]string{"If-Match": "{draftETag}"}, expect: "401 200 404 404 404 404 404 404 404"},
	{op: "deleteCase", call: "DELETE /api/v1/cases/{draftCase}", header: map[string]string{"If-Match": "{draftETag}"}, expect: "401 204 404 404 404 404 404 404 404"},
	{op: "submitCase", call: "POST /api/v1/cases/{draftCase}/submit", header: map[string]string{"If-Match": "{draftETag}"}, expect: "401 400 404 404 404 404 404 404 404"},
	{op: "withdrawCase", call: "POST /api/v1/cases/{submittedCase}/withdraw", expect: "401 200 404 404 404 404 403 404 403"},
	{op: "listCaseVersions", call: "GET /api/v1/cases/{submittedCase}/versions", expect: "401 200 404 404 404 404 200 404 200"},
	{op: "getCaseVersion", call: "GET /api/v1/cases/{submittedCase}/versions/1", expect: "401 200 404 404 404 404 200 404 200"},
	{op: "uploadAttachment", call: "POST /api/v1/cases/{draftCase}/attachments", body: authzUpload{filename: "추가 자료.pdf", content: minimalPDF}, expect: "401 201 404 404 404 404 404 404 404"},
	{op: "downloadAttachment", call: "GET /api/v1/cases/{draftCase}/attachments/{attachment}", expect: "401 200 404 404 404 404 404 404 404"},
	{op: "deleteAttachment", call: "DELETE /api/v1/cases/{draftCase}/attachments/{attachment}", header: map[string]string{"If-Match": "{draftETag}"}, expect: "401 204 404 404 404 404 404 404 404"},

	// Judging set-up.
	{op: "listRubricTemplates", call: "GET /api/v1/rubric-templates", expect: "401 200 200 200 200 200 200 200 200"},
	{op: "createRubricTemplate", call: "POST /api/v1/rubric-templates", body: map[string]any{"name": "간단 평가표 {unique}", "agencyId": "{agency}", "criteria": criteriaInput}, expect: "401 403 403 403 403 403 201 403 201"},
	{op: "getJudgingSettings", call: "GET /api/v1/rounds/{openRound}/judging", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "updateJudgingSettings", call: "PUT /api/v1/rounds/{openRound}/judging", body: map[string]any{"method": "mean", "tieBreaks": []any{}, "objectionDays": 7}, expect: "401 403 403 404 404 404 200 404 200"},
	{op: "listStages", call: "GET /api/v1/rounds/{judgingRound}/stages", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "createStage", call: "POST /api/v1/rounds/{judgingRound}/stages", body: map[string]any{"name": "발표심사", "kind": "presentation", "blind": false, "scoringClosesAt": "2099-01-01T00:00:00Z", "cut": map[string]any{"kind": "none"}, "rubricTemplateId": "{rubricTemplate}"}, expect: "401 403 403 404 404 404 201 404 201"},
	{op: "getStage", call: "GET /api/v1/stages/{stage}", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "updateStage", call: "PUT /api/v1/stages/{stage}", body: map[string]any{"name": "서면심사(수정)"}, expect: "401 403 403 404 404 404 200 404 200"},
	{op: "openStage", call: "POST /api/v1/stages/{stage}/open", expect: "401 403 403 404 404 404 409 404 409"},
	{op: "listStageJudges", call: "GET /api/v1/stages/{stage}/judges", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "addStageJudge", call: "POST /api/v1/stages/{stage}/judges", body: map[string]any{"userId": "{judgeId}"}, expect: "401 403 403 404 404 404 201 404 201"},
	{op: "withdrawStageJudge", call: "DELETE /api/v1/stages/{stage}/judges/{judgeId}", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "listAssignments", call: "GET /api/v1/stages/{stage}/assignments", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "autoAssign", call: "POST /api/v1/stages/{stage}/assignments/auto", body: map[string]any{"judgesPerCase": 1}, expect: "401 403 403 404 404 404 200 404 200"},
	{op: "setAssignment", call: "PUT /api/v1/stages/{stage}/assignments/{judgedCase}", body: map[string]any{"judgeIds": []any{"{judgeId}"}}, expect: "401 403 403 404 404 404 200 404 200"},
	// The judge directory: judges keep their own profile; organizers of any agency and
	// admins search it; team members and visitors are refused.
	{op: "getMyJudgeProfile", call: "GET /api/v1/me/judge-profile", expect: "401 403 403 200 200 200 403 403 403"},
	{op: "updateMyJudgeProfile", call: "PUT /api/v1/me/judge-profile", body: map[string]any{"fields": []any{"digital"}, "keywords": []any{"민원"}, "listed": true, "contactVisibility": "none"}, expect: "401 403 403 200 200 200 403 403 403"},
	{op: "searchJudgeDirectory", call: "GET /api/v1/judge-directory?q=%EB%B3%B5%EC%A7%80", expect: "401 403 403 403 403 403 200 200 200"},
	{op: "challengeJudge", call: "POST /api/v1/stages/{stage}/conflicts", body: map[string]any{"caseId": "{judgedCase}", "judgeId": "{judgeId}", "reason": "이해충돌 제기"}, expect: "401 403 403 404 404 404 201 404 201"},

	// Scoring.
	{op: "listMyAssignments", call: "GET /api/v1/judging/assignments", expect: "401 200 200 200 200 200 200 200 200"},
	{op: "getJudgingCase", call: "GET /api/v1/stages/{stage}/cases/{judgedCase}", expect: "401 404 404 200 404 404 404 404 404"},
	{op: "saveScoreSheet", call: "PUT /api/v1/stages/{stage}/cases/{judgedCase}/sheet", body: "{draftSheet}", expect: "401 404 404 200 404 404 404 404 404"},
	{op: "recuse", call: "POST /api/v1/stages/{stage}/cases/{judgedCase}/recusal", body: map[string]any{"reason": "지인이 참여한 사례"}, expect: "401 404 404 201 404 404 404 404 404"},
	{op: "downloadJudgingAttachment", call: "GET /api/v1/stages/{stage}/cases/{judgedCase}/attachments/{judgedAttachment}", expect: "401 404 404 200 404 404 404 404 404"},
	{op: "getStageProgress", call: "GET /api/v1/stages/{stage}/progress", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "remindJudges", call: "POST /api/v1/stages/{stage}/reminders", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "getStageResults", call: "GET /api/v1/stages/{stage}/results", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "closeStage", call: "POST /api/v1/stages/{stage}/close", expect: "401 403 403 404 404 404 409 404 409"},

	// Results, publication and objections.
	{op: "getRoundResults", call: "GET /api/v1/rounds/{resultsRound}/results", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "overrideAward", call: "PUT /api/v1/rounds/{resultsRound}/awards/{resultsCase}", body: map[string]any{"tierId": "{tier}", "reason": "심사위원회 의결"}, expect: "401 403 403 404 404 404 409 404 409"},
	{op: "publishResults", call: "POST /api/v1/rounds/{resultsRound}/results/publish", expect: "401 403 403 404 404 404 409 404 409"},
	{op: "exportResults", call: "GET /api/v1/rounds/{resultsRound}/results/export?table=results", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "getPublicResults", call: "GET /api/v1/public/rounds/{resultsRound}/results", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "getPublicResults", call: "GET /api/v1/public/rounds/{judgingRound}/results", expect: "404 404 404 404 404 404 404 404 404"},
	{op: "fileObjection", call: "POST /api/v1/cases/{resultsCase}/objections", body: map[string]any{"text": "성과지표 반영 여부를 확인해 주세요."}, expect: "401 201 404 404 404 404 404 404 404"},
	{op: "listObjections", call: "GET /api/v1/rounds/{resultsRound}/objections", expect: "401 200 200 404 404 404 200 404 200"},
	{op: "answerObjection", call: "POST /api/v1/objections/{objection}/answer", body: map[string]any{"answer": "모두 반영되었습니다.", "upheld": false}, expect: "401 403 403 404 404 404 200 404 200"},
	{op: "listNotifications", call: "GET /api/v1/me/notifications", expect: "401 200 200 200 200 200 200 200 200"},
	{op: "markNotificationRead", call: "POST /api/v1/me/notifications/{notification}/read", expect: "401 204 404 404 404 404 404 404 404"},

	// Citizen panel.
	{op: "getStagePanel", call: "GET /api/v1/stages/{stage}/panel", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "configureStagePanel", call: "PUT /api/v1/stages/{stage}/panel", body: map[string]any{"share": 10}, expect: "401 403 403 404 404 404 200 404 200"},
	{op: "invitePanelMember", call: "POST /api/v1/stages/{stage}/panel/members", body: map[string]any{"email": "panel-{unique}@example.kr"}, expect: "401 403 403 404 404 404 201 404 201"},
	{op: "withdrawPanelMember", call: "POST /api/v1/stages/{stage}/panel/members/withdraw", body: map[string]any{"email": "{panelSeat}"}, expect: "401 403 403 404 404 404 200 404 200"},

	// Public vote.
	{op: "getStageVote", call: "GET /api/v1/stages/{voteStage}/vote", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "configureStageVote", call: "PUT /api/v1/stages/{stage}/vote", body: map[string]any{"opensAt": "2026-01-01T00:00:00Z", "closesAt": "2099-01-01T00:00:00Z", "maxChoices": 2, "showCounts": false, "voteShare": 20}, expect: "401 403 403 404 404 404 200 404 200"},
	{op: "openStageVote", call: "POST /api/v1/stages/{voteStage}/vote/open", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "closeStageVote", call: "POST /api/v1/stages/{voteStage}/vote/close", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "getVoteReport", call: "GET /api/v1/stages/{voteStage}/vote/report", expect: "401 403 403 404 404 404 200 404 200"},
	{op: "listPublicVotes", call: "GET /api/v1/public/votes", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "getPublicVote", call: "GET /api/v1/public/stages/{voteStage}/vote", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "requestVoteCode", call: "POST /api/v1/public/stages/{voteStage}/vote/codes", body: map[string]any{"email": "code-{unique}@example.kr"}, expect: "202 202 202 202 202 202 202 202 202"},
	// Anonymous callers vote with the code; signed-in ones as their account.
	{op: "castBallot", call: "POST /api/v1/public/stages/{voteStage}/ballots", body: map[string]any{"caseIds": []any{"{judgedCase}"}, "verificationId": "{voteVerification}", "code": "{voteCode}"}, expect: "201 201 201 201 201 201 201 201 201"},

	// Archive.
	{op: "searchArchive", call: "GET /api/v1/archive/cases?q=%EB%AF%BC%EC%9B%90", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "getArchiveCase", call: "GET /api/v1/archive/cases/{archiveEntry}", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "getSimilarCases", call: "GET /api/v1/archive/cases/{archiveEntry}/similar", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "findSimilarToDraft", call: "POST /api/v1/archive/similar", body: map[string]any{"title": "민원 대기 줄이기"}, expect: "401 200 200 200 200 200 200 200 200"},
	{op: "recordAdoption", call: "PUT /api/v1/archive/cases/{elsewhereEntry}/adoption", body: map[string]any{"status": "interested"}, expect: "401 200 200 200 200 200 200 403 200"},
	{op: "withdrawAdoption", call: "DELETE /api/v1/archive/cases/{adoptedEntry}/adoption", expect: "401 204 204 204 204 204 204 404 204"},
	{op: "getAgencySpread", call: "GET /api/v1/archive/agencies/{agency}/spread", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "importArchive", call: "POST /api/v1/archive/import", body: authzUpload{filename: "cases.jsonl", content: []byte("")}, expect: "401 403 403 403 403 403 200 200 200"},
	{op: "downloadArchiveAttachment", call: "GET /api/v1/archive/cases/{archiveEntry}/attachments/{archiveAttachment}", expect: "200 200 200 200 200 200 200 200 200"},
	// Reactions: anonymous visitors mark helpful by their browser's id; the world's team
	// answers questions on its case, 인천광역시's organizer on 인천's imported one; 부천시's
	// organizer and the admin moderate the team's case.
	{op: "markArchiveHelpful", call: "PUT /api/v1/archive/cases/{elsewhereEntry}/helpful", header: map[string]string{"X-Client-Id": "authz-browser-{unique}"}, expect: "200 200 200 200 200 200 200 200 200"},
	{op: "markArchiveHelpful", call: "PUT /api/v1/archive/cases/{elsewhereEntry}/helpful", expect: "400 200 200 200 200 200 200 200 200"},
	{op: "unmarkArchiveHelpful", call: "DELETE /api/v1/archive/cases/{elsewhereEntry}/helpful", header: map[string]string{"X-Client-Id": "authz-browser-{unique}"}, expect: "200 200 200 200 200 200 200 200 200"},
	{op: "listArchiveQuestions", call: "GET /api/v1/archive/cases/{archiveEntry}/questions", expect: "200 200 200 200 200 200 200 200 200"},
	{op: "askArchiveQuestion", call: "POST /api/v1/archive/cases/{elsewhereEntry}/questions", body: map[string]any{"text": "도입 비용은 얼마나 들었나요?"}, expect: "401 201 201 201 201 201 201 201 201"},
	{op: "answerArchiveQuestion", call: "PUT /api/v1/archive/questions/{archiveQuestion}/answer", body: map[string]any{"text": "예산 없이 기존 인력으로 했습니다."}, expect: "401 200 403 403 403 403 403 403 403"},
	{op: "answerArchiveQuestion", call: "PUT /api/v1/archive/questions/{elsewhereQuestion}/answer", body: map[string]any{"text": "담당 부서로 연락 주세요."}, expect: "401 403 403 403 403 403 403 200 403"},
	{op: "hideArchiveQuestion", call: "POST /api/v1/archive/questions/{archiveQuestion}/hide", body: map[string]any{"reason": "광고성 글"}, expect: "401 403 403 403 403 403 200 403 200"},
	{op: "hideArchiveAnswer", call: "POST /api/v1/archive/questions/{answeredQuestion}/answer/hide", body: map[string]any{"reason": "개인정보 노출"}, expect: "401 403 403 403 403 403 200 403 200"},

	// Audit.
	{op: "listAuditEvents", call: "GET /api/v1/admin/audit", expect: "401 403 403 403 403 403 403 403 200"},
	{op: "listRoundAuditEvents", call: "GET /api/v1/rounds/{resultsRound}/audit", expect: "401 403 403 404 404 404 200 404 200"},
}

// TestAuthorizationMatrix runs every row for every role and compares the statuses with
// the matrix; an operation of openapi.yaml without a row fails it.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	contract, err := httpapi.LoadContract()
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, row := range authzMatrix {
		covered[row.op] = true
	}
	for path, item := range contract.Doc.Paths.Map() {
		for method, op := range item.Operations() {
			if !covered[op.OperationID] {
				t.Errorf("%s %s (%s) has no row in the authorization matrix", method, path, op.OperationID)
			}
			delete(covered, op.OperationID)
		}
	}
	for op := range covered {
		t.Errorf("the authorization matrix has rows for %s, which openapi.yaml does not define", op)
	}

	outbox := &mail.Outbox{Dir: t.TempDir()}
	env := apitest.NewSeeded(t, func(s *app.Settings) { s.Mailer = outbox })
	cast := newAuthzCast(t, env, outbox)
	shared := newAuthzWorld(t, cast)
	var report []string
	for _, row := range authzMatrix {
		method, _, _ := strings.Cut(row.call, " ")
		want := strings.Fields(row.expect)
		got := make([]string, len(authzRoles))
		var wrong []string
		for i, role := range authzRoles {
			w := shared
			if i < len(want) && method != http.MethodGet && strings.HasPrefix(want[i], "2") {
				w = newAuthzWorld(t, cast)
			}
			res := w.send(role, row)
			got[i] = strconv.Itoa(res.Code)
			if i >= len(want) || got[i] != want[i] {
				wrong = append(wrong, fmt.Sprintf("    %s: %.300s", role, res.Body))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s %s:\n  got  %s\n  want %s\n%s", row.op, row.call, strings.Join(got, " "), strings.Join(want, " "), strings.Join(wrong, "\n"))
		}
		report = append(report, fmt.Sprintf("%-26s %-60s %s", row.op, row.call, strings.Join(got, " ")))
	}
	if os.Getenv("AUTHZ_REPORT") != "" {
		t.Logf("observed:\n%s", strings.Join(report, "\n"))
	}
}

// send makes the row's request as the role.
func (w *authzWorld) send(role string, row authzRow) *apitest.Response {
	w.t.Helper()
	method, path, _ := strings.Cut(row.call, " ")
	c := w.as(role)
	for k, v := range row.header {
		c = c.With(k, w.expand(v))
	}
	path = w.expand(path)
	switch body := row.body.(type) {
	case authzUpload:
		fields := map[string]string{}
		for k, v := range body.fields {
			fields[k] = w.expand(v)
		}
		return c.Upload(path, body.filename, body.content, fields)
	case string:
		return c.Do(method, path, w.namedBody(body))
	case nil:
		return c.Do(method, path, nil)
	default:
		return c.Do(method, path, w.expandBody(body))
	}
}

// namedBody builds the bodies that depend on the world's objects beyond plain ids.
func (w *authzWorld) namedBody(name string) any {
	switch name {
	case "{roundInput}":
		body := roundBody(w.t, w.cast.env)
		body["title"] = "권한 점검 회차 " + w.cast.nextUnique()
		return body
	case "{draftSheet}":
		w.get("stage")
		return fullSheet(w.stage, 7, "A", false)
	}
	w.t.Fatalf("authz: unknown body %s", name)
	return nil
}
