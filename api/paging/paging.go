// Package paging is the one cursor convention of every list that can grow: a page of at
// most Limit items (DefaultLimit when not asked, MaxLimit at most), and an opaque cursor
// naming the last item shown, from which the next page continues (keyset paging, never
// OFFSET, so rows added while a reader pages neither repeat nor vanish from the pages).
//
// A cursor is base64url of a check sum and a small JSON document: the format version, the
// list it belongs to and the last item's key. The check sum is not a secret: a made-up
// cursor only moves the reader within a list they may read anyway. It makes sure garbage,
// a cut-off cursor or one of another list is refused as 400 invalid_cursor instead of
// silently starting somewhere odd.
package paging

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"eutteum/api/apperr"
)

const (
	// DefaultLimit is the page size when the request names none.
	DefaultLimit = 20
	// MaxLimit is the largest page a request may ask for.
	MaxLimit = 50
	// MaxCursorLength bounds a cursor (the API refuses longer ones before they get here).
	MaxCursorLength = 200

	version = 1
	sumSize = 6
)

// Limit is the page size for a requested limit: the default when absent or out of range
// (the API's validation refuses out-of-range values before a handler sees them).
func Limit(requested *int) int {
	if requested == nil || *requested < 1 || *requested > MaxLimit {
		return DefaultLimit
	}
	return *requested
}

type envelope struct {
	V    int             `json:"v"`
	List string          `json:"l"`
	Key  json.RawMessage `json:"k"`
}

// Encode makes the cursor after the item whose key is given, for the named list.
func Encode(list string, key any) string {
	k, err := json.Marshal(key)
	if err != nil {
		// Keys are plain structs of strings, numbers and times.
		panic("paging: unencodable key: " + err.Error())
	}
	body, _ := json.Marshal(envelope{V: version, List: list, Key: k})
	sum := sha256.Sum256(body)
	return base64.RawURLEncoding.EncodeToString(append(sum[:sumSize:sumSize], body...))
}

// Decode reads a cursor of the named list into key. Anything else — not base64, a wrong
// check sum, another version, another list, a key of the wrong shape — is ErrInvalid.
func Decode(cursor, list string, key any) error {
	if len(cursor) > MaxCursorLength {
		return Invalid()
	}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(raw) <= sumSize {
		return Invalid()
	}
	body := raw[sumSize:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:sumSize], raw[:sumSize]) {
		return Invalid()
	}
	var env envelope
	if json.Unmarshal(body, &env) != nil || env.V != version || env.List != list || len(env.Key) == 0 {
		return Invalid()
	}
	dec := json.NewDecoder(bytes.NewReader(env.Key))
	dec.DisallowUnknownFields()
	if dec.Decode(key) != nil {
		return Invalid()
	}
	return nil
}

// Invalid is the answer to a cursor that cannot be used: 400 invalid_cursor naming the
// cursor parameter.
func Invalid() *apperr.Error {
	e := apperr.New(apperr.KindInvalid, apperr.CodeInvalidCursor)
	e.Fields = []apperr.FieldError{{Field: "cursor", Rule: "invalid_cursor"}}
	return e
}

// Page is one page of a list and the cursor of the next, empty on the last page.
type Page[T any] struct {
	Items []T
	Next  string
}

// Trim turns the rows of a query that asked for limit+1 rows into a page: the extra row
// only says that there is a next page, which continues after the page's last item.
func Trim[T any](rows []T, limit int, list string, key func(T) any) Page[T] {
	if rows == nil {
		rows = []T{}
	}
	if len(rows) <= limit {
		return Page[T]{Items: rows}
	}
	rows = rows[:limit]
	return Page[T]{Items: rows, Next: Encode(list, key(rows[limit-1]))}
}

// Map converts a page's items, keeping its cursor.
func Map[T, U any](p Page[T], f func(T) U) Page[U] {
	out := make([]U, len(p.Items))
	for i, it := range p.Items {
		out[i] = f(it)
	}
	return Page[U]{Items: out, Next: p.Next}
}

// Fetch is limit+1, what a query asks for to know whether a next page exists.
func Fetch(limit int) int32 { return int32(limit + 1) }

// Request is what a list request asks for: where to continue and how many.
type Request struct {
	Cursor string
	Limit  int
}

// NewRequest reads the cursor and limit query parameters.
func NewRequest(cursor *string, limit *int) Request {
	r := Request{Limit: Limit(limit)}
	if cursor != nil {
		r.Cursor = *cursor
	}
	return r
}

// After decodes the request's cursor into key; it reports false on the first page.
func (r Request) After(list string, key any) (bool, error) {
	if r.Cursor == "" {
		return false, nil
	}
	if err := Decode(r.Cursor, list, key); err != nil {
		return false, err
	}
	return true, nil
}

// TimeKey is the key of a list ordered by a time, ties broken by the row's id.
type TimeKey struct {
	At time.Time `json:"t"`
	ID uuid.UUID `json:"i"`
}

// AfterTime reads the cursor of a list ordered by (time, id) as the parameters of its
// query: nil and no id on the first page.
func (r Request) AfterTime(list string) (*time.Time, uuid.NullUUID, error) {
	var k TimeKey
	ok, err := r.After(list, &k)
	if err != nil || !ok {
		return nil, uuid.NullUUID{}, err
	}
	if k.ID == uuid.Nil {
		return nil, uuid.NullUUID{}, Invalid()
	}
	return &k.At, uuid.NullUUID{UUID: k.ID, Valid: true}, nil
}

// SerialKey is the key of a list ordered by a serial number (the audit log's id).
type SerialKey struct {
	ID int64 `json:"n"`
}

// AfterSerial reads the cursor of a list ordered by a serial number: nil on the first page.
func (r Request) AfterSerial(list string) (*int64, error) {
	var k SerialKey
	ok, err := r.After(list, &k)
	if err != nil || !ok {
		return nil, err
	}
	if k.ID < 1 {
		return nil, Invalid()
	}
	return &k.ID, nil
}
