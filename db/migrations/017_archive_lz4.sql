-- An archive entry's search vectors and long texts are compressed with lz4 instead of pglz.
-- pglz gives up on a tsvector after trying its first kilobyte, so every imported entry paid
-- for a failed compression and stored its vector whole; lz4 compresses vectors and Korean
-- text in a fraction of the time (a 20,000-entry import: about a fifth less database CPU,
-- docs/performance.md). Only values written from now on change; a PostgreSQL built without
-- lz4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE archive_entries
        ALTER COLUMN search SET COMPRESSION lz4,
        ALTER COLUMN search_lead SET COMPRESSION lz4,
        ALTER COLUMN problem SET COMPRESSION lz4,
        ALTER COLUMN solution SET COMPRESSION lz4,
        ALTER COLUMN outcomes SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available in this PostgreSQL; the archive keeps pglz';
END
$$;
