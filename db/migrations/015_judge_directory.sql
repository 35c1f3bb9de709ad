-- Judge profiles for the judge directory (심사위원 인력풀): what a judge tells organizers of
-- every agency about themselves, and whether they appear at all.
--
-- The profile holds no affiliation of its own that conflicts could be read from: a judge's
-- agency and department stay the account's (users.agency_id, users.department), which the
-- conflict rules use. affiliation_note is display text only ("OO대학교 행정학과 교수").
CREATE TABLE judge_profiles (
    user_id            uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    affiliation_note   text NOT NULL DEFAULT '' CHECK (char_length(affiliation_note) <= 100),
    fields             text[] NOT NULL DEFAULT '{}' CHECK (fields <@ ARRAY[
        'administration', 'digital', 'welfare', 'safety', 'environment', 'economy', 'culture',
        'health', 'education', 'transport', 'regulation', 'citizen_participation']::text[]),
    keywords           text[] NOT NULL DEFAULT '{}' CHECK (cardinality(keywords) <= 10),
    bio                text NOT NULL DEFAULT '' CHECK (char_length(bio) <= 500),
    -- Opt-in: nobody appears in the directory until they choose to.
    listed             boolean NOT NULL DEFAULT false,
    -- What contact data the directory shows; nothing unless the judge allows it.
    contact_visibility text NOT NULL DEFAULT 'none' CHECK (contact_visibility IN ('none', 'email')),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX judge_profiles_listed_idx ON judge_profiles (user_id) WHERE listed;
