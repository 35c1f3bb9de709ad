-- name: GetStageVote :one
SELECT v.stage_id, v.opens_at, v.closes_at, v.max_choices, v.show_counts, v.intro, (SELECT count(*) FROM ballots b WHERE b.stage_id = v.stage_id)::int AS ballots
FROM stage_votes v WHERE v.stage_id = $1;

-- name: LockStageVote :one
SELECT stage_id, opens_at, closes_at, max_choices, show_counts, intro FROM stage_votes WHERE stage_id = $1 FOR UPDATE;

-- name: UpsertStageVote :exec
INSERT INTO stage_votes (stage_id, opens_at, closes_at, max_choices, show_counts, intro, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (stage_id) DO UPDATE
SET opens_at = excluded.opens_at, closes_at = excluded.closes_at, max_choices = excluded.max_choices,
    show_counts = excluded.show_counts, intro = excluded.intro, updated_by = excluded.updated_by, updated_at = now();

-- name: SetStageVoteShare :exec
UPDATE stages SET vote_share = $2 WHERE id = $1;

-- name: SetStageVoteWindow :exec
UPDATE stage_votes SET opens_at = @opens_at, closes_at = @closes_at, updated_by = @updated_by, updated_at = now()
WHERE stage_id = @stage_id;

-- name: ListPublicVotes :many
-- Votes open now, scheduled, or closed in the last 30 days.
SELECT v.stage_id, v.opens_at, v.closes_at, s.name AS stage_name, r.id AS round_id, r.title AS round_title,
       a.name AS host_agency, (SELECT count(*) FROM stage_cases sc WHERE sc.stage_id = s.id)::int AS finalists
FROM stage_votes v
JOIN stages s ON s.id = v.stage_id
JOIN rounds r ON r.id = s.round_id
JOIN agencies a ON a.id = r.host_agency_id
WHERE v.closes_at > $1::timestamptz - interval '30 days'
ORDER BY (v.closes_at <= $1::timestamptz), v.closes_at;

-- name: GetPublicVote :one
SELECT v.stage_id, v.opens_at, v.closes_at, v.max_choices, v.show_counts, v.intro, s.name AS stage_name, s.vote_share, r.id AS round_id, r.title AS round_title, a.name AS host_agency,
       (SELECT count(*) FROM ballots b WHERE b.stage_id = v.stage_id)::int AS ballots
FROM stage_votes v
JOIN stages s ON s.id = v.stage_id
JOIN rounds r ON r.id = s.round_id
JOIN agencies a ON a.id = r.host_agency_id
WHERE v.stage_id = $1;

-- name: ListVoteFinalists :many
-- The cases of the stage as submitted, with their votes.
SELECT sc.case_id, coalesce(v.content->>'title', c.title)::text AS title,
       coalesce(v.content->>'summary', '')::text AS summary, coalesce(v.content->>'outcomes', '')::text AS outcomes,
       t.name AS team_name, a.name AS agency_name, coalesce(rc.name, '')::text AS category,
       (SELECT count(*) FROM ballot_choices bc WHERE bc.stage_id = sc.stage_id AND bc.case_id = sc.case_id)::int AS votes
FROM stage_cases sc
JOIN cases c ON c.id = sc.case_id
LEFT JOIN case_versions v ON v.case_id = c.id AND v.version = c.submitted_version
JOIN teams t ON t.id = c.team_id
JOIN agencies a ON a.id = t.agency_id
LEFT JOIN round_categories rc ON rc.id = (v.content->>'categoryId')::uuid
WHERE sc.stage_id = $1
ORDER BY title, sc.case_id;

-- name: VoteCounts :many
SELECT sc.case_id, count(bc.ballot_id)::int AS votes
FROM stage_cases sc
LEFT JOIN ballot_choices bc ON bc.stage_id = sc.stage_id AND bc.case_id = sc.case_id
WHERE sc.stage_id = $1
GROUP BY sc.case_id;

-- name: CountStageBallots :one
SELECT count(*)::int FROM ballots WHERE stage_id = $1;

-- name: InsertVoteVerification :one
INSERT INTO vote_verifications (stage_id, voter_hash, code_hash, expires_at, client_ip, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id;

-- name: LockVoteVerification :one
SELECT * FROM vote_verifications WHERE id = $1 AND stage_id = $2 FOR UPDATE;

-- name: CountVoteVerificationAttempt :exec
UPDATE vote_verifications SET attempts = attempts + 1 WHERE id = $1;

-- name: UseVoteVerification :exec
UPDATE vote_verifications SET used_at = now() WHERE id = $1;

-- name: VoterHasBallot :one
SELECT EXISTS (SELECT 1 FROM ballots WHERE stage_id = $1 AND voter_hash = $2);

-- name: InsertBallot :one
INSERT INTO ballots (stage_id, voter_hash, verified_by, verification_id, user_id, client_ip, user_agent, cast_at)
VALUES (@stage_id, @voter_hash, @verified_by, @verification_id, @user_id, @client_ip, @user_agent, @cast_at)
RETURNING id;

-- name: InsertBallotChoices :exec
INSERT INTO ballot_choices (ballot_id, stage_id, case_id)
SELECT @ballot_id::uuid, @stage_id::uuid, unnest(@case_ids::uuid[]);

-- name: BallotsByMethod :one
SELECT count(*) FILTER (WHERE verified_by = 'email_code')::int AS email_code,
       count(*) FILTER (WHERE verified_by = 'account')::int AS account
FROM ballots WHERE stage_id = $1;

-- name: CountVoteCodeRequests :one
SELECT count(*)::int FROM vote_verifications WHERE stage_id = $1;

-- name: VoteAddressSignals :many
-- Network addresses behind many ballots or code requests on the stage.
WITH b AS (SELECT bb.client_ip, count(*)::int AS n FROM ballots bb WHERE bb.stage_id = $1 GROUP BY bb.client_ip),
     v AS (SELECT vv.client_ip, count(*)::int AS n FROM vote_verifications vv WHERE vv.stage_id = $1 GROUP BY vv.client_ip)
SELECT coalesce(b.client_ip, v.client_ip)::text AS address, coalesce(b.n, 0)::int AS ballots, coalesce(v.n, 0)::int AS code_requests
FROM b FULL JOIN v ON v.client_ip = b.client_ip
WHERE coalesce(b.n, 0) >= $2::int OR coalesce(v.n, 0) >= $2::int
ORDER BY greatest(coalesce(b.n, 0), coalesce(v.n, 0)) DESC, 1
LIMIT 20;

-- name: BallotsPerMinute :many
SELECT date_trunc('minute', cast_at)::timestamptz AS minute, count(*)::int AS ballots
FROM ballots WHERE stage_id = $1
GROUP BY 1 ORDER BY 1;
