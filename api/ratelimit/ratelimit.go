// Package ratelimit is the one limiter every rate-limited act goes through: operations of
// the API, failed logins, vote codes. Its state is in PostgreSQL, so all servers on one
// database share each budget: two servers behind a load balancer allow what one would,
// not twice as much. Time is the database's clock, so servers whose clocks disagree still
// agree on budgets.
//
// A rule has one of two shapes, each decided by one INSERT … ON CONFLICT DO UPDATE …
// RETURNING (one round trip, atomic under concurrency from any number of servers):
//
//   - Rate: a token bucket of Burst acts refilled one per Every, kept as GCRA's single
//     timestamp per subject (table rate_limits). For high-volume limits such as the search.
//   - Window: at most Limit acts in any Window, exactly, keeping the times of the acts
//     still inside it (table rate_limit_windows). For "5 failed logins in 15 minutes".
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

// A Rule is how often one subject may act. Make one with Rate or Window.
type Rule struct {
	name   string
	window bool
	every  time.Duration // Rate: one act per every …
	count  int           // … after a burst of count; Window: count acts per every
	code   apperr.Code   // the refusal's code
}

// Rate allows burst acts at once, then one per every. name keeps the rule's budgets apart
// from other rules'; it must not change between releases running side by side.
func Rate(name string, every time.Duration, burst int) Rule {
	return Rule{name: name, every: every, count: burst, code: apperr.CodeRateLimited}
}

// Window allows at most limit acts in any period of length window.
func Window(name string, limit int, window time.Duration) Rule {
	return Rule{name: name, window: true, every: window, count: limit, code: apperr.CodeRateLimited}
}

// RefusedWith makes the rule's refusals carry code instead of rate_limited.
func (r Rule) RefusedWith(code apperr.Code) Rule {
	r.code = code
	return r
}

// A Hit is one act taken from a budget; a Window rule's hit can be given back.
type Hit struct {
	rule    Rule
	subject string
	at      time.Time
}

// Limiter takes from the shared budgets.
type Limiter struct{ q *store.Queries }

// New returns a Limiter on the pool's database.
func New(pool *pgxpool.Pool) *Limiter { return &Limiter{q: store.New(pool)} }

// Take spends one act of subject's budget under rule. When the budget is spent it answers
// rate_limited (or the rule's own code) with the wait until the next act fits.
func (l *Limiter) Take(ctx context.Context, rule Rule, subject string) (Hit, error) {
	if rule.every <= 0 || rule.count < 1 {
		return Hit{}, apperr.Internal(fmt.Errorf("rate limit %q: period %v, count %d", rule.name, rule.every, rule.count))
	}
	var (
		allowed bool
		waitUs  int64
		at      time.Time
	)
	if rule.window {
		r, err := l.q.TakeRateWindow(ctx, store.TakeRateWindowParams{
			Rule: rule.name, Subject: subject, WindowUs: rule.every.Microseconds(), MaxHits: int32(rule.count),
		})
		if err != nil {
			return Hit{}, dberr.Fail(fmt.Errorf("rate limit %q: %w", rule.name, err))
		}
		allowed, waitUs, at = r.Allowed, r.WaitUs, r.At
	} else {
		r, err := l.q.TakeRateLimit(ctx, store.TakeRateLimitParams{
			Rule: rule.name, Subject: subject, EveryUs: rule.every.Microseconds(), Burst: int32(rule.count),
		})
		if err != nil {
			return Hit{}, dberr.Fail(fmt.Errorf("rate limit %q: %w", rule.name, err))
		}
		allowed, waitUs = r.Allowed, r.WaitUs
	}
	if allowed {
		return Hit{rule: rule, subject: subject, at: at}, nil
	}
	// A refusal always has a wait; a sub-microsecond one still asks for a retry later.
	wait := max(time.Duration(waitUs)*time.Microsecond, time.Microsecond)
	return Hit{}, &apperr.Error{Kind: apperr.KindRateLimited, Code: rule.code, RetryAfter: wait}
}

// Return gives back a Window rule's hit that turned out not to count.
func (l *Limiter) Return(ctx context.Context, h Hit) error {
	if !h.rule.window {
		return apperr.Internal(fmt.Errorf("rate limit %q: only window hits can be returned", h.rule.name))
	}
	if err := l.q.ReturnRateWindowHit(ctx, store.ReturnRateWindowHitParams{At: h.at, Rule: h.rule.name, Subject: h.subject}); err != nil {
		return dberr.Fail(fmt.Errorf("rate limit %q: return hit: %w", h.rule.name, err))
	}
	return nil
}

// Reset forgets subject's acts under a Window rule (a successful login clears the
// account's failures).
func (l *Limiter) Reset(ctx context.Context, rule Rule, subject string) error {
	if err := l.q.ResetRateWindow(ctx, store.ResetRateWindowParams{Rule: rule.name, Subject: subject}); err != nil {
		return dberr.Fail(fmt.Errorf("rate limit %q: reset: %w", rule.name, err))
	}
	return nil
}

// Expire deletes budgets that are whole again: such a row says nothing a missing one
// would not. It returns how many it deleted.
func (l *Limiter) Expire(ctx context.Context) (int64, error) {
	rates, err := l.q.ExpireRateLimits(ctx)
	if err != nil {
		return 0, fmt.Errorf("expire rate limits: %w", err)
	}
	windows, err := l.q.ExpireRateWindows(ctx)
	if err != nil {
		return rates, fmt.Errorf("expire rate limit windows: %w", err)
	}
	return rates + windows, nil
}
