-- name: TakeRateLimit :one
-- One GCRA step, in one statement: a subject may act while its tat is at most
-- (burst − 1) × every ahead of now, and each act moves tat every further. Refused takes
-- leave tat where it was and say how long until the next act fits. now() is the
-- database's clock, the same for every server.
INSERT INTO rate_limits AS r (rule, subject, tat, allowed)
VALUES (sqlc.arg(rule), sqlc.arg(subject), now() + sqlc.arg(every_us)::bigint * interval '1 microsecond', true)
ON CONFLICT (rule, subject) DO UPDATE SET
    allowed = greatest(r.tat, now()) - now() <= (sqlc.arg(burst)::int - 1) * sqlc.arg(every_us)::bigint * interval '1 microsecond',
    tat = CASE
        WHEN greatest(r.tat, now()) - now() <= (sqlc.arg(burst)::int - 1) * sqlc.arg(every_us)::bigint * interval '1 microsecond'
        THEN greatest(r.tat, now()) + sqlc.arg(every_us)::bigint * interval '1 microsecond'
        ELSE r.tat
    END
RETURNING allowed,
    (extract(epoch FROM greatest(tat - now() - (sqlc.arg(burst)::int - 1) * sqlc.arg(every_us)::bigint * interval '1 microsecond', interval '0')) * 1000000)::bigint AS wait_us;

-- name: ExpireRateLimits :execrows
DELETE FROM rate_limits WHERE tat < now();

-- name: TakeRateWindow :one
-- Keeps the hits still inside the window, oldest first, and adds this one when fewer than
-- the limit are left; refused, it says how long until the oldest leaves the window.
INSERT INTO rate_limit_windows AS w (rule, subject, hits, allowed, expires_at)
VALUES (sqlc.arg(rule), sqlc.arg(subject), ARRAY[now()], true, now() + sqlc.arg(window_us)::bigint * interval '1 microsecond')
ON CONFLICT (rule, subject) DO UPDATE SET
    allowed = cardinality(ARRAY(SELECT h FROM unnest(w.hits) h
                                WHERE h > now() - sqlc.arg(window_us)::bigint * interval '1 microsecond')) < sqlc.arg(max_hits)::int,
    hits = CASE
        WHEN cardinality(ARRAY(SELECT h FROM unnest(w.hits) h
                               WHERE h > now() - sqlc.arg(window_us)::bigint * interval '1 microsecond')) < sqlc.arg(max_hits)::int
        THEN ARRAY(SELECT h FROM unnest(w.hits) h
                   WHERE h > now() - sqlc.arg(window_us)::bigint * interval '1 microsecond' ORDER BY h) || now()
        ELSE ARRAY(SELECT h FROM unnest(w.hits) h
                   WHERE h > now() - sqlc.arg(window_us)::bigint * interval '1 microsecond' ORDER BY h)
    END,
    expires_at = CASE
        WHEN cardinality(ARRAY(SELECT h FROM unnest(w.hits) h
                               WHERE h > now() - sqlc.arg(window_us)::bigint * interval '1 microsecond')) < sqlc.arg(max_hits)::int
        THEN now() + sqlc.arg(window_us)::bigint * interval '1 microsecond'
        ELSE w.expires_at
    END
RETURNING allowed, now()::timestamptz AS at,
    (extract(epoch FROM greatest(hits[1] + sqlc.arg(window_us)::bigint * interval '1 microsecond' - now(), interval '0')) * 1000000)::bigint AS wait_us;

-- name: ReturnRateWindowHit :exec
-- Gives back one hit that turned out not to count (a login that succeeded, a code that
-- was not sent).
UPDATE rate_limit_windows
SET hits = hits[:array_position(hits, sqlc.arg(at)::timestamptz) - 1] || hits[array_position(hits, sqlc.arg(at)::timestamptz) + 1:]
WHERE rule = sqlc.arg(rule) AND subject = sqlc.arg(subject) AND sqlc.arg(at)::timestamptz = ANY (hits);

-- name: ResetRateWindow :exec
DELETE FROM rate_limit_windows WHERE rule = $1 AND subject = $2;

-- name: ExpireRateWindows :execrows
DELETE FROM rate_limit_windows WHERE expires_at < now();
