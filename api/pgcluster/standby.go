package pgcluster

import (
	"context"
	"fmt"
	"os"
)

// NewStandby makes dataDir a streaming standby (a read replica) of this running cluster:
// pg_basebackup copies the cluster and writes the recovery settings that keep the copy
// following it. The standby is returned stopped; Start runs it on a socket of its own.
// It serves the read replica test, and an operator trying out EUTTEUM_READ_DATABASE_URL
// on one machine; a production replica is set up by the operator's own tooling.
func (c *Cluster) NewStandby(ctx context.Context, dataDir string) (*Cluster, error) {
	if !c.Running() {
		return nil, fmt.Errorf("pgcluster: the primary at %s is not running", c.dataDir)
	}
	s, err := New(Options{DataDir: dataDir, Logger: c.log})
	if err != nil {
		return nil, err
	}
	if s.initialized() {
		return nil, fmt.Errorf("pgcluster: %s already holds a cluster", s.dataDir)
	}
	basebackup, err := Program("pg_basebackup")
	if err != nil {
		return nil, err
	}
	if err := s.makeParent(); err != nil {
		return nil, err
	}
	// pg_basebackup fills an empty directory the server user owns.
	if err := os.Mkdir(s.dataDir, 0o700); err != nil && !os.IsExist(err) {
		return nil, fmt.Errorf("pgcluster: %w", err)
	}
	if err := s.chown(s.dataDir); err != nil {
		return nil, err
	}
	c.log.Info("copying PostgreSQL into a standby", "primary", c.dataDir, "standby", s.dataDir)
	out, err := s.run(ctx, basebackup, "--pgdata", s.dataDir, "--host", c.socketDir, "--username", superuser,
		"--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast", "--no-password")
	if err != nil {
		_ = os.RemoveAll(s.dataDir)
		return nil, fmt.Errorf("pgcluster: pg_basebackup: %v: %s", err, tail(out, 10))
	}
	return s, nil
}
