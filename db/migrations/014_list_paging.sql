-- Indexes in the order the paged lists read (keyset paging: each page continues after the
-- last row of the previous one by (key, id), so the index must hold both, in that order).

-- Users: oldest first, overall (admins) and within agencies (organizers).
CREATE INDEX users_created_idx ON users (created_at, id);
CREATE INDEX users_agency_created_idx ON users (agency_id, created_at, id);

-- Invitations: newest first, overall and per agency; the second replaces the old index
-- without the id.
CREATE INDEX invitations_created_idx ON invitations (created_at DESC, id DESC);
CREATE INDEX invitations_agency_created_idx ON invitations (agency_id, created_at DESC, id DESC);
DROP INDEX invitations_agency_idx;

-- The admin audit log filtered by action, newest (highest id) first.
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);

-- A user's notifications, newest first.
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC, id DESC);
DROP INDEX notifications_user_idx;

-- A round's submitted cases in order of submission.
CREATE INDEX cases_round_submitted_idx ON cases (round_id, submitted_at, id) WHERE submitted_version > 0;
