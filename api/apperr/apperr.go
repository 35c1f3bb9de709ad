// Package apperr is the one vocabulary of failures shared by the domain and the HTTP layer.
//
// An *Error carries a Kind (what class of failure, mapped to an HTTP status in one place by
// the HTTP layer), a stable Code (the machine-readable name clients switch on and the key of
// the localized public message), optional field errors, and an internal cause that is
// logged but never shown to a client.
package apperr

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies a failure independently of transport.
type Kind int

const (
	KindInternal Kind = iota
	KindInvalid
	KindUnauthenticated
	KindForbidden
	KindNotFound
	KindConflict
	KindGone
	KindPreconditionFailed
	KindTooLarge
	KindUnsupportedMediaType
	KindRateLimited
	KindUnavailable
	KindMethodNotAllowed
	KindPreconditionRequired
)

// Code is a stable machine-readable error code; the list lives in openapi.yaml (Problem.code).
type Code string

const (
	CodeValidationFailed         Code = "validation_failed"
	CodeMalformedJSON            Code = "malformed_json"
	CodeBodyTooLarge             Code = "body_too_large"
	CodeUnsupportedMediaType     Code = "unsupported_media_type"
	CodeUnauthenticated          Code = "unauthenticated"
	CodeInvalidCredentials       Code = "invalid_credentials"
	CodeTokenInvalid             Code = "token_invalid"
	CodeTokenExpired             Code = "token_expired"
	CodeRefreshTokenInvalid      Code = "refresh_token_invalid"
	CodeForbidden                Code = "forbidden"
	CodeSignupDisabled           Code = "signup_disabled"
	CodeNotFound                 Code = "not_found"
	CodeRouteNotFound            Code = "route_not_found"
	CodeMethodNotAllowed         Code = "method_not_allowed"
	CodeConflict                 Code = "conflict"
	CodeEmailTaken               Code = "email_taken"
	CodeAgencyNameTaken          Code = "agency_name_taken"
	CodeInvitationExpired        Code = "invitation_expired"
	CodeInvitationUsed           Code = "invitation_used"
	CodeInvitationRevoked        Code = "invitation_revoked"
	CodeInvitationNotPending     Code = "invitation_not_pending"
	CodePreconditionFailed       Code = "precondition_failed"
	CodePreconditionRequired     Code = "precondition_required"
	CodeRoundNotOpen             Code = "round_not_open"
	CodeSubmissionClosed         Code = "submission_closed"
	CodeCaseStatusConflict       Code = "case_status_conflict"
	CodeLastLeader               Code = "last_leader"
	CodeAlreadyMember            Code = "already_member"
	CodeFileTypeNotAllowed       Code = "file_type_not_allowed"
	CodeAttachmentLimit          Code = "attachment_limit_reached"
	CodeJudgingFrozen            Code = "judging_frozen"
	CodeJudgingNotOpen           Code = "judging_not_open"
	CodeStageNotOpen             Code = "stage_not_open"
	CodeStageClosed              Code = "stage_closed"
	CodeUnscoredCases            Code = "unscored_cases"
	CodeConflictOfInterest       Code = "conflict_of_interest"
	CodeNotAJudge                Code = "not_a_judge"
	CodeResultsNotReady          Code = "results_not_ready"
	CodeResultsPublished         Code = "results_published"
	CodePublishedTermsFrozen     Code = "published_terms_frozen"
	CodeObjectionWindowClosed    Code = "objection_window_closed"
	CodeWeightsNot100            Code = "weights_not_100"
	CodeInvalidCursor            Code = "invalid_cursor"
	CodeOwnAgencyCase            Code = "own_agency_case"
	CodePostHidden               Code = "post_hidden"
	CodeVoteNotOpen              Code = "vote_not_open"
	CodeAlreadyVoted             Code = "already_voted"
	CodeVoteLocked               Code = "vote_locked"
	CodeMailUnavailable          Code = "mail_unavailable"
	CodeIdempotencyKeyReused     Code = "idempotency_key_reused"
	CodeIdempotencyKeyInProgress Code = "idempotency_key_in_progress"
	CodeTooManyLoginAttempts     Code = "too_many_login_attempts"
	CodeRateLimited              Code = "rate_limited"
	CodeDatabaseUnavailable      Code = "database_unavailable"
	CodeInternal                 Code = "internal"
)

// FieldError names one invalid input field. Rule is the failed rule ("required",
// "max_length", …) and Params fill its localized message (e.g. {"max": 50}).
type FieldError struct {
	Field  string
	Rule   string
	Params map[string]any
}

// Error is a failure with a public face (Kind, Code, Fields) and a private cause.
type Error struct {
	Kind Kind
	Code Code
	// Variant picks another wording of the code's message for the same failure, where the
	// default would not fit the caller (see the variants in messages.go); clients still
	// switch on Code alone.
	Variant    string
	Fields     []FieldError
	RetryAfter time.Duration
	// Cause is the internal error: logged, never rendered.
	Cause error
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %v", e.Code, e.Cause)
	}
	return string(e.Code)
}

func (e *Error) Unwrap() error { return e.Cause }

// Message variants.
const (
	// VariantAccount words a message for a signed-in caller, e.g. an account's vote.
	VariantAccount = "account"
)

// New returns an error of the given kind and code.
func New(kind Kind, code Code) *Error { return &Error{Kind: kind, Code: code} }

// Wrap returns an error whose public face is kind/code and whose private cause is err.
func Wrap(kind Kind, code Code, err error) *Error { return &Error{Kind: kind, Code: code, Cause: err} }

// Internal hides err behind a generic internal error; the cause names the operation that
// met it (see WithOperation).
func Internal(err error) *Error { return Wrap(KindInternal, CodeInternal, WithOperation(err)) }

// Invalid is a validation failure listing the offending fields.
func Invalid(fields ...FieldError) *Error {
	return &Error{Kind: KindInvalid, Code: CodeValidationFailed, Fields: fields}
}

// Field is shorthand for a FieldError with optional key/value params.
func Field(field, rule string, kv ...any) FieldError {
	fe := FieldError{Field: field, Rule: rule}
	if len(kv) > 1 {
		fe.Params = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			fe.Params[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	return fe
}

// NotFound is the answer for anything missing or not visible to the caller.
func NotFound() *Error { return New(KindNotFound, CodeNotFound) }

// Forbidden is the answer for a signed-in caller without the right.
func Forbidden() *Error { return New(KindForbidden, CodeForbidden) }

// As returns the *Error in err's chain, or an internal error wrapping err.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Internal(err)
}

// Is reports whether err carries the given code.
func Is(err error, code Code) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}
