-- Search that stays fast when a word is in most of a national archive's cases.
--
-- search_lead indexes the title (weight A) and the summary, tags, category and agency (B)
-- alone: small enough to stay on the row (STORAGE MAIN), it decides the ranking's tiers
-- without reading the case's whole vector, and lets a page of results be found by reading
-- entries newest first until enough have matched.
--
-- sample is a random number from 0 to 999: counting the facets of a result of hundreds of
-- thousands of cases reads the matches with sample < k and scales the counts, the answer
-- saying they are estimates. It is the second column of the GIN index (btree_gin, shipped
-- with PostgreSQL), so a sampled count reads only the sampled matches' index entries.
--
-- toast_tuple_target keeps each row short by moving the case's text out of line, so that
-- scans that read many rows for a few columns read few pages.
CREATE EXTENSION IF NOT EXISTS btree_gin;

ALTER TABLE archive_entries
    ADD COLUMN search_lead tsvector NOT NULL DEFAULT '',
    ADD COLUMN sample smallint NOT NULL DEFAULT floor(random() * 1000);
ALTER TABLE archive_entries ALTER COLUMN search_lead SET STORAGE MAIN;
ALTER TABLE archive_entries SET (toast_tuple_target = 256);

DROP INDEX archive_entries_search_idx;
CREATE INDEX archive_entries_search_idx ON archive_entries USING gin (search, sample);
CREATE INDEX archive_entries_search_lead_idx ON archive_entries USING gin (search_lead);

-- Matching a tsvector costs the planner one operator by default, but reading a case's
-- vector (kept out of line and compressed) costs microseconds: with the default, PostgreSQL
-- scans the whole archive rather than use the index for a condition it thinks is cheap. The
-- setting is this database's own copy of the function's; a role that may not change it
-- keeps the default and gets slower plans, not wrong answers.
DO $$
BEGIN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) COST 500;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'ts_match_vq keeps its default cost: %', SQLERRM;
END
$$;

-- Pages come newest first with the id breaking ties, both descending: an index in exactly
-- that order lets a page be read off it, stopping when it is full.
DROP INDEX archive_entries_published_idx;
CREATE INDEX archive_entries_newest_idx ON archive_entries (published_on DESC, id DESC);

-- archive_match is @@ that the planner cannot see into: for words in a good share of the
-- archive the search asks for a page newest first with this, so PostgreSQL reads the index
-- above in order and stops at a full page, instead of trusting its estimate for a phrase
-- (it takes the pieces of 위기가구 as independent, and finds one row where there are
-- thousands) and reading every match. Its cost says a call is dear, which it is.
CREATE FUNCTION archive_match(search tsvector, query tsquery) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT COST 1000 AS $$
BEGIN
    RETURN search @@ query;
END
$$;

-- The filters people combine with a query or use alone.
CREATE INDEX archive_entries_year_idx ON archive_entries (year);
CREATE INDEX archive_entries_category_idx ON archive_entries (category);
CREATE INDEX archive_entries_award_tier_idx ON archive_entries (award_tier);
