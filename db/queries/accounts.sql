-- name: ListAgencies :many
-- Parents come before children so clients can build the tree in one pass.
WITH RECURSIVE tree AS (
    SELECT a.*, 0 AS depth, ARRAY[a.name] AS sort_path FROM agencies a WHERE a.parent_id IS NULL
    UNION ALL
    SELECT c.*, t.depth + 1, t.sort_path || c.name FROM agencies c JOIN tree t ON c.parent_id = t.id
)
SELECT id, name, level, region, parent_id, created_at FROM tree ORDER BY sort_path;

-- name: GetAgency :one
SELECT * FROM agencies WHERE id = $1;

-- name: GetAgencyByName :one
SELECT * FROM agencies WHERE name = $1;

-- name: CreateAgency :one
INSERT INTO agencies (name, level, region, parent_id)
VALUES ($1, $2, $3, $4)
RETURNING *;

-- name: AgencyAndDescendantIDs :many
WITH RECURSIVE sub AS (
    SELECT a.id FROM agencies a WHERE a.id = ANY(@roots::uuid[])
    UNION
    SELECT c.id FROM agencies c JOIN sub ON c.parent_id = sub.id
)
SELECT id FROM sub;

-- name: GetUserByEmail :one
SELECT * FROM users WHERE email = $1;

-- name: GetUser :one
SELECT * FROM users WHERE id = $1;

-- name: CreateUser :one
INSERT INTO users (email, display_name, agency_id, department, password_hash)
VALUES ($1, $2, $3, $4, $5)
RETURNING *;

-- name: UpdateUserProfile :one
UPDATE users
SET display_name = coalesce(sqlc.narg(display_name), display_name),
    department   = coalesce(sqlc.narg(department), department),
    updated_at   = now()
WHERE id = @id
RETURNING *;

-- name: UpdateUserPassword :exec
UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1;

-- name: ListUsers :many
-- A page of users, oldest first, after the cursor's (created_at, id).
SELECT * FROM users
WHERE sqlc.narg(after_at)::timestamptz IS NULL OR (created_at, id) > (sqlc.narg(after_at)::timestamptz, sqlc.narg(after_id)::uuid)
ORDER BY created_at, id
LIMIT @max_rows;

-- name: ListUsersInAgencies :many
SELECT * FROM users
WHERE agency_id = ANY(@agency_ids::uuid[])
  AND (sqlc.narg(after_at)::timestamptz IS NULL OR (created_at, id) > (sqlc.narg(after_at)::timestamptz, sqlc.narg(after_id)::uuid))
ORDER BY created_at, id
LIMIT @max_rows;

-- name: ListRoleGrantsForUsers :many
SELECT user_id, role, agency_id FROM role_grants
WHERE user_id = ANY(@user_ids::uuid[])
ORDER BY user_id, role, agency_id;

-- name: DeleteRoleGrants :exec
DELETE FROM role_grants WHERE user_id = $1;

-- name: AddRoleGrant :exec
INSERT INTO role_grants (user_id, role, agency_id) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING;

-- name: CreateInvitation :one
INSERT INTO invitations (token_hash, email, role, agency_id, department, invited_by, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING *;

-- name: GetInvitationByTokenHash :one
SELECT i.*, a.name AS agency_name, u.display_name AS inviter_name
FROM invitations i
JOIN agencies a ON a.id = i.agency_id
JOIN users u ON u.id = i.invited_by
WHERE i.token_hash = $1;

-- name: LockInvitationByTokenHash :one
SELECT * FROM invitations WHERE token_hash = $1 FOR UPDATE;

-- name: MarkInvitationAccepted :exec
UPDATE invitations SET accepted_at = now(), accepted_user_id = $2 WHERE id = $1;

-- name: GetInvitationByID :one
SELECT i.*, a.name AS agency_name, u.display_name AS inviter_name
FROM invitations i
JOIN agencies a ON a.id = i.agency_id
JOIN users u ON u.id = i.invited_by
WHERE i.id = $1;

-- name: LockInvitation :one
SELECT * FROM invitations WHERE id = $1 FOR UPDATE;

-- name: MarkInvitationRevoked :exec
UPDATE invitations SET revoked_at = now() WHERE id = $1;

-- name: RenewInvitation :one
-- A new token replaces the old one, so a link sent earlier stops working.
UPDATE invitations SET token_hash = @token_hash, expires_at = @expires_at WHERE id = @id
RETURNING *;

-- name: ListInvitations :many
SELECT i.*, a.name AS agency_name, u.display_name AS inviter_name
FROM invitations i
JOIN agencies a ON a.id = i.agency_id
JOIN users u ON u.id = i.invited_by
WHERE (sqlc.narg(agency_ids)::uuid[] IS NULL OR i.agency_id = ANY(sqlc.narg(agency_ids)::uuid[]))
  AND (sqlc.narg(before_at)::timestamptz IS NULL OR (i.created_at, i.id) < (sqlc.narg(before_at)::timestamptz, sqlc.narg(before_id)::uuid))
ORDER BY i.created_at DESC, i.id DESC
LIMIT @max_rows;

-- name: CreateRefreshToken :exec
INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at)
VALUES ($1, $2, $3, $4);

-- name: LockRefreshTokenByHash :one
SELECT * FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE;

-- name: MarkRefreshTokenUsed :exec
UPDATE refresh_tokens SET used_at = now() WHERE id = $1;

-- name: RevokeRefreshFamily :exec
UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL;

-- name: RevokeUserRefreshTokens :exec
UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL;

-- name: RecordLoginAttempt :exec
-- The trail of sign-ins for audit; the limits on failures are kept by package ratelimit.
INSERT INTO login_attempts (email, client_ip, succeeded) VALUES ($1, $2, $3);

-- name: GetServerSecret :one
SELECT value FROM server_secrets WHERE name = $1;

-- name: InsertServerSecret :one
-- Two servers starting at once agree on one key: the loser reads the winner's.
WITH ins AS (
    INSERT INTO server_secrets (name, value) VALUES ($1, $2)
    ON CONFLICT (name) DO NOTHING
    RETURNING value
)
SELECT value FROM ins
UNION ALL
SELECT s.value FROM server_secrets s WHERE s.name = $1 AND NOT EXISTS (SELECT 1 FROM ins);
