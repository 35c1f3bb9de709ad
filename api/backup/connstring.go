package backup

import (
	"errors"
	"net/url"
	"sort"
	"strings"
)

// errUnparsable stands in for the parser's own error, which may quote the connection
// string and so the password in it.
var errUnparsable = errors.New("the database URL cannot be parsed (check DATABASE_URL)")

// pgxOnlyParams are settings pgx and pgxpool understand and libpq refuses ("invalid URI
// query parameter"), so the server's DATABASE_URL may carry them.
var pgxOnlyParams = map[string]bool{
	"statement_cache_capacity":   true,
	"description_cache_capacity": true,
	"default_query_exec_mode":    true,
	"min_read_buffer_size":       true,
}

func pgxOnly(key string) bool {
	return pgxOnlyParams[key] || strings.HasPrefix(key, "pool_")
}

// clientConnString turns the connection string the server uses into one for pg_dump and
// pg_restore: without the settings only pgx knows, and without the password, which is
// returned apart so that it goes to the program in PGPASSWORD. Command lines are visible
// to every user of the machine (ps, /proc/*/cmdline); a process's environment is not.
// Both forms pgx accepts are handled: URLs and libpq's key=value strings.
func clientConnString(s string) (conn, password string, err error) {
	if strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://") {
		return clientURL(s)
	}
	return clientKeywords(s)
}

func clientURL(s string) (string, string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", "", errUnparsable
	}
	var password string
	if u.User != nil {
		if p, ok := u.User.Password(); ok {
			password = p
			u.User = url.User(u.User.Username())
		}
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", "", errUnparsable
	}
	if p := q.Get("password"); p != "" {
		password = p
	}
	q.Del("password")
	for key := range q {
		if pgxOnly(key) {
			q.Del(key)
		}
	}
	u.RawQuery = encodeQuery(q)
	return u.String(), password, nil
}

// encodeQuery is url.Values.Encode but leaves "/" alone, so that a socket directory
// (host=/tmp/...) stays readable in messages; libpq decodes either form.
func encodeQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range q[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(strings.ReplaceAll(url.QueryEscape(v), "%2F", "/"))
		}
	}
	return b.String()
}

// clientKeywords handles "host=... dbname=... password='...'" strings, following
// libpq's rules: spaces around "=" are allowed, a value is either bare up to the next
// space or single-quoted, and a backslash escapes the next character in both.
func clientKeywords(s string) (string, string, error) {
	var (
		out      []string
		password string
		i        int
	)
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i == len(s) {
			break
		}
		start := i
		for i < len(s) && s[i] != '=' && !isSpace(s[i]) {
			i++
		}
		key := s[start:i]
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if key == "" || i == len(s) || s[i] != '=' {
			return "", "", errUnparsable
		}
		i++
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		var val strings.Builder
		if i < len(s) && s[i] == '\'' {
			i++
			closed := false
			for i < len(s) {
				c := s[i]
				i++
				if c == '\\' && i < len(s) {
					val.WriteByte(s[i])
					i++
					continue
				}
				if c == '\'' {
					closed = true
					break
				}
				val.WriteByte(c)
			}
			if !closed {
				return "", "", errUnparsable
			}
		} else {
			for i < len(s) && !isSpace(s[i]) {
				c := s[i]
				i++
				if c == '\\' && i < len(s) {
					c = s[i]
					i++
				}
				val.WriteByte(c)
			}
		}
		switch {
		case key == "password":
			password = val.String()
		case pgxOnly(key):
		default:
			out = append(out, key+"='"+quoteKeyword(val.String())+"'")
		}
	}
	return strings.Join(out, " "), password, nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func quoteKeyword(v string) string {
	return strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v)
}
