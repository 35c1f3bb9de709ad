package mail

import (
	"context"
	"strings"
	"testing"
)

func TestOutboxKeepsKoreanMessages(t *testing.T) {
	o := &Outbox{Dir: t.TempDir()}
	ctx := context.Background()
	if err := o.Send(ctx, Message{To: "voter@example.kr", Subject: "[으뜸] 인증번호", Body: "인증번호는 123456입니다.\n10분 안에 입력해 주세요."}); err != nil {
		t.Fatal(err)
	}
	if err := o.Send(ctx, Message{To: "other@example.kr", Subject: "다른 메일", Body: "무관"}); err != nil {
		t.Fatal(err)
	}
	got, err := o.Latest("Voter@Example.kr")
	if err != nil {
		t.Fatal(err)
	}
	if got.Subject != "[으뜸] 인증번호" || !strings.Contains(got.Body, "123456") || !strings.Contains(got.Body, "10분") {
		t.Fatalf("message: %+v", got)
	}
	if _, err := o.Latest("nobody@example.kr"); err == nil {
		t.Fatal("a message for nobody")
	}
}

func TestSMTPSettings(t *testing.T) {
	for _, bad := range []string{"http://x", "smtp://host", "smtp://", "smtp://u:p@host?from=not-an-address"} {
		if _, err := NewSMTP(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	s, err := NewSMTP("smtp://user:secret@mail.example.kr?from=noreply@example.kr")
	if err != nil || s.addr != "mail.example.kr:587" || s.from != "noreply@example.kr" || s.auth == nil {
		t.Fatalf("%+v %v", s, err)
	}
	if err != nil && strings.Contains(err.Error(), "secret") {
		t.Fatal("error shows the password")
	}
}
