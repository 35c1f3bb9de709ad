package authn

import (
	"encoding/base64"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"eutteum/api/apperr"
)

func TestPasswordHash(t *testing.T) {
	hash, err := HashPassword("올바른-비밀번호-2025")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q", hash)
	}
	if ok, err := CheckPassword(hash, "올바른-비밀번호-2025"); !ok || err != nil {
		t.Fatalf("right password: %v %v", ok, err)
	}
	if ok, _ := CheckPassword(hash, "올바른-비밀번호-2026"); ok {
		t.Fatal("wrong password accepted")
	}
	other, _ := HashPassword("올바른-비밀번호-2025")
	if other == hash {
		t.Fatal("two hashes of one password must differ by salt")
	}
	if _, err := CheckPassword("$2a$10$notargon", "x"); err == nil {
		t.Fatal("malformed hash accepted")
	}
}

func TestTokenVerification(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	tokens := NewTokens(key, 15*time.Minute)
	tokens.now = func() time.Time { return now }
	user := uuid.New()

	good, err := tokens.Issue(user, []string{"member"})
	if err != nil {
		t.Fatal(err)
	}
	claims, err := tokens.Verify(good)
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := claims.UserID(); id != user || claims.Roles[0] != "member" {
		t.Fatalf("claims %+v", claims)
	}

	sign := func(c jwt.Claims, k []byte) string {
		s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(k)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	base := func() jwt.RegisteredClaims {
		return jwt.RegisteredClaims{
			Issuer: Issuer, Subject: user.String(), Audience: jwt.ClaimStrings{Audience},
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(time.Minute)),
		}
	}
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))
	payload := strings.Split(good, ".")[1]

	wrongAudience := base()
	wrongAudience.Audience = jwt.ClaimStrings{"another-api"}
	expired := base()
	expired.ExpiresAt = jwt.NewNumericDate(now.Add(-time.Minute))
	notYet := base()
	notYet.NotBefore = jwt.NewNumericDate(now.Add(time.Minute))
	noExpiry := base()
	noExpiry.ExpiresAt = nil
	badSubject := base()
	badSubject.Subject = "not-a-uuid"

	cases := map[string]struct {
		token string
		code  apperr.Code
	}{
		"wrong signature":  {sign(&Claims{RegisteredClaims: base()}, []byte("another-key-another-key-another!")), apperr.CodeTokenInvalid},
		"alg none":         {header + "." + payload + ".", apperr.CodeTokenInvalid},
		"wrong audience":   {sign(&Claims{RegisteredClaims: wrongAudience}, key), apperr.CodeTokenInvalid},
		"expired":          {sign(&Claims{RegisteredClaims: expired}, key), apperr.CodeTokenExpired},
		"not yet valid":    {sign(&Claims{RegisteredClaims: notYet}, key), apperr.CodeTokenInvalid},
		"no expiry":        {sign(&Claims{RegisteredClaims: noExpiry}, key), apperr.CodeTokenInvalid},
		"subject not uuid": {sign(&Claims{RegisteredClaims: badSubject}, key), apperr.CodeTokenInvalid},
		"garbage":          {"a.b.c", apperr.CodeTokenInvalid},
	}
	for name, tc := range cases {
		_, err := tokens.Verify(tc.token)
		if !apperr.Is(err, tc.code) {
			t.Errorf("%s: %v, want %s", name, err, tc.code)
		}
	}
}

func TestOpaqueTokens(t *testing.T) {
	a, hashA, err := NewOpaqueToken()
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := NewOpaqueToken()
	if a == b || len(a) != 43 {
		t.Fatalf("tokens %q %q", a, b)
	}
	if string(HashOpaqueToken(a)) != string(hashA) {
		t.Fatal("hash is not stable")
	}
}

// A token checked once is not parsed again, yet still expires on time, and a token that
// differs in one byte is checked afresh.
func TestVerifiedTokensExpireOnTime(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	now := time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)
	tokens := NewTokens(key, 15*time.Minute)
	tokens.now = func() time.Time { return now }
	good, err := tokens.Issue(uuid.New(), []string{"judge"})
	if err != nil {
		t.Fatal(err)
	}
	first, err := tokens.Verify(good)
	if err != nil {
		t.Fatal(err)
	}
	again, err := tokens.Verify(good)
	if err != nil || again != first {
		t.Fatalf("second check: %p %v, want the remembered %p", again, err, first)
	}
	tampered := good[:len(good)-2] + map[bool]string{true: "AA", false: "BB"}[!strings.HasSuffix(good, "AA")]
	if _, err := tokens.Verify(tampered); !apperr.Is(err, apperr.CodeTokenInvalid) {
		t.Fatalf("a token with another signature: %v", err)
	}
	now = now.Add(15*time.Minute + leeway + time.Second)
	if _, err := tokens.Verify(good); !apperr.Is(err, apperr.CodeTokenExpired) {
		t.Fatalf("after expiry: %v, want token_expired", err)
	}
	for i := range 2*verifiedLimit + 10 {
		tokens.verified.put(strconv.Itoa(i), first)
	}
	if n := len(tokens.verified.current) + len(tokens.verified.previous); n > 2*verifiedLimit {
		t.Fatalf("%d tokens remembered, at most %d", n, 2*verifiedLimit)
	}
}
