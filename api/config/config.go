// Package config reads the server's settings from the environment. Every setting has a
// default that works for a local run.
package config

import (
	"encoding/base64"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is everything an operator may set.
type Config struct {
	// DatabaseURL points at PostgreSQL; empty starts the embedded cluster in DataDir.
	DatabaseURL string
	// ReadDatabaseURL points at a read replica of DatabaseURL that serves the archive search
	// and the public pages (EUTTEUM_READ_DATABASE_URL); empty reads everything from the
	// primary. Writes always go to DatabaseURL.
	ReadDatabaseURL string
	// DataDir holds the embedded cluster (EUTTEUM_DATA_DIR, default ./.data/postgres).
	DataDir string
	// Addr is the listen address (EUTTEUM_ADDR, default :8080).
	Addr string
	// WebDir holds the built web app (EUTTEUM_WEB_DIR, default frontend/dist).
	WebDir string
	// JWTKey signs access tokens (EUTTEUM_JWT_KEY, base64); empty uses a key generated
	// on first start and stored in the database.
	JWTKey []byte
	// AccessTTL is the access token lifetime (EUTTEUM_ACCESS_TTL, default 15m).
	AccessTTL time.Duration
	// OpenSignup allows sign-up without invitation (EUTTEUM_OPEN_SIGNUP, default false).
	OpenSignup bool
	// SecureCookies marks cookies Secure, for HTTPS deployments (EUTTEUM_SECURE_COOKIES).
	SecureCookies bool
	// TrustedProxies may set X-Forwarded-For (EUTTEUM_TRUSTED_PROXIES, comma-separated).
	TrustedProxies []string
	// LogLevel is debug, info, warn or error (EUTTEUM_LOG_LEVEL, default info).
	LogLevel string
	// LogFormat is json or text (EUTTEUM_LOG_FORMAT, default json).
	LogFormat string
	// SMTPURL sends mail through a server (EUTTEUM_SMTP_URL,
	// smtp://user:password@host:587?from=address); empty keeps mail in the outbox.
	SMTPURL string
	// PublicURL is the web app's address as users reach it, for links in mail
	// (EUTTEUM_PUBLIC_URL, default http://localhost:8080).
	PublicURL string
	// MailOutbox is where mail goes without SMTP, also written to the log
	// (EUTTEUM_MAIL_OUTBOX, default .data/outbox).
	MailOutbox string
}

// FromEnv reads the configuration.
func FromEnv() (Config, error) {
	c := Config{
		DatabaseURL:     os.Getenv("DATABASE_URL"),
		ReadDatabaseURL: os.Getenv("EUTTEUM_READ_DATABASE_URL"),
		DataDir:         env("EUTTEUM_DATA_DIR", ".data/postgres"),
		Addr:            env("EUTTEUM_ADDR", ":8080"),
		WebDir:          env("EUTTEUM_WEB_DIR", "frontend/dist"),
		LogLevel:        env("EUTTEUM_LOG_LEVEL", "info"),
		LogFormat:       env("EUTTEUM_LOG_FORMAT", "json"),
		SMTPURL:         os.Getenv("EUTTEUM_SMTP_URL"),
		MailOutbox:      env("EUTTEUM_MAIL_OUTBOX", ".data/outbox"),
		PublicURL:       env("EUTTEUM_PUBLIC_URL", "http://localhost:8080"),
	}
	var err error
	if c.AccessTTL, err = time.ParseDuration(env("EUTTEUM_ACCESS_TTL", "15m")); err != nil {
		return c, fmt.Errorf("EUTTEUM_ACCESS_TTL: %w", err)
	}
	if c.OpenSignup, err = strconv.ParseBool(env("EUTTEUM_OPEN_SIGNUP", "false")); err != nil {
		return c, fmt.Errorf("EUTTEUM_OPEN_SIGNUP: %w", err)
	}
	if c.SecureCookies, err = strconv.ParseBool(env("EUTTEUM_SECURE_COOKIES", "false")); err != nil {
		return c, fmt.Errorf("EUTTEUM_SECURE_COOKIES: %w", err)
	}
	if key := os.Getenv("EUTTEUM_JWT_KEY"); key != "" {
		if c.JWTKey, err = base64.StdEncoding.DecodeString(key); err != nil {
			return c, fmt.Errorf("EUTTEUM_JWT_KEY must be base64: %w", err)
		}
	}
	if proxies := os.Getenv("EUTTEUM_TRUSTED_PROXIES"); proxies != "" {
		for _, p := range strings.Split(proxies, ",") {
			c.TrustedProxies = append(c.TrustedProxies, strings.TrimSpace(p))
		}
	}
	return c, nil
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
