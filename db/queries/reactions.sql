-- name: GetArchiveEntryRef :one
-- What reactions need of an entry: who wrote it and which agency moderates it.
SELECT id, case_id, agency_id, agency_name, title, team_name FROM archive_entries WHERE id = $1;

-- name: MarkHelpfulByUser :exec
INSERT INTO archive_helpful_marks (entry_id, user_id) VALUES (@entry_id, @user_id::uuid)
ON CONFLICT (entry_id, user_id) WHERE user_id IS NOT NULL DO NOTHING;

-- name: MarkHelpfulByClient :exec
INSERT INTO archive_helpful_marks (entry_id, client_hash) VALUES (@entry_id, @client_hash::bytea)
ON CONFLICT (entry_id, client_hash) WHERE client_hash IS NOT NULL DO NOTHING;

-- name: UnmarkHelpfulByUser :exec
DELETE FROM archive_helpful_marks WHERE entry_id = @entry_id AND user_id = @user_id::uuid;

-- name: UnmarkHelpfulByClient :exec
DELETE FROM archive_helpful_marks WHERE entry_id = @entry_id AND client_hash = @client_hash::bytea;

-- name: HelpfulState :one
-- The count of marks on an entry and whether the given user or browser made one of them.
-- Accounts and browsers are counted apart, so each part reads its own partial index.
SELECT ((SELECT count(*) FROM archive_helpful_marks h WHERE h.entry_id = @entry_id AND h.user_id IS NOT NULL)
        + (SELECT count(*) FROM archive_helpful_marks h WHERE h.entry_id = @entry_id AND h.client_hash IS NOT NULL))::int AS marks,
       (EXISTS (SELECT 1 FROM archive_helpful_marks h WHERE h.entry_id = @entry_id AND h.user_id = sqlc.narg(user_id)::uuid)
        OR EXISTS (SELECT 1 FROM archive_helpful_marks h WHERE h.entry_id = @entry_id AND h.client_hash = sqlc.narg(client_hash)::bytea))::boolean AS marked;

-- name: InsertArchiveQuestion :one
INSERT INTO archive_questions (entry_id, asked_by, body) VALUES ($1, $2, $3) RETURNING id;

-- name: ListArchiveQuestions :many
-- Newest first, each with its answer and, for moderators, who hid what.
SELECT q.id, q.entry_id, q.body, q.created_at, q.asked_by, qu.display_name AS asker_name,
       qa.id AS asker_agency_id, qa.name AS asker_agency_name,
       q.hidden_at, q.hidden_reason, qh.display_name AS hidden_by_name,
       an.body AS answer_body, an.created_at AS answered_at, an.updated_at AS answer_updated_at,
       an.hidden_at AS answer_hidden_at, an.hidden_reason AS answer_hidden_reason, ah.display_name AS answer_hidden_by_name
FROM archive_questions q
JOIN users qu ON qu.id = q.asked_by
JOIN agencies qa ON qa.id = qu.agency_id
LEFT JOIN users qh ON qh.id = q.hidden_by
LEFT JOIN archive_answers an ON an.question_id = q.id
LEFT JOIN users ah ON ah.id = an.hidden_by
WHERE q.entry_id = @entry_id AND (@include_hidden::boolean OR q.hidden_at IS NULL)
ORDER BY q.created_at DESC, q.id
LIMIT 200;

-- name: GetArchiveQuestion :one
SELECT q.id, q.entry_id, q.body, q.created_at, q.asked_by, qu.display_name AS asker_name,
       qa.id AS asker_agency_id, qa.name AS asker_agency_name,
       q.hidden_at, q.hidden_reason, qh.display_name AS hidden_by_name,
       an.body AS answer_body, an.created_at AS answered_at, an.updated_at AS answer_updated_at,
       an.hidden_at AS answer_hidden_at, an.hidden_reason AS answer_hidden_reason, ah.display_name AS answer_hidden_by_name
FROM archive_questions q
JOIN users qu ON qu.id = q.asked_by
JOIN agencies qa ON qa.id = qu.agency_id
LEFT JOIN users qh ON qh.id = q.hidden_by
LEFT JOIN archive_answers an ON an.question_id = q.id
LEFT JOIN users ah ON ah.id = an.hidden_by
WHERE q.id = $1;

-- name: UpsertArchiveAnswer :one
-- Writes or replaces the answer; a hidden answer is left alone (no row comes back), so an
-- edit cannot undo moderation. inserted tells a first answer from an edit.
INSERT INTO archive_answers (question_id, body, answered_by) VALUES ($1, $2, $3)
ON CONFLICT (question_id) DO UPDATE
SET body = excluded.body, answered_by = excluded.answered_by, updated_at = now()
WHERE archive_answers.hidden_at IS NULL
RETURNING (xmax = 0)::boolean AS inserted;

-- name: HideArchiveQuestion :execrows
UPDATE archive_questions SET hidden_at = now(), hidden_by = @hidden_by::uuid, hidden_reason = @hidden_reason::text
WHERE id = @id AND hidden_at IS NULL;

-- name: HideArchiveAnswer :execrows
UPDATE archive_answers SET hidden_at = now(), hidden_by = @hidden_by::uuid, hidden_reason = @hidden_reason::text
WHERE question_id = @question_id AND hidden_at IS NULL;

-- name: ArchiveEntryTeamMemberIDs :many
-- The members of the team whose case became the entry; none for imported entries.
SELECT tm.user_id
FROM archive_entries e JOIN cases c ON c.id = e.case_id JOIN team_members tm ON tm.team_id = c.team_id
WHERE e.id = $1;

-- name: AgencyOrganizerIDs :many
SELECT user_id FROM role_grants WHERE role = 'organizer' AND agency_id = @agency_id::uuid;
