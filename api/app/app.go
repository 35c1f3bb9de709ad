// Package app wires the storage, domain services and HTTP server together; the command
// and the tests build the same application through it.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/account"
	"eutteum/api/archive"
	"eutteum/api/authn"
	"eutteum/api/cases"
	"eutteum/api/httpapi"
	"eutteum/api/judging"
	"eutteum/api/mail"
	"eutteum/api/notify"
	"eutteum/api/round"
	"eutteum/api/store"
	"eutteum/api/team"
	"eutteum/api/vote"
)

// Settings are what the application needs beyond its database.
type Settings struct {
	JWTKey         []byte
	AccessTTL      time.Duration
	Accounts       account.Config
	WebDir         string
	SecureCookies  bool
	TrustedProxies []string
	// Mailer sends the public vote's codes and panel invitations; nil keeps them in the log.
	Mailer mail.Sender
	// PublicURL is the web app's address, for links in mail.
	PublicURL string
	// ReadReplica, when set, serves the archive search and the public pages (see
	// store.Reads); writes stay on the primary.
	ReadReplica *pgxpool.Pool
}

// DefaultSettings suit a local run and the tests.
func DefaultSettings() Settings {
	return Settings{AccessTTL: 15 * time.Minute, Accounts: account.DefaultConfig(), PublicURL: "http://localhost:8080"}
}

// App is the assembled application.
type App struct {
	Accounts *account.Service
	Teams    *team.Service
	Rounds   *round.Service
	Cases    *cases.Service
	Judging  *judging.Service
	Archive  *archive.Service
	Votes    *vote.Service
	Tokens   *authn.Tokens
	Handler  http.Handler
}

// New assembles the application on a migrated database.
func New(ctx context.Context, pool *pgxpool.Pool, s Settings) (*App, error) {
	key, err := account.SigningKey(ctx, store.New(pool), s.JWTKey)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	tokens := authn.NewTokens(key, s.AccessTTL)
	accounts := account.NewService(pool, tokens, s.Accounts)
	teams := team.NewService(pool, accounts)
	rounds := round.NewService(pool, accounts)
	caseService := cases.NewService(pool, rounds, teams)
	reads := store.NewReads(pool, s.ReadReplica)
	judgingService := judging.NewService(pool, accounts, rounds, judging.WithReads(reads))
	archiveService := archive.NewService(pool, archive.WithClientKey(key), archive.WithReads(reads))
	mailer := s.Mailer
	if mailer == nil {
		mailer = &mail.Outbox{Log: slog.Default()}
	}
	votes := vote.NewService(pool, judgingService, mailer, key, rounds.Now)
	judgingService.SetMailer(mailer, s.PublicURL)
	accounts.OnInvitationAccepted(judgingService.PanelInvitationAccepted)
	accounts.OnInvitationRevoked(judgingService.PanelInvitationRevoked)
	contract, err := httpapi.LoadContract()
	if err != nil {
		return nil, err
	}
	svc := httpapi.Services{
		Accounts: accounts, Teams: teams, Rounds: rounds, Cases: caseService,
		Judging: judgingService, Notify: notify.NewService(pool), Archive: archiveService, Votes: votes,
	}
	srv, err := httpapi.New(contract, pool, tokens, svc, httpapi.Options{
		WebDir: s.WebDir, SecureCookies: s.SecureCookies, TrustedProxies: s.TrustedProxies,
	})
	if err != nil {
		return nil, err
	}
	return &App{Accounts: accounts, Teams: teams, Rounds: rounds, Cases: caseService, Judging: judgingService, Archive: archiveService, Votes: votes, Tokens: tokens, Handler: srv.Handler()}, nil
}
