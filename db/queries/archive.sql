-- name: InsertArchiveEntry :one
INSERT INTO archive_entries (case_id, external_id, agency_id, agency_name, title, summary, problem, solution, outcomes, metrics,
    collaborators, tags, category, team_name, team_kind, year, period, round_title, award_name, award_tier, stage,
    evidence_level, licence, attachments, published_on, search, search_lead, search_version)
VALUES (@case_id, @external_id, @agency_id, @agency_name, @title, @summary, @problem, @solution, @outcomes, @metrics,
    @collaborators, @tags, @category, @team_name, @team_kind, @year, @period, @round_title, @award_name, @award_tier, @stage,
    @evidence_level, @licence, @attachments, @published_on, @vector::tsvector, @lead_vector::tsvector, @tokenizer_version)
ON CONFLICT (case_id) DO NOTHING
RETURNING id;

-- name: GetArchiveEntry :one
SELECT e.id, e.case_id, e.agency_id, e.title, e.summary, e.problem, e.solution, e.outcomes, e.metrics, e.collaborators,
       e.tags, e.category, e.team_name, e.team_kind, e.year, e.period, e.round_title, e.award_name, e.award_tier,
       e.stage, e.evidence_level, e.licence, e.attachments, e.published_on,
       a.name AS agency_name, a.region,
       -- The adoptions come along as JSON, adopters first in the order they adopted, so a
       -- case page is one round trip.
       (SELECT coalesce(json_agg(json_build_object(
                   'agencyId', ad.agency_id, 'agencyName', aa.name, 'status', ad.status, 'adoptedOn', ad.adopted_on,
                   'adaptation', ad.adaptation, 'results', ad.results, 'updatedAt', ad.updated_at)
                 ORDER BY ad.status = 'adopted' DESC, ad.adopted_on NULLS LAST, ad.created_at), '[]')
        FROM adoptions ad JOIN agencies aa ON aa.id = ad.agency_id
        WHERE ad.entry_id = e.id)::jsonb AS adoptions,
       -- Counted in two parts, accounts and browsers, so each reads its own partial index.
       ((SELECT count(*) FROM archive_helpful_marks h WHERE h.entry_id = e.id AND h.user_id IS NOT NULL)
        + (SELECT count(*) FROM archive_helpful_marks h WHERE h.entry_id = e.id AND h.client_hash IS NOT NULL))::int AS helpful_count
FROM archive_entries e JOIN agencies a ON a.id = e.agency_id
WHERE e.id = $1;

-- name: UpsertAdoption :one
INSERT INTO adoptions (entry_id, agency_id, status, adopted_on, adaptation, results, recorded_by)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (entry_id, agency_id) DO UPDATE
SET status = excluded.status, adopted_on = excluded.adopted_on, adaptation = excluded.adaptation,
    results = excluded.results, recorded_by = excluded.recorded_by, updated_at = now()
RETURNING *;

-- name: DeleteAdoption :execrows
DELETE FROM adoptions WHERE entry_id = $1 AND agency_id = $2;

-- name: SimilarEntries :many
-- Entries sharing the most pieces of the given text (a tsquery of alternatives built by
-- api/textsearch), a shared category counting extra.
SELECT e.id, e.title, e.summary, e.tags, e.category, e.year, e.award_tier, e.agency_id, a.name AS agency_name,
       (ts_rank(e.search, to_tsquery('simple', @query::text)) + CASE WHEN e.category <> '' AND e.category = @category::text THEN 0.05 ELSE 0 END)::float8 AS score
FROM archive_entries e JOIN agencies a ON a.id = e.agency_id
WHERE e.search @@ to_tsquery('simple', @query::text) AND e.id IS DISTINCT FROM sqlc.narg(exclude)::uuid
ORDER BY score DESC, e.id
LIMIT 5;

-- name: AgencyArchiveCount :one
SELECT count(*)::int FROM archive_entries WHERE agency_id = $1;

-- name: AdoptionsReceivedByAgency :many
SELECT a.id, a.name, count(*)::int AS n
FROM adoptions ad JOIN archive_entries e ON e.id = ad.entry_id JOIN agencies a ON a.id = ad.agency_id
WHERE e.agency_id = $1 AND ad.status = 'adopted'
GROUP BY a.id, a.name ORDER BY n DESC, a.name;

-- name: AdoptionsMadeByAgency :many
SELECT e.id, e.title, e.agency_id, a.name AS agency_name, ad.adopted_on
FROM adoptions ad JOIN archive_entries e ON e.id = ad.entry_id JOIN agencies a ON a.id = e.agency_id
WHERE ad.agency_id = $1 AND ad.status = 'adopted'
ORDER BY ad.adopted_on DESC;

-- name: TopEntriesOfAgency :many
SELECT e.id FROM archive_entries e
WHERE e.agency_id = $1
ORDER BY (SELECT count(*) FROM adoptions ad WHERE ad.entry_id = e.id AND ad.status = 'adopted') DESC, e.published_on DESC, e.id
LIMIT 5;

-- name: ArchiveEntriesToIndex :many
-- Entries whose search vector other tokenizer rules built, a batch at a time.
SELECT id, title, summary, tags, category, agency_name, problem, solution, outcomes, team_name
FROM archive_entries WHERE search_version <> @version
ORDER BY id LIMIT @max_rows;

-- name: SetArchiveEntrySearch :exec
UPDATE archive_entries e
SET search = v.search::tsvector, search_lead = v.search_lead::tsvector, search_version = @version
FROM jsonb_to_recordset(@entries::jsonb) AS v(id uuid, search text, search_lead text)
WHERE e.id = v.id;


-- name: ImportedEntriesByExternalID :many
-- The entries a batch of imported rows may already be, to tell new, changed and unchanged.
SELECT external_id::text AS external_id, agency_id, title, summary, problem, solution, outcomes, metrics, collaborators,
       tags, category, team_name, year, period, round_title, award_name, award_tier, published_on
FROM archive_entries WHERE external_id = ANY(@external_ids::text[]);

-- name: UpdateImportedEntry :exec
UPDATE archive_entries
SET agency_id = @agency_id, agency_name = @agency_name, title = @title,
    summary = @summary, problem = @problem, solution = @solution, outcomes = @outcomes, metrics = @metrics,
    collaborators = @collaborators, tags = @tags, category = @category, team_name = @team_name, year = @year,
    period = @period, round_title = @round_title, award_name = @award_name, award_tier = @award_tier,
    published_on = @published_on, search = @vector::tsvector, search_lead = @lead_vector::tsvector,
    search_version = @tokenizer_version
WHERE external_id = @external_id;
