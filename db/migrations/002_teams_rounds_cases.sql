-- Teams, rounds (경진대회 회차) and the cases (우수사례) teams submit to them.

CREATE TYPE team_kind AS ENUM ('innovation_team', 'mz_discovery_group', 'policy_club', 'department', 'individual');
CREATE TYPE team_member_role AS ENUM ('leader', 'member');

CREATE TABLE teams (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_id   uuid NOT NULL REFERENCES agencies (id),
    name        text NOT NULL,
    kind        team_kind NOT NULL,
    description text NOT NULL DEFAULT '',
    created_by  uuid NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX teams_agency_idx ON teams (agency_id);

CREATE TABLE team_members (
    team_id   uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      team_member_role NOT NULL,
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

CREATE TABLE team_invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    team_id     uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    email       text NOT NULL,
    invited_by  uuid NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    accepted_at timestamptz,
    declined_at timestamptz,
    CONSTRAINT team_invitations_email_lowercase CHECK (email = lower(email))
);
CREATE UNIQUE INDEX team_invitations_pending_key ON team_invitations (team_id, email)
    WHERE accepted_at IS NULL AND declined_at IS NULL;
CREATE INDEX team_invitations_email_idx ON team_invitations (email);

CREATE TYPE period AS ENUM ('H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', 'annual', 'custom');

CREATE TABLE rounds (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    host_agency_id       uuid NOT NULL REFERENCES agencies (id),
    title                text NOT NULL,
    award_name           text NOT NULL,
    year                 integer NOT NULL,
    period               period NOT NULL,
    description          text NOT NULL DEFAULT '',
    include_sub_agencies boolean NOT NULL,
    -- text[] rather than team_kind[]: arrays of enums need per-connection type registration.
    eligible_team_kinds  text[] NOT NULL CHECK (eligible_team_kinds <@ ARRAY['innovation_team', 'mz_discovery_group', 'policy_club', 'department', 'individual']),
    submission_opens_at  timestamptz NOT NULL,
    submission_closes_at timestamptz NOT NULL,
    judging_closes_at    timestamptz NOT NULL,
    results_announced_at timestamptz NOT NULL,
    published_at         timestamptz,
    created_by           uuid NOT NULL REFERENCES users (id),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rounds_schedule_in_order CHECK (
        submission_opens_at < submission_closes_at
        AND submission_closes_at <= judging_closes_at
        AND judging_closes_at <= results_announced_at)
);
CREATE INDEX rounds_host_idx ON rounds (host_agency_id);

CREATE TABLE round_agencies (
    round_id  uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (round_id, agency_id)
);
CREATE INDEX round_agencies_agency_idx ON round_agencies (agency_id);

-- Categories (분야) keep their ids across edits of the round, so cases keep pointing at them.
CREATE TABLE round_categories (
    id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    name     text NOT NULL,
    position integer NOT NULL,
    CONSTRAINT round_categories_name_key UNIQUE (round_id, name)
);

CREATE TABLE award_tiers (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id    uuid NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    name        text NOT NULL,
    position    integer NOT NULL,
    award_count integer NOT NULL CHECK (award_count > 0),
    prize_krw   bigint NOT NULL CHECK (prize_krw >= 0)
);
CREATE INDEX award_tiers_round_idx ON award_tiers (round_id, position);

CREATE TYPE case_status AS ENUM ('draft', 'submitted', 'withdrawn', 'judging', 'awarded', 'not_awarded');
CREATE TYPE case_stage AS ENUM ('idea', 'pilot', 'implemented', 'spread');
CREATE TYPE licence_type AS ENUM ('kogl1', 'kogl2', 'kogl3', 'kogl4', 'none');

-- The row is the team's working copy; case_versions keeps each submission unchanged.
-- Metrics and collaborators are edited and versioned with the case as one document.
CREATE TABLE cases (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    round_id          uuid NOT NULL REFERENCES rounds (id),
    team_id           uuid NOT NULL REFERENCES teams (id),
    status            case_status NOT NULL DEFAULT 'draft',
    revision          integer NOT NULL DEFAULT 1,
    submitted_version integer NOT NULL DEFAULT 0,
    title             text NOT NULL,
    summary           text NOT NULL DEFAULT '',
    problem           text NOT NULL DEFAULT '',
    solution          text NOT NULL DEFAULT '',
    outcomes          text NOT NULL DEFAULT '',
    category_id       uuid REFERENCES round_categories (id),
    tags              text[] NOT NULL DEFAULT '{}',
    beneficiaries     text NOT NULL DEFAULT '',
    cost_krw          bigint CHECK (cost_krw >= 0),
    savings_krw       bigint CHECK (savings_krw >= 0),
    started_on        date,
    stage             case_stage,
    evidence_level    smallint CHECK (evidence_level BETWEEN 1 AND 5),
    licence           licence_type,
    metrics           jsonb NOT NULL DEFAULT '[]',
    collaborators     jsonb NOT NULL DEFAULT '[]',
    created_by        uuid NOT NULL REFERENCES users (id),
    updated_by        uuid NOT NULL REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    submitted_at      timestamptz
);
CREATE INDEX cases_round_idx ON cases (round_id, status);
CREATE INDEX cases_team_idx ON cases (team_id);

CREATE TABLE case_versions (
    case_id      uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    version      integer NOT NULL,
    content      jsonb NOT NULL,
    attachments  jsonb NOT NULL,
    submitted_by uuid NOT NULL REFERENCES users (id),
    submitted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, version)
);

-- File contents are stored once per SHA-256; attachments point at them. Removing an
-- attachment from the working copy keeps its row (removed_at), because submitted
-- versions may still list it.
CREATE TABLE attachment_blobs (
    sha256     bytea PRIMARY KEY,
    size_bytes bigint NOT NULL,
    data       bytea NOT NULL
);

CREATE TABLE attachments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id      uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    filename     text NOT NULL,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL CHECK (size_bytes > 0),
    sha256       bytea NOT NULL REFERENCES attachment_blobs (sha256),
    public       boolean NOT NULL DEFAULT false,
    created_by   uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    removed_at   timestamptz
);
CREATE INDEX attachments_case_idx ON attachments (case_id) WHERE removed_at IS NULL;
