import { describe, expect, it } from "vitest";
import {
  formToInput,
  guidanceIndex,
  parseBand,
  pointChoices,
  pointsOf,
  round4,
  sheetErrors,
  sheetTotal,
  sheetToForm,
  unscored,
  weightedTotal,
} from "./scoring";
import type { Criterion } from "./types";
// One rule for a sheet's total, shared with the server's scoring.SheetTotal.
import sharedTotals from "../../../../api/scoring/testdata/sheet-totals.json";

const GRADES = [
  { label: "S", points: 10 },
  { label: "A", points: 8 },
  { label: "B", points: 6 },
  { label: "C", points: 4 },
  { label: "D", points: 2 },
];
const points = (id: string, name: string, weight: number): Criterion => ({
  id,
  name,
  weight,
  scale: { kind: "points", min: 1, max: 10, step: 1 },
  guidance: [
    { level: "9–10", text: "국내 처음" },
    { level: "5–8", text: "의미 있게 발전" },
    { level: "1–4", text: "부분 개선" },
  ],
});
const grades = (id: string, name: string, weight: number): Criterion => ({
  id,
  name,
  weight,
  scale: { kind: "grades", grades: GRADES },
  guidance: [{ level: "S", text: "외부 기관과 함께" }],
});

/** The built-in rubric (창의성 20, 효과성 25, 확산가능성 20, 국민체감도 15, 협업 10, 난이도 10). */
const RUBRIC: Criterion[] = [
  points("c1", "창의성", 20),
  points("c2", "효과성(성과)", 25),
  points("c3", "확산가능성", 20),
  points("c4", "국민체감도", 15),
  grades("c5", "협업", 10),
  grades("c6", "난이도", 10),
];

const sheet = (p: number[], g: string[]) => ({
  c1: { points: p[0] },
  c2: { points: p[1] },
  c3: { points: p[2] },
  c4: { points: p[3] },
  c5: { grade: g[0] },
  c6: { grade: g[1] },
});

describe("weighted total", () => {
  it("is Σ (points − min)/(max − min) × weight with grades worth their points, as the server stores it", () => {
    // The demo round's sheets: the server answered 75.2778 and 72.2222 for them.
    expect(sheetTotal(RUBRIC, sheet([8, 7, 8, 7], ["A", "S"]))).toEqual({ total: 75.2778, partial: 75.2778, scored: 6, count: 6 });
    expect(sheetTotal(RUBRIC, sheet([7, 7, 8, 8], ["A", "A"])).total).toBe(72.2222);
    // A grade scale runs from its lowest grade (D = 2) to its highest (S = 10).
    expect(sheetTotal(RUBRIC, sheet([10, 10, 10, 10], ["S", "S"])).total).toBe(100);
    expect(sheetTotal(RUBRIC, sheet([1, 1, 1, 1], ["D", "D"])).total).toBe(0);
  });

  it("has no total until every criterion is scored, but keeps the sum so far", () => {
    const partial = sheetTotal(RUBRIC, { c1: { points: 10 }, c5: { grade: "S" } });
    expect(partial).toEqual({ total: null, partial: 30, scored: 2, count: 6 });
  });

  it("ignores points off the scale and grades not in it", () => {
    expect(pointsOf(RUBRIC[0]!, { points: 11 })).toBeNull();
    expect(pointsOf(RUBRIC[0]!, { points: 7.5 })).toBeNull();
    expect(pointsOf(RUBRIC[4]!, { grade: "X" })).toBeNull();
    expect(pointsOf(RUBRIC[4]!, { grade: "B" })).toBe(6);
    expect(sheetTotal(RUBRIC, sheet([8, 7, 8, 70], ["A", "S"])).total).toBeNull();
  });

  it("rounds to 4 decimals half away from zero, like the server", () => {
    expect(round4(1.03125)).toBe(1.0313);
    expect(round4(-1.03125)).toBe(-1.0313);
    expect(round4(72.22222222)).toBe(72.2222);
  });

  it("recomputes a published score table from raw points", () => {
    expect(weightedTotal(RUBRIC, [9, 9, 8, 8, 10, 8])).toBe(sheetTotal(RUBRIC, sheet([9, 9, 8, 8], ["S", "A"])).total);
    expect(weightedTotal(RUBRIC, [9, 9, null, 8, 10, 8])).toBeNull();
  });
});

describe("scales and guidance", () => {
  it("offers the points of small scales as choices and a number field for large ones", () => {
    expect(pointChoices({ kind: "points", min: 1, max: 10, step: 1 })).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pointChoices({ kind: "points", min: 0, max: 5, step: 0.5 })).toHaveLength(11);
    expect(pointChoices({ kind: "points", min: 0, max: 100, step: 1 })).toBeNull();
    expect(pointChoices({ kind: "grades", grades: GRADES })).toBeNull();
  });

  it("finds the guidance of a point band or a grade", () => {
    expect(parseBand("9–10")).toEqual([9, 10]);
    expect(parseBand("5-8")).toEqual([5, 8]);
    expect(parseBand("10")).toEqual([10, 10]);
    expect(parseBand("S")).toBeNull();
    const guidance = RUBRIC[0]!.guidance;
    expect(guidanceIndex(guidance, 9)).toBe(0);
    expect(guidanceIndex(guidance, 5)).toBe(1);
    expect(guidanceIndex(guidance, 4)).toBe(2);
    expect(guidanceIndex(guidance, null)).toBe(-1);
    expect(guidanceIndex(RUBRIC[4]!.guidance, "S")).toBe(0);
    expect(guidanceIndex(RUBRIC[4]!.guidance, "A")).toBe(-1);
  });
});

describe("sheet form", () => {
  it("sends every criterion in rubric order and maps the server's errors back to criteria", () => {
    const form = sheetToForm(RUBRIC, { status: "draft", items: [{ criterionId: "c2", points: 7, comment: "좋음" }, { criterionId: "c5", grade: "A" }] });
    form.items.c4 = { points: "12", grade: "", comment: "" };
    form.overallComment = "전반적으로 우수";
    const request = formToInput(RUBRIC, form, true);
    expect(request.body).toEqual({
      submit: true,
      overallComment: "전반적으로 우수",
      items: [
        { criterionId: "c1" },
        { criterionId: "c2", points: 7, comment: "좋음" },
        { criterionId: "c3" },
        { criterionId: "c4", points: 12 },
        { criterionId: "c5", grade: "A" },
        { criterionId: "c6" },
      ],
    });
    expect(request.criterionIds).toEqual(["c1", "c2", "c3", "c4", "c5", "c6"]);
    expect(unscored(RUBRIC, form).map((c) => c.name)).toEqual(["창의성", "확산가능성", "국민체감도", "난이도"]);

    // One answer names the score off the scale and every criterion left unscored.
    const problem = {
      type: "/docs#problem-validation_failed",
      title: "입력값을 확인해 주세요",
      status: 400,
      code: "validation_failed",
      errors: [
        { field: "items[3].points", code: "out_of_scale", message: "척도 범위를 벗어난 점수입니다." },
        { field: "items[0].points", code: "required", message: "필수 입력 항목입니다." },
        { field: "items[5].grade", code: "required", message: "필수 입력 항목입니다." },
        { field: "items[1].comment", code: "max_length", message: "2000자 이하로 입력해 주세요." },
        { field: "items", code: "criterion_required", message: "평가항목 '협업'의 점수를 입력하세요." },
        { field: "overallComment", code: "max_length", message: "너무 깁니다." },
      ],
    };
    const errors = sheetErrors(problem, request.criterionIds);
    expect(errors.criteria).toEqual({
      c4: { code: "out_of_scale", message: "척도 범위를 벗어난 점수입니다." },
      c1: { code: "required", message: "필수 입력 항목입니다." },
      c6: { code: "required", message: "필수 입력 항목입니다." },
      c2: { code: "max_length", message: "2000자 이하로 입력해 주세요." },
    });
    expect(errors.missing).toEqual(["c1", "c6"]);
    expect(errors.overallComment).toBe("너무 깁니다.");
    expect(errors.other).toEqual(["평가항목 '협업'의 점수를 입력하세요."]);
  });

  it("sends typed points that are not a number as typed, for the server to refuse with the rest", () => {
    const form = sheetToForm(RUBRIC, { status: "none", items: [] });
    form.items.c1 = { points: "칠", grade: "", comment: "" };
    const request = formToInput(RUBRIC, form, false);
    expect(request.unreadable).toEqual(["c1"]);
    expect(request.body.items[0]).toEqual({ criterionId: "c1", points: "칠" });
  });
});

describe("sheet totals shared with the server", () => {
  it("gives every total of api/scoring/testdata/sheet-totals.json", () => {
    expect(sharedTotals.sheets.length).toBeGreaterThan(0);
    for (const sheet of sharedTotals.sheets) {
      const criteria = sheet.criteria.map((c, i) => ({
        id: `c${i}`,
        weight: c.weight,
        scale: { kind: "points" as const, min: c.min, max: c.max, step: 0.5 },
      }));
      expect(weightedTotal(criteria, sheet.points), sheet.name).toBe(sheet.total);
      const values = Object.fromEntries(criteria.map((c, i) => [c.id, { points: sheet.points[i] }]));
      expect(sheetTotal(criteria, values).total, sheet.name).toBe(sheet.total);
    }
  });
});
