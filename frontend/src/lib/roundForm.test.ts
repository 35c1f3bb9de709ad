import { afterEach, describe, expect, it } from "vitest";
import { restoreTimeZone, setTimeZone } from "../test/timezone";
import type { Round } from "../api/types";
import { DEFAULT_CATEGORIES, newRoundForm, roundFormToInput, roundToForm } from "./roundForm";

afterEach(restoreTimeZone);

describe("round form", () => {
  it("starts a new round with the Korean defaults and a Seoul schedule", () => {
    setTimeZone("America/Los_Angeles");
    // 23:30 on 30 June in Los Angeles is already 1 July in Seoul.
    const form = newRoundForm(new Date("2026-06-30T23:30:00-07:00"), "agency-1");
    expect(form.categories.map((c) => c.name)).toEqual([...DEFAULT_CATEGORIES]);
    expect(form.awardTiers.map((t) => [t.name, t.count, t.prizeKrw])).toEqual([
      ["대상", "1", "3000000"],
      ["최우수", "2", "2000000"],
      ["우수", "3", "1000000"],
      ["장려", "5", "500000"],
    ]);
    expect(form.period).toBe("H2");
    expect(form.schedule.submissionOpensAt).toBe("2026-07-02T09:00");
    expect(form.participatingAgencyIds).toEqual(["agency-1"]);
  });

  it("sends the schedule as RFC 3339 with +09:00 whatever the browser's zone", () => {
    for (const zone of ["UTC", "Asia/Seoul", "Europe/London"]) {
      setTimeZone(zone);
      const form = newRoundForm(new Date("2026-01-10T00:00:00Z"), "agency-1");
      form.title = "2026 상반기 으뜸상";
      form.schedule = {
        submissionOpensAt: "2026-02-01T09:00",
        submissionClosesAt: "2026-03-01T18:00",
        judgingClosesAt: "2026-03-20T18:00",
        resultsAnnouncedAt: "2026-04-01T10:00",
      };
      const { input, errors } = roundFormToInput(form);
      expect(errors).toEqual({});
      expect(input?.schedule).toEqual({
        submissionOpensAt: "2026-02-01T09:00:00+09:00",
        submissionClosesAt: "2026-03-01T18:00:00+09:00",
        judgingClosesAt: "2026-03-20T18:00:00+09:00",
        resultsAnnouncedAt: "2026-04-01T10:00:00+09:00",
      });
      expect(input?.awardTiers[0]).toEqual({ name: "대상", count: 1, prizeKrw: 3_000_000 });
    }
  });

  it("reports local problems by the API's field paths and still builds the body, unreadable values as typed", () => {
    const form = newRoundForm(new Date("2026-01-10T00:00:00Z"));
    form.schedule.submissionClosesAt = "";
    form.awardTiers[0]!.prizeKrw = "삼백만";
    form.categories[1]!.name = "복지";
    form.eligibleTeamKinds = [];
    const { input, errors } = roundFormToInput(form);
    expect(input.schedule.submissionClosesAt).toBe("");
    expect(input.awardTiers[0]!.prizeKrw).toBe("삼백만");
    expect(input.categories.slice(0, 2)).toEqual(["복지", "복지"]);
    expect(errors).toMatchObject({
      title: "roundForm.error.required",
      hostAgencyId: "roundForm.error.required",
      participatingAgencyIds: "roundForm.error.agencies",
      eligibleTeamKinds: "roundForm.error.kinds",
      "categories[1]": "roundForm.error.categoryDuplicate",
      "schedule.submissionClosesAt": "roundForm.error.datetime",
      "awardTiers[0].prizeKrw": "roundForm.error.krw",
    });
  });

  it("shows a stored round's times in Seoul", () => {
    setTimeZone("UTC");
    const round = {
      id: "r1", title: "2026 하반기 으뜸상", awardName: "으뜸상", year: 2026, period: "H2",
      hostAgency: { id: "a1", name: "부천시" }, participatingAgencies: [{ id: "a1", name: "부천시" }],
      includeSubAgencies: true, categories: [{ id: "c1", name: "복지" }], eligibleTeamKinds: ["mz_discovery_group"],
      schedule: {
        submissionOpensAt: "2026-06-30T15:00:00Z",
        submissionClosesAt: "2026-07-31T09:00:00Z",
        judgingClosesAt: "2026-08-15T09:00:00Z",
        resultsAnnouncedAt: "2026-09-01T01:00:00Z",
      },
      awardTiers: [{ id: "t1", name: "대상", count: 1, prizeKrw: 3_000_000 }],
      status: "open", published: true, canManage: true, createdAt: "2026-06-01T00:00:00Z",
    } satisfies Round;
    const form = roundToForm(round);
    expect(form.schedule).toEqual({
      submissionOpensAt: "2026-07-01T00:00",
      submissionClosesAt: "2026-07-31T18:00",
      judgingClosesAt: "2026-08-15T18:00",
      resultsAnnouncedAt: "2026-09-01T10:00",
    });
    expect(roundFormToInput(form).input?.schedule.submissionClosesAt).toBe("2026-07-31T18:00:00+09:00");
  });
});
