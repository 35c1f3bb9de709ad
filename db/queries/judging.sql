-- name: GetJudgingSettings :one
SELECT aggregation_method, tie_breaks, objection_days, judging_opened_at, results_published_at
FROM rounds WHERE id = $1;

-- name: UpdateJudgingSettings :exec
UPDATE rounds SET aggregation_method = $2, tie_breaks = $3, objection_days = $4, updated_at = now() WHERE id = $1;

-- name: MarkJudgingOpened :exec
UPDATE rounds SET judging_opened_at = coalesce(judging_opened_at, now()) WHERE id = $1;

-- name: ListRubricTemplates :many
SELECT t.*, a.name AS agency_name FROM rubric_templates t LEFT JOIN agencies a ON a.id = t.agency_id
WHERE t.agency_id IS NULL OR t.agency_id = ANY(@agency_ids::uuid[])
ORDER BY t.agency_id NULLS FIRST, t.created_at;

-- name: GetRubricTemplate :one
SELECT * FROM rubric_templates WHERE id = $1;

-- name: CreateRubricTemplate :one
INSERT INTO rubric_templates (agency_id, name, criteria, created_by) VALUES ($1, $2, $3, $4) RETURNING *;

-- name: ListStages :many
SELECT s.*,
       (SELECT count(*) FROM stage_cases sc WHERE sc.stage_id = s.id)::int AS case_count,
       (SELECT count(*) FROM stage_judges sj WHERE sj.stage_id = s.id AND sj.withdrawn_at IS NULL)::int AS judge_count
FROM stages s WHERE s.round_id = $1 ORDER BY s.position;

-- name: GetStage :one
SELECT s.*,
       (SELECT count(*) FROM stage_cases sc WHERE sc.stage_id = s.id)::int AS case_count,
       (SELECT count(*) FROM stage_judges sj WHERE sj.stage_id = s.id AND sj.withdrawn_at IS NULL)::int AS judge_count
FROM stages s WHERE s.id = $1;

-- name: LockStage :one
SELECT * FROM stages WHERE id = $1 FOR UPDATE;

-- name: CreateStage :one
INSERT INTO stages (round_id, position, name, kind, blind, scoring_closes_at, cut_kind, cut_value, criteria, final_share)
VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM stages WHERE round_id = $1), $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING *;

-- name: UpdateStage :exec
UPDATE stages SET name = $2, blind = $3, scoring_closes_at = $4, cut_kind = $5, cut_value = $6, criteria = $7, final_share = $8 WHERE id = $1;

-- name: MarkStageOpen :exec
UPDATE stages SET status = 'open', opened_at = now() WHERE id = $1;

-- name: MarkStageClosed :exec
UPDATE stages SET status = 'closed', closed_at = now() WHERE id = $1;

-- name: AddStageCase :exec
INSERT INTO stage_cases (stage_id, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: ListStageCases :many
SELECT sc.case_id, sc.advanced, c.team_id, c.submitted_at, c.submitted_version, t.agency_id AS team_agency_id, t.name AS team_name, t.kind AS team_kind
FROM stage_cases sc
JOIN cases c ON c.id = sc.case_id
JOIN teams t ON t.id = c.team_id
WHERE sc.stage_id = $1
ORDER BY sc.case_id;

-- name: SetStageCaseAdvanced :exec
UPDATE stage_cases SET advanced = $3 WHERE stage_id = $1 AND case_id = $2;

-- name: SubmittedCasesOfRound :many
SELECT id FROM cases WHERE round_id = $1 AND status = 'submitted' ORDER BY id;

-- name: SetCaseStatusPlain :exec
UPDATE cases SET status = $2 WHERE id = $1;

-- name: AddStageJudge :exec
INSERT INTO stage_judges (stage_id, user_id, kind, max_cases) VALUES ($1, $2, $3, $4)
ON CONFLICT (stage_id, user_id) DO UPDATE SET kind = excluded.kind, max_cases = excluded.max_cases, withdrawn_at = NULL;

-- name: WithdrawStageJudge :execrows
UPDATE stage_judges SET withdrawn_at = now() WHERE stage_id = $1 AND user_id = $2 AND withdrawn_at IS NULL;

-- name: ListStageJudges :many
SELECT sj.user_id, sj.kind, sj.max_cases, u.display_name, u.department, u.agency_id, a.name AS agency_name,
       (SELECT count(*) FROM assignments x WHERE x.stage_id = sj.stage_id AND x.judge_id = sj.user_id)::int AS assigned,
       (SELECT count(*) FROM score_sheets s JOIN assignments x ON x.stage_id = s.stage_id AND x.case_id = s.case_id AND x.judge_id = s.judge_id
         WHERE s.stage_id = sj.stage_id AND s.judge_id = sj.user_id AND s.status = 'submitted')::int AS submitted
FROM stage_judges sj
JOIN users u ON u.id = sj.user_id
JOIN agencies a ON a.id = u.agency_id
WHERE sj.stage_id = $1 AND sj.withdrawn_at IS NULL
ORDER BY u.display_name, sj.user_id;

-- name: IsStageJudge :one
SELECT EXISTS (SELECT 1 FROM stage_judges WHERE stage_id = $1 AND user_id = $2 AND withdrawn_at IS NULL);

-- name: ListAssignments :many
SELECT a.case_id, a.judge_id, u.display_name, coalesce(s.status, 'none')::text AS sheet_status
FROM assignments a
JOIN users u ON u.id = a.judge_id
LEFT JOIN score_sheets s ON s.stage_id = a.stage_id AND s.case_id = a.case_id AND s.judge_id = a.judge_id
WHERE a.stage_id = $1
ORDER BY a.case_id, u.display_name;

-- name: AddAssignment :exec
INSERT INTO assignments (stage_id, case_id, judge_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;

-- name: DeleteAssignment :exec
DELETE FROM assignments WHERE stage_id = $1 AND case_id = $2 AND judge_id = $3;

-- name: DeleteJudgeAssignments :many
DELETE FROM assignments WHERE stage_id = $1 AND judge_id = $2 RETURNING case_id;

-- name: IsAssigned :one
SELECT EXISTS (SELECT 1 FROM assignments WHERE stage_id = $1 AND case_id = $2 AND judge_id = $3);

-- name: ListJudgeStages :many
SELECT s.id FROM stages s JOIN stage_judges sj ON sj.stage_id = s.id
WHERE sj.user_id = $1 AND sj.withdrawn_at IS NULL AND s.status = 'open'
ORDER BY s.scoring_closes_at, s.id;

-- name: ListDeclaredConflicts :many
SELECT d.*, u.display_name AS judge_name, r.display_name AS recorder_name
FROM declared_conflicts d JOIN users u ON u.id = d.judge_id JOIN users r ON r.id = d.recorded_by
WHERE d.round_id = $1
ORDER BY d.recorded_at;

-- name: AddDeclaredConflict :one
INSERT INTO declared_conflicts (round_id, case_id, judge_id, kind, reason, recorded_by)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (case_id, judge_id, kind) DO UPDATE SET reason = excluded.reason
RETURNING *;

-- name: TeamMembersOfCases :many
SELECT c.id AS case_id, m.user_id, u.agency_id, u.department
FROM cases c JOIN team_members m ON m.team_id = c.team_id JOIN users u ON u.id = m.user_id
WHERE c.id = ANY(@case_ids::uuid[]);

-- name: UsersByIDs :many
SELECT u.id, u.display_name, u.agency_id, u.department FROM users u WHERE u.id = ANY(@ids::uuid[]);

-- name: AgencyParents :many
SELECT id, parent_id FROM agencies;

-- name: GetSheet :one
SELECT * FROM score_sheets WHERE stage_id = $1 AND case_id = $2 AND judge_id = $3;

-- name: LockSheet :one
SELECT * FROM score_sheets WHERE stage_id = $1 AND case_id = $2 AND judge_id = $3 FOR UPDATE;

-- name: UpsertSheet :one
INSERT INTO score_sheets (stage_id, case_id, judge_id, status, items, overall_comment, total, submitted_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (stage_id, case_id, judge_id) DO UPDATE
SET status = excluded.status, items = excluded.items, overall_comment = excluded.overall_comment,
    total = excluded.total, submitted_at = coalesce(excluded.submitted_at, score_sheets.submitted_at), updated_at = now()
RETURNING *;

-- name: AddSheetChange :exec
INSERT INTO score_sheet_changes (sheet_id, changed_by, old_value, new_value) VALUES ($1, $2, $3, $4);

-- name: ListSheetChanges :many
SELECT ch.*, s.case_id, s.judge_id FROM score_sheet_changes ch JOIN score_sheets s ON s.id = ch.sheet_id
WHERE s.stage_id = $1 ORDER BY ch.id;

-- name: ListSubmittedSheets :many
-- Sheets that count: submitted, by a judge still on the stage and still assigned. The kind
-- tells the judges from the citizen panel.
SELECT s.case_id, s.judge_id, s.items, s.total, sj.kind
FROM score_sheets s
JOIN assignments a ON a.stage_id = s.stage_id AND a.case_id = s.case_id AND a.judge_id = s.judge_id
JOIN stage_judges sj ON sj.stage_id = s.stage_id AND sj.user_id = s.judge_id AND sj.withdrawn_at IS NULL
WHERE s.stage_id = $1 AND s.status = 'submitted'
ORDER BY s.case_id, s.judge_id;

-- name: ListJudgeSheets :many
SELECT case_id, status, total FROM score_sheets WHERE stage_id = $1 AND judge_id = $2;

-- name: AddAudit :exec
INSERT INTO audit_log (actor_id, action, subject_type, subject_id, details) VALUES ($1, $2, $3, $4, $5);

-- name: ListAwardOverrides :many
SELECT * FROM award_overrides WHERE round_id = $1;

-- name: UpsertAwardOverride :exec
INSERT INTO award_overrides (round_id, case_id, tier_id, reason, decided_by) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (round_id, case_id) DO UPDATE SET tier_id = excluded.tier_id, reason = excluded.reason,
    decided_by = excluded.decided_by, decided_at = now();

-- name: GetPublishedResults :one
SELECT * FROM published_results WHERE round_id = $1;

-- name: InsertPublishedResults :exec
INSERT INTO published_results (round_id, results, public_table, published_by, published_at) VALUES ($1, $2, $3, $4, $5);

-- name: MarkResultsPublished :exec
UPDATE rounds SET results_published_at = now() WHERE id = $1;

-- name: SetCaseAward :exec
UPDATE cases SET status = @status, award_tier_id = @award_tier_id, final_rank = @final_rank,
    archived_at = CASE WHEN @archive::boolean THEN now() ELSE archived_at END
WHERE id = @id;

-- name: TeamMemberIDs :many
SELECT user_id FROM team_members WHERE team_id = $1;

-- name: CreateObjection :one
INSERT INTO objections (round_id, case_id, filed_by, text) VALUES ($1, $2, $3, $4) RETURNING *;

-- name: ListObjections :many
SELECT o.*, c.title AS case_title, c.team_id, f.display_name AS filer_name, a.display_name AS answerer_name
FROM objections o
JOIN cases c ON c.id = o.case_id
JOIN users f ON f.id = o.filed_by
LEFT JOIN users a ON a.id = o.answered_by
WHERE o.round_id = $1
ORDER BY o.filed_at;

-- name: LockObjection :one
SELECT * FROM objections WHERE id = $1 FOR UPDATE;

-- name: AnswerObjection :exec
UPDATE objections SET answer = $2, upheld = $3, answered_by = $4, answered_at = now() WHERE id = $1;

-- name: CreateNotification :exec
INSERT INTO notifications (user_id, kind, title, body, link) VALUES ($1, $2, $3, $4, $5);

-- name: ListNotifications :many
SELECT * FROM notifications
WHERE user_id = @user_id
  AND (sqlc.narg(before_at)::timestamptz IS NULL OR (created_at, id) < (sqlc.narg(before_at)::timestamptz, sqlc.narg(before_id)::uuid))
ORDER BY created_at DESC, id DESC
LIMIT @max_rows;

-- name: CountUnreadNotifications :one
SELECT count(*)::int FROM notifications WHERE user_id = $1 AND read_at IS NULL;

-- name: MarkNotificationRead :execrows
UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2;

-- name: ListAuditEvents :many
SELECT l.id, l.at, l.action, l.subject_type, l.subject_id, l.details, coalesce(u.display_name, '')::text AS actor_name
FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
WHERE (sqlc.narg(before)::bigint IS NULL OR l.id < sqlc.narg(before)::bigint)
  AND (sqlc.narg(action)::text IS NULL OR l.action = sqlc.narg(action)::text)
ORDER BY l.id DESC
LIMIT @max_rows;

-- name: ListRoundAuditEvents :many
-- Events about a round, its stages and its cases.
SELECT l.id, l.at, l.action, l.subject_type, l.subject_id, l.details, coalesce(u.display_name, '')::text AS actor_name
FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
WHERE ((l.subject_type = 'round' AND l.subject_id = @round_id)
   OR (l.subject_type = 'stage' AND l.subject_id IN (SELECT id FROM stages WHERE round_id = @round_id))
   OR (l.subject_type = 'case' AND l.subject_id IN (SELECT id FROM cases WHERE round_id = @round_id)))
  AND (sqlc.narg(before)::bigint IS NULL OR l.id < sqlc.narg(before)::bigint)
ORDER BY l.id DESC
LIMIT @max_rows;

-- name: LockJudgeSheet :one
-- All a judge's sheet save checks, in one round trip inside its transaction: the stage,
-- the judge's seat on it, the assignment, whether a conflict was declared for the pair,
-- the facts its automatic conflicts follow from (judging.autoConflict: the case's team
-- members, how many agencies compete on the stage, and the lines of parents of the host,
-- the team's and the judge's agencies, twenty at most as judging.conflictsAmong walks them),
-- and the sheet as it is, locked.
WITH RECURSIVE judge AS (
    SELECT sj.kind, u.agency_id, u.department FROM stage_judges sj JOIN users u ON u.id = sj.user_id
    WHERE sj.stage_id = @stage_id AND sj.user_id = @judge_id AND sj.withdrawn_at IS NULL
), target AS (
    SELECT c.team_id, t.agency_id FROM stage_cases sc JOIN cases c ON c.id = sc.case_id JOIN teams t ON t.id = c.team_id
    WHERE sc.stage_id = @stage_id AND sc.case_id = @case_id
), lines AS (
    SELECT 'host'::text AS line, a.id, a.parent_id, 0 AS depth
    FROM stages s0 JOIN rounds r ON r.id = s0.round_id JOIN agencies a ON a.id = r.host_agency_id WHERE s0.id = @stage_id
    UNION ALL
    SELECT 'team'::text, a.id, a.parent_id, 0 FROM target JOIN agencies a ON a.id = target.agency_id
    UNION ALL
    SELECT 'judge'::text, a.id, a.parent_id, 0 FROM judge JOIN agencies a ON a.id = judge.agency_id
    UNION ALL
    SELECT l.line, p.id, p.parent_id, l.depth + 1 FROM lines l JOIN agencies p ON p.id = l.parent_id WHERE l.depth < 19
)
SELECT sqlc.embed(s),
       (SELECT count(*) FROM stage_cases sc WHERE sc.stage_id = s.id)::int AS case_count,
       (SELECT count(*) FROM stage_judges sj WHERE sj.stage_id = s.id AND sj.withdrawn_at IS NULL)::int AS judge_count,
       EXISTS (SELECT 1 FROM judge) AS on_stage,
       coalesce((SELECT kind FROM judge), '')::text AS judge_kind,
       coalesce((SELECT department FROM judge), '')::text AS judge_department,
       coalesce((SELECT agency_id FROM judge), '00000000-0000-0000-0000-000000000000')::uuid AS judge_agency_id,
       EXISTS (SELECT 1 FROM assignments x WHERE x.stage_id = s.id AND x.case_id = @case_id AND x.judge_id = @judge_id) AS assigned,
       EXISTS (SELECT 1 FROM target) AS on_board,
       coalesce((SELECT agency_id FROM target), '00000000-0000-0000-0000-000000000000')::uuid AS team_agency_id,
       coalesce((SELECT jsonb_agg(jsonb_build_object('userId', m.user_id, 'agencyId', u.agency_id, 'department', u.department))
                 FROM target tg JOIN team_members m ON m.team_id = tg.team_id JOIN users u ON u.id = m.user_id), '[]')::jsonb AS members,
       (SELECT count(DISTINCT t.agency_id) FROM stage_cases sc JOIN cases c ON c.id = sc.case_id JOIN teams t ON t.id = c.team_id
        WHERE sc.stage_id = s.id)::int AS competing_agencies,
       array(SELECT l.id FROM lines l WHERE l.line = 'host')::uuid[] AS host_line,
       array(SELECT l.id FROM lines l WHERE l.line = 'team')::uuid[] AS team_line,
       array(SELECT l.id FROM lines l WHERE l.line = 'judge')::uuid[] AS judge_line,
       EXISTS (SELECT 1 FROM declared_conflicts d WHERE d.round_id = s.round_id AND d.case_id = @case_id AND d.judge_id = @judge_id) AS declared,
       (SELECT to_jsonb(x) FROM score_sheets x
        WHERE x.stage_id = s.id AND x.case_id = @case_id AND x.judge_id = @judge_id FOR UPDATE) AS sheet
FROM stages s
WHERE s.id = @stage_id;

-- name: SaveSheet :one
-- The sheet written and its change recorded, in one statement.
WITH sheet AS (
    INSERT INTO score_sheets (stage_id, case_id, judge_id, status, items, overall_comment, total, submitted_at)
    VALUES (@stage_id, @case_id, @judge_id, @status, @items, @overall_comment, @total, @submitted_at)
    ON CONFLICT (stage_id, case_id, judge_id) DO UPDATE
    SET status = excluded.status, items = excluded.items, overall_comment = excluded.overall_comment,
        total = excluded.total, submitted_at = coalesce(excluded.submitted_at, score_sheets.submitted_at), updated_at = now()
    RETURNING *
), change AS (
    INSERT INTO score_sheet_changes (sheet_id, changed_by, old_value, new_value)
    SELECT sheet.id, @judge_id, sqlc.narg(old_value)::jsonb, @new_value::jsonb FROM sheet
)
SELECT * FROM sheet;

-- name: GetJudgeProfile :one
SELECT * FROM judge_profiles WHERE user_id = $1;

-- name: UpsertJudgeProfile :one
INSERT INTO judge_profiles (user_id, affiliation_note, fields, keywords, bio, listed, contact_visibility, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, now())
ON CONFLICT (user_id) DO UPDATE SET
    affiliation_note = excluded.affiliation_note, fields = excluded.fields, keywords = excluded.keywords,
    bio = excluded.bio, listed = excluded.listed, contact_visibility = excluded.contact_visibility, updated_at = now()
RETURNING *;

-- name: JudgeStageCount :one
-- The stages a judge sat on and was not withdrawn from: their experience as the directory shows it.
SELECT count(*)::int FROM stage_judges WHERE user_id = $1 AND withdrawn_at IS NULL AND kind <> 'citizen';

-- name: SearchJudgeDirectory :many
-- Listed judges who still hold the judge role, by name then id (keyset after the cursor).
-- The e-mail address leaves the database only when the judge chose to show it.
SELECT u.id AS user_id, u.display_name, u.department, u.agency_id, a.name AS agency_name, a.level AS agency_level,
       p.affiliation_note, p.fields, p.keywords, p.bio,
       (CASE WHEN p.contact_visibility = 'email' THEN u.email ELSE '' END)::text AS shared_email,
       (SELECT count(*) FROM stage_judges sj WHERE sj.user_id = u.id AND sj.withdrawn_at IS NULL AND sj.kind <> 'citizen')::int AS stages_judged
FROM judge_profiles p
JOIN users u ON u.id = p.user_id
JOIN agencies a ON a.id = u.agency_id
WHERE p.listed
  AND EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.role = 'judge')
  AND (@pattern::text = ''
       OR u.display_name ILIKE @pattern OR a.name ILIKE @pattern OR u.department ILIKE @pattern
       OR p.affiliation_note ILIKE @pattern OR array_to_string(p.keywords, ' ') ILIKE @pattern
       OR p.fields && @label_fields::text[])
  AND (@field::text = '' OR @field = ANY(p.fields))
  AND (NOT @has_cursor::boolean OR (u.display_name, u.id) > (@after_name::text, @after_id::uuid))
ORDER BY u.display_name, u.id
LIMIT @row_limit;

-- name: JudgeAffiliation :one
SELECT u.display_name, u.email, u.department, u.agency_id, a.name AS agency_name, a.level AS agency_level
FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = $1;
