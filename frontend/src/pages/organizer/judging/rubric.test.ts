import { describe, expect, it } from "vitest";
import type { RubricTemplate } from "../../judging/types";
import { rowsFromTemplate, rowsToCriteria, sameAsTemplate, weightSum } from "./rubric";

const TEMPLATE: RubricTemplate = {
  id: "7f1c1a60-0000-4000-8000-000000000d01",
  name: "기본 심사기준",
  builtIn: true,
  criteria: [
    { id: "a", name: "창의성", description: "새로운 접근", weight: 20, scale: { kind: "points", min: 1, max: 10, step: 1 }, guidance: [] },
    { id: "b", name: "효과성", weight: 50, scale: { kind: "points", min: 1, max: 10, step: 1 }, guidance: [{ level: "9–10", text: "입증" }] },
    { id: "c", name: "협업", weight: 30, scale: { kind: "grades", grades: [{ label: "S", points: 10 }, { label: "A", points: 8 }] }, guidance: [] },
  ],
};

describe("weight sum", () => {
  it("is ok at exactly 100, also when decimals add up with float noise", () => {
    expect(weightSum(rowsFromTemplate(TEMPLATE))).toEqual({ sum: 100, state: "ok", invalidRows: [] });
    expect(weightSum([{ weight: "33.3" }, { weight: "33.3" }, { weight: "33.4" }])).toEqual({ sum: 100, state: "ok", invalidRows: [] });
  });

  it("says how far off the sum is", () => {
    expect(weightSum([{ weight: "20" }, { weight: "45" }, { weight: "30" }])).toMatchObject({ sum: 95, state: "under" });
    expect(weightSum([{ weight: "20" }, { weight: "55" }, { weight: "30" }])).toMatchObject({ sum: 105, state: "over" });
  });

  it("marks weights that are empty, not numbers, zero or above 100", () => {
    expect(weightSum([{ weight: "" }, { weight: "abc" }, { weight: "0" }, { weight: "101" }, { weight: "100" }])).toEqual({
      sum: 100,
      state: "invalid",
      invalidRows: [0, 1, 2, 3],
    });
  });
});

describe("rubric rows", () => {
  it("sends the template id while unchanged, inline criteria once a weight changes", () => {
    const rows = rowsFromTemplate(TEMPLATE);
    expect(sameAsTemplate(rows, TEMPLATE)).toBe(true);
    const edited = rows.map((r, i) => (i === 1 ? { ...r, weight: "45" } : i === 2 ? { ...r, weight: "35" } : r));
    expect(sameAsTemplate(edited, TEMPLATE)).toBe(false);
    expect(rowsToCriteria(edited)).toEqual([
      { name: "창의성", description: "새로운 접근", weight: 20, scale: { kind: "points", min: 1, max: 10, step: 1 } },
      { name: "효과성", weight: 45, scale: { kind: "points", min: 1, max: 10, step: 1 }, guidance: [{ level: "9–10", text: "입증" }] },
      { name: "협업", weight: 35, scale: { kind: "grades", grades: [{ label: "S", points: 10 }, { label: "A", points: 8 }] } },
    ]);
  });
});
