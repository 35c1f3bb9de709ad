-- name: CreateTeam :one
INSERT INTO teams (agency_id, name, kind, description, created_by)
VALUES ($1, $2, $3, $4, $5)
RETURNING *;

-- name: GetTeam :one
SELECT t.*, a.name AS agency_name,
       (SELECT count(*) FROM team_members m WHERE m.team_id = t.id)::int AS member_count
FROM teams t JOIN agencies a ON a.id = t.agency_id
WHERE t.id = $1;

-- name: ListTeamsOfUser :many
SELECT t.*, a.name AS agency_name, my.role AS my_role,
       (SELECT count(*) FROM team_members m WHERE m.team_id = t.id)::int AS member_count
FROM team_members my
JOIN teams t ON t.id = my.team_id
JOIN agencies a ON a.id = t.agency_id
WHERE my.user_id = $1
ORDER BY t.created_at;

-- name: UpdateTeam :one
UPDATE teams
SET name = coalesce(sqlc.narg(name), name),
    description = coalesce(sqlc.narg(description), description)
WHERE id = @id
RETURNING *;

-- name: GetTeamMember :one
SELECT * FROM team_members WHERE team_id = $1 AND user_id = $2;

-- name: ListTeamMembers :many
SELECT m.user_id, m.role, m.joined_at, u.display_name, u.email, u.department
FROM team_members m JOIN users u ON u.id = m.user_id
WHERE m.team_id = $1
ORDER BY m.role, m.joined_at;

-- name: AddTeamMember :exec
INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, $3);

-- name: SetTeamMemberRole :one
UPDATE team_members SET role = $3 WHERE team_id = $1 AND user_id = $2 RETURNING *;

-- name: RemoveTeamMember :execrows
DELETE FROM team_members WHERE team_id = $1 AND user_id = $2;

-- name: LockTeamLeaders :many
-- Locks the team's leader rows so that two leaders cannot both step down at once.
SELECT user_id FROM team_members WHERE team_id = $1 AND role = 'leader' FOR UPDATE;

-- name: CreateTeamInvitation :one
INSERT INTO team_invitations (team_id, email, invited_by) VALUES ($1, $2, $3)
RETURNING *;

-- name: ListPendingTeamInvitationsForTeam :many
SELECT i.id, i.email, i.created_at, u.display_name AS inviter_name
FROM team_invitations i JOIN users u ON u.id = i.invited_by
WHERE i.team_id = $1 AND i.accepted_at IS NULL AND i.declined_at IS NULL AND i.cancelled_at IS NULL
ORDER BY i.created_at;

-- name: ListPendingTeamInvitationsForEmail :many
SELECT i.id, i.email, i.created_at, u.display_name AS inviter_name,
       t.id AS team_id, t.name AS team_name, t.kind AS team_kind, a.id AS agency_id, a.name AS agency_name
FROM team_invitations i
JOIN users u ON u.id = i.invited_by
JOIN teams t ON t.id = i.team_id
JOIN agencies a ON a.id = t.agency_id
WHERE i.email = $1 AND i.accepted_at IS NULL AND i.declined_at IS NULL AND i.cancelled_at IS NULL
ORDER BY i.created_at;

-- name: LockTeamInvitation :one
SELECT * FROM team_invitations WHERE id = $1 FOR UPDATE;

-- name: MarkTeamInvitationAccepted :exec
UPDATE team_invitations SET accepted_at = now() WHERE id = $1;

-- name: MarkTeamInvitationDeclined :exec
UPDATE team_invitations SET declined_at = now() WHERE id = $1;

-- name: CancelTeamInvitation :execrows
-- Only a pending invitation of the named team is cancelled; zero rows means there was none.
UPDATE team_invitations SET cancelled_at = now()
WHERE id = $1 AND team_id = $2 AND accepted_at IS NULL AND declined_at IS NULL AND cancelled_at IS NULL;

-- name: GetTeamByName :one
SELECT * FROM teams WHERE agency_id = $1 AND name = $2 ORDER BY created_at LIMIT 1;
