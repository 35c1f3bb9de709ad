// Package ratelimit is the one limiter every rate-limited operation goes through. Its
// state is in PostgreSQL (table rate_limits), so all servers on one database share each
// budget: two servers behind a load balancer allow what one would, not twice as much.
//
// The algorithm is GCRA, which behaves exactly as a token bucket of Burst tokens refilled
// one per Every, but keeps a single timestamp per subject and decides in one
// INSERT … ON CONFLICT DO UPDATE … RETURNING, one round trip, atomic under concurrency.
// Time is the database's clock, so servers whose clocks disagree still agree on budgets.
package ratelimit

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/store"
)

// A Rule is how often one subject may act: Burst acts at once, then one per Every.
type Rule struct {
	// Name keeps the rule's budgets apart from other rules'; it must not change between
	// releases running side by side, or they would keep two budgets.
	Name  string
	Every time.Duration
	Burst int
}

// Limiter takes from the shared budgets.
type Limiter struct{ q *store.Queries }

// New returns a Limiter on the pool's database.
func New(pool *pgxpool.Pool) *Limiter { return &Limiter{q: store.New(pool)} }

// Take spends one act of subject's budget under rule. When the budget is spent it answers
// rate_limited with the wait until the next act fits.
func (l *Limiter) Take(ctx context.Context, rule Rule, subject string) error {
	if rule.Every <= 0 || rule.Burst < 1 {
		return apperr.Internal(fmt.Errorf("rate limit %q: every %v, burst %d", rule.Name, rule.Every, rule.Burst))
	}
	r, err := l.q.TakeRateLimit(ctx, store.TakeRateLimitParams{
		Rule: rule.Name, Subject: subject, EveryUs: rule.Every.Microseconds(), Burst: int32(rule.Burst),
	})
	if err != nil {
		return dberr.Fail(fmt.Errorf("rate limit %q: %w", rule.Name, err))
	}
	if r.Allowed {
		return nil
	}
	// A refusal always has a wait; a sub-microsecond one still asks for a retry later.
	wait := max(time.Duration(r.WaitUs)*time.Microsecond, time.Microsecond)
	return &apperr.Error{Kind: apperr.KindRateLimited, Code: apperr.CodeRateLimited, RetryAfter: wait}
}

// Expire deletes budgets that are whole again: such a row says nothing a missing one
// would not. It returns how many it deleted.
func (l *Limiter) Expire(ctx context.Context) (int64, error) {
	n, err := l.q.ExpireRateLimits(ctx)
	if err != nil {
		return 0, fmt.Errorf("expire rate limits: %w", err)
	}
	return n, nil
}
