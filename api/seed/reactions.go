package seed

import (
	"context"
	"fmt"

	"eutteum/api/app"
	"eutteum/api/archive"
)

// demoQuestion is a benchmarking question from another province on one of 부천시's past
// winners, answered by 부천시's organizer (imported cases have no team to answer), so the
// archive shows what a question and its answer look like.
var demoQuestion = struct {
	Entry, Agency, Asker, Question, Answerer, Answer string
}{
	Entry:    "민원서류 무인발급 확대 시범 운영",
	Agency:   "부천시",
	Asker:    "member.gyeongnam@demo.test",
	Question: "무인발급기는 몇 대를 두었고 유지비는 한 해에 얼마나 들었나요? 저희 도에서도 읍면 단위로 도입을 검토하고 있습니다.",
	Answerer: "organizer@demo.test",
	Answer:   "행정복지센터 10곳에 1대씩 두었고, 유지보수비는 1대당 한 해 약 150만 원입니다. 설치 기준표를 보내 드릴 수 있으니 혁신정책과로 연락 주세요.",
}

// demoQuestions asks and answers the demo question once; a later run finds it and leaves it.
func demoQuestions(ctx context.Context, a *app.App) error {
	d := demoQuestion
	found, err := a.Archive.Search(ctx, archive.Query{Text: d.Entry, Limit: 10})
	if err != nil {
		return err
	}
	var entry *archive.Summary
	for i, it := range found.Items {
		if it.Title == d.Entry && it.Agency.Name == d.Agency {
			entry = &found.Items[i]
			break
		}
	}
	if entry == nil {
		return fmt.Errorf("demo question: the archive has no case %q of %s", d.Entry, d.Agency)
	}
	list, err := a.Archive.Questions(ctx, nil, entry.ID)
	if err != nil || len(list.Items) > 0 {
		return err
	}
	asker, err := a.Accounts.PrincipalFor(ctx, d.Asker)
	if err != nil {
		return err
	}
	q, err := a.Archive.Ask(ctx, asker, entry.ID, archive.QuestionInput{Text: d.Question})
	if err != nil {
		return fmt.Errorf("demo question: %w", err)
	}
	answerer, err := a.Accounts.PrincipalFor(ctx, d.Answerer)
	if err != nil {
		return err
	}
	if _, err := a.Archive.Answer(ctx, answerer, q.ID, archive.AnswerInput{Text: d.Answer}); err != nil {
		return fmt.Errorf("demo answer: %w", err)
	}
	return nil
}
