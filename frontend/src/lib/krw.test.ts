import { describe, expect, it } from "vitest";
import { formatKrw, parseDecimal, parseKrw } from "./krw";

describe("KRW", () => {
  it("formats won with grouping", () => {
    expect(formatKrw(3_000_000, "ko")).toBe("3,000,000원");
    expect(formatKrw(500_000, "en")).toBe("₩500,000");
  });

  it("reads amounts as typed", () => {
    expect(parseKrw("3,000,000")).toBe(3_000_000);
    expect(parseKrw(" 2 000원 ")).toBe(2000);
    expect(parseKrw("")).toBeNull();
    expect(parseKrw("12.5")).toBeNaN();
    expect(parseKrw("-1")).toBeNaN();
  });

  it("reads decimals", () => {
    expect(parseDecimal("74.7")).toBe(74.7);
    expect(parseDecimal("-3")).toBe(-3);
    expect(parseDecimal("1,200.5")).toBe(1200.5);
    expect(parseDecimal(" ")).toBeNull();
    expect(parseDecimal("abc")).toBeNaN();
  });
});
