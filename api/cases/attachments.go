package cases

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/google/uuid"

	"eutteum/api/account"
	"eutteum/api/apperr"
	"eutteum/api/dberr"

	"eutteum/api/store"
)

// Attachment limits.
const (
	MaxFileBytes  = 20 << 20
	MaxCaseBytes  = 100 << 20
	MaxCaseFiles  = 20
	maxFileSizeMB = "20MB"
)

// Upload stores a file for the case. The content is read at most to the limit, its type
// read from the bytes, its name made safe.
func (s *Service) Upload(ctx context.Context, p account.Principal, caseID uuid.UUID, filename string, public bool, content io.Reader) (Attachment, error) {
	data, err := io.ReadAll(io.LimitReader(content, MaxFileBytes+1))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) || len(data) > MaxFileBytes {
		return Attachment{}, &apperr.Error{Kind: apperr.KindTooLarge, Code: apperr.CodeBodyTooLarge,
			Fields: []apperr.FieldError{apperr.Field("file", "too_large", "max", maxFileSizeMB)}}
	}
	if err != nil {
		return Attachment{}, apperr.Wrap(apperr.KindInvalid, apperr.CodeMalformedJSON, err)
	}
	if len(data) == 0 {
		return Attachment{}, apperr.Invalid(apperr.Field("file", "empty_file"))
	}
	contentType := sniff(filename, data[:min(len(data), 64<<10)])
	if contentType == "" {
		return Attachment{}, &apperr.Error{Kind: apperr.KindUnsupportedMediaType, Code: apperr.CodeFileTypeNotAllowed,
			Fields: []apperr.FieldError{apperr.Field("file", "file_type")}}
	}
	if contentType == typeXLSX || contentType == typeHWPX {
		if err := checkZipContainer(data); err != nil {
			return Attachment{}, err
		}
	}
	sum := sha256.Sum256(data)
	var created store.Attachment
	err = s.editAt(ctx, p, caseID, nil, nil, func(q *store.Queries, _ *store.LockCasePageRow, _ time.Time) error {
		totals, err := q.AttachmentTotals(ctx, caseID)
		if err != nil {
			return err
		}
		if totals.Files+1 > MaxCaseFiles || totals.Bytes+int64(len(data)) > MaxCaseBytes {
			return apperr.New(apperr.KindConflict, apperr.CodeAttachmentLimit)
		}
		if err := q.InsertBlob(ctx, store.InsertBlobParams{Sha256: sum[:], SizeBytes: int64(len(data)), Data: data}); err != nil {
			return err
		}
		created, err = q.CreateAttachment(ctx, store.CreateAttachmentParams{
			CaseID: caseID, Filename: safeFilename(filename, contentType), ContentType: contentType,
			SizeBytes: int64(len(data)), Sha256: sum[:], Public: public, CreatedBy: p.UserID,
		})
		if err != nil {
			return err
		}
		return q.TouchCase(ctx, store.TouchCaseParams{ID: caseID, UpdatedBy: p.UserID})
	})
	if err != nil {
		return Attachment{}, err
	}
	return toAttachment(created), nil
}

// File is a downloadable attachment.
type File struct {
	Attachment
	Content *bytes.Reader
}

// Download returns an attachment the caller may see: any of the working copy's for the
// team, those of the latest submission for the round's organizers.
func (s *Service) Download(ctx context.Context, p account.Principal, caseID, attachmentID uuid.UUID) (File, error) {
	c, err := s.Get(ctx, p, caseID)
	if err != nil {
		return File{}, err
	}
	visible := false
	for _, a := range c.Attachments {
		visible = visible || a.ID == attachmentID
	}
	if !visible {
		return File{}, apperr.NotFound()
	}
	a, err := s.q.GetAttachment(ctx, store.GetAttachmentParams{ID: attachmentID, CaseID: caseID})
	if err != nil {
		return File{}, dberr.Fail(err)
	}
	data, err := s.q.GetBlob(ctx, a.Sha256)
	if err != nil {
		return File{}, dberr.Fail(err)
	}
	return File{Attachment: toAttachment(a), Content: bytes.NewReader(data)}, nil
}

// RemoveAttachment takes a file off the working copy; submitted versions keep listing it.
func (s *Service) RemoveAttachment(ctx context.Context, p account.Principal, caseID, attachmentID uuid.UUID) error {
	return s.editAt(ctx, p, caseID, nil, nil, func(q *store.Queries, _ *store.LockCasePageRow, _ time.Time) error {
		n, err := q.RemoveAttachment(ctx, store.RemoveAttachmentParams{ID: attachmentID, CaseID: caseID})
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.NotFound()
		}
		return q.TouchCase(ctx, store.TouchCaseParams{ID: caseID, UpdatedBy: p.UserID})
	})
}

func (s *Service) attachments(ctx context.Context, q *store.Queries, caseID uuid.UUID) ([]Attachment, error) {
	rows, err := q.ListAttachments(ctx, caseID)
	if err != nil {
		return nil, dberr.Fail(err)
	}
	out := make([]Attachment, len(rows))
	for i, r := range rows {
		out[i] = toAttachment(r)
	}
	return out, nil
}

func toAttachment(a store.Attachment) Attachment {
	return Attachment{
		ID: a.ID, Filename: a.Filename, ContentType: a.ContentType, SizeBytes: a.SizeBytes,
		SHA256: hex.EncodeToString(a.Sha256), Public: a.Public, CreatedAt: a.CreatedAt,
	}
}
