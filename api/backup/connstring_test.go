package backup

import "testing"

func TestClientConnString(t *testing.T) {
	for _, tc := range []struct {
		in, conn, password string
	}{
		{
			in:   "postgres://postgres@/eutteum?host=/tmp/eutteum-pg-1a2b3c4d&sslmode=disable",
			conn: "postgres://postgres@/eutteum?host=/tmp/eutteum-pg-1a2b3c4d&sslmode=disable",
		},
		{
			in:       "postgres://eutteum:p%40ss%20word@db.internal:5433/eutteum?sslmode=require&pool_max_conns=20&statement_cache_capacity=64",
			conn:     "postgres://eutteum@db.internal:5433/eutteum?sslmode=require",
			password: "p@ss word",
		},
		{
			in:       "postgresql://db.internal/eutteum?user=eutteum&password=secret",
			conn:     "postgresql://db.internal/eutteum?user=eutteum",
			password: "secret",
		},
		{
			in:       `host=db.internal dbname = eutteum user=eutteum password='it\'s a secret' pool_max_conns=4 sslmode=verify-full`,
			conn:     `host='db.internal' dbname='eutteum' user='eutteum' sslmode='verify-full'`,
			password: "it's a secret",
		},
		{
			in:       `host=/tmp/sock password=plain\ text application_name='으뜸 백업'`,
			conn:     `host='/tmp/sock' application_name='으뜸 백업'`,
			password: "plain text",
		},
	} {
		conn, password, err := clientConnString(tc.in)
		if err != nil || conn != tc.conn || password != tc.password {
			t.Errorf("clientConnString(%q)\n = %q, %q, %v\nwant %q, %q", tc.in, conn, password, err, tc.conn, tc.password)
		}
	}
	for _, bad := range []string{"host='unterminated password=x", "=value", "host", "postgres://u:p@h:port/db"} {
		if _, _, err := clientConnString(bad); err != errUnparsable {
			t.Errorf("clientConnString(%q): got %v, want errUnparsable", bad, err)
		}
	}
}
