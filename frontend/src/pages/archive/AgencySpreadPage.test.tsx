import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json } from "../../test/fakeServer";
import { BUCHEON, ENTRY, FIRE, renderAt, summary } from "./testKit";

describe("agency spread page", () => {
  it("shows the counts, adopting agencies as bars, the most adopted cases and what the agency adopted", async () => {
    await renderAt(`/archive/agencies/${FIRE}`, (_r, seen) =>
      seen.path === `/api/v1/archive/agencies/${FIRE}/spread`
        ? json(200, {
            agency: { id: FIRE, name: "인천광역시 소방본부" },
            cases: 1,
            adoptionsReceived: 3,
            adoptingAgencies: [
              { value: BUCHEON, label: "부천시", count: 2 },
              { value: "7f1c1a60-0000-4000-8000-0000000000a9", label: "시흥시", count: 1 },
            ],
            adoptionsMade: [
              { entryId: "3f466c28-6d45-4ae5-8342-12cfaa6034a6", title: "위반건축물 동별 맞춤 점검", agency: { id: BUCHEON, name: "부천시" }, adoptedOn: "2026-04-01" },
            ],
            topCases: [summary({ adoptionCount: 3 })],
          })
        : null,
    );
    expect(await screen.findByRole("heading", { level: 1, name: "인천광역시 소방본부 확산 현황" })).toBeTruthy();
    const stats = screen.getAllByRole("term").map((dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`);
    expect(stats.slice(0, 3)).toEqual(["아카이브 사례 수=1건", "다른 기관 도입 수=3건", "이 기관이 도입한 사례=1건"]);
    const adopters = screen.getByRole("region", { name: "이 기관의 사례를 도입한 기관" });
    expect([...adopters.querySelectorAll<HTMLElement>(".bar-fill")].map((b) => b.style.width)).toEqual(["100%", "50%"]);
    expect(within(adopters).getByRole("link", { name: "부천시" }).getAttribute("href")).toBe(`/archive/agencies/${BUCHEON}`);
    expect(screen.getByRole("link", { name: "119 이음콜 출동정보 알리미" }).getAttribute("href")).toBe(`/archive/${ENTRY}`);
    expect(screen.getByRole("link", { name: "위반건축물 동별 맞춤 점검" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "이 기관의 사례 모두 보기" }).getAttribute("href")).toBe(`/archive?agencyId=${FIRE}`);
  });
});
