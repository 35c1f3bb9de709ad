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
