-- Rate limits shared by every server on this database, so that N servers behind a load
-- balancer grant one budget, not N (they were token buckets in each process's memory).
--
-- One row per rule and subject holds the GCRA "theoretical arrival time": the moment the
-- subject's allowance is whole again. A row whose tat has passed says nothing a missing
-- row would not, so housekeeping deletes those.
--
-- UNLOGGED: the rows are worth seconds to minutes, are rewritten on every limited request
-- and need no WAL; a crash empties the table, which errs on the callers' side as a restart
-- did with the in-memory buckets. fillfactor leaves room on each page so the constant
-- rewrites stay HOT (no index covers tat for the same reason: housekeeping scans).
CREATE UNLOGGED TABLE rate_limits (
    rule    text NOT NULL,
    subject text NOT NULL,
    tat     timestamptz NOT NULL,
    -- whether the last take was granted; RETURNING sees only the new row, so the outcome
    -- is kept beside it
    allowed boolean NOT NULL,
    PRIMARY KEY (rule, subject)
) WITH (fillfactor = 70);
