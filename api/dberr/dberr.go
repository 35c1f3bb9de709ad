// Package dberr turns unexpected storage errors into public errors for the domain packages.
package dberr

import (
	"errors"

	"eutteum/api/apperr"
	"eutteum/api/store"
)

// Fail passes *apperr.Error through, answers "unavailable" when the database cannot be
// reached, and hides anything else behind an internal error. The cause kept for the log
// names the operation that failed (apperr.WithOperation).
func Fail(err error) error {
	if err == nil {
		return nil
	}
	var appErr *apperr.Error
	if errors.As(err, &appErr) {
		return err
	}
	if store.IsUnavailable(err) {
		return apperr.Wrap(apperr.KindUnavailable, apperr.CodeDatabaseUnavailable, apperr.WithOperation(err))
	}
	return apperr.Internal(err)
}
