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

func second[T any](_ T, err error) error { return err }

func refusal(t *testing.T, err error) time.Duration {
	t.Helper()
	var e *apperr.Error
	if !errors.As(err, &e) || e.Kind != apperr.KindRateLimited {
		t.Fatalf("want a rate-limit refusal, got %v", err)
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
	rule := ratelimit.Rate("test-burst", 300*time.Millisecond, 3)
	for i := range 3 {
		if _, err := l.Take(ctx, rule, "a"); err != nil {
			t.Fatalf("take %d of the burst: %v", i+1, err)
		}
	}
	_, err := l.Take(ctx, rule, "a")
	wait := refusal(t, err)
	if err.(*apperr.Error).Code != apperr.CodeRateLimited {
		t.Fatalf("code %v", err)
	}
	if wait > 300*time.Millisecond {
		t.Fatalf("wait %v is longer than one interval", wait)
	}
	// Another subject and another rule have budgets of their own.
	if _, err := l.Take(ctx, rule, "b"); err != nil {
		t.Fatalf("other subject: %v", err)
	}
	if _, err := l.Take(ctx, ratelimit.Rate("test-other", time.Second, 1), "a"); err != nil {
		t.Fatalf("other rule: %v", err)
	}
	// Waiting as told fits exactly one more act, not the burst again.
	time.Sleep(wait + 20*time.Millisecond)
	if _, err := l.Take(ctx, rule, "a"); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
	refusal(t, second(l.Take(ctx, rule, "a")))
}

// Concurrent takes from many connections, as from several servers, grant the burst once.
func TestConcurrentTakesShareOneBudget(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	rule := ratelimit.Rate("test-concurrent", time.Hour, 10)
	limiters := []*ratelimit.Limiter{ratelimit.New(pool), ratelimit.New(pool)}
	var (
		wg               sync.WaitGroup
		mu               sync.Mutex
		granted, refused int
	)
	for i := range 40 {
		wg.Go(func() {
			_, err := limiters[i%2].Take(ctx, rule, "shared")
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
	short := ratelimit.Rate("test-short", 50*time.Millisecond, 1)
	long := ratelimit.Rate("test-long", time.Hour, 2)
	if _, err := l.Take(ctx, short, "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Take(ctx, long, "a"); err != nil {
		t.Fatal(err)
	}
	shortWindow := ratelimit.Window("test-short-window", 2, 50*time.Millisecond)
	longWindow := ratelimit.Window("test-long-window", 1, time.Hour)
	if _, err := l.Take(ctx, shortWindow, "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Take(ctx, longWindow, "a"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	n, err := l.Expire(ctx)
	if err != nil || n != 2 {
		t.Fatalf("expired %d, %v; want the two short rules' rows only", n, err)
	}
	refusal(t, second(l.Take(ctx, longWindow, "a")))
	// The long rule still remembers its spent act: one left, then refused.
	if _, err := l.Take(ctx, long, "a"); err != nil {
		t.Fatal(err)
	}
	refusal(t, second(l.Take(ctx, long, "a")))
}

func TestBadRuleIsAnInternalError(t *testing.T) {
	t.Parallel()
	l := ratelimit.New(testdb.New(t))
	_, err := l.Take(context.Background(), ratelimit.Rate("broken", 0, 1), "a")
	var e *apperr.Error
	if !errors.As(err, &e) || e.Kind != apperr.KindInternal {
		t.Fatalf("want an internal error, got %v", err)
	}
}

// A window rule allows exactly limit acts in any window: unlike a bucket it does not
// refill one at a time, the oldest act has to leave the window first.
func TestWindowAllowsLimitInAnyWindow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := ratelimit.New(testdb.New(t))
	rule := ratelimit.Window("test-window", 3, 600*time.Millisecond)
	for i := range 3 {
		if _, err := l.Take(ctx, rule, "a"); err != nil {
			t.Fatalf("take %d: %v", i+1, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// 300 ms after the first act: its window has 300 ms left.
	wait := refusal(t, second(l.Take(ctx, rule, "a")))
	if wait > 350*time.Millisecond {
		t.Fatalf("wait %v; the oldest act leaves the window in about 300 ms", wait)
	}
	time.Sleep(wait + 20*time.Millisecond)
	if _, err := l.Take(ctx, rule, "a"); err != nil {
		t.Fatalf("after the oldest left: %v", err)
	}
	refusal(t, second(l.Take(ctx, rule, "a")))
}

func TestWindowHitsCanBeReturnedAndReset(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := ratelimit.New(testdb.New(t))
	rule := ratelimit.Window("test-return", 2, time.Hour).RefusedWith(apperr.CodeTooManyLoginAttempts)
	first, err := l.Take(ctx, rule, "a")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Take(ctx, rule, "a"); err != nil {
		t.Fatal(err)
	}
	var e *apperr.Error
	if _, err := l.Take(ctx, rule, "a"); !errors.As(err, &e) || e.Code != apperr.CodeTooManyLoginAttempts {
		t.Fatalf("want too_many_login_attempts, got %v", err)
	}
	// Returning a hit frees exactly one act.
	if err := l.Return(ctx, first); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Take(ctx, rule, "a"); err != nil {
		t.Fatalf("after a return: %v", err)
	}
	refusal(t, second(l.Take(ctx, rule, "a")))
	// Reset frees all of them.
	if err := l.Reset(ctx, rule, "a"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := l.Take(ctx, rule, "a"); err != nil {
			t.Fatalf("after a reset: %v", err)
		}
	}
}

func TestConcurrentWindowTakesGrantTheLimitOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	rule := ratelimit.Window("test-window-concurrent", 5, time.Hour)
	limiters := []*ratelimit.Limiter{ratelimit.New(pool), ratelimit.New(pool)}
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		granted int
	)
	for i := range 30 {
		wg.Go(func() {
			_, err := limiters[i%2].Take(ctx, rule, "shared")
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				granted++
			}
		})
	}
	wg.Wait()
	if granted != 5 {
		t.Fatalf("granted %d of 30 concurrent takes; want 5", granted)
	}
}
