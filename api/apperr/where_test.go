package apperr_test

import (
	"errors"
	"strings"
	"testing"

	"eutteum/api/apperr"
)

type service struct{}

func (service) Update() error { return apperr.Internal(errors.New("no rows in result set")) }

func (service) Publish() error {
	var err error
	func() { err = fail(errors.New("deadlock detected")) }()
	return err
}

func fail(err error) error { return apperr.Internal(err) }

func TestInternalErrorsNameTheirOperation(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{service{}.Update(), "apperr_test.service.Update: no rows in result set"},
		{service{}.Publish(), "apperr_test.service.Publish: deadlock detected"},
	} {
		e := apperr.As(c.err)
		if e.Code != apperr.CodeInternal || !strings.HasSuffix(e.Error(), c.want) {
			t.Errorf("got %q, want it to end in %q", e.Error(), c.want)
		}
		if !strings.Contains(errors.Unwrap(e).Error(), ": ") {
			t.Errorf("the cause %q names no operation", errors.Unwrap(e))
		}
	}
}
