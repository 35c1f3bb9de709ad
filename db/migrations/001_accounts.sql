-- Agencies, users, roles, invitations and sessions.

CREATE TYPE agency_level AS ENUM ('central', 'metropolitan', 'basic', 'public_institution');

CREATE TABLE agencies (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name       text NOT NULL,
    level      agency_level NOT NULL,
    region     text NOT NULL,
    parent_id  uuid REFERENCES agencies (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT agencies_name_key UNIQUE (name),
    CONSTRAINT agencies_not_own_parent CHECK (parent_id <> id)
);
CREATE INDEX agencies_parent_idx ON agencies (parent_id);

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text NOT NULL,
    display_name  text NOT NULL,
    agency_id     uuid NOT NULL REFERENCES agencies (id),
    department    text NOT NULL DEFAULT '',
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_lowercase CHECK (email = lower(email))
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TYPE role AS ENUM ('admin', 'organizer', 'judge', 'member');

-- An organizer organizes for one agency (and its sub-agencies); the other roles are global.
CREATE TABLE role_grants (
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       role NOT NULL,
    agency_id  uuid REFERENCES agencies (id),
    granted_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT role_grants_agency_only_for_organizer CHECK ((role = 'organizer') = (agency_id IS NOT NULL)),
    CONSTRAINT role_grants_unique UNIQUE NULLS NOT DISTINCT (user_id, role, agency_id)
);

CREATE TABLE invitations (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash       bytea NOT NULL,
    email            text NOT NULL,
    role             role NOT NULL,
    agency_id        uuid NOT NULL REFERENCES agencies (id),
    department       text NOT NULL DEFAULT '',
    invited_by       uuid NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    accepted_at      timestamptz,
    accepted_user_id uuid REFERENCES users (id),
    CONSTRAINT invitations_token_hash_key UNIQUE (token_hash),
    CONSTRAINT invitations_email_lowercase CHECK (email = lower(email))
);
CREATE INDEX invitations_agency_idx ON invitations (agency_id, created_at DESC);

-- Refresh tokens rotate: each use marks the token used and issues a successor in the same
-- family. Presenting a used token means it leaked, so the whole family is revoked.
CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    family_id  uuid NOT NULL,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz,
    CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Every login attempt, for rate limiting per account and per address and for the audit trail.
CREATE TABLE login_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text NOT NULL,
    client_ip    text NOT NULL,
    succeeded    boolean NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (client_ip, attempted_at);

-- Secrets the server generates on first start (the JWT signing key) unless configured.
CREATE TABLE server_secrets (
    name       text PRIMARY KEY,
    value      bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
