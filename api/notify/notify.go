// Package notify keeps in-app notifications: reminders to judges, results to teams, answers
// to objections. Senders write them inside their own transaction, so a notification exists
// exactly when the thing it announces does.
package notify

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/dberr"
	"eutteum/api/paging"
	"eutteum/api/store"
)

// Message is one notification to send.
type Message struct {
	Kind  string
	Title string
	Body  string
	Link  string
}

// Send records msg for each user, with q (the caller's transaction).
func Send(ctx context.Context, q *store.Queries, msg Message, userIDs ...uuid.UUID) error {
	for _, id := range userIDs {
		if err := q.CreateNotification(ctx, store.CreateNotificationParams{
			UserID: id, Kind: msg.Kind, Title: msg.Title, Body: msg.Body, Link: msg.Link,
		}); err != nil {
			return err
		}
	}
	return nil
}

// Notification is one stored notification.
type Notification struct {
	ID        uuid.UUID
	Kind      string
	Title     string
	Body      string
	Link      string
	CreatedAt time.Time
	Read      bool
}

// Service reads and marks the caller's notifications.
type Service struct{ q *store.Queries }

// NewService returns a Service.
func NewService(pool *pgxpool.Pool) *Service { return &Service{q: store.New(pool)} }

// List returns a page of the caller's notifications, newest first, and how many of all
// of them are unread.
func (s *Service) List(ctx context.Context, p account.Principal, page paging.Request) (paging.Page[Notification], int, error) {
	beforeAt, beforeID, err := page.AfterTime("notifications")
	if err != nil {
		return paging.Page[Notification]{}, 0, err
	}
	rows, err := s.q.ListNotifications(ctx, store.ListNotificationsParams{
		UserID: p.UserID, BeforeAt: beforeAt, BeforeID: beforeID, MaxRows: paging.Fetch(page.Limit),
	})
	if err != nil {
		return paging.Page[Notification]{}, 0, dberr.Fail(err)
	}
	unread, err := s.q.CountUnreadNotifications(ctx, p.UserID)
	if err != nil {
		return paging.Page[Notification]{}, 0, dberr.Fail(err)
	}
	out := paging.Map(paging.Trim(rows, page.Limit, "notifications", func(r store.Notification) any {
		return paging.TimeKey{At: r.CreatedAt, ID: r.ID}
	}), func(r store.Notification) Notification {
		return Notification{ID: r.ID, Kind: r.Kind, Title: r.Title, Body: r.Body, Link: r.Link, CreatedAt: r.CreatedAt, Read: r.ReadAt != nil}
	})
	return out, int(unread), nil
}

// MarkRead marks one of the caller's notifications read.
func (s *Service) MarkRead(ctx context.Context, p account.Principal, id uuid.UUID) error {
	n, err := s.q.MarkNotificationRead(ctx, store.MarkNotificationReadParams{ID: id, UserID: p.UserID})
	if err != nil {
		return dberr.Fail(err)
	}
	if n == 0 {
		return apperr.NotFound()
	}
	return nil
}
