-- The citizen panel (국민심사단): citizens invited by e-mail to score a stage's cases with a
-- simpler rubric, their mean weighted separately in the stage score.

-- A citizen signs in to score as a panel member and holds no other rights.
ALTER TYPE role ADD VALUE IF NOT EXISTS 'citizen';

ALTER TABLE stage_judges DROP CONSTRAINT stage_judges_kind_check;
ALTER TABLE stage_judges ADD CONSTRAINT stage_judges_kind_check CHECK (kind IN ('internal', 'external', 'citizen'));

-- The panel's share (percent) of the stage score and its rubric, fixed when the stage opens
-- like the judges' rubric.
ALTER TABLE stages
    ADD COLUMN panel_share double precision NOT NULL DEFAULT 0 CHECK (panel_share BETWEEN 0 AND 100),
    ADD COLUMN panel_criteria jsonb NOT NULL DEFAULT '[]',
    ADD CONSTRAINT stages_public_shares CHECK (panel_share + vote_share <= 100);

-- Who was invited to a stage's panel; user_id is set once the invitation is accepted (or at
-- once for an existing account).
CREATE TABLE stage_panel_members (
    stage_id      uuid NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
    email         text NOT NULL CHECK (email = lower(email)),
    invitation_id uuid REFERENCES invitations (id),
    user_id       uuid REFERENCES users (id),
    invited_by    uuid NOT NULL REFERENCES users (id),
    invited_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stage_id, email)
);
CREATE INDEX stage_panel_members_invitation_idx ON stage_panel_members (invitation_id);
