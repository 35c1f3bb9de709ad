package paging

import (
	"strings"
	"testing"
	"time"

	"eutteum/api/apperr"
)

type key struct {
	At time.Time `json:"t"`
	ID string    `json:"i"`
}

func TestCursorRoundTrip(t *testing.T) {
	in := key{At: time.Date(2026, 3, 1, 9, 30, 0, 123456000, time.UTC), ID: "0b6c3c1e-6f8e-4d3a-9c55-3d1f0a2b4c5d"}
	c := Encode("users", in)
	if len(c) > MaxCursorLength {
		t.Fatalf("cursor of %d characters", len(c))
	}
	var out key
	if err := Decode(c, "users", &out); err != nil {
		t.Fatal(err)
	}
	if !out.At.Equal(in.At) || out.ID != in.ID {
		t.Fatalf("got %+v, want %+v", out, in)
	}
}

func TestGarbageIsRefused(t *testing.T) {
	good := Encode("users", key{ID: "x"})
	flipped := []byte(good)
	flipped[len(flipped)-3] ^= 1
	cases := map[string]string{
		"empty":        "",
		"not base64":   "not a cursor!",
		"short":        "AAAA",
		"cut off":      good[:len(good)-4],
		"one bit":      string(flipped),
		"another list": good,
		"too long":     strings.Repeat("A", MaxCursorLength+1),
	}
	for name, c := range cases {
		list := "users"
		if name == "another list" {
			list = "invitations"
		}
		var out key
		err := Decode(c, list, &out)
		if !apperr.Is(err, apperr.CodeInvalidCursor) {
			t.Errorf("%s: got %v", name, err)
			continue
		}
		if e := apperr.As(err); e.Kind != apperr.KindInvalid || len(e.Fields) != 1 || e.Fields[0].Field != "cursor" {
			t.Errorf("%s: %+v", name, e)
		}
	}
	// A key of another shape is refused too.
	var other struct {
		N int `json:"n"`
	}
	if err := Decode(good, "users", &other); err == nil {
		t.Error("a key of another shape was accepted")
	}
}

func TestTrim(t *testing.T) {
	rows := []int{1, 2, 3, 4}
	p := Trim(rows, 3, "n", func(n int) any { return key{ID: string(rune('0' + n))} })
	if len(p.Items) != 3 || p.Next == "" {
		t.Fatalf("%+v", p)
	}
	var k key
	if err := Decode(p.Next, "n", &k); err != nil || k.ID != "3" {
		t.Fatalf("next after %q, %v", k.ID, err)
	}
	if last := Trim(rows[:3], 3, "n", func(int) any { return nil }); last.Next != "" || len(last.Items) != 3 {
		t.Fatalf("last page %+v", last)
	}
	if empty := Trim[int](nil, 3, "n", nil); empty.Items == nil || len(empty.Items) != 0 {
		t.Fatalf("empty page %+v", empty)
	}
}

func TestLimit(t *testing.T) {
	for _, c := range []struct {
		in   *int
		want int
	}{{nil, DefaultLimit}, {ptr(0), DefaultLimit}, {ptr(1), 1}, {ptr(MaxLimit), MaxLimit}, {ptr(MaxLimit + 1), DefaultLimit}} {
		if got := Limit(c.in); got != c.want {
			t.Errorf("Limit(%v) = %d, want %d", c.in, got, c.want)
		}
	}
}

func ptr(n int) *int { return &n }
