// Package httpapi is Eutteum's HTTP interface: the Gin engine, the middleware chain, the
// handlers generated from openapi.yaml, the problem+json renderer and the web app files.
package httpapi

import (
	"context"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/archive"
	"eutteum/api/authn"
	"eutteum/api/cases"
	"eutteum/api/idempotency"
	"eutteum/api/judging"
	"eutteum/api/notify"
	"eutteum/api/oapi"
	"eutteum/api/ratelimit"
	"eutteum/api/round"
	"eutteum/api/team"
	"eutteum/api/vote"
)

// Options configure the HTTP server.
type Options struct {
	// WebDir holds the built web app (frontend/dist); empty serves no web app.
	WebDir string
	// MaxBodyBytes caps JSON request bodies.
	MaxBodyBytes int64
	// SecureCookies marks cookies Secure (set it behind HTTPS).
	SecureCookies bool
	// TrustedProxies may set X-Forwarded-For; none by default.
	TrustedProxies []string
}

// Services are the domain services the handlers call.
type Services struct {
	Accounts *account.Service
	Teams    *team.Service
	Rounds   *round.Service
	Cases    *cases.Service
	Judging  *judging.Service
	Notify   *notify.Service
	Archive  *archive.Service
	Votes    *vote.Service
}

// Server holds what the handlers need.
type Server struct {
	contract      *Contract
	metrics       *metrics
	limiter       *ratelimit.Limiter
	idempotency   *idempotency.Store
	tokens        *authn.Tokens
	accounts      *account.Service
	teams         *team.Service
	rounds        *round.Service
	cases         *cases.Service
	judging       *judging.Service
	notifications *notify.Service
	archive       *archive.Service
	votes         *vote.Service
	pool          *pgxpool.Pool
	opts          Options
	engine        *gin.Engine
	forms         map[string]formRule
}

// New builds the server and its routes.
func New(contract *Contract, pool *pgxpool.Pool, tokens *authn.Tokens, svc Services, opts Options) (*Server, error) {
	if opts.MaxBodyBytes == 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	s := &Server{
		metrics: newMetrics(pool), limiter: ratelimit.New(pool), idempotency: idempotency.New(pool),
		contract: contract, tokens: tokens, pool: pool, opts: opts,
		accounts: svc.Accounts, teams: svc.Teams, rounds: svc.Rounds, cases: svc.Cases,
		judging: svc.Judging, notifications: svc.Notify, archive: svc.Archive, votes: svc.Votes,
	}
	s.forms = s.formRules()
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	engine.ContextWithFallback = true
	engine.HandleMethodNotAllowed = true
	engine.RedirectTrailingSlash = false
	if err := engine.SetTrustedProxies(opts.TrustedProxies); err != nil {
		return nil, err
	}
	engine.Use(requestID, accessLog, s.metrics.middleware, gin.CustomRecoveryWithWriter(nil, recoverPanic), securityHeaders)

	// A file may be as large as cases.MaxFileBytes; the form around it adds little.
	uploadLimit := int64(cases.MaxFileBytes + 1<<20)
	api := engine.Group("", limitBody(opts.MaxBodyBytes, uploadLimit), s.authenticate, s.validateRequest, s.idempotent)
	strict := oapi.NewStrictHandlerWithOptions(s, []oapi.StrictMiddlewareFunc{s.rateLimit}, oapi.StrictGinServerOptions{
		RequestErrorHandlerFunc: func(c *gin.Context, err error) {
			renderError(c, apperr.Wrap(apperr.KindInvalid, apperr.CodeMalformedJSON, err))
		},
		HandlerErrorFunc:         renderError,
		ResponseErrorHandlerFunc: renderError,
	})
	oapi.RegisterHandlersWithOptions(api, strict, oapi.GinServerOptions{
		ErrorHandler: func(c *gin.Context, err error, _ int) {
			renderError(c, apperr.Wrap(apperr.KindInvalid, apperr.CodeValidationFailed, err))
		},
	})

	engine.NoRoute(s.noRoute)
	engine.NoMethod(func(c *gin.Context) {
		renderError(c, apperr.New(apperr.KindMethodNotAllowed, apperr.CodeMethodNotAllowed))
	})
	s.engine = engine
	return s, nil
}

// Handler is the root HTTP handler.
func (s *Server) Handler() http.Handler { return s.engine }

// NewHTTPServer wraps handler with timeouts suitable for a public API.
func NewHTTPServer(addr string, handler http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// securityHeaders are set on every response. The CSP allows only same-origin scripts, so
// the web app and the API docs carry no inline script.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'")
	c.Next()
}

// noRoute answers API paths with a problem and everything else from the web app, falling
// back to index.html so client-side routes load.
func (s *Server) noRoute(c *gin.Context) {
	p := c.Request.URL.Path
	if strings.HasPrefix(p, "/api/") || s.opts.WebDir == "" || (c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead) {
		renderError(c, apperr.New(apperr.KindNotFound, apperr.CodeRouteNotFound))
		return
	}
	clean := path.Clean("/" + p)
	if clean == "/docs" || clean == "/docs/" {
		clean = "/docs/index.html"
	}
	file := filepath.Join(s.opts.WebDir, filepath.FromSlash(clean))
	if info, err := os.Stat(file); err == nil && !info.IsDir() {
		if strings.HasPrefix(clean, "/assets/") {
			// Vite fingerprints these names, so they never change.
			c.Header("Cache-Control", "public, max-age=31536000, immutable")
		}
		c.File(file)
		return
	}
	if path.Ext(clean) != "" && clean != "/index.html" {
		renderError(c, apperr.New(apperr.KindNotFound, apperr.CodeRouteNotFound))
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.File(filepath.Join(s.opts.WebDir, "index.html"))
}

// ready pings the database for /readyz.
func (s *Server) ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := s.pool.Ping(ctx); err != nil {
		return apperr.Wrap(apperr.KindUnavailable, apperr.CodeDatabaseUnavailable, err)
	}
	return nil
}
