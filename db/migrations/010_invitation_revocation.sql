-- Invitations can be withdrawn before they are used. The rows stay (with the time of
-- withdrawal) so that the audit trail and the invitation list keep what was sent.

-- Revoking is final: a revoked invitation cannot be resent, only replaced by a new one.
ALTER TABLE invitations ADD COLUMN revoked_at timestamptz;

-- A cancelled team invitation no longer counts as pending, so the same address can be
-- invited again afterwards.
ALTER TABLE team_invitations ADD COLUMN cancelled_at timestamptz;
DROP INDEX team_invitations_pending_key;
CREATE UNIQUE INDEX team_invitations_pending_key ON team_invitations (team_id, email)
    WHERE accepted_at IS NULL AND declined_at IS NULL AND cancelled_at IS NULL;
