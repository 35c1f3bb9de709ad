// Package mail sends the few e-mails the system needs, such as one-time codes for the public
// vote. Production sends through SMTP; development and tests write to an outbox directory
// and the log, so a developer reads the code in the `scripts/run` output.
package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Message is one plain-text e-mail.
type Message struct {
	To      string
	Subject string
	Body    string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// New picks the sender from the settings: SMTP when smtpURL is set
// (smtp://user:password@host:587?from=noreply@example.go.kr), otherwise an outbox in dir.
func New(smtpURL, dir string, log *slog.Logger) (Sender, error) {
	if smtpURL != "" {
		return NewSMTP(smtpURL)
	}
	return &Outbox{Dir: dir, Log: log}, nil
}

// render writes the message in Internet Message Format, the subject encoded for Korean.
func render(from string, m Message, now time.Time) []byte {
	var b strings.Builder
	if from != "" {
		fmt.Fprintf(&b, "From: %s\r\n", from)
	}
	fmt.Fprintf(&b, "To: %s\r\n", m.To)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", now.Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(m.Body, "\n", "\r\n"))
	return []byte(b.String())
}

// Outbox keeps messages as .eml files in Dir and logs each one, body included: for
// development and tests, never for real addresses.
type Outbox struct {
	Dir string
	Log *slog.Logger
	mu  sync.Mutex
}

func (o *Outbox) Send(ctx context.Context, m Message) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.Dir != "" {
		if err := os.MkdirAll(o.Dir, 0o700); err != nil {
			return fmt.Errorf("mail outbox: %w", err)
		}
		suffix := make([]byte, 4)
		_, _ = rand.Read(suffix)
		now := time.Now()
		name := fmt.Sprintf("%s-%s.eml", now.UTC().Format("20060102T150405.000000000"), hex.EncodeToString(suffix))
		if err := os.WriteFile(filepath.Join(o.Dir, name), render("", m, now), 0o600); err != nil {
			return fmt.Errorf("mail outbox: %w", err)
		}
	}
	if o.Log != nil {
		o.Log.InfoContext(ctx, "mail written to the outbox (not sent)", "to", m.To, "subject", m.Subject, "body", m.Body)
	}
	return nil
}

// Latest returns the newest message in the outbox addressed to to.
func (o *Outbox) Latest(to string) (Message, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	entries, err := os.ReadDir(o.Dir)
	if err != nil {
		return Message{}, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Sort(sort.Reverse(sort.StringSlice(names)))
	for _, name := range names {
		f, err := os.Open(filepath.Join(o.Dir, name))
		if err != nil {
			return Message{}, err
		}
		msg, err := mail.ReadMessage(f)
		if err != nil {
			f.Close()
			return Message{}, err
		}
		if !strings.EqualFold(msg.Header.Get("To"), to) {
			f.Close()
			continue
		}
		body, err := io.ReadAll(msg.Body)
		f.Close()
		if err != nil {
			return Message{}, err
		}
		subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		return Message{To: to, Subject: subject, Body: strings.ReplaceAll(string(body), "\r\n", "\n")}, nil
	}
	return Message{}, fmt.Errorf("mail outbox: nothing for %s", to)
}

// SMTP sends through a mail server with STARTTLS when the server offers it.
type SMTP struct {
	addr, host, from string
	auth             smtp.Auth
}

// NewSMTP reads smtp://user:password@host:port?from=address.
func NewSMTP(raw string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Host == "" {
		return nil, errors.New("EUTTEUM_SMTP_URL must look like smtp://user:password@host:587?from=address")
	}
	from := u.Query().Get("from")
	if _, err := mail.ParseAddress(from); err != nil {
		return nil, errors.New("EUTTEUM_SMTP_URL needs a from= address")
	}
	host := u.Hostname()
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(host, "587")
	}
	s := &SMTP{addr: addr, host: host, from: from}
	if u.User != nil {
		password, _ := u.User.Password()
		s.auth = smtp.PlainAuth("", u.User.Username(), password, host)
	}
	return s, nil
}

func (s *SMTP) Send(ctx context.Context, m Message) error {
	done := make(chan error, 1)
	go func() { done <- smtp.SendMail(s.addr, s.auth, s.from, []string{m.To}, render(s.from, m, time.Now())) }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("smtp: %w", err)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
