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
