// Package apitest drives the real HTTP handler on a real test database and checks every
// response against openapi.yaml, so a test fails when the server and its contract disagree.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/app"
	"eutteum/api/httpapi"
	"eutteum/api/seed"
	"eutteum/api/testdb"
)

func init() {
	// Request logs drown test output; warnings and errors still show.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
}

// DemoPassword is the password of every demo account.
const DemoPassword = "demo-pass-2025"

// Env is one application on its own database.
type Env struct {
	T        testing.TB
	Pool     *pgxpool.Pool
	App      *app.App
	contract *httpapi.Contract
}

// New starts an application on a fresh database. Adjust settings with the option funcs.
func New(t testing.TB, opts ...func(*app.Settings)) *Env {
	t.Helper()
	return NewOn(t, testdb.New(t), opts...)
}

// NewOn starts an application on pool, a fresh database of the test's (testdb.NewTraced
// makes one whose statements a test can count).
func NewOn(t testing.TB, pool *pgxpool.Pool, opts ...func(*app.Settings)) *Env {
	t.Helper()
	s := app.DefaultSettings()
	for _, o := range opts {
		o(&s)
	}
	a, err := app.New(context.Background(), pool, s)
	if err != nil {
		t.Fatalf("apitest: build app: %v", err)
	}
	contract, err := httpapi.LoadContract()
	if err != nil {
		t.Fatalf("apitest: %v", err)
	}
	return &Env{T: t, Pool: pool, App: a, contract: contract}
}

// NewSeeded starts an application with the demo data loaded.
func NewSeeded(t testing.TB, opts ...func(*app.Settings)) *Env {
	t.Helper()
	return Seed(t, New(t, opts...))
}

// Seed loads the demo data into e's database and returns e.
func Seed(t testing.TB, e *Env) *Env {
	t.Helper()
	if _, err := seed.Demo(context.Background(), e.App); err != nil {
		t.Fatalf("apitest: seed: %v", err)
	}
	return e
}

// Client sends requests as one caller.
type Client struct {
	env     *Env
	Token   string
	Lang    string
	Cookies []*http.Cookie
	// Header is added to every request.
	Header http.Header
}

// Client returns an anonymous client.
func (e *Env) Client() *Client { return &Client{env: e, Header: http.Header{}} }

// Login signs in through the API and returns a client carrying the access token.
func (e *Env) Login(email, password string) *Client {
	e.T.Helper()
	c := e.Client()
	res := c.Post("/api/v1/auth/login", map[string]string{"email": email, "password": password})
	res.Status(http.StatusOK)
	c.Token = res.JSON()["accessToken"].(string)
	return c
}

// Response is a recorded response.
type Response struct {
	t    testing.TB
	Code int
	Head http.Header
	Body []byte
	// Cookies set by the response.
	Cookies []*http.Cookie
}

func (c *Client) Get(path string) *Response { return c.Do(http.MethodGet, path, nil) }

func (c *Client) Post(path string, body any) *Response { return c.Do(http.MethodPost, path, body) }

func (c *Client) Put(path string, body any) *Response { return c.Do(http.MethodPut, path, body) }

func (c *Client) Patch(path string, body any) *Response { return c.Do(http.MethodPatch, path, body) }

// Do sends a request. body may be nil, a []byte or string sent as is (as JSON unless a
// Content-Type header says otherwise), or a value encoded as JSON.
func (c *Client) Do(method, path string, body any) *Response {
	t := c.env.T
	t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		raw = b
	case string:
		raw = []byte(b)
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			t.Fatalf("apitest: encode body: %v", err)
		}
	}
	return c.send(method, path, "application/json", raw)
}

// Upload posts one file as multipart/form-data field "file", with extra form fields.
func (c *Client) Upload(path, filename string, content []byte, fields map[string]string) *Response {
	t := c.env.T
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	part, err := w.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := part.Write(content); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return c.send(http.MethodPost, path, w.FormDataContentType(), buf.Bytes())
}

func (c *Client) send(method, path, contentType string, raw []byte) *Response {
	t := c.env.T
	t.Helper()
	var reader io.Reader
	if raw != nil {
		reader = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, path, reader)
	if raw != nil {
		req.Header.Set("Content-Type", contentType)
	}
	for k, vs := range c.Header {
		req.Header.Del(k)
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if c.Lang != "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	for _, ck := range c.Cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.env.App.Handler.ServeHTTP(rec, req)
	res := &Response{t: t, Code: rec.Code, Head: rec.Header(), Body: rec.Body.Bytes(), Cookies: rec.Result().Cookies()}
	c.env.checkContract(req, raw, res)
	return res
}

// With returns a copy of the client that adds a header to its requests.
func (c *Client) With(name, value string) *Client {
	cp := *c
	cp.Header = c.Header.Clone()
	cp.Header.Set(name, value)
	return &cp
}

// checkContract fails the test when a response to an operation of openapi.yaml is not
// one the operation documents: undocumented status, wrong content type, or a body that
// does not match the schema.
func (e *Env) checkContract(req *http.Request, body []byte, res *Response) {
	t := e.T
	t.Helper()
	if body != nil {
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	route, params, err := e.contract.Router.FindRoute(req)
	if err != nil {
		// Not an operation of the contract (unknown path or method): it must still be a problem.
		if !strings.HasPrefix(req.URL.Path, "/api/") {
			return
		}
		if ct := res.Head.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("contract: %s %s answered %d with %q, want application/problem+json", req.Method, req.URL.Path, res.Code, ct)
		}
		return
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 res.Code,
		Header:                 res.Head,
		Body:                   io.NopCloser(bytes.NewReader(res.Body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), input); err != nil {
		t.Errorf("contract: %s %s answered %d, which openapi.yaml does not allow: %v\nbody: %s", req.Method, req.URL.Path, res.Code, err, res.Body)
	}
}

// Status fails the test unless the response has the given status.
func (r *Response) Status(want int) *Response {
	r.t.Helper()
	if r.Code != want {
		r.t.Fatalf("status %d, want %d; body: %s", r.Code, want, r.Body)
	}
	return r
}

// JSON decodes the body as an object.
func (r *Response) JSON() map[string]any {
	r.t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		r.t.Fatalf("decode body %q: %v", r.Body, err)
	}
	return m
}

// Decode decodes the body into v.
func (r *Response) Decode(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.t.Fatalf("decode body %q: %v", r.Body, err)
	}
}

// Problem is a decoded problem document.
type Problem struct {
	Type              string `json:"type"`
	Title             string `json:"title"`
	Status            int    `json:"status"`
	Detail            string `json:"detail"`
	Code              string `json:"code"`
	RequestID         string `json:"requestId"`
	RetryAfterSeconds int    `json:"retryAfterSeconds"`
	Errors            []struct {
		Field   string `json:"field"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}

// Problem checks the response is a problem+json with the given status and code.
func (r *Response) Problem(status int, code string) Problem {
	r.t.Helper()
	r.Status(status)
	if ct := r.Head.Get("Content-Type"); ct != "application/problem+json" {
		r.t.Fatalf("content type %q, want application/problem+json", ct)
	}
	var p Problem
	r.Decode(&p)
	if p.Code != code {
		r.t.Fatalf("problem code %q, want %q; body: %s", p.Code, code, r.Body)
	}
	if p.Status != status || p.Title == "" || p.Detail == "" || p.RequestID == "" {
		r.t.Fatalf("incomplete problem: %s", r.Body)
	}
	return p
}

// FieldCodes maps each field of a validation problem to its rule code.
func (p Problem) FieldCodes() map[string]string {
	out := map[string]string{}
	for _, e := range p.Errors {
		out[e.Field] = e.Code
	}
	return out
}

// Cookie returns the named cookie the response set, or nil.
func (r *Response) Cookie(name string) *http.Cookie {
	for _, c := range r.Cookies {
		if c.Name == name {
			return c
		}
	}
	return nil
}
