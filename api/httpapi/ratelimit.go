package httpapi

import (
	"time"

	"github.com/gin-gonic/gin"

	"eutteum/api/oapi"
	"eutteum/api/ratelimit"
)

// A limit is how often one caller may use an operation.
type limit struct {
	every time.Duration
	burst int
	// byUser keys on the signed-in user; otherwise on the client address.
	byUser bool
}

// limits protect the public search from scraping and invitations from being used to send
// mail-bombs. Failed logins (package account) and vote codes (package vote) have window
// rules of their own; every limit goes through package ratelimit.
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

// rateLimit is the strict-server middleware that applies limits by operation. The budgets
// live in the database (package ratelimit), so every server shares them.
func (s *Server) rateLimit(next oapi.StrictHandlerFunc, operationID string) oapi.StrictHandlerFunc {
	lim, ok := limits[operationID]
	if !ok {
		return next
	}
	rule := ratelimit.Rate(operationID, lim.every, lim.burst)
	return func(c *gin.Context, request any) (any, error) {
		subject := "ip:" + c.ClientIP()
		if lim.byUser {
			if p, ok := principalFromContext(c.Request.Context()); ok {
				subject = "user:" + p.UserID.String()
			}
		}
		if _, err := s.limiter.Take(c.Request.Context(), rule, subject); err != nil {
			return nil, err
		}
		return next(c, request)
	}
}
