-- name: StageJudgeKind :one
SELECT kind FROM stage_judges WHERE stage_id = $1 AND user_id = $2 AND withdrawn_at IS NULL;

-- name: SetStagePanel :exec
UPDATE stages SET panel_share = $2, panel_criteria = $3 WHERE id = $1;

-- name: ListPanelMembers :many
SELECT m.email, m.user_id, m.invited_at, coalesce(u.display_name, '')::text AS display_name,
       (SELECT count(*) FROM assignments x WHERE x.stage_id = m.stage_id AND x.judge_id = m.user_id)::int AS assigned,
       (SELECT count(*) FROM score_sheets s WHERE s.stage_id = m.stage_id AND s.judge_id = m.user_id AND s.status = 'submitted')::int AS submitted
FROM stage_panel_members m
LEFT JOIN users u ON u.id = m.user_id
WHERE m.stage_id = $1
ORDER BY m.invited_at, m.email;

-- name: InsertPanelMember :execrows
INSERT INTO stage_panel_members (stage_id, email, invitation_id, user_id, invited_by)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (stage_id, email) DO NOTHING;

-- name: PanelSeatsOfInvitation :many
SELECT stage_id FROM stage_panel_members WHERE invitation_id = $1;

-- name: SetPanelMemberUser :exec
UPDATE stage_panel_members SET user_id = @user_id WHERE invitation_id = @invitation_id;

-- name: AssignStageCasesTo :execrows
-- Every case of the stage to one panel member, except cases of a team the member is on.
INSERT INTO assignments (stage_id, case_id, judge_id)
SELECT sc.stage_id, sc.case_id, @judge_id::uuid
FROM stage_cases sc JOIN cases c ON c.id = sc.case_id
WHERE sc.stage_id = @stage_id
  AND NOT EXISTS (SELECT 1 FROM team_members tm WHERE tm.team_id = c.team_id AND tm.user_id = @judge_id::uuid)
ON CONFLICT DO NOTHING;

-- name: ListPanelJudges :many
SELECT user_id FROM stage_judges WHERE stage_id = $1 AND kind = 'citizen' AND withdrawn_at IS NULL;

-- name: LockPanelMember :one
SELECT * FROM stage_panel_members WHERE stage_id = $1 AND email = $2 FOR UPDATE;

-- name: DeletePanelMember :exec
DELETE FROM stage_panel_members WHERE stage_id = $1 AND email = $2;

-- name: DeleteUnusedPanelSeatsOfInvitation :many
-- The seats a revoked invitation held and nobody took, freed so the address can be invited
-- again.
DELETE FROM stage_panel_members WHERE invitation_id = $1 AND user_id IS NULL RETURNING stage_id;
