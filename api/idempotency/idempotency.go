// Package idempotency remembers the answers to create requests that carry an
// Idempotency-Key, so a retried request gets the first answer instead of a duplicate.
package idempotency

import (
	"context"
	"crypto/sha256"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/store"
)

// Store keeps claimed keys and their answers for a day.
type Store struct{ q *store.Queries }

// New returns a Store.
func New(pool *pgxpool.Pool) *Store { return &Store{q: store.New(pool)} }

// Answer is a remembered response.
type Answer struct {
	Status      int
	ContentType string
	Body        []byte
}

// Hash identifies a request's content, so a key reused for another request is caught.
func Hash(method, path string, body []byte) []byte {
	h := sha256.New()
	h.Write([]byte(method + " " + path + "\n"))
	h.Write(body)
	return h.Sum(nil)
}

// Claim reserves key for the request. It returns the remembered answer when the same
// request was answered before; a conflict when the key is in use by another request or
// the first one is still running; or (nil, nil) when the caller should go ahead.
func (s *Store) Claim(ctx context.Context, user uuid.UUID, key, operation string, hash []byte) (*Answer, error) {
	n, err := s.q.ClaimIdempotencyKey(ctx, store.ClaimIdempotencyKeyParams{UserID: user, Key: key, Operation: operation, RequestHash: hash})
	if err != nil {
		return nil, dberr.Fail(err)
	}
	if n == 1 {
		return nil, nil
	}
	row, err := s.q.GetIdempotencyKey(ctx, store.GetIdempotencyKeyParams{UserID: user, Key: key})
	if err != nil {
		return nil, dberr.Fail(err)
	}
	if row.Operation != operation || string(row.RequestHash) != string(hash) {
		return nil, &apperr.Error{Kind: apperr.KindInvalid, Code: apperr.CodeIdempotencyKeyReused,
			Fields: []apperr.FieldError{apperr.Field("Idempotency-Key", "invalid")}}
	}
	if row.Status == nil {
		return nil, &apperr.Error{Kind: apperr.KindConflict, Code: apperr.CodeIdempotencyKeyInProgress, RetryAfter: time.Second}
	}
	ct := ""
	if row.ContentType != nil {
		ct = *row.ContentType
	}
	return &Answer{Status: int(*row.Status), ContentType: ct, Body: row.Body}, nil
}

// Remember stores the answer to a claimed key.
func (s *Store) Remember(ctx context.Context, user uuid.UUID, key string, a Answer) error {
	status := int32(a.Status)
	return dberr.Fail(s.q.StoreIdempotentResponse(ctx, store.StoreIdempotentResponseParams{
		UserID: user, Key: key, Status: &status, ContentType: &a.ContentType, Body: a.Body,
	}))
}

// Release frees a claimed key whose request failed inside the server, so a retry can run.
func (s *Store) Release(ctx context.Context, user uuid.UUID, key string) error {
	return dberr.Fail(s.q.ReleaseIdempotencyKey(ctx, store.ReleaseIdempotencyKeyParams{UserID: user, Key: key}))
}

// Expire forgets keys older than a day.
func (s *Store) Expire(ctx context.Context) error { return dberr.Fail(s.q.ExpireIdempotencyKeys(ctx)) }
