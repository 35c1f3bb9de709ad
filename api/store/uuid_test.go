package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"

	"eutteum/api/testdb"
)

// Ids cross the pool in the binary protocol (registerUUID); these are the shapes the
// queries use them in, including NULL and arrays, which must still come back intact.
func TestUUIDRoundTrip(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	id := uuid.New()

	var got uuid.UUID
	var text string
	if err := pool.QueryRow(ctx, "select $1::uuid, $1::uuid::text", id).Scan(&got, &text); err != nil {
		t.Fatal(err)
	}
	if got != id || text != id.String() {
		t.Fatalf("uuid.UUID: sent %s, read %s (as text %s)", id, got, text)
	}

	var null, valid uuid.NullUUID
	if err := pool.QueryRow(ctx, "select $1::uuid, $2::uuid", uuid.NullUUID{}, uuid.NullUUID{UUID: id, Valid: true}).
		Scan(&null, &valid); err != nil {
		t.Fatal(err)
	}
	if null.Valid || !valid.Valid || valid.UUID != id {
		t.Fatalf("uuid.NullUUID: read %+v and %+v", null, valid)
	}

	// NULL into uuid.UUID is the zero id, as uuid.UUID's own Scan makes it.
	var intoUUID uuid.UUID
	if err := pool.QueryRow(ctx, "select null::uuid").Scan(&intoUUID); err != nil || intoUUID != uuid.Nil {
		t.Fatalf("NULL into uuid.UUID: %s, %v", intoUUID, err)
	}

	ids := []uuid.UUID{id, uuid.New()}
	var back []uuid.UUID
	if err := pool.QueryRow(ctx, "select $1::uuid[]", ids).Scan(&back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || back[0] != ids[0] || back[1] != ids[1] {
		t.Fatalf("uuid[]: sent %v, read %v", ids, back)
	}

	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	for _, target := range []any{new(uuid.UUID), new(uuid.NullUUID)} {
		plan := fmt.Sprintf("%T", conn.Conn().TypeMap().PlanScan(pgtype.UUIDOID, pgtype.BinaryFormatCode, target))
		if strings.Contains(plan, "SQLScanner") {
			t.Errorf("%T is scanned through sql.Scanner (%s), as text", target, plan)
		}
	}

	var fromWhere int
	if err := pool.QueryRow(ctx, "select count(*) from (values ($1::uuid)) v(x) where x = $2", id, id).Scan(&fromWhere); err != nil || fromWhere != 1 {
		t.Fatalf("uuid as a parameter compared in SQL: %d, %v", fromWhere, err)
	}
}
