package authn

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"eutteum/api/apperr"
)

const (
	Issuer   = "eutteum"
	Audience = "eutteum-api"
)

// Claims are what an access token says about its bearer. Roles are copied from the
// database at login and at each refresh, so role changes take effect at the next refresh.
type Claims struct {
	Roles []string `json:"roles"`
	jwt.RegisteredClaims
}

// UserID returns the subject as a UUID.
func (c *Claims) UserID() (uuid.UUID, error) { return uuid.Parse(c.Subject) }

// Tokens signs and verifies access tokens with an HMAC key.
type Tokens struct {
	key      []byte
	ttl      time.Duration
	now      func() time.Time
	verified verifiedTokens
}

// NewTokens returns a signer for key; access tokens live for ttl.
func NewTokens(key []byte, ttl time.Duration) *Tokens {
	return &Tokens{key: key, ttl: ttl, now: time.Now}
}

// leeway is how far clocks may disagree about a token's times.
const leeway = 5 * time.Second

// verifiedTokens remembers the tokens whose signature and claims were checked, until they
// expire. A client sends the same token with every request of its quarter hour, and parsing
// and checking it again cost more CPU than reading a case. The key is the whole token, so a
// token that differs in one byte is checked afresh; two generations of at most
// verifiedLimit tokens each bound the memory.
type verifiedTokens struct {
	mu       sync.RWMutex
	current  map[string]*Claims
	previous map[string]*Claims
}

const verifiedLimit = 20000

func (v *verifiedTokens) get(raw string) (*Claims, bool) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if c, ok := v.current[raw]; ok {
		return c, true
	}
	c, ok := v.previous[raw]
	return c, ok
}

func (v *verifiedTokens) put(raw string, c *Claims) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.current == nil || len(v.current) >= verifiedLimit {
		v.previous, v.current = v.current, make(map[string]*Claims, 1024)
	}
	v.current[raw] = c
}

// TTL is how long an access token lives.
func (t *Tokens) TTL() time.Duration { return t.ttl }

// Issue returns a signed access token for the user with the given role names.
func (t *Tokens) Issue(userID uuid.UUID, roles []string) (string, error) {
	now := t.now()
	claims := Claims{
		Roles: roles,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Subject:   userID.String(),
			Audience:  jwt.ClaimStrings{Audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(t.ttl)),
			ID:        uuid.NewString(),
		},
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(t.key)
}

// Verify parses and checks a token: signature with HS256 only (so "alg: none" and key
// confusion are refused), issuer, audience, expiry and not-before.
// The claims returned are shared between the requests that carry the token: read them only.
func (t *Tokens) Verify(raw string) (*Claims, error) {
	if c, ok := t.verified.get(raw); ok && t.now().Before(c.ExpiresAt.Add(leeway)) {
		return c, nil
	}
	claims := &Claims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return t.key, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(t.now),
		jwt.WithLeeway(leeway),
	)
	switch {
	case err == nil:
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, apperr.Wrap(apperr.KindUnauthenticated, apperr.CodeTokenExpired, err)
	default:
		return nil, apperr.Wrap(apperr.KindUnauthenticated, apperr.CodeTokenInvalid, err)
	}
	if _, err := claims.UserID(); err != nil {
		return nil, apperr.Wrap(apperr.KindUnauthenticated, apperr.CodeTokenInvalid, err)
	}
	t.verified.put(raw, claims)
	return claims, nil
}

// NewOpaqueToken returns a random URL-safe token and the SHA-256 hash that is stored
// instead of it (refresh tokens, invitation tokens).
func NewOpaqueToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashOpaqueToken(token), nil
}

// HashOpaqueToken is the stored form of an opaque token.
func HashOpaqueToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// NewSigningKey returns a fresh 256-bit HMAC key.
func NewSigningKey() ([]byte, error) {
	b := make([]byte, 32)
	_, err := rand.Read(b)
	return b, err
}
