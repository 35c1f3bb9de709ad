package judging

import (
	"testing"

	"github.com/google/uuid"
)

// The automatic conflicts (제척) as the rubric of a contest states them: a judge never
// scores their own team's case, nor a colleague's of their department, and when several
// agencies compete, not their own agency's line either — unless they work for the host.
func TestAutomaticConflicts(t *testing.T) {
	gyeonggi, bucheon, incheon := uuid.New(), uuid.New(), uuid.New()
	member := uuid.New()
	team := []teamMember{{UserID: member, AgencyID: bucheon, Department: "민원여권과"}}
	lines := func(teamLine ...uuid.UUID) func() ([]uuid.UUID, []uuid.UUID) {
		return func() ([]uuid.UUID, []uuid.UUID) { return teamLine, nil }
	}
	bucheonLine := lines(bucheon, gyeonggi)
	for _, c := range []struct {
		name         string
		judge        judgeSeat
		manyAgencies bool
		hostLine     []uuid.UUID
		want         string
	}{
		{"their own team", judgeSeat{UserID: member, AgencyID: bucheon, Department: "민원여권과"}, false, nil, ConflictTeamMember},
		{"a colleague of the department", judgeSeat{UserID: uuid.New(), AgencyID: bucheon, Department: " 민원여권과 "}, false, nil, ConflictSameDepartment},
		{"another department of the agency, one agency competing", judgeSeat{UserID: uuid.New(), AgencyID: bucheon, Department: "정책기획과"}, false, nil, ""},
		{"the agency's line, several competing", judgeSeat{UserID: uuid.New(), AgencyID: gyeonggi, Department: "혁신담당관"}, true, []uuid.UUID{incheon}, ConflictSameAgency},
		{"the host's own officer, several competing", judgeSeat{UserID: uuid.New(), AgencyID: gyeonggi, Department: "혁신담당관"}, true, []uuid.UUID{gyeonggi}, ""},
		{"another agency, several competing", judgeSeat{UserID: uuid.New(), AgencyID: incheon, Department: "혁신담당관"}, true, []uuid.UUID{gyeonggi}, ""},
		{"a citizen of the same department name", judgeSeat{UserID: uuid.New(), AgencyID: bucheon, Department: "민원여권과", Kind: JudgeKindCitizen}, true, nil, ""},
	} {
		kind, reason := autoConflict(c.judge, team, "부천 MZ혁신발굴단", c.manyAgencies, c.hostLine, bucheonLine, bucheon)
		if kind != c.want || (kind != "") != (reason != "") {
			t.Errorf("%s: %q (%q), want %q", c.name, kind, reason, c.want)
		}
	}
}
