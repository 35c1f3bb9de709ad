-- The public archive of winning cases, searched in Korean inside PostgreSQL, and the
-- record of other agencies adopting them (벤치마킹).

-- search_tokens is the one tokenizer, used to index documents and to parse queries:
--   * text is NFKC-normalized and lowercased;
--   * each run of Hangul syllables becomes its overlapping two-syllable pieces (a run of one
--     syllable stays whole), so 부천 finds 부천시가 and 건축물 finds 위반건축물;
--   * two Hangul runs separated by exactly one space also give the piece across the space
--     (이음 콜 gives 음콜), so spacing variants meet: 이음콜 ↔ 이음 콜;
--   * runs of Latin letters and digits stay whole words (119, mz, cctv).
CREATE FUNCTION search_tokens(doc text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
    s      text := lower(normalize(doc, NFKC));
    seg    text;
    tokens text[] := '{}';
    prev   text := NULL;
    i      integer;
BEGIN
    FOR seg IN SELECT (regexp_matches(s, '[가-힣]+|[a-z0-9]+|\s+|[^가-힣a-z0-9\s]+', 'g'))[1] LOOP
        IF seg ~ '^[가-힣]+$' THEN
            IF prev IS NOT NULL THEN
                tokens := tokens || (right(prev, 1) || left(seg, 1));
            END IF;
            IF length(seg) = 1 THEN
                tokens := tokens || seg;
            ELSE
                FOR i IN 1 .. length(seg) - 1 LOOP
                    tokens := tokens || substr(seg, i, 2);
                END LOOP;
            END IF;
            prev := seg;
        ELSIF seg = ' ' AND prev IS NOT NULL THEN
            -- keep prev: the next Hangul run may join across this one space
            NULL;
        ELSE
            prev := NULL;
            IF seg ~ '^[a-z0-9]+$' THEN
                tokens := tokens || seg;
            END IF;
        END IF;
    END LOOP;
    RETURN tokens;
END
$$;

-- search_vector weighs a document's title (A), summary with tags and category (B), and
-- body (C). PL/pgSQL keeps it opaque, so the immutable contract holds for the generated
-- column even though array_to_string itself is only stable.
CREATE FUNCTION search_vector(title text, summary text, tags text[], category text, body text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN setweight(to_tsvector('simple', array_to_string(search_tokens(coalesce(title, '')), ' ')), 'A')
        || setweight(to_tsvector('simple', array_to_string(search_tokens(
               coalesce(summary, '') || ' ' || array_to_string(coalesce(tags, '{}'), ' ') || ' ' || coalesce(category, '')), ' ')), 'B')
        || setweight(to_tsvector('simple', array_to_string(search_tokens(coalesce(body, '')), ' ')), 'C');
END
$$;

-- search_query parses what a user typed: words are ANDed; a one-syllable Hangul word is
-- glued to its neighbour (원 스톱 → 원스톱); a word's pieces must stand in sequence. Returns
-- NULL when nothing searchable is left (only punctuation, say). The query text never
-- reaches to_tsquery's syntax: every lexeme is quoted.
CREATE FUNCTION search_query(q text) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
    words  text[] := '{}';
    w      text;
    glued  text[] := '{}';
    parts  text[];
    result tsquery := NULL;
    phrase tsquery;
    t      text;
BEGIN
    FOR w IN SELECT unnest(regexp_split_to_array(trim(lower(normalize(q, NFKC))), '\s+')) LOOP
        IF w <> '' THEN
            words := words || w;
        END IF;
    END LOOP;
    FOREACH w IN ARRAY words LOOP
        IF w ~ '^[가-힣]$' AND array_length(glued, 1) > 0 AND glued[array_length(glued, 1)] ~ '[가-힣]$' THEN
            glued[array_length(glued, 1)] := glued[array_length(glued, 1)] || w;
        ELSIF array_length(glued, 1) = 1 AND glued[1] ~ '^[가-힣]$' AND w ~ '^[가-힣]' THEN
            glued[1] := glued[1] || w;
        ELSE
            glued := glued || w;
        END IF;
    END LOOP;
    FOREACH w IN ARRAY glued LOOP
        parts := search_tokens(w);
        phrase := NULL;
        FOREACH t IN ARRAY parts LOOP
            IF phrase IS NULL THEN
                phrase := quote_literal(t)::tsquery;
            ELSE
                phrase := phrase <-> quote_literal(t)::tsquery;
            END IF;
        END LOOP;
        IF phrase IS NOT NULL THEN
            result := CASE WHEN result IS NULL THEN phrase ELSE result && phrase END;
        END IF;
    END LOOP;
    RETURN result;
END
$$;

-- An archive entry is the public face of a winning case: copied when results are
-- published, or imported from an agency's records of past winners. Only public fields are
-- kept: the team's name and agency, never its members.
CREATE TABLE archive_entries (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id         uuid UNIQUE REFERENCES cases (id) ON DELETE SET NULL,
    external_id     text UNIQUE,
    agency_id       uuid NOT NULL REFERENCES agencies (id),
    -- The agency's name as published, searchable with the case (부천 finds 부천시's cases).
    agency_name     text NOT NULL,
    title           text NOT NULL,
    summary         text NOT NULL DEFAULT '',
    problem         text NOT NULL DEFAULT '',
    solution        text NOT NULL DEFAULT '',
    outcomes        text NOT NULL DEFAULT '',
    metrics         jsonb NOT NULL DEFAULT '[]',
    collaborators   jsonb NOT NULL DEFAULT '[]',
    tags            text[] NOT NULL DEFAULT '{}',
    category        text NOT NULL DEFAULT '',
    team_name       text NOT NULL DEFAULT '',
    team_kind       text NOT NULL DEFAULT '',
    year            integer NOT NULL,
    period          text NOT NULL,
    round_title     text NOT NULL DEFAULT '',
    award_name      text NOT NULL DEFAULT '',
    award_tier      text NOT NULL DEFAULT '',
    stage           text NOT NULL DEFAULT '',
    evidence_level  smallint,
    licence         text NOT NULL DEFAULT '',
    attachments     jsonb NOT NULL DEFAULT '[]',
    published_on    date NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    search          tsvector GENERATED ALWAYS AS (
        search_vector(title, summary, tags, category || ' ' || agency_name,
                      problem || ' ' || solution || ' ' || outcomes || ' ' || team_name)) STORED,
    CONSTRAINT archive_entries_source CHECK (case_id IS NOT NULL OR external_id IS NOT NULL)
);
CREATE INDEX archive_entries_search_idx ON archive_entries USING gin (search);
CREATE INDEX archive_entries_agency_idx ON archive_entries (agency_id);
CREATE INDEX archive_entries_published_idx ON archive_entries (published_on DESC, id);

CREATE TABLE adoptions (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    entry_id       uuid NOT NULL REFERENCES archive_entries (id) ON DELETE CASCADE,
    agency_id      uuid NOT NULL REFERENCES agencies (id),
    status         text NOT NULL CHECK (status IN ('interested', 'adopted')),
    adopted_on     date,
    adaptation     text NOT NULL DEFAULT '',
    results        jsonb NOT NULL DEFAULT '[]',
    recorded_by    uuid NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT adoptions_entry_agency_key UNIQUE (entry_id, agency_id),
    CONSTRAINT adoptions_adopted_has_date CHECK (status = 'interested' OR adopted_on IS NOT NULL)
);
CREATE INDEX adoptions_agency_idx ON adoptions (agency_id);
