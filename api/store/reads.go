package store

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Reads sends the reads that may trail the newest write by a moment (the archive search,
// public pages) to a read replica, so that they scale apart from the primary. While the
// replica cannot be reached they go to the primary, so an outage of the replica slows
// those pages down rather than taking them away. Exec always goes to the primary: a
// write sent here still lands where writes belong.
type Reads struct {
	primary, replica *pgxpool.Pool
	warned           atomic.Int64 // unix seconds of the last warning about the replica
}

// NewReads routes reads to replica, or to primary when replica is nil.
func NewReads(primary, replica *pgxpool.Pool) *Reads {
	return &Reads{primary: primary, replica: replica}
}

// HasReplica reports whether a replica is configured.
func (r *Reads) HasReplica() bool { return r.replica != nil }

// Replica is the replica's pool, or nil.
func (r *Reads) Replica() *pgxpool.Pool { return r.replica }

func (r *Reads) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return r.primary.Exec(ctx, sql, args...)
}

func (r *Reads) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if r.replica != nil {
		rows, err := r.replica.Query(ctx, sql, args...)
		if !r.unreachable(ctx, err) {
			return rows, err
		}
	}
	return r.primary.Query(ctx, sql, args...)
}

func (r *Reads) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if r.replica == nil {
		return r.primary.QueryRow(ctx, sql, args...)
	}
	return fallbackRow{reads: r, ctx: ctx, sql: sql, args: args, row: r.replica.QueryRow(ctx, sql, args...)}
}

// fallbackRow reads its row from the primary when the replica could not be reached.
type fallbackRow struct {
	reads *Reads
	ctx   context.Context
	sql   string
	args  []any
	row   pgx.Row
}

func (f fallbackRow) Scan(dest ...any) error {
	err := f.row.Scan(dest...)
	if f.reads.unreachable(f.ctx, err) {
		return f.reads.primary.QueryRow(f.ctx, f.sql, f.args...).Scan(dest...)
	}
	return err
}

// unreachable reports whether err says the replica could not be reached before the query
// was sent (and not that the caller gave up or the query failed), warning at most once a
// minute.
func (r *Reads) unreachable(ctx context.Context, err error) bool {
	var connectErr *pgconn.ConnectError
	if err == nil || ctx.Err() != nil || !errors.As(err, &connectErr) && !pgconn.SafeToRetry(err) {
		return false
	}
	now := time.Now().Unix()
	if last := r.warned.Load(); now-last >= 60 && r.warned.CompareAndSwap(last, now) {
		slog.Default().Warn("the read replica cannot be reached: reading from the primary", "error", err)
	}
	return true
}
