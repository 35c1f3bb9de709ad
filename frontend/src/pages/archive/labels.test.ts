import { describe, expect, it } from "vitest";
import { createTranslator } from "../../i18n/translate";
import { barWidths, countWidth } from "./barScale";
import { evidenceLabel, filterValueLabel, formatDay, licenceLabel, periodLabel, yearPeriod } from "./labels";

const ko = createTranslator("ko");
const en = createTranslator("en");

describe("licenceLabel (공공누리)", () => {
  it("names the four KOGL types with their conditions", () => {
    expect(licenceLabel("kogl1", ko)).toBe("공공누리 제1유형: 출처표시");
    expect(licenceLabel("kogl2", ko)).toBe("공공누리 제2유형: 출처표시+상업적 이용금지");
    expect(licenceLabel("kogl3", ko)).toBe("공공누리 제3유형: 출처표시+변경금지");
    expect(licenceLabel("kogl4", ko)).toBe("공공누리 제4유형: 출처표시+상업적 이용금지+변경금지");
    expect(licenceLabel("none", ko)).toBe("공공누리 미적용");
    expect(licenceLabel("kogl1", en)).toBe("KOGL Type 1: attribution");
  });

  it("shows nothing when no licence is recorded and the raw value when unknown", () => {
    expect(licenceLabel("", ko)).toBeNull();
    expect(licenceLabel(undefined, ko)).toBeNull();
    expect(licenceLabel("cc-by", ko)).toBe("cc-by");
  });
});

describe("labels", () => {
  it("translates enum facet values and keeps the server's other labels", () => {
    expect(periodLabel("H1", ko)).toBe("상반기");
    expect(yearPeriod(2026, "annual", ko)).toBe("2026년 연간");
    expect(yearPeriod(2026, "H2", en)).toBe("Second half 2026");
    expect(evidenceLabel(5, ko)).toBe("5단계 · 확산 재현");
    expect(filterValueLabel("hasMetrics", "true", "성과지표 있음", ko)).toBe("성과지표 있음");
    expect(filterValueLabel("teamKind", "mz_discovery_group", "MZ혁신발굴단", en)).toBe("MZ innovation group");
    expect(filterValueLabel("agencyId", "uuid", "부천시", ko)).toBe("부천시");
    expect(filterValueLabel("year", "2024", "2024", ko)).toBe("2024년");
  });

  it("formats a calendar day without shifting it by the browser's zone", () => {
    expect(formatDay("2026-03-02", "ko")).toBe("2026. 3. 2.");
    expect(formatDay("2026-03-02", "en")).toBe("Mar 2, 2026");
    expect(formatDay("soon", "ko")).toBe("soon");
  });
});

describe("bar scaling", () => {
  it("scales both bars to the larger value", () => {
    expect(barWidths(74.7, 85.8)).toEqual({ before: 87.06, after: 100 });
    expect(barWidths(120, 2)).toEqual({ before: 100, after: 1.67 });
    expect(barWidths(5, 5)).toEqual({ before: 100, after: 100 });
  });

  it("draws magnitudes and nothing for zeros or non-numbers", () => {
    expect(barWidths(0, 0)).toEqual({ before: 0, after: 0 });
    expect(barWidths(-50, 25)).toEqual({ before: 100, after: 50 });
    expect(barWidths(Number.NaN, 10)).toEqual({ before: 0, after: 100 });
  });

  it("scales counts to the largest", () => {
    expect(countWidth(3, 4)).toBe(75);
    expect(countWidth(0, 4)).toBe(0);
    expect(countWidth(1, 0)).toBe(0);
  });
});
