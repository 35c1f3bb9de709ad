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

  it("blends a case without a panel score from the other parts, the panel's share spread over them", () => {
    // Judges 50 %, panel 30 %, vote 20 %: (80 × 50 + 50 × 20) / 70 = 71.4286, as the server's TestBlendPanelAndVoteByHand.
    const parts = { judgeScore: 80, judgeShare: 50, panelScore: null, panelShare: 30, votes: 4, voteScore: 50, voteShare: 20 };
    expect(Number(blendedScore(parts).toFixed(4))).toBe(71.4286);
    expect(blendedScore({ ...parts, judgeShare: 70, voteShare: 0, voteScore: 0 })).toBe(80);
    expect(blendedScore({ ...parts, judgeShare: 0, panelShare: 100, voteShare: 0 })).toBe(80);
  });

  it("has nothing to show for a stage without a vote or panel share", () => {
    expect(scorePartsOf(undefined)).toBeNull();
    expect(scorePartsOf({ judgeScore: 70, judgeShare: 100, panelScore: 0, panelShare: 0, votes: 0, voteScore: 0, voteShare: 0 })).toBeNull();
  });
});
