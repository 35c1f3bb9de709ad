// Package db ships the database side of Eutteum inside the binary: the numbered
// migrations applied by tern and the Korean demo data loaded by `eutteum seed`.
// Static queries live in queries/ and are compiled to Go by sqlc (see sqlc.yaml).
package db

import "embed"

// Migrations holds db/migrations/*.sql, applied in numeric order.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// Seed holds the demo data.
//
//go:embed seed/*.json seed/*.jsonl seed/*.txt
var Seed embed.FS
