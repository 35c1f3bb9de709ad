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

-- What the archive's list sorts and counts by, kept on the row so that a search touches no
-- other table and no JSON: whether a case has metrics, and how many agencies adopted it
-- (kept by a trigger on adoptions, the one place that changes it).
ALTER TABLE archive_entries
    ADD COLUMN has_metrics boolean GENERATED ALWAYS AS (jsonb_array_length(metrics) > 0) STORED,
    ADD COLUMN adopted_count integer NOT NULL DEFAULT 0;
UPDATE archive_entries e SET adopted_count = c.n
FROM (SELECT entry_id, count(*) AS n FROM adoptions WHERE status = 'adopted' GROUP BY entry_id) c
WHERE e.id = c.entry_id;
CREATE INDEX archive_entries_adopted_idx ON archive_entries (adopted_count DESC, published_on DESC, id DESC);

CREATE FUNCTION archive_count_adoptions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'adopted' THEN
        UPDATE archive_entries SET adopted_count = adopted_count - 1 WHERE id = OLD.entry_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'adopted' THEN
        UPDATE archive_entries SET adopted_count = adopted_count + 1 WHERE id = NEW.entry_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER adoptions_count AFTER INSERT OR UPDATE OR DELETE ON adoptions
    FOR EACH ROW EXECUTE FUNCTION archive_count_adoptions();

-- The facet counts of the whole archive, for the list with no query and no filter: counting
-- a national archive on every visit would read every row. Statement triggers with transition
-- tables keep it, so a batch of imported rows costs one grouped upsert, not one per row.
-- Rows are upserted in key order, so concurrent batches lock them in the same order.
CREATE TABLE archive_facet_totals (
    facet text NOT NULL,
    value text NOT NULL,
    label text NOT NULL,
    n     bigint NOT NULL,
    PRIMARY KEY (facet, value)
);

CREATE FUNCTION archive_facet_rows(e archive_entries, region text)
RETURNS TABLE (facet text, value text, label text)
LANGUAGE sql IMMUTABLE AS $$
    SELECT * FROM (VALUES
        ('year', e.year::text, e.year::text),
        ('period', e.period, e.period),
        ('agency', e.agency_id::text, e.agency_name),
        ('region', region, region),
        ('category', e.category, e.category),
        ('awardTier', e.award_tier, e.award_tier),
        ('teamKind', e.team_kind, e.team_kind),
        ('stage', e.stage, e.stage),
        ('evidenceLevel', e.evidence_level::text, e.evidence_level::text),
        ('hasMetrics', e.has_metrics::text, e.has_metrics::text)) AS f(facet, value, label)
    WHERE f.value IS NOT NULL AND f.value <> ''
$$;

CREATE FUNCTION archive_count_facets() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO archive_facet_totals (facet, value, label, n)
        SELECT f.facet, f.value, max(f.label), count(*)
        FROM new_rows e JOIN agencies a ON a.id = e.agency_id, archive_facet_rows(e, a.region) f
        GROUP BY f.facet, f.value ORDER BY f.facet, f.value
        ON CONFLICT (facet, value) DO UPDATE SET n = archive_facet_totals.n + excluded.n, label = excluded.label;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE archive_facet_totals t SET n = t.n - d.n
        FROM (SELECT f.facet, f.value, count(*) AS n
              FROM old_rows e JOIN agencies a ON a.id = e.agency_id, archive_facet_rows(e, a.region) f
              GROUP BY f.facet, f.value ORDER BY f.facet, f.value) d
        WHERE t.facet = d.facet AND t.value = d.value;
    ELSE
        INSERT INTO archive_facet_totals (facet, value, label, n)
        SELECT facet, value, max(label), sum(d)
        FROM (SELECT f.facet, f.value, f.label, 1 AS d
              FROM new_rows e JOIN agencies a ON a.id = e.agency_id, archive_facet_rows(e, a.region) f
              UNION ALL
              SELECT f.facet, f.value, f.label, -1
              FROM old_rows e JOIN agencies a ON a.id = e.agency_id, archive_facet_rows(e, a.region) f) c
        GROUP BY facet, value HAVING sum(d) <> 0 ORDER BY facet, value
        ON CONFLICT (facet, value) DO UPDATE SET n = archive_facet_totals.n + excluded.n, label = excluded.label;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER archive_facets_insert AFTER INSERT ON archive_entries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_count_facets();
CREATE TRIGGER archive_facets_update AFTER UPDATE ON archive_entries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_count_facets();
CREATE TRIGGER archive_facets_delete AFTER DELETE ON archive_entries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION archive_count_facets();

INSERT INTO archive_facet_totals (facet, value, label, n)
SELECT f.facet, f.value, max(f.label), count(*)
FROM archive_entries e JOIN agencies a ON a.id = e.agency_id, archive_facet_rows(e, a.region) f
GROUP BY f.facet, f.value;
