package archive_test

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/korean"

	"eutteum/api/account"
	"eutteum/api/apitest"
	"eutteum/api/archive"
)

const csvFile = `external_id,title,summary,problem,solution,outcomes,metrics,collaborators,agency,year,period,round,award_name,award_tier,category,tags,team_name,published_date
imp-1,민원 대기 알림톡,대기 순번을 알림톡으로 보낸다,창구 대기가 길었다,알림톡을 보낸다,대기가 줄었다,대기시간|분|30|12|decrease,민원여권과|department|운영,부천시,2022,H1,2022 상반기 으뜸상,으뜸상,우수,소통·참여,민원;알림톡,부천 민원혁신팀,2022-07-15
imp-2,주정차 단속 사전 알림,단속 전 문자로 알린다,과태료 민원이 많았다,문자 알림,민원이 줄었다,,,부천시,이천이십이,H1,,,,교통·보행,,,2022-07-15
imp-3,잘못된 지표,지표 형식 오류,,,,"통화 성공률|%|칠십|85|increase",,부천시,2022,H1,,,,안전,,,2022-07-15
imp-4,없는 기관 사례,요약,,,,,,가상시,2021,H2,,,,복지,,,2021-12-01
imp-5,기간 오류,요약,,,,,,부천시,2021,H3,,,,복지,,,2021-12-01
`

func TestImportCSVReportsBadRowsAndIsIdempotent(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	ctx := context.Background()
	admin := account.Operator()

	report, err := env.App.Archive.Import(ctx, admin, env.App.Accounts, strings.NewReader(csvFile), archive.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if report.Rows != 5 || report.Imported != 1 || len(report.Rejected) != 4 {
		t.Fatalf("report: %+v", report)
	}
	want := map[int]string{3: "year", 4: "metrics[0]", 5: "agency", 6: "period"}
	for _, r := range report.Rejected {
		if want[r.Line] != r.Field || r.Reason == "" {
			t.Errorf("line %d: field %q reason %q, want field %q", r.Line, r.Field, r.Reason, want[r.Line])
		}
	}
	res, err := env.App.Archive.Search(ctx, archive.Query{Text: "알림톡"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Items[0].AwardTier != "우수" || res.Items[0].Year != 2022 || !res.Items[0].HasMetrics {
		t.Fatalf("imported entry: %+v", res.Items)
	}
	// Nothing of a rejected row is stored.
	if res, _ := env.App.Archive.Search(ctx, archive.Query{Text: "주정차 단속 사전"}); res.Total != 0 {
		t.Fatal("a rejected row was stored")
	}

	again, err := env.App.Archive.Import(ctx, admin, env.App.Accounts, strings.NewReader(csvFile), archive.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Imported != 0 || again.Unchanged != 1 || again.Updated != 0 {
		t.Fatalf("re-import: %+v", again)
	}
	changed := strings.Replace(csvFile, "대기가 줄었다", "대기가 절반으로 줄었다", 1)
	third, _ := env.App.Archive.Import(ctx, admin, env.App.Accounts, strings.NewReader(changed), archive.ImportOptions{})
	if third.Updated != 1 {
		t.Fatalf("changed row: %+v", third)
	}

	created, err := env.App.Archive.Import(ctx, admin, env.App.Accounts, strings.NewReader(csvFile), archive.ImportOptions{CreateAgencies: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(created.NewAgencies) != 1 || created.NewAgencies[0] != "가상시" {
		t.Fatalf("new agencies: %+v", created)
	}
}

func TestImportCP949AndJSONLines(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	ctx := context.Background()
	cp949, err := korean.EUCKR.NewEncoder().String(csvFile)
	if err != nil {
		t.Fatal(err)
	}
	report, err := env.App.Archive.Import(ctx, account.Operator(), env.App.Accounts, strings.NewReader(cp949), archive.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if report.Imported != 1 {
		t.Fatalf("CP949 import: %+v", report)
	}
	jsonl := `{"external_id": "j-1", "title": "야간 민원 창구", "agency": "부천시", "year": 2023, "period": "H2", "published_date": "2023-12-20", "metrics": [{"name": "야간 발급", "unit": "건", "before": 10, "after": 90, "direction": "increase"}], "tags": ["야간"]}
{"external_id": "j-2", "title": "모르는 필드", "agency": "부천시", "year": 2023, "period": "H2", "published_date": "2023-12-20", "colour": "blue"}
not json at all
`
	report, err = env.App.Archive.Import(ctx, account.Operator(), env.App.Accounts, strings.NewReader(jsonl), archive.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if report.Imported != 1 || len(report.Rejected) != 2 || report.Rejected[0].Line != 2 || report.Rejected[0].Field != "colour" {
		t.Fatalf("JSONL import: %+v", report)
	}
}

func TestImportIsForOrganizersOfTheAgency(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	ctx := context.Background()
	member, _ := env.App.Accounts.PrincipalFor(ctx, "member@demo.test")
	if _, err := env.App.Archive.Import(ctx, member, env.App.Accounts, strings.NewReader(csvFile), archive.ImportOptions{}); err == nil {
		t.Fatal("a member imported")
	}
	incheon, _ := env.App.Accounts.PrincipalFor(ctx, "organizer.incheon@demo.test")
	report, err := env.App.Archive.Import(ctx, incheon, env.App.Accounts, strings.NewReader(csvFile), archive.ImportOptions{CreateAgencies: true})
	if err != nil {
		t.Fatal(err)
	}
	if report.Imported != 0 {
		t.Fatalf("인천 organizer imported 부천시's cases: %+v", report)
	}
}
