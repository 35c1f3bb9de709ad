package apperr

import (
	"strings"
	"testing"
)

// TestVariantsAreCompleteAndFitTheirCaller: every variant speaks Korean and English, and the
// account wording of already_voted does not send a signed-in voter to their e-mail.
func TestVariantsAreCompleteAndFitTheirCaller(t *testing.T) {
	for code := range variants {
		if !HasMessage(code) {
			t.Errorf("variant of %q, which has no message of its own", code)
		}
		for name, texts := range Variants(code) {
			if texts[Korean] == "" || texts[English] == "" {
				t.Errorf("%s/%s lacks a language: %v", code, name, texts)
			}
		}
	}
	e := New(KindConflict, CodeAlreadyVoted)
	_, byMail := Message(e, Korean, nil)
	e.Variant = VariantAccount
	title, byAccount := Message(e, Korean, nil)
	_, inEnglish := Message(e, English, nil)
	if title != Title(CodeAlreadyVoted, Korean) || byAccount == byMail {
		t.Fatalf("account variant: %q / %q", title, byAccount)
	}
	for _, s := range []string{byAccount, inEnglish} {
		if strings.Contains(s, "이메일") || strings.Contains(strings.ToLower(s), "e-mail") {
			t.Errorf("the account wording mentions e-mail: %q", s)
		}
	}
	if !strings.Contains(byMail, "이메일") {
		t.Errorf("the default wording lost its e-mail address: %q", byMail)
	}
	e.Variant = "no-such-variant"
	if _, d := Message(e, Korean, nil); d != byMail {
		t.Errorf("an unknown variant must fall back to the code's message: %q", d)
	}
}
