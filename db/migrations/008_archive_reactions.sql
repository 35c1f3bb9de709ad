-- Public reactions on archived cases: 도움이 됐어요 marks, and questions to the team that
-- wrote the case with its answers, moderated by the organizers of the case's agency.

-- One mark per signed-in user, or per browser for anonymous visitors. A browser is known
-- only by a keyed hash of the random id it keeps, so the table holds neither the id nor
-- the visitor's address.
CREATE TABLE archive_helpful_marks (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id    uuid NOT NULL REFERENCES archive_entries (id) ON DELETE CASCADE,
    user_id     uuid REFERENCES users (id) ON DELETE CASCADE,
    client_hash bytea,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT archive_helpful_marks_one_marker CHECK ((user_id IS NULL) <> (client_hash IS NULL))
);
CREATE UNIQUE INDEX archive_helpful_marks_user_key ON archive_helpful_marks (entry_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX archive_helpful_marks_client_key ON archive_helpful_marks (entry_id, client_hash) WHERE client_hash IS NOT NULL;

-- A hidden post stays, with who hid it, when and why: moderation is on record and can be
-- reviewed, and the asker's words are not lost if hiding was a mistake.
CREATE TABLE archive_questions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    entry_id      uuid NOT NULL REFERENCES archive_entries (id) ON DELETE CASCADE,
    asked_by      uuid NOT NULL REFERENCES users (id),
    body          text NOT NULL CHECK (char_length(body) BETWEEN 5 AND 1000),
    created_at    timestamptz NOT NULL DEFAULT now(),
    hidden_at     timestamptz,
    hidden_by     uuid REFERENCES users (id),
    hidden_reason text,
    CONSTRAINT archive_questions_hidden CHECK (
        (hidden_at IS NULL) = (hidden_by IS NULL) AND (hidden_at IS NULL) = (hidden_reason IS NULL))
);
CREATE INDEX archive_questions_entry_idx ON archive_questions (entry_id, created_at DESC);

-- One answer per question, from the team (or, for imported cases, the agency's organizers);
-- edits replace it and answered_by names the last editor.
CREATE TABLE archive_answers (
    question_id   uuid PRIMARY KEY REFERENCES archive_questions (id) ON DELETE CASCADE,
    body          text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
    answered_by   uuid NOT NULL REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    hidden_at     timestamptz,
    hidden_by     uuid REFERENCES users (id),
    hidden_reason text,
    CONSTRAINT archive_answers_hidden CHECK (
        (hidden_at IS NULL) = (hidden_by IS NULL) AND (hidden_at IS NULL) = (hidden_reason IS NULL))
);
