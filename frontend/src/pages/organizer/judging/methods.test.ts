import { describe, expect, it } from "vitest";
import { methodOrder, pickRanking } from "./methods";
import { RESULTS } from "./testData";

describe("method switch", () => {
  it("offers the round's method first", () => {
    expect(methodOrder(RESULTS)).toEqual(["trimmed_mean", "mean", "median", "zscore"]);
    expect(methodOrder({ ...RESULTS, rankings: [...RESULTS.rankings].reverse() })[0]).toBe("trimmed_mean");
  });

  it("shows the round's method by default, with its error when it cannot rank", () => {
    expect(pickRanking(RESULTS)).toEqual({
      method: "trimmed_mean",
      kind: "error",
      message: "최고·최저점 제외 평균은 사례마다 심사위원이 3명 이상이어야 합니다 (부족한 사례 2건).",
      roundMethod: true,
    });
  });

  it("picks the chosen method's rows in rank order", () => {
    const mean = pickRanking(RESULTS, "mean");
    expect(mean.kind).toBe("rows");
    expect(mean.kind === "rows" && mean.rows.map((r) => [r.rank, r.title])).toEqual([
      [1, "숙의기반 갈등관리 시스템"],
      [2, "세입 고지서 전자 발송"],
    ]);
    expect(mean.roundMethod).toBe(false);
    const z = pickRanking(RESULTS, "zscore");
    expect(z.kind === "rows" && z.rows[1]?.tieBrokenBy).toBe("criterion");
  });

  it("says when a method has nothing to rank, and falls back to the round's method for an unknown choice", () => {
    expect(pickRanking(RESULTS, "median")).toEqual({ method: "median", kind: "empty", roundMethod: false });
    expect(pickRanking({ ...RESULTS, rankings: RESULTS.rankings.filter((r) => r.method !== "zscore") }, "zscore").method).toBe("trimmed_mean");
  });
});
