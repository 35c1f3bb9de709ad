import { describe, expect, it } from "vitest";
import { computeImprovement, formatImprovement } from "./improvement";

describe("computeImprovement (same numbers as the server's Metric.Improvement)", () => {
  it("gives percentage points for % units: 74.7 → 85.8 % is +11.1%p", () => {
    const imp = computeImprovement({ unit: "%", before: 74.7, after: 85.8, direction: "increase" });
    expect(imp.improved).toBe(true);
    expect(imp.delta).toBe(11.1);
    expect(imp.percentagePoints).toBe(11.1);
    expect(imp.percentChange).toBe(14.859438);
    expect(imp.factor).toBe(1.148594);
    expect(formatImprovement(imp, "%", "ko")).toMatchObject({ change: "+11.1%p", factor: null, arrow: "▲", improved: true });
  });

  it("gives the factor in the metric's direction: 120 → 2 분 (lower is better) is 60배", () => {
    const imp = computeImprovement({ unit: "분", before: 120, after: 2, direction: "decrease" });
    expect(imp).toEqual({ improved: true, delta: -118, percentChange: -98.333333, factor: 60 });
    const text = formatImprovement(imp, "분", "ko");
    expect(text).toEqual({ change: "-98.3%", factor: "60배 개선", arrow: "▼", improved: true, verdict: "개선" });
    expect(formatImprovement(imp, "분", "en").factor).toBe("60× better");
  });

  it("marks a change in the wrong direction as not improved, without a factor", () => {
    const imp = computeImprovement({ unit: "건", before: 10, after: 12, direction: "decrease" });
    expect(imp.improved).toBe(false);
    expect(imp.factor).toBeCloseTo(0.833333, 6);
    expect(formatImprovement(imp, "건", "ko")).toMatchObject({ change: "+20%", factor: null, arrow: "▲", verdict: "악화" });
  });

  it("has no relative change from zero and shows the signed difference", () => {
    const imp = computeImprovement({ unit: "건", before: 0, after: 5, direction: "increase" });
    expect(imp.percentChange).toBeUndefined();
    expect(imp.factor).toBeUndefined();
    expect(formatImprovement(imp, "건", "ko").change).toBe("+5건");
  });

  // Expected values printed by the server's Go code (api/cases/content.go) for the same inputs.
  it.each([
    ["%", 74.7, 85.8, "increase", { improved: true, delta: 11.1, percentagePoints: 11.1, percentChange: 14.859438, factor: 1.148594 }],
    ["분", 120, 2, "decrease", { improved: true, delta: -118, percentChange: -98.333333, factor: 60 }],
    ["건", 10, 12, "decrease", { improved: false, delta: 2, percentChange: 20, factor: 0.833333 }],
    ["", 0, -0.0000025, "increase", { improved: false, delta: -0.000003 }], // Go rounds -2.5 away from zero
    ["%p", 0.3, 0.1, "decrease", { improved: true, delta: -0.2, percentagePoints: -0.2, percentChange: -66.666667, factor: 3 }],
    ["원", -50, 25, "increase", { improved: true, delta: 75, percentChange: 150 }],
    ["일", 14, 3, "decrease", { improved: true, delta: -11, percentChange: -78.571429, factor: 4.666667 }],
    ["명", 1234.5678, 2345.6789, "increase", { improved: true, delta: 1111.1111, percentChange: 90.000006, factor: 1.9 }],
  ] as const)("matches the server for %s %d → %d (%s)", (unit, before, after, direction, want) => {
    expect(computeImprovement({ unit, before, after, direction })).toEqual(want);
  });

  it("reports no change neutrally", () => {
    const imp = computeImprovement({ unit: "%", before: 50, after: 50, direction: "increase" });
    expect(formatImprovement(imp, "%", "ko")).toMatchObject({ change: "0%p", arrow: "–", improved: false, verdict: "변화 없음" });
  });
});
