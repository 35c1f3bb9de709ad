package store_test

import (
	"context"
	"testing"

	"eutteum/api/testdb"
)

// Migration 017: where this PostgreSQL has lz4, the archive's vectors and long texts use it
// (pglz gives up on a tsvector and stores it whole).
func TestArchiveColumnsCompressWithLZ4(t *testing.T) {
	pool := testdb.New(t)
	ctx := context.Background()
	if _, err := pool.Exec(ctx, "create temporary table lz4_probe (t text compression lz4)"); err != nil {
		t.Skip("this PostgreSQL has no lz4")
	}
	rows, err := pool.Query(ctx, `select attname, attcompression from pg_attribute
		where attrelid = 'archive_entries'::regclass and attname = any($1)`,
		[]string{"search", "search_lead", "problem", "solution", "outcomes"})
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var name, method string
		if err := rows.Scan(&name, &method); err != nil {
			t.Fatal(err)
		}
		n++
		if method != "l" {
			t.Errorf("archive_entries.%s compresses with %q, want lz4", name, method)
		}
	}
	if n != 5 {
		t.Errorf("found %d of the 5 columns", n)
	}
}
