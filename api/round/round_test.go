package round

import (
	"testing"
	"time"
)

func TestNextPeriodAndTitle(t *testing.T) {
	for _, tc := range []struct {
		year         int
		period, from string
		wantYear     int
		wantPeriod   string
		months       int
		want         string
	}{
		{2025, "H1", "2025 상반기 으뜸상", 2025, "H2", 6, "2025 하반기 으뜸상"},
		{2025, "H2", "2025 하반기 행정대상", 2026, "H1", 6, "2026 상반기 행정대상"},
		{2025, "Q4", "2025년 4분기 적극행정", 2026, "Q1", 3, "2026년 1분기 적극행정"},
		{2025, "annual", "2025 적극행정 우수사례", 2026, "annual", 12, "2026 적극행정 우수사례"},
	} {
		y, p, m := NextPeriod(tc.year, tc.period)
		if y != tc.wantYear || p != tc.wantPeriod || m != tc.months {
			t.Errorf("NextPeriod(%d, %s) = %d %s %d", tc.year, tc.period, y, p, m)
		}
		if got := NextTitle(tc.from, tc.year, y, tc.period, p); got != tc.want {
			t.Errorf("NextTitle(%q) = %q, want %q", tc.from, got, tc.want)
		}
	}
}

func TestScheduleStatus(t *testing.T) {
	base := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	sc := Schedule{SubmissionOpensAt: base, SubmissionClosesAt: base.Add(240 * time.Hour), JudgingClosesAt: base.Add(480 * time.Hour), ResultsAnnouncedAt: base.Add(600 * time.Hour)}
	for offset, want := range map[time.Duration]string{
		-time.Second:                StatusUpcoming,
		0:                           StatusOpen,
		240*time.Hour - time.Second: StatusOpen,
		240 * time.Hour:             StatusJudging,
		600 * time.Hour:             StatusAnnounced,
	} {
		if got := sc.Status(base.Add(offset)); got != want {
			t.Errorf("at %v: %s, want %s", offset, got, want)
		}
	}
}
