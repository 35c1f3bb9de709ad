package httpapi

import (
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"

	"eutteum/api/apperr"
	"eutteum/api/oapi"
)

// A limit is how often one caller may use an operation.
type limit struct {
	every time.Duration
	burst int
	// byUser keys on the signed-in user; otherwise on the client address.
	byUser bool
}

// limits protect the public search from scraping and invitations from being used to send
// mail-bombs. Login has its own, durable, limit in the account domain.
var limits = map[string]limit{
	"SearchArchive":      {every: 200 * time.Millisecond, burst: 30},
	"FindSimilarToDraft": {every: time.Second, burst: 20, byUser: true},
	"CreateInvitation":   {every: 2 * time.Minute, burst: 20, byUser: true},
	"InviteTeamMember":   {every: 2 * time.Minute, burst: 20, byUser: true},
	// Anonymous marks come per browser id, which costs nothing to make, so the address
	// bounds them; one office behind one address still has room.
	"MarkArchiveHelpful":   {every: 3 * time.Second, burst: 20, byUser: true},
	"UnmarkArchiveHelpful": {every: 3 * time.Second, burst: 20, byUser: true},
	"AskArchiveQuestion":   {every: time.Minute, burst: 10, byUser: true},
}

// limiters keeps one token bucket per operation and caller, in memory: a restart forgets
// them, which errs on the caller's side.
type limiters struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	limiter  *rate.Limiter
	lastSeen time.Time
}

func newLimiters() *limiters { return &limiters{buckets: map[string]*bucket{}} }

// reserve takes a token for key, or says how long to wait for one.
func (l *limiters) reserve(key string, lim limit, now time.Time) (ok bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buckets) > 50_000 {
		for k, b := range l.buckets {
			if now.Sub(b.lastSeen) > 30*time.Minute {
				delete(l.buckets, k)
			}
		}
	}
	b, found := l.buckets[key]
	if !found {
		b = &bucket{limiter: rate.NewLimiter(rate.Every(lim.every), lim.burst)}
		l.buckets[key] = b
	}
	b.lastSeen = now
	r := b.limiter.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// rateLimit is the strict-server middleware that applies limits by operation.
func (s *Server) rateLimit(next oapi.StrictHandlerFunc, operationID string) oapi.StrictHandlerFunc {
	lim, ok := limits[operationID]
	if !ok {
		return next
	}
	return func(c *gin.Context, request any) (any, error) {
		key := operationID + "|ip:" + c.ClientIP()
		if lim.byUser {
			if p, ok := principalFromContext(c.Request.Context()); ok {
				key = operationID + "|user:" + p.UserID.String()
			}
		}
		if ok, wait := s.limiters.reserve(key, lim, time.Now()); !ok {
			return nil, &apperr.Error{Kind: apperr.KindRateLimited, Code: apperr.CodeRateLimited, RetryAfter: wait}
		}
		return next(c, request)
	}
}
