-- The public vote (온라인 국민투표) on a stage's finalists: its rules and window, the
-- one-time codes that verify a voter's e-mail address, and the ballots.

-- The share (percent) of the stage's score that comes from the vote; the judges have the rest.
ALTER TABLE stages
    ADD COLUMN vote_share double precision NOT NULL DEFAULT 0 CHECK (vote_share BETWEEN 0 AND 100);

CREATE TABLE stage_votes (
    stage_id    uuid PRIMARY KEY REFERENCES stages (id) ON DELETE CASCADE,
    opens_at    timestamptz NOT NULL,
    closes_at   timestamptz NOT NULL,
    -- How many different cases one person may vote for (one vote per case).
    max_choices integer NOT NULL CHECK (max_choices BETWEEN 1 AND 20),
    show_counts boolean NOT NULL DEFAULT false,
    intro       text NOT NULL DEFAULT '',
    updated_by  uuid NOT NULL REFERENCES users (id),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT stage_votes_window CHECK (closes_at > opens_at)
);

-- A voter is known only by a keyed hash of the normalized address, so the same person cannot
-- vote twice and the table does not hold addresses.
CREATE TABLE vote_verifications (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    stage_id    uuid NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
    voter_hash  bytea NOT NULL,
    code_hash   bytea NOT NULL,
    expires_at  timestamptz NOT NULL,
    attempts    integer NOT NULL DEFAULT 0,
    used_at     timestamptz,
    client_ip   text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vote_verifications_voter_idx ON vote_verifications (stage_id, voter_hash, created_at);
CREATE INDEX vote_verifications_ip_idx ON vote_verifications (client_ip, created_at);

CREATE TABLE ballots (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    stage_id        uuid NOT NULL REFERENCES stages (id) ON DELETE CASCADE,
    voter_hash      bytea NOT NULL,
    -- How the voter was verified: a one-time code sent to the address, or a signed-in account.
    verified_by     text NOT NULL CHECK (verified_by IN ('email_code', 'account')),
    verification_id uuid REFERENCES vote_verifications (id),
    user_id         uuid REFERENCES users (id),
    client_ip       text NOT NULL DEFAULT '',
    user_agent      text NOT NULL DEFAULT '',
    cast_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ballots_one_per_voter UNIQUE (stage_id, voter_hash),
    CONSTRAINT ballots_verified CHECK ((verified_by = 'email_code') = (verification_id IS NOT NULL)
        AND (verified_by = 'account') = (user_id IS NOT NULL))
);
CREATE INDEX ballots_stage_time_idx ON ballots (stage_id, cast_at);

CREATE TABLE ballot_choices (
    ballot_id uuid NOT NULL REFERENCES ballots (id) ON DELETE CASCADE,
    stage_id  uuid NOT NULL,
    case_id   uuid NOT NULL,
    PRIMARY KEY (ballot_id, case_id),
    FOREIGN KEY (stage_id, case_id) REFERENCES stage_cases (stage_id, case_id) ON DELETE CASCADE
);
CREATE INDEX ballot_choices_case_idx ON ballot_choices (stage_id, case_id);
