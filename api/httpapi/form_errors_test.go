package httpapi_test

import (
	"maps"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"eutteum/api/apitest"
)

// A form's schema errors and its business-rule errors come back in one answer, each field
// named in one spelling, and a rule that reads a refused field says nothing.

func wantFields(t *testing.T, what string, p apitest.Problem, want map[string]string) {
	t.Helper()
	if got := p.FieldCodes(); !maps.Equal(got, want) {
		t.Fatalf("%s: field errors\n got  %v\n want %v", what, got, want)
	}
}

func TestRoundFormErrorsComeTogether(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	org := env.Login(organizer, password)
	created := org.Post("/api/v1/rounds", roundBody(t, env)).Status(http.StatusCreated).JSON()
	path := "/api/v1/rounds/" + created["id"].(string)

	bad := roundBody(t, env)
	bad["title"] = strings.Repeat("가", 201)                                                                                  // schema
	bad["awardTiers"].([]map[string]any)[0]["prizeKrw"] = "백만 원"                                                             // schema
	bad["categories"] = []string{"복지", "안전", "복지"}                                                                           // rule
	bad["participatingAgencyIds"] = append(bad["participatingAgencyIds"].([]string), "00000000-0000-4000-8000-000000000000") // rule
	sched := bad["schedule"].(map[string]any)
	sched["submissionClosesAt"] = time.Now().Add(-48 * time.Hour).UTC().Format(time.RFC3339) // rule: before it opens
	sched["resultsAnnouncedAt"] = "발표일 미정"                                                   // schema: the rule on it is skipped
	want := map[string]string{
		"title":                       "max_length",
		"awardTiers[0].prizeKrw":      "type",
		"schedule.resultsAnnouncedAt": "format",
		"categories[2]":               "duplicate",
		"participatingAgencyIds[1]":   "not_found",
		"schedule.submissionClosesAt": "after_submission_opens",
	}
	wantFields(t, "new round", org.Post("/api/v1/rounds", bad).Problem(http.StatusBadRequest, "validation_failed"), want)
	wantFields(t, "changed round", org.Put(path, bad).Problem(http.StatusBadRequest, "validation_failed"), want)

	// The same rules alone, with the schema satisfied, say the same.
	ruled := roundBody(t, env)
	ruled["categories"] = []string{"복지", "안전", "복지"}
	ruled["schedule"].(map[string]any)["submissionClosesAt"] = sched["submissionClosesAt"]
	wantFields(t, "rules only", org.Put(path, ruled).Problem(http.StatusBadRequest, "validation_failed"), map[string]string{
		"categories[2]":               "duplicate",
		"schedule.submissionClosesAt": "after_submission_opens",
	})

	// Nothing of a refused form was written.
	if got := org.Get(path).Status(http.StatusOK).JSON(); got["title"] != created["title"] || len(got["categories"].([]any)) != 3 {
		t.Fatalf("a refused change was written: %v", got)
	}
}

func TestCaseFormErrorsComeTogether(t *testing.T) {
	t.Parallel()
	env := apitest.NewSeeded(t)
	r := createPublishedRound(t, env, roundBody(t, env))
	other := createPublishedRound(t, env, roundBody(t, env))
	caseID, tag := startCase(t, env, r["id"].(string))
	m := env.Login(member, password)
	path := "/api/v1/cases/" + caseID
	saved := m.With("If-Match", tag).Put(path, completeCase(categoryID(t, r, "복지"))).Status(http.StatusOK)

	bad := completeCase(categoryID(t, other, "복지")) // rule: another round's category
	bad["title"] = strings.Repeat("가", 101)         // schema
	bad["metrics"] = []map[string]any{{"name": "통화 성공률", "unit": "%", "before": "칠십사", "after": 85.8, "direction": "increase"}}
	p := m.With("If-Match", saved.Head.Get("ETag")).Put(path, bad).Problem(http.StatusBadRequest, "validation_failed")
	wantFields(t, "draft", p, map[string]string{"title": "max_length", "metrics[0].before": "type", "categoryId": "not_found"})

	// Someone who may not edit the case hears only of the schema.
	outsider := env.Login("member.fire@demo.test", password)
	p = outsider.With("If-Match", saved.Head.Get("ETag")).Put(path, bad).Problem(http.StatusBadRequest, "validation_failed")
	wantFields(t, "outsider", p, map[string]string{"title": "max_length", "metrics[0].before": "type"})

	if got := m.Get(path).Status(http.StatusOK).JSON(); got["title"] != "119 이음콜 출동정보 알리미" || got["revision"] != saved.JSON()["revision"] {
		t.Fatalf("a refused draft was written: %v", got)
	}
}

func TestRubricFormErrorsComeTogether(t *testing.T) {
	t.Parallel()
	je := newJudgingEnv(t)
	points := func(name string, weight any) map[string]any {
		return map[string]any{"name": name, "weight": weight, "scale": map[string]any{"kind": "points", "min": 0, "max": 10, "step": 1}}
	}
	stage := func(criteria ...map[string]any) map[string]any {
		return map[string]any{
			"name": "서면심사", "kind": "written", "blind": false, "scoringClosesAt": time.Now().Add(30 * 24 * time.Hour).Format(time.RFC3339),
			"cut": map[string]any{"kind": "none"}, "criteria": criteria,
		}
	}
	base := "/api/v1/rounds/" + je.roundID + "/stages"

	long := stage(points("창의성", 30), points("창의성", 30), points(strings.Repeat("효", 51), 20))
	long["name"] = ""
	p := je.org.Post(base, long).Problem(http.StatusBadRequest, "validation_failed")
	wantFields(t, "stage", p, map[string]string{
		"name":             "required",
		"criteria[2].name": "max_length",
		"criteria[1].name": "duplicate",
		"criteria":         "sum_100",
	})
	// A weight that is not a number leaves the total unknown: no word on it.
	p = je.org.Post(base, stage(points("창의성", "서른"), points("창의성", 30))).Problem(http.StatusBadRequest, "validation_failed")
	wantFields(t, "unreadable weight", p, map[string]string{"criteria[0].weight": "type", "criteria[1].name": "duplicate"})
	// Weights alone keep their own code, for the form's summary.
	je.org.Post(base, stage(points("창의성", 30), points("효과성", 30))).Problem(http.StatusBadRequest, "weights_not_100")

	if got := je.org.Get(base).Status(http.StatusOK).JSON()["items"].([]any); len(got) != 0 {
		t.Fatalf("a refused stage was created: %v", got)
	}
}

func TestSheetFormErrorsComeTogether(t *testing.T) {
	t.Parallel()
	je := newJudgingEnv(t)
	st := je.stage(t, false)
	base := "/api/v1/stages/" + st["id"].(string)
	je.org.Post(base+"/judges", map[string]any{"userId": je.ids["j1@demo.test"], "kind": "external"}).Status(http.StatusCreated)
	je.org.Post(base+"/open", nil).Status(http.StatusOK)
	caseID := je.cases["복지 알림 서비스"]
	je.org.Put(base+"/assignments/"+caseID, map[string]any{"judgeIds": []string{je.ids["j1@demo.test"]}}).Status(http.StatusOK)
	sheetPath := base + "/cases/" + caseID + "/sheet"

	sheet := fullSheet(st, 7, "A", true)
	items := sheet["items"].([]map[string]any)
	var pointsAt, gradeAt []int
	for i, it := range items {
		if _, ok := it["points"]; ok {
			pointsAt = append(pointsAt, i)
		} else {
			gradeAt = append(gradeAt, i)
		}
	}
	if len(pointsAt) < 3 {
		t.Fatalf("the built-in rubric has %d points criteria, the test needs 3", len(pointsAt))
	}
	items[pointsAt[0]]["points"] = 1000                       // rule: off the scale
	items[pointsAt[1]]["comment"] = strings.Repeat("가", 2001) // schema
	delete(items[pointsAt[2]], "points")                      // rule: unscored on submit
	want := map[string]string{
		itemField(pointsAt[0], "points"):  "out_of_scale",
		itemField(pointsAt[1], "comment"): "max_length",
		itemField(pointsAt[2], "points"):  "required",
	}
	if len(gradeAt) > 0 {
		items[gradeAt[0]]["grade"] = "Z" // rule: not in the scale
		want[itemField(gradeAt[0], "grade")] = "not_in_scale"
	}
	judge := je.judges["j1@demo.test"]
	wantFields(t, "sheet", judge.Put(sheetPath, sheet).Problem(http.StatusBadRequest, "validation_failed"), want)

	// A criterion left out of the sheet altogether is named by the criterion.
	short := fullSheet(st, 7, "A", true)
	short["items"] = short["items"].([]map[string]any)[1:]
	p := judge.Put(sheetPath, short).Problem(http.StatusBadRequest, "validation_failed")
	first := st["criteria"].([]any)[0].(map[string]any)["name"].(string)
	if len(p.Errors) != 1 || p.Errors[0].Field != "items" || p.Errors[0].Code != "criterion_required" || !strings.Contains(p.Errors[0].Message, first) {
		t.Fatalf("a criterion left out: %+v", p.Errors)
	}
	if got, ok := judge.Get(base + "/cases/" + caseID).Status(http.StatusOK).JSON()["sheet"].(map[string]any); ok && got["status"] == "submitted" {
		t.Fatalf("a refused sheet was submitted: %v", got)
	}
}

func itemField(i int, name string) string {
	return "items[" + strconv.Itoa(i) + "]." + name
}

func TestJudgingSettingsNameEveryTieBreakAtOnce(t *testing.T) {
	t.Parallel()
	je := newJudgingEnv(t)
	p := je.org.Put("/api/v1/rounds/"+je.roundID+"/judging", map[string]any{
		"method": "mean", "objectionDays": 7,
		"tieBreaks": []map[string]any{{"kind": "criterion"}, {"kind": "earlier_submission"}, {"kind": "criterion", "criterionName": " "}},
	}).Problem(http.StatusBadRequest, "validation_failed")
	wantFields(t, "tie-breaks", p, map[string]string{"tieBreaks[0].criterionName": "required", "tieBreaks[2].criterionName": "required"})
}
