-- name: CreateCase :one
INSERT INTO cases (round_id, team_id, title, created_by, updated_by)
VALUES ($1, $2, $3, $4, $4)
RETURNING *;

-- name: GetCase :one
SELECT * FROM cases WHERE id = $1;

-- name: LockCase :one
-- db_now is the transaction's start on the database clock, which deadlines are judged by:
-- every server reads the same clock, and it costs no extra round trip here.
SELECT sqlc.embed(cases), now()::timestamptz AS db_now FROM cases WHERE id = $1 FOR UPDATE;

-- name: UpdateCaseContent :one
UPDATE cases
SET title = $2, summary = $3, problem = $4, solution = $5, outcomes = $6, category_id = $7, tags = $8,
    beneficiaries = $9, cost_krw = $10, savings_krw = $11, started_on = $12, stage = $13,
    evidence_level = $14, licence = $15, metrics = $16, collaborators = $17, updated_by = $18,
    revision = revision + 1, updated_at = now()
WHERE id = $1
RETURNING *;

-- name: SetCaseStatus :one
UPDATE cases
SET status = $2, submitted_version = $3, submitted_at = $4, revision = revision + 1, updated_by = $5, updated_at = now()
WHERE id = $1
RETURNING *;

-- name: DeleteCase :exec
DELETE FROM cases WHERE id = $1;

-- name: ListCasesOfTeams :many
SELECT c.id, c.title, c.summary, c.status, c.submitted_version, c.updated_at, c.submitted_at, c.category_id,
       c.round_id, r.title AS round_title, r.submission_closes_at,
       c.team_id, t.name AS team_name, t.kind AS team_kind
FROM cases c
JOIN rounds r ON r.id = c.round_id
JOIN teams t ON t.id = c.team_id
WHERE c.team_id = ANY(@team_ids::uuid[])
ORDER BY c.updated_at DESC
LIMIT 500;

-- name: ListSubmittedCasesOfRound :many
SELECT c.id, c.status, c.submitted_version, c.updated_at, c.submitted_at,
       c.team_id, t.name AS team_name, t.kind AS team_kind, v.content
FROM cases c
JOIN teams t ON t.id = c.team_id
JOIN case_versions v ON v.case_id = c.id AND v.version = c.submitted_version
WHERE c.round_id = @round_id AND c.submitted_version > 0
  AND (sqlc.narg(after_at)::timestamptz IS NULL OR (c.submitted_at, c.id) > (sqlc.narg(after_at)::timestamptz, sqlc.narg(after_id)::uuid))
ORDER BY c.submitted_at, c.id
LIMIT @max_rows;

-- name: CreateCaseVersion :exec
INSERT INTO case_versions (case_id, version, content, attachments, submitted_by)
VALUES ($1, $2, $3, $4, $5);

-- name: ListCaseVersions :many
SELECT v.version, v.content, v.attachments, v.submitted_at, u.display_name AS submitted_by_name
FROM case_versions v JOIN users u ON u.id = v.submitted_by
WHERE v.case_id = $1
ORDER BY v.version;

-- name: GetCaseVersion :one
SELECT v.version, v.content, v.attachments, v.submitted_at, u.display_name AS submitted_by_name
FROM case_versions v JOIN users u ON u.id = v.submitted_by
WHERE v.case_id = $1 AND v.version = $2;

-- name: InsertBlob :exec
INSERT INTO attachment_blobs (sha256, size_bytes, data) VALUES ($1, $2, $3)
ON CONFLICT (sha256) DO NOTHING;

-- name: CreateAttachment :one
INSERT INTO attachments (case_id, filename, content_type, size_bytes, sha256, public, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING *;

-- name: ListAttachments :many
SELECT * FROM attachments WHERE case_id = $1 AND removed_at IS NULL ORDER BY created_at;

-- name: AttachmentTotals :one
SELECT count(*)::int AS files, coalesce(sum(size_bytes), 0)::bigint AS bytes
FROM attachments WHERE case_id = $1 AND removed_at IS NULL;

-- name: GetAttachment :one
SELECT * FROM attachments WHERE id = $1 AND case_id = $2;

-- name: GetBlob :one
SELECT data FROM attachment_blobs WHERE sha256 = $1;

-- name: RemoveAttachment :execrows
UPDATE attachments SET removed_at = now() WHERE id = $1 AND case_id = $2 AND removed_at IS NULL;

-- name: TouchCase :exec
-- An attachment change is a change of the working copy: it moves the revision on.
UPDATE cases SET revision = revision + 1, updated_by = $2, updated_at = now() WHERE id = $1;

-- name: GetCaseByTitle :one
SELECT * FROM cases WHERE round_id = $1 AND team_id = $2 AND title = $3 LIMIT 1;

-- name: GetCasePage :one
-- A case with everything its page shows, in one round trip: its round and team, the name
-- of its category and its working files; is_member says @user_id is in its team.
-- as_submitted says nothing was written to the working copy since its latest version was
-- made from it (every change moves the revision on). Only otherwise is that version read,
-- for the page to compare with; while they are the same, the team's page needs none.
SELECT sqlc.embed(c),
       EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = c.team_id AND m.user_id = @user_id) AS is_member,
       (c.submitted_version > 0 AND c.revision = c.submitted_revision)::boolean AS as_submitted,
       r.title AS round_title, r.submission_closes_at,
       t.name AS team_name, t.kind AS team_kind, t.agency_id AS team_agency_id, a.name AS team_agency_name,
       coalesce((SELECT rc.name FROM round_categories rc WHERE rc.id = c.category_id AND rc.round_id = c.round_id), '')::text AS category_name,
       coalesce((SELECT jsonb_agg(jsonb_build_object('id', x.id, 'filename', x.filename, 'contentType', x.content_type,
                  'sizeBytes', x.size_bytes, 'sha256', encode(x.sha256, 'hex'), 'public', x.public, 'createdAt', x.created_at)
                  ORDER BY x.created_at)
                 FROM attachments x WHERE x.case_id = c.id AND x.removed_at IS NULL), '[]')::jsonb AS files,
       (CASE WHEN c.submitted_version > 0 AND c.revision <> c.submitted_revision THEN
           (SELECT v.content FROM case_versions v WHERE v.case_id = c.id AND v.version = c.submitted_version) END)::jsonb AS submitted_content,
       (CASE WHEN c.submitted_version > 0 AND c.revision <> c.submitted_revision THEN
           (SELECT v.attachments FROM case_versions v WHERE v.case_id = c.id AND v.version = c.submitted_version) END)::jsonb AS submitted_attachments
FROM cases c
JOIN rounds r ON r.id = c.round_id
JOIN teams t ON t.id = c.team_id
JOIN agencies a ON a.id = t.agency_id
WHERE c.id = @id;

-- name: LockCasePage :one
-- GetCasePage under the case's row lock, for a change, with what the change checks:
-- round_visible says the round is @user_id's to see as round.Service.Get decides it (its
-- organizers, or a published round the user's agency takes part in); the name of
-- @chosen_category_id when it is one of the round's; and db_now, the transaction's start
-- on the database clock, which deadlines are judged by.
WITH RECURSIVE user_line AS (
    SELECT a.id, a.parent_id, 0 AS depth FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = @user_id
    UNION ALL
    SELECT p.id, p.parent_id, l.depth + 1 FROM agencies p JOIN user_line l ON p.id = l.parent_id
), host_line AS (
    SELECT a.id, a.parent_id FROM cases c0 JOIN rounds r0 ON r0.id = c0.round_id JOIN agencies a ON a.id = r0.host_agency_id
    WHERE c0.id = @id
    UNION ALL
    SELECT p.id, p.parent_id FROM agencies p JOIN host_line h ON p.id = h.parent_id
)
SELECT sqlc.embed(c), now()::timestamptz AS db_now,
       EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = c.team_id AND m.user_id = @user_id) AS is_member,
       (@is_admin::boolean
        OR EXISTS (SELECT 1 FROM host_line h WHERE h.id = ANY(@organizer_agencies::uuid[]))
        OR (r.published_at IS NOT NULL AND EXISTS (
              SELECT 1 FROM round_agencies ra JOIN user_line l ON l.id = ra.agency_id
              WHERE ra.round_id = r.id AND (l.depth = 0 OR r.include_sub_agencies))))::boolean AS round_visible,
       r.title AS round_title, r.submission_opens_at, r.submission_closes_at,
       t.name AS team_name, t.kind AS team_kind, t.agency_id AS team_agency_id, a.name AS team_agency_name,
       coalesce((SELECT rc.name FROM round_categories rc WHERE rc.id = c.category_id AND rc.round_id = c.round_id), '')::text AS category_name,
       EXISTS (SELECT 1 FROM round_categories rc WHERE rc.id = sqlc.narg(chosen_category_id)::uuid AND rc.round_id = c.round_id) AS chosen_category_found,
       coalesce((SELECT rc.name FROM round_categories rc WHERE rc.id = sqlc.narg(chosen_category_id)::uuid AND rc.round_id = c.round_id), '')::text AS chosen_category_name,
       coalesce((SELECT jsonb_agg(jsonb_build_object('id', x.id, 'filename', x.filename, 'contentType', x.content_type,
                  'sizeBytes', x.size_bytes, 'sha256', encode(x.sha256, 'hex'), 'public', x.public, 'createdAt', x.created_at)
                  ORDER BY x.created_at)
                 FROM attachments x WHERE x.case_id = c.id AND x.removed_at IS NULL), '[]')::jsonb AS files,
       v.content AS submitted_content, v.attachments AS submitted_attachments
FROM cases c
JOIN rounds r ON r.id = c.round_id
JOIN teams t ON t.id = c.team_id
JOIN agencies a ON a.id = t.agency_id
LEFT JOIN case_versions v ON v.case_id = c.id AND v.version = c.submitted_version
WHERE c.id = @id
FOR UPDATE OF c;

-- name: RecordSubmission :one
-- A submission in one statement: the new version and the case marked submitted with it.
WITH version AS (
    INSERT INTO case_versions (case_id, version, content, attachments, submitted_by)
    VALUES (@id, @version, @content, @attachments, @submitted_by)
)
UPDATE cases
SET status = 'submitted', submitted_version = @version, submitted_at = @submitted_at, revision = revision + 1,
    submitted_revision = revision + 1, updated_by = @submitted_by, updated_at = now()
WHERE id = @id
RETURNING *;
