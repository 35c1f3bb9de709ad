package servertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Server is `eutteum serve` running as a process of its own.
type Server struct {
	Name string
	URL  string
	cmd  *exec.Cmd
	logs *syncBuffer
}

// Start runs `eutteum serve` with env added to the test's environment (DATABASE_URL at
// least) and waits until it is ready; the test's end stops it with SIGTERM and, if the
// test failed, prints its log.
func Start(t *testing.T, bin, name string, env ...string) *Server {
	t.Helper()
	addr := FreeAddr(t)
	s := &Server{Name: name, URL: "http://" + addr, logs: &syncBuffer{}}
	s.cmd = exec.Command(bin, "serve")
	s.cmd.Env = append(append(os.Environ(), "EUTTEUM_ADDR="+addr, "EUTTEUM_WEB_DIR=",
		"EUTTEUM_LOG_LEVEL=warn", "EUTTEUM_MAIL_OUTBOX="+t.TempDir()), env...)
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = s.cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("server %s log:\n%s", s.Name, s.logs)
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(s.URL + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server %s did not become ready:\n%s", name, s.logs)
	return nil
}

// Logs is what the server has written so far.
func (s *Server) Logs() string { return s.logs.String() }

// syncBuffer is a log both a process and the test touch.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Client calls one server as one user; On points the same user at another server.
type Client struct {
	Base  string
	Token string
	HTTP  *http.Client
}

// Response is a decoded JSON answer.
type Response struct {
	Code int
	Body map[string]any
	Head http.Header
}

// Anonymous is a client without a sign-in.
func Anonymous(s *Server) *Client {
	return &Client{Base: s.URL, HTTP: &http.Client{Timeout: 10 * time.Second}}
}

// Login signs email in on s.
func Login(t *testing.T, s *Server, email, password string) *Client {
	t.Helper()
	c := Anonymous(s)
	res := c.Do(t, "POST", "/api/v1/auth/login", map[string]string{"email": email, "password": password})
	if res.Code != http.StatusOK {
		t.Fatalf("login %s on %s: %d %v", email, s.Name, res.Code, res.Body)
	}
	c.Token = res.Body["accessToken"].(string)
	return c
}

// On is the same user on another server.
func (c *Client) On(s *Server) *Client { return &Client{Base: s.URL, Token: c.Token, HTTP: c.HTTP} }

// Do sends a request with a JSON body (nil for none) and header name/value pairs.
func (c *Client) Do(t *testing.T, method, path string, body any, headers ...string) Response {
	t.Helper()
	res, err := c.Try(method, path, body, headers...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Try is Do for other goroutines than the test's, which must not call t.Fatal.
func (c *Client) Try(method, path string, body any, headers ...string) (Response, error) {
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.Base+path, r)
	if err != nil {
		return Response{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		return Response{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	out := Response{Code: res.StatusCode, Head: res.Header}
	_ = json.NewDecoder(res.Body).Decode(&out.Body)
	return out, nil
}

// Problem checks a problem document's status and code, and a Retry-After on a 429.
func Problem(t *testing.T, res Response, status int, code string) {
	t.Helper()
	if res.Code != status || res.Body["code"] != code {
		t.Fatalf("want %d %s, got %d %v", status, code, res.Code, res.Body)
	}
	if ct := res.Head.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type %q", ct)
	}
	if status == http.StatusTooManyRequests && res.Head.Get("Retry-After") == "" {
		t.Fatalf("429 without Retry-After: %v", res.Body)
	}
}

// Items is the `items` list of a response.
func Items(res Response) []map[string]any {
	var out []map[string]any
	list, _ := res.Body["items"].([]any)
	for _, it := range list {
		out = append(out, it.(map[string]any))
	}
	return out
}
