import { afterEach, describe, expect, it } from "vitest";
import { restoreTimeZone, setTimeZone } from "../test/timezone";
import {
  deadlineFrom,
  formatDeadline,
  formatSeoulDateTime,
  rfc3339ToSeoulLocal,
  seoulDate,
  seoulLocalToRfc3339,
} from "./seoul";

afterEach(restoreTimeZone);

const ZONES = ["Asia/Seoul", "UTC", "America/Los_Angeles", "Europe/Berlin", "Pacific/Chatham"];

describe("Seoul datetime-local ↔ RFC 3339", () => {
  it("reads a datetime-local value as Seoul time with +09:00", () => {
    expect(seoulLocalToRfc3339("2026-07-01T09:00")).toBe("2026-07-01T09:00:00+09:00");
    expect(seoulLocalToRfc3339("2026-12-31T23:59:30")).toBe("2026-12-31T23:59:30+09:00");
    expect(seoulLocalToRfc3339("")).toBeNull();
    expect(seoulLocalToRfc3339("2026-13-01T09:00")).toBeNull();
  });

  it("shows any instant as the Seoul wall clock", () => {
    expect(rfc3339ToSeoulLocal("2026-06-30T15:00:00Z")).toBe("2026-07-01T00:00");
    expect(rfc3339ToSeoulLocal("2026-07-01T09:00:00+09:00")).toBe("2026-07-01T09:00");
    expect(rfc3339ToSeoulLocal("2026-07-01T01:30:00-04:00")).toBe("2026-07-01T14:30");
  });

  it("gives the same result whatever the browser's time zone is", () => {
    const results = ZONES.map((zone) => {
      setTimeZone(zone);
      return [
        new Date("2026-01-15T12:00:00Z").getTimezoneOffset(),
        seoulLocalToRfc3339("2026-03-29T02:30"), // a DST gap in Berlin, not in Seoul
        rfc3339ToSeoulLocal("2026-03-29T02:30:00+09:00"),
        rfc3339ToSeoulLocal("2026-11-01T16:30:00Z"),
        seoulDate(new Date("2026-07-14T16:30:00Z")),
      ];
    });
    // The zone really changed (different offsets) …
    expect(new Set(results.map((r) => r[0])).size).toBe(ZONES.length);
    // … and the conversions did not.
    for (const r of results) {
      expect(r.slice(1)).toEqual(["2026-03-29T02:30:00+09:00", "2026-03-29T02:30", "2026-11-02T01:30", "2026-07-15"]);
    }
  });

  it("round-trips entered values", () => {
    setTimeZone("America/New_York");
    for (const local of ["2026-01-01T00:00", "2026-07-01T09:00", "2027-02-28T18:00"]) {
      expect(rfc3339ToSeoulLocal(seoulLocalToRfc3339(local) ?? "")).toBe(local);
    }
  });

  it("formats schedule times in Asia/Seoul", () => {
    setTimeZone("UTC");
    // 15:00 UTC on 30 June is midnight of 1 July in Seoul (ICU builds differ in the rest).
    const text = formatSeoulDateTime("2026-06-30T15:00:00Z", "ko");
    expect(text).toContain("2026년 7월 1일");
    expect(text).toMatch(/12:00/);
  });
});

describe("D-day to the submission deadline (Seoul calendar days)", () => {
  const deadline = "2026-07-20T18:00:00+09:00";
  const at = (iso: string) => deadlineFrom(deadline, new Date(iso));

  it("counts Seoul dates, not 24-hour periods or UTC dates", () => {
    expect(at("2026-07-15T23:30:00+09:00")).toEqual({ kind: "days", days: 5 });
    // 01:30 KST on the 15th is still the 14th in UTC: Seoul decides, so D-5.
    expect(at("2026-07-14T16:30:00Z")).toEqual({ kind: "days", days: 5 });
    expect(at("2026-07-19T23:59:00+09:00")).toEqual({ kind: "days", days: 1 });
  });

  it("says 오늘 마감 on the day until the deadline and 마감됨 after", () => {
    expect(formatDeadline(at("2026-07-20T00:00:00+09:00"), "ko")).toBe("오늘 마감");
    expect(formatDeadline(at("2026-07-20T17:59:59+09:00"), "ko")).toBe("오늘 마감");
    expect(formatDeadline(at("2026-07-20T18:00:00+09:00"), "ko")).toBe("마감됨");
    expect(formatDeadline(at("2026-08-01T00:00:00+09:00"), "ko")).toBe("마감됨");
  });

  it("formats D-n in Korean and English", () => {
    expect(formatDeadline(at("2026-07-15T12:00:00+09:00"), "ko")).toBe("마감 D-5");
    expect(formatDeadline(at("2026-07-15T12:00:00+09:00"), "en")).toBe("Closes D-5");
  });

  it("does not depend on the browser's zone", () => {
    for (const zone of ZONES) {
      setTimeZone(zone);
      expect(formatDeadline(at("2026-07-14T16:30:00Z"), "ko")).toBe("마감 D-5");
    }
  });
});
