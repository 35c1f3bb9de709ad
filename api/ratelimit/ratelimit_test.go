package ratelimit_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"eutteum/api/apperr"
	"eutteum/api/ratelimit"
	"eutteum/api/testdb"
)

func refusal(t *testing.T, err error) time.Duration {
	t.Helper()
	var e *apperr.Error
	if !errors.As(err, &e) || e.Kind != apperr.KindRateLimited || e.Code != apperr.CodeRateLimited {
		t.Fatalf("want rate_limited, got %v", err)
	}
	if e.RetryAfter <= 0 {
		t.Fatalf("refused without a wait: %v", e.RetryAfter)
	}
	return e.RetryAfter
}

func TestBurstThenOnePerInterval(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := ratelimit.New(testdb.New(t))
	rule := ratelimit.Rule{Name: "test-burst", Every: 300 * time.Millisecond, Burst: 3}
	for i := range 3 {
		if err := l.Take(ctx, rule, "a"); err != nil {
			t.Fatalf("take %d of the burst: %v", i+1, err)
		}
	}
	wait := refusal(t, l.Take(ctx, rule, "a"))
	if wait > rule.Every {
		t.Fatalf("wait %v is longer than one interval %v", wait, rule.Every)
	}
	// Another subject and another rule have budgets of their own.
	if err := l.Take(ctx, rule, "b"); err != nil {
		t.Fatalf("other subject: %v", err)
	}
	if err := l.Take(ctx, ratelimit.Rule{Name: "test-other", Every: time.Second, Burst: 1}, "a"); err != nil {
		t.Fatalf("other rule: %v", err)
	}
	// Waiting as told fits exactly one more act, not the burst again.
	time.Sleep(wait + 20*time.Millisecond)
	if err := l.Take(ctx, rule, "a"); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
	refusal(t, l.Take(ctx, rule, "a"))
}

// Concurrent takes from many connections, as from several servers, grant the burst once.
func TestConcurrentTakesShareOneBudget(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	rule := ratelimit.Rule{Name: "test-concurrent", Every: time.Hour, Burst: 10}
	limiters := []*ratelimit.Limiter{ratelimit.New(pool), ratelimit.New(pool)}
	var (
		wg               sync.WaitGroup
		mu               sync.Mutex
		granted, refused int
	)
	for i := range 40 {
		wg.Go(func() {
			err := limiters[i%2].Take(ctx, rule, "shared")
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				granted++
			} else {
				refusal(t, err)
				refused++
			}
		})
	}
	wg.Wait()
	if granted != 10 || refused != 30 {
		t.Fatalf("granted %d, refused %d; want 10 and 30", granted, refused)
	}
}

func TestExpireForgetsOnlyWholeBudgets(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	l := ratelimit.New(pool)
	short := ratelimit.Rule{Name: "test-short", Every: 50 * time.Millisecond, Burst: 1}
	long := ratelimit.Rule{Name: "test-long", Every: time.Hour, Burst: 2}
	if err := l.Take(ctx, short, "a"); err != nil {
		t.Fatal(err)
	}
	if err := l.Take(ctx, long, "a"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	n, err := l.Expire(ctx)
	if err != nil || n != 1 {
		t.Fatalf("expired %d, %v; want the short rule's row only", n, err)
	}
	// The long rule still remembers its spent act: one left, then refused.
	if err := l.Take(ctx, long, "a"); err != nil {
		t.Fatal(err)
	}
	refusal(t, l.Take(ctx, long, "a"))
}

func TestBadRuleIsAnInternalError(t *testing.T) {
	t.Parallel()
	l := ratelimit.New(testdb.New(t))
	err := l.Take(context.Background(), ratelimit.Rule{Name: "broken"}, "a")
	var e *apperr.Error
	if !errors.As(err, &e) || e.Kind != apperr.KindInternal {
		t.Fatalf("want an internal error, got %v", err)
	}
}
