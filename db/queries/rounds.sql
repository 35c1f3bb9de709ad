-- name: CreateRound :one
INSERT INTO rounds (host_agency_id, title, award_name, year, period, description, include_sub_agencies,
                    eligible_team_kinds, submission_opens_at, submission_closes_at, judging_closes_at,
                    results_announced_at, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
RETURNING *;

-- name: UpdateRound :one
UPDATE rounds
SET host_agency_id = $2, title = $3, award_name = $4, year = $5, period = $6, description = $7,
    include_sub_agencies = $8, eligible_team_kinds = $9, submission_opens_at = $10,
    submission_closes_at = $11, judging_closes_at = $12, results_announced_at = $13, updated_at = now()
WHERE id = $1
RETURNING *;

-- name: GetRound :one
SELECT * FROM rounds WHERE id = $1;

-- name: LockRound :one
SELECT * FROM rounds WHERE id = $1 FOR UPDATE;

-- name: PublishRound :one
UPDATE rounds SET published_at = coalesce(published_at, now()) WHERE id = $1 RETURNING *;

-- name: ListRoundsVisibleTo :many
-- Rounds the caller may see: every round to admins; rounds hosted by the agencies in
-- @managed; and published rounds the agency @agency_id takes part in, directly or, when the
-- round includes sub-agencies, through an ancestor.
WITH RECURSIVE ancestors AS (
    SELECT a.id, a.parent_id, 0 AS depth FROM agencies a WHERE a.id = @agency_id
    UNION ALL
    SELECT p.id, p.parent_id, an.depth + 1 FROM agencies p JOIN ancestors an ON p.id = an.parent_id
)
SELECT r.* FROM rounds r
WHERE @is_admin::boolean
   OR r.host_agency_id = ANY(@managed::uuid[])
   OR (r.published_at IS NOT NULL AND EXISTS (
         SELECT 1 FROM round_agencies ra JOIN ancestors an ON an.id = ra.agency_id
         WHERE ra.round_id = r.id AND (an.depth = 0 OR r.include_sub_agencies)))
ORDER BY r.submission_closes_at DESC, r.created_at DESC
LIMIT 500;

-- name: AgencyTakesPart :one
WITH RECURSIVE ancestors AS (
    SELECT a.id, a.parent_id, 0 AS depth FROM agencies a WHERE a.id = @agency_id
    UNION ALL
    SELECT p.id, p.parent_id, an.depth + 1 FROM agencies p JOIN ancestors an ON p.id = an.parent_id
)
SELECT EXISTS (
    SELECT 1 FROM rounds r
    JOIN round_agencies ra ON ra.round_id = r.id
    JOIN ancestors an ON an.id = ra.agency_id
    WHERE r.id = @round_id AND (an.depth = 0 OR r.include_sub_agencies));

-- name: ListRoundAgencies :many
SELECT ra.round_id, a.id, a.name FROM round_agencies ra JOIN agencies a ON a.id = ra.agency_id
WHERE ra.round_id = ANY(@round_ids::uuid[])
ORDER BY a.name;

-- name: DeleteRoundAgencies :exec
DELETE FROM round_agencies WHERE round_id = $1;

-- name: AddRoundAgency :exec
INSERT INTO round_agencies (round_id, agency_id) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: ListRoundCategories :many
SELECT * FROM round_categories WHERE round_id = ANY(@round_ids::uuid[]) ORDER BY round_id, position;

-- name: UpsertRoundCategory :exec
INSERT INTO round_categories (round_id, name, position) VALUES ($1, $2, $3)
ON CONFLICT (round_id, name) DO UPDATE SET position = excluded.position;

-- name: DeleteRoundCategoriesNotIn :exec
-- Categories no case uses and that are no longer listed go; used ones stay.
DELETE FROM round_categories rc
WHERE rc.round_id = $1 AND NOT (rc.name = ANY(@keep::text[]))
  AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.category_id = rc.id);

-- name: ListAwardTiers :many
SELECT * FROM award_tiers WHERE round_id = ANY(@round_ids::uuid[]) ORDER BY round_id, position;

-- name: DeleteAwardTiers :exec
DELETE FROM award_tiers WHERE round_id = $1;

-- name: AddAwardTier :exec
INSERT INTO award_tiers (round_id, name, position, award_count, prize_krw) VALUES ($1, $2, $3, $4, $5);

-- name: RoundCaseCountsByStatus :many
SELECT status, count(*)::int AS n FROM cases WHERE round_id = $1 GROUP BY status ORDER BY status;

-- name: RoundCaseCountsByCategory :many
SELECT rc.id, rc.name, count(c.id)::int AS n
FROM round_categories rc
LEFT JOIN cases c ON c.category_id = rc.id AND c.submitted_version > 0 AND c.status <> 'withdrawn'
WHERE rc.round_id = $1
GROUP BY rc.id, rc.name, rc.position
ORDER BY rc.position;

-- name: RoundCaseCountsByTeamKind :many
SELECT t.kind, count(*)::int AS n
FROM cases c JOIN teams t ON t.id = c.team_id
WHERE c.round_id = $1 AND c.submitted_version > 0 AND c.status <> 'withdrawn'
GROUP BY t.kind ORDER BY t.kind;

-- name: GetRoundByTitle :one
SELECT * FROM rounds WHERE host_agency_id = $1 AND title = $2 ORDER BY created_at LIMIT 1;
