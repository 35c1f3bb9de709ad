-- The archive's search index is now built by the application's tokenizer (api/textsearch),
-- which also parses queries. The PL/pgSQL tokenizer it replaces cost about 2 ms a case to
-- index, too slow to import a national archive, and could not take particles off queries.
-- search_version records which tokenizer rules built a row's vector; rows indexed under
-- other rules (all existing ones: 0) are indexed again at start-up, in batches.
ALTER TABLE archive_entries DROP COLUMN search;
DROP FUNCTION search_query(text);
DROP FUNCTION search_vector(text, text, text[], text, text);
DROP FUNCTION search_tokens(text);

ALTER TABLE archive_entries
    ADD COLUMN search tsvector NOT NULL DEFAULT '',
    ADD COLUMN search_version smallint NOT NULL DEFAULT 0;
CREATE INDEX archive_entries_search_idx ON archive_entries USING gin (search);
CREATE INDEX archive_entries_search_version_idx ON archive_entries (search_version);
