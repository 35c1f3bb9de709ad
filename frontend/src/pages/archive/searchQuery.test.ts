import { describe, expect, it } from "vitest";
import {
  effectiveSort,
  parseQuery,
  queryToParams,
  toApiParams,
  withFilter,
  type ArchiveQuery,
} from "./searchQuery";

const AGENCY = "2c923482-a424-46d4-9587-09b19d5eab80";

describe("archive search ↔ address", () => {
  it("round-trips the words, every filter and the sort", () => {
    const query: ArchiveQuery = {
      q: "이음 콜",
      filters: {
        year: "2026",
        period: "annual",
        agencyId: AGENCY,
        region: "인천",
        category: "재정·회계",
        awardTier: "최우수",
        teamKind: "innovation_team",
        stage: "spread",
        evidenceLevel: "5",
        hasMetrics: "true",
      },
      sort: "most_adopted",
    };
    const params = queryToParams(query);
    expect(parseQuery(new URLSearchParams(params.toString()))).toEqual(query);
    expect(params.toString()).toBe(
      "q=%EC%9D%B4%EC%9D%8C+%EC%BD%9C&year=2026&period=annual&agencyId=" + AGENCY +
        "&region=%EC%9D%B8%EC%B2%9C&category=%EC%9E%AC%EC%A0%95%C2%B7%ED%9A%8C%EA%B3%84" +
        "&awardTier=%EC%B5%9C%EC%9A%B0%EC%88%98&teamKind=innovation_team&stage=spread&evidenceLevel=5&hasMetrics=true&sort=most_adopted",
    );
  });

  it("leaves out empty values and keeps a stable order", () => {
    expect(queryToParams({ q: "  ", filters: { stage: "pilot", year: "2024" }, sort: "" }).toString()).toBe("year=2024&stage=pilot");
    expect(queryToParams({ q: "", filters: {}, sort: "" }).toString()).toBe("");
  });

  it("drops values the API would refuse instead of sending them", () => {
    const query = parseQuery(
      new URLSearchParams(
        "q=%20부천%20&year=1999&period=H3&agencyId=not-a-uuid&teamKind=x&stage=done&evidenceLevel=6&hasMetrics=yes&sort=best&cursor=abc",
      ),
    );
    expect(query).toEqual({ q: "부천", filters: {}, sort: "" });
    expect(parseQuery(new URLSearchParams(`q=${"가".repeat(250)}`)).q).toHaveLength(200);
    expect(parseQuery(new URLSearchParams(`region=${"가".repeat(21)}`)).filters).toEqual({});
  });

  it("sets and removes one filter at a time (one value per filter)", () => {
    let query: ArchiveQuery = { q: "부천", filters: { year: "2026" }, sort: "" };
    query = withFilter(query, "year", "2024");
    query = withFilter(query, "hasMetrics", "false");
    expect(query.filters).toEqual({ year: "2024", hasMetrics: "false" });
    expect(withFilter(query, "year", null).filters).toEqual({ hasMetrics: "false" });
  });
});

describe("toApiParams", () => {
  it("types numbers and booleans for GET /archive/cases and passes the cursor", () => {
    const query = parseQuery(new URLSearchParams(`q=119&year=2026&evidenceLevel=3&hasMetrics=false&agencyId=${AGENCY}`));
    expect(toApiParams(query, "CURSOR", 20)).toEqual({
      limit: 20,
      q: "119",
      year: 2026,
      evidenceLevel: 3,
      hasMetrics: false,
      agencyId: AGENCY,
      cursor: "CURSOR",
    });
  });

  it("lets the server choose the sort unless one is picked; relevance needs words", () => {
    expect(effectiveSort({ q: "민원", filters: {}, sort: "" })).toBe("relevance");
    expect(effectiveSort({ q: "", filters: {}, sort: "" })).toBe("newest");
    expect(effectiveSort({ q: "", filters: {}, sort: "relevance" })).toBe("newest");
    expect(toApiParams({ q: "", filters: {}, sort: "" }).sort).toBeUndefined();
    expect(toApiParams({ q: "", filters: {}, sort: "most_adopted" }).sort).toBe("most_adopted");
  });
});
