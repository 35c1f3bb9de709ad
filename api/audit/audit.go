// Package audit records security- and fairness-relevant events in audit_log, inside the
// caller's transaction, and lists them for admins and organizers.
package audit

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"eutteum/api/store"
)

// Record writes one event. actor may be uuid.Nil (an anonymous login attempt).
func Record(ctx context.Context, q *store.Queries, actor uuid.UUID, action, subjectType string, subjectID uuid.UUID, details any) error {
	if details == nil {
		details = map[string]any{}
	}
	raw, err := json.Marshal(details)
	if err != nil {
		return err
	}
	return q.AddAudit(ctx, store.AddAuditParams{
		ActorID: uuid.NullUUID{UUID: actor, Valid: actor != uuid.Nil}, Action: action, SubjectType: subjectType,
		SubjectID: uuid.NullUUID{UUID: subjectID, Valid: subjectID != uuid.Nil}, Details: raw,
	})
}

// Event is one recorded event.
type Event struct {
	ID          int64
	At          time.Time
	Actor       string
	Action      string
	SubjectType string
	SubjectID   *uuid.UUID
	Details     json.RawMessage
}

// FromRows builds events from either audit query's rows.
func FromRows[T interface {
	store.ListAuditEventsRow | store.ListRoundAuditEventsRow
}](rows []T) []Event {
	out := make([]Event, len(rows))
	for i, r := range rows {
		row := store.ListAuditEventsRow(r)
		e := Event{ID: row.ID, At: row.At, Actor: row.ActorName, Action: row.Action, SubjectType: row.SubjectType, Details: row.Details}
		if row.SubjectID.Valid {
			id := row.SubjectID.UUID
			e.SubjectID = &id
		}
		out[i] = e
	}
	return out
}
