// Package cases is the domain of cases (우수사례): a team's working copy, its submitted
// versions, metrics (성과지표) with computed improvements, collaborators (협업) and
// attachments, under the round's deadline.
package cases

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"time"

	"github.com/google/uuid"
)

// Metric is a measured outcome with before and after values.
type Metric struct {
	Name      string  `json:"name" validate:"required,max=100"`
	Unit      string  `json:"unit" validate:"max=20"`
	Before    float64 `json:"before"`
	After     float64 `json:"after"`
	Direction string  `json:"direction" validate:"required,oneof=increase decrease"`
	Period    string  `json:"period,omitempty" validate:"max=100"`
}

// Improvement is what before → after amounts to.
type Improvement struct {
	Improved bool
	Delta    float64
	// PercentagePoints is set for metrics in %: 74.7 % → 85.8 % is +11.1 %p.
	PercentagePoints *float64
	// PercentChange is the relative change, when before is not zero.
	PercentChange *float64
	// Factor is how many times better the value got in the metric's direction: 2 hours →
	// 2 minutes is 60.
	Factor *float64
}

// Improvement computes the metric's change.
func (m Metric) Improvement() Improvement {
	delta := round6(m.After - m.Before)
	imp := Improvement{Delta: delta}
	if m.Direction == "decrease" {
		imp.Improved = delta < 0
	} else {
		imp.Improved = delta > 0
	}
	if m.Unit == "%" || m.Unit == "%p" {
		pp := delta
		imp.PercentagePoints = &pp
	}
	if m.Before != 0 {
		pc := round6(delta / math.Abs(m.Before) * 100)
		imp.PercentChange = &pc
	}
	num, den := m.After, m.Before
	if m.Direction == "decrease" {
		num, den = m.Before, m.After
	}
	if den > 0 && num >= 0 {
		f := round6(num / den)
		imp.Factor = &f
	}
	return imp
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// Collaborator is a department or outside body that worked on the case.
type Collaborator struct {
	Name string `json:"name" validate:"required,max=100"`
	Kind string `json:"kind" validate:"required,oneof=department external"`
	Role string `json:"role,omitempty" validate:"max=200"`
}

// Content is everything a team writes about a case. It is the working copy's editable
// part and, serialized, the body of each submitted version.
type Content struct {
	Title         string         `json:"title" validate:"required,max=100"`
	Summary       string         `json:"summary" validate:"max=300"`
	Problem       string         `json:"problem" validate:"max=20000"`
	Solution      string         `json:"solution" validate:"max=20000"`
	Outcomes      string         `json:"outcomes" validate:"max=20000"`
	CategoryID    *uuid.UUID     `json:"categoryId,omitempty"`
	CategoryName  string         `json:"categoryName,omitempty" validate:"-"`
	Tags          []string       `json:"tags" validate:"max=20,dive,required,max=30"`
	Beneficiaries string         `json:"beneficiaries" validate:"max=200"`
	CostKRW       *int64         `json:"costKrw,omitempty" validate:"omitnil,min=0"`
	SavingsKRW    *int64         `json:"savingsKrw,omitempty" validate:"omitnil,min=0"`
	StartedOn     *time.Time     `json:"startedOn,omitempty"`
	Stage         string         `json:"stage,omitempty" validate:"omitempty,oneof=idea pilot implemented spread"`
	EvidenceLevel *int16         `json:"evidenceLevel,omitempty" validate:"omitnil,min=1,max=5"`
	Licence       string         `json:"licence,omitempty" validate:"omitempty,oneof=kogl1 kogl2 kogl3 kogl4 none"`
	Metrics       []Metric       `json:"metrics" validate:"max=20,dive"`
	Collaborators []Collaborator `json:"collaborators" validate:"max=30,dive"`
}

// Change is one field that differs between two versions.
type Change struct {
	Field  string
	Before any
	After  any
}

// Diff lists the fields of b that differ from a, by their JSON names, in a fixed order.
func Diff(a, b Content, attachmentsA, attachmentsB []Attachment) []Change {
	var out []Change
	ta, tb := reflect.TypeOf(a), reflect.ValueOf(b)
	va := reflect.ValueOf(a)
	for i := 0; i < ta.NumField(); i++ {
		f := ta.Field(i)
		name := jsonName(f)
		if name == "categoryName" {
			continue
		}
		x, y := va.Field(i).Interface(), tb.Field(i).Interface()
		if name == "categoryId" {
			x, y = a.CategoryName, b.CategoryName
			name = "category"
		}
		if !sameJSON(x, y) {
			out = append(out, Change{Field: name, Before: x, After: y})
		}
	}
	names := func(as []Attachment) []string {
		out := make([]string, len(as))
		for i, a := range as {
			out[i] = a.Filename
		}
		return out
	}
	if x, y := names(attachmentsA), names(attachmentsB); !sameJSON(x, y) {
		out = append(out, Change{Field: "attachments", Before: x, After: y})
	}
	return out
}

// Changed reports whether Diff finds a change, sparing its per-field JSON when the two are
// plainly equal (a case read back just as it was submitted, the common case).
func Changed(a, b Content, attachmentsA, attachmentsB []Attachment) bool {
	x, y := a, b
	// Diff compares categories by name.
	x.CategoryID, y.CategoryID = nil, nil
	if reflect.DeepEqual(x, y) && slices.EqualFunc(attachmentsA, attachmentsB, func(p, q Attachment) bool { return p.Filename == q.Filename }) {
		return false
	}
	return len(Diff(a, b, attachmentsA, attachmentsB)) > 0
}

func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	for i := 0; i < len(tag); i++ {
		if tag[i] == ',' {
			return tag[:i]
		}
	}
	return tag
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
