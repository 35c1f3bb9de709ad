import { describe, expect, it } from "vitest";
import { blendedScore, scorePartsOf } from "./scoreParts";

describe("score parts", () => {
  it("blends the judges', citizen panel's and vote's scores by their shares", () => {
    const parts = { judgeScore: 80, judgeShare: 70, panelScore: 70, panelShare: 10, votes: 3, voteScore: 90, voteShare: 20 };
    expect(scorePartsOf(parts)).toBe(parts);
    expect(blendedScore(parts)).toBeCloseTo(56 + 7 + 18, 10);
  });

  it("gives the demo's published stage score for a vote share of 20%", () => {
    const parts = { judgeScore: 93.6111, judgeShare: 80, panelScore: 0, panelShare: 0, votes: 6, voteScore: 42.8571, voteShare: 20 };
    expect(Number(blendedScore(parts).toFixed(4))).toBe(83.4603);
  });

  it("has nothing to show for a stage without a vote or panel share", () => {
    expect(scorePartsOf(undefined)).toBeNull();
    expect(scorePartsOf({ judgeScore: 70, judgeShare: 100, panelScore: 0, panelShare: 0, votes: 0, voteScore: 0, voteShare: 0 })).toBeNull();
  });
});
