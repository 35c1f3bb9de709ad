package vote

import "testing"

func TestNormalizeEmailFoldsOneMailbox(t *testing.T) {
	for in, want := range map[string]string{
		" Voter@Example.KR ":          "voter@example.kr",
		"voter+vote2@example.kr":      "voter@example.kr",
		"first.last@gmail.com":        "firstlast@gmail.com",
		"First.Last+x@googlemail.com": "firstlast@gmail.com",
		"first.last@korea.kr":         "first.last@korea.kr",
	} {
		if got := NormalizeEmail(in); got != want {
			t.Errorf("NormalizeEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBurstIsFarAboveTheUsualMinute(t *testing.T) {
	minutes := []int{2, 3, 1, 2, 40, 2}
	if !isBurst(40, minutes) {
		t.Error("40 ballots in a minute among 2s is a burst")
	}
	if isBurst(3, minutes) {
		t.Error("3 is the usual pace")
	}
	// Busy but even: no minute stands out.
	if isBurst(12, []int{12, 11, 12, 10}) {
		t.Error("an even busy pace is not a burst")
	}
	if isBurst(9, []int{1, 1, 9}) {
		t.Error("below the minimum count")
	}
}
