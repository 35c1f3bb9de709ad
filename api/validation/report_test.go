package validation_test

import (
	"reflect"
	"testing"
	"time"

	"eutteum/api/apperr"
	"eutteum/api/validation"
)

type schedule struct {
	OpensAt  time.Time `json:"opensAt"`
	ClosesAt time.Time `json:"closesAt"`
}

type tier struct {
	Name  string `json:"name" validate:"required,max=5"`
	Count int    `json:"count"`
}

type form struct {
	Title    string    `json:"title" validate:"max=10"`
	Year     int       `json:"year"`
	Schedule schedule  `json:"schedule"`
	Tiers    []tier    `json:"tiers" validate:"dive"`
	Prize    *int64    `json:"prize"`
	Tags     []string  `json:"tags"`
	Note     *string   `json:"note"`
	Next     *schedule `json:"next"`
}

func TestDecodeLenientKeepsWhatFits(t *testing.T) {
	body := `{
		"title": "결과 보고",
		"year": "2025년",
		"schedule": {"opensAt": "2025-03-01T09:00:00+09:00", "closesAt": "3월 말"},
		"tiers": [{"name": "대상", "count": 1}, {"name": "최우수", "count": "두 팀"}, "장려"],
		"prize": "백만 원",
		"tags": ["복지", 7, "안전"],
		"note": "메모",
		"next": null
	}`
	var got form
	validation.DecodeLenient([]byte(body), &got)
	opens := time.Date(2025, 3, 1, 9, 0, 0, 0, time.FixedZone("", 9*3600))
	want := form{
		Title:    "결과 보고",
		Schedule: schedule{OpensAt: opens},
		Tiers:    []tier{{Name: "대상", Count: 1}, {Name: "최우수"}, {}},
		Tags:     []string{"복지", "", "안전"},
		Note:     ptr("메모"),
	}
	if !got.Schedule.OpensAt.Equal(want.Schedule.OpensAt) {
		t.Fatalf("opensAt = %v, want %v", got.Schedule.OpensAt, want.Schedule.OpensAt)
	}
	got.Schedule.OpensAt = want.Schedule.OpensAt
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decoded\n %+v\nwant\n %+v", got, want)
	}
}

func TestDecodeLenientOfGarbageLeavesZero(t *testing.T) {
	got := form{Title: "이전 값"}
	validation.DecodeLenient([]byte(`[1, 2`), &got)
	if !reflect.DeepEqual(got, form{}) {
		t.Fatalf("decoded %+v from a broken document, want the zero form", got)
	}
}

func TestReportSkipsRulesOnRefusedFields(t *testing.T) {
	r := validation.NewReport(apperr.Field("schedule.closesAt", "format"), apperr.Field("tiers[1].count", "type"))
	cases := []struct {
		paths []string
		want  bool
	}{
		{[]string{"schedule.closesAt"}, false},
		{[]string{"schedule"}, false},
		{[]string{"schedule.opensAt"}, true},
		{[]string{"schedule.opensAt", "schedule.closesAt"}, false},
		{[]string{"tiers[1]"}, false},
		{[]string{"tiers[1].name"}, true},
		{[]string{"tiers[10].count"}, true},
		{[]string{"tiers"}, false},
		{[]string{"title"}, true},
		{[]string{"schedules"}, true},
	}
	for _, c := range cases {
		if got := r.Readable(c.paths...); got != c.want {
			t.Errorf("Readable(%v) = %v, want %v", c.paths, got, c.want)
		}
	}
	if validation.NewReport(apperr.Field("body", "type")).Readable("title") {
		t.Error("a refused body leaves no field readable")
	}
}

func TestReportGathersTagsAndRulesOncePerField(t *testing.T) {
	r := validation.NewReport(apperr.Field("title", "max_length", "max", 10))
	in := form{Title: "열한 글자가 넘는 제목입니다", Tiers: []tier{{Name: ""}, {Name: "너무 긴 이름"}}}
	if err := r.Struct(in, ""); err != nil {
		t.Fatal(err)
	}
	if err := r.Struct(tier{}, "extra[0]"); err != nil {
		t.Fatal(err)
	}
	r.Add(apperr.Field("schedule.closesAt", "after_opens"))
	var got []string
	for _, f := range r.Fields() {
		got = append(got, f.Field+":"+f.Rule)
	}
	want := []string{"title:max_length", "tiers[0].name:required", "tiers[1].name:max_length", "extra[0].name:required", "schedule.closesAt:after_opens"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("fields = %v, want %v", got, want)
	}
	err := apperr.As(r.Err())
	if err.Code != apperr.CodeValidationFailed || len(err.Fields) != len(want) {
		t.Fatalf("Err() = %v with %d fields", err, len(err.Fields))
	}
	if validation.NewReport().Err() != nil {
		t.Fatal("an empty report is no error")
	}
}

func ptr[T any](v T) *T { return &v }
