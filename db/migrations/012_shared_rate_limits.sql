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

-- Limits of the form "at most limit acts in any window" (failed logins per account and per
-- address, vote codes per voter and per address), also shared by every server. One row per
-- rule and subject keeps the times of the acts still inside the window, never more than the
-- limit, so a check is one INSERT … ON CONFLICT DO UPDATE that decides under the row's lock.
-- Logged, unlike rate_limits: a crash must not hand a password guesser a fresh allowance.
CREATE TABLE rate_limit_windows (
    rule       text NOT NULL,
    subject    text NOT NULL,
    hits       timestamptz[] NOT NULL,
    allowed    boolean NOT NULL,
    -- the newest hit plus the window: after it the row says nothing, and housekeeping
    -- deletes it
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (rule, subject)
);
