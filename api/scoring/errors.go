package scoring

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Every error returned by Compute and ComputeAll matches ErrInvalidInput
// and exactly one of the more specific sentinels below with errors.Is; errors.As on the
// matching *…Error type gives the details (case IDs, judge IDs, criterion) a caller needs
// to show a precise Korean message.
var (
	ErrInvalidInput     = errors.New("scoring: invalid input")
	ErrUnknownMethod    = errors.New("scoring: unknown aggregation method")
	ErrInvalidCriterion = errors.New("scoring: invalid rubric criterion")
	ErrWeightSum        = errors.New("scoring: criterion weights do not sum to 100")
	ErrUnknownTieBreak  = errors.New("scoring: unknown tie-break kind")
	ErrUnknownCriterion = errors.New("scoring: unknown criterion")
	ErrDuplicateCase    = errors.New("scoring: duplicate case")
	ErrUnknownCase      = errors.New("scoring: sheet for an unknown case")
	ErrDuplicateSheet   = errors.New("scoring: duplicate sheet for a case and judge")
	ErrPointsCount      = errors.New("scoring: sheet has the wrong number of points")
	ErrPointsRange      = errors.New("scoring: points outside the criterion's scale")
	ErrNoSheets         = errors.New("scoring: case without sheets")
	ErrTooFewJudges     = errors.New("scoring: too few judges for the method")
)

// UnknownMethodError: Input.Method is not one of Methods.
type UnknownMethodError struct{ Method Method }

func (e *UnknownMethodError) Error() string {
	return fmt.Sprintf("scoring: unknown aggregation method %q", e.Method)
}
func (e *UnknownMethodError) Is(target error) bool { return is(target, ErrUnknownMethod) }

// CriterionProblem says what is wrong with a rubric criterion.
type CriterionProblem string

const (
	CriterionEmptyID     CriterionProblem = "empty_id"     // ID is ""
	CriterionDuplicateID CriterionProblem = "duplicate_id" // another criterion has the same ID
	CriterionBadScale    CriterionProblem = "bad_scale"    // Min or Max not finite, or Max <= Min
	CriterionBadWeight   CriterionProblem = "bad_weight"   // Weight negative or not finite
)

// InvalidCriterionError: Input.Criteria[Index] cannot be used.
type InvalidCriterionError struct {
	Index       int
	CriterionID string
	Problem     CriterionProblem
}

func (e *InvalidCriterionError) Error() string {
	return fmt.Sprintf("scoring: criterion %d (%q): %s", e.Index, e.CriterionID, e.Problem)
}
func (e *InvalidCriterionError) Is(target error) bool { return is(target, ErrInvalidCriterion) }

// WeightSumError: the criterion weights sum to Sum instead of 100 (± WeightTolerance).
type WeightSumError struct{ Sum float64 }

func (e *WeightSumError) Error() string {
	return fmt.Sprintf("scoring: criterion weights sum to %g, want 100", e.Sum)
}
func (e *WeightSumError) Is(target error) bool { return is(target, ErrWeightSum) }

// UnknownTieBreakError: Input.TieBreaks[Index] has a kind this package does not know.
type UnknownTieBreakError struct {
	Index int
	Kind  string
}

func (e *UnknownTieBreakError) Error() string {
	return fmt.Sprintf("scoring: tie-break %d: unknown kind %q", e.Index, e.Kind)
}
func (e *UnknownTieBreakError) Is(target error) bool { return is(target, ErrUnknownTieBreak) }

// UnknownCriterionError: a "criterion" tie-break names a criterion that is not in the rubric.
type UnknownCriterionError struct{ CriterionID string }

func (e *UnknownCriterionError) Error() string {
	return fmt.Sprintf("scoring: tie-break names unknown criterion %q", e.CriterionID)
}
func (e *UnknownCriterionError) Is(target error) bool { return is(target, ErrUnknownCriterion) }

// DuplicateCaseError: two entries of Input.Cases share an ID.
type DuplicateCaseError struct{ CaseID string }

func (e *DuplicateCaseError) Error() string {
	return fmt.Sprintf("scoring: case %q is listed twice", e.CaseID)
}
func (e *DuplicateCaseError) Is(target error) bool { return is(target, ErrDuplicateCase) }

// UnknownCaseError: a sheet names a case that is not in Input.Cases.
type UnknownCaseError struct{ CaseID, JudgeID string }

func (e *UnknownCaseError) Error() string {
	return fmt.Sprintf("scoring: judge %q scored unknown case %q", e.JudgeID, e.CaseID)
}
func (e *UnknownCaseError) Is(target error) bool { return is(target, ErrUnknownCase) }

// DuplicateSheetError: a judge submitted more than one sheet for a case.
type DuplicateSheetError struct{ CaseID, JudgeID string }

func (e *DuplicateSheetError) Error() string {
	return fmt.Sprintf("scoring: judge %q has more than one sheet for case %q", e.JudgeID, e.CaseID)
}
func (e *DuplicateSheetError) Is(target error) bool { return is(target, ErrDuplicateSheet) }

// PointsCountError: a sheet has Got points for a rubric of Want criteria.
type PointsCountError struct {
	CaseID, JudgeID string
	Got, Want       int
}

func (e *PointsCountError) Error() string {
	return fmt.Sprintf("scoring: sheet of judge %q for case %q has %d points, want %d", e.JudgeID, e.CaseID, e.Got, e.Want)
}
func (e *PointsCountError) Is(target error) bool { return is(target, ErrPointsCount) }

// PointsRangeError: a sheet gives Points on a criterion outside [Min, Max] (or NaN).
type PointsRangeError struct {
	CaseID, JudgeID, CriterionID string
	Points, Min, Max             float64
}

func (e *PointsRangeError) Error() string {
	return fmt.Sprintf("scoring: judge %q gave case %q %g points on criterion %q, outside [%g, %g]",
		e.JudgeID, e.CaseID, e.Points, e.CriterionID, e.Min, e.Max)
}
func (e *PointsRangeError) Is(target error) bool { return is(target, ErrPointsRange) }

// NoSheetsError: these cases (ID ascending) have no sheet at all.
type NoSheetsError struct{ CaseIDs []string }

func (e *NoSheetsError) Error() string {
	return "scoring: no sheets for case(s) " + strings.Join(e.CaseIDs, ", ")
}
func (e *NoSheetsError) Is(target error) bool { return is(target, ErrNoSheets) }

// TooFewJudgesError: Method needs at least Min judges on every case; these cases
// (ID ascending) have fewer.
type TooFewJudgesError struct {
	Method  Method
	Min     int
	CaseIDs []string
}

func (e *TooFewJudgesError) Error() string {
	return fmt.Sprintf("scoring: %s needs at least %d judges per case; too few on %s",
		e.Method, e.Min, strings.Join(e.CaseIDs, ", "))
}
func (e *TooFewJudgesError) Is(target error) bool { return is(target, ErrTooFewJudges) }

func is(target, sentinel error) bool { return target == sentinel || target == ErrInvalidInput }
