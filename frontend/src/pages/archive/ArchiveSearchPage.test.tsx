import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, problem } from "../../test/fakeServer";
import { currentLocation, emptyFacets, ENTRY, FIRE, renderAt, searchResult, summary } from "./testKit";

const SEARCH = "/api/v1/archive/cases";

function item(n: number) {
  return summary({ id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`, title: `사례 ${n}`, snippet: undefined });
}

describe("archive search page", () => {
  it("searches from the address without login and highlights the matches", async () => {
    const seen: URLSearchParams[] = [];
    await renderAt("/archive?q=%EC%9D%B4%EC%9D%8C%20%EC%BD%9C", (request, s) => {
      if (s.path !== SEARCH) return null;
      seen.push(new URL(request.url).searchParams);
      return json(
        200,
        searchResult([
          summary({
            titleHighlights: [{ start: 4, length: 3 }],
            snippet: { field: "problem", text: "…이음 콜 서비스로 통화가 …", highlights: [{ start: 1, length: 4 }] },
          }),
        ]),
      );
    });
    expect(await screen.findByRole("heading", { level: 2, name: "검색 결과 1건" })).toBeTruthy();
    expect(seen[0]?.get("q")).toBe("이음 콜");
    expect(seen[0]?.get("limit")).toBe("20");
    expect((screen.getByRole("searchbox", { name: "사례 검색" }) as HTMLInputElement).value).toBe("이음 콜");
    const result = screen.getByRole("article", { name: "119 이음콜 출동정보 알리미" });
    expect([...result.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["이음콜", "이음 콜"]);
    expect(within(result).getByText("추진배경")).toBeTruthy();
    expect(within(result).getByRole("link", { name: "119 이음콜 출동정보 알리미" }).getAttribute("href")).toBe(`/archive/${ENTRY}`);
    expect(within(result).getByRole("link", { name: "인천광역시 소방본부" }).getAttribute("href")).toBe(`/archive/agencies/${FIRE}`);
    expect(within(result).getByText("최우수")).toBeTruthy();
    expect(within(result).getByText("성과지표")).toBeTruthy();
    expect(within(result).getByText("2026년 연간")).toBeTruthy();
    // Visitors get no import link.
    expect(screen.queryByRole("link", { name: "지난 수상 사례 가져오기" })).toBeNull();
  });

  it("puts a new search in the address when Enter submits the box", async () => {
    await renderAt("/archive", (_r, s) => (s.path === SEARCH ? json(200, searchResult([])) : null));
    const box = await screen.findByRole("searchbox", { name: "사례 검색" });
    fireEvent.change(box, { target: { value: "  부천 " } });
    fireEvent.submit(box.closest("form")!);
    await waitFor(() => expect(currentLocation()).toBe("/archive?q=%EB%B6%80%EC%B2%9C"));
  });

  it("filters with the facet counts, shows the filter as a chip and removes it", async () => {
    const seen: URLSearchParams[] = [];
    await renderAt("/archive?q=%EB%B6%80%EC%B2%9C", (request, s) => {
      if (s.path !== SEARCH) return null;
      const params = new URL(request.url).searchParams;
      seen.push(params);
      const facets = emptyFacets();
      facets.year = params.get("year") ? [{ value: "2024", label: "2024", count: 1 }] : [
        { value: "2024", label: "2024", count: 1 },
        { value: "2026", label: "2026", count: 2 },
      ];
      facets.hasMetrics = [{ value: "true", label: "성과지표 있음", count: 3 }];
      return json(200, searchResult([item(1)], { total: params.get("year") ? 1 : 3, facets }));
    });
    const years = await screen.findByRole("group", { name: "연도" });
    expect(within(years).getAllByRole("checkbox").map((c) => c.parentElement?.textContent)).toEqual(["2026년 22건", "2024년 11건"]);
    fireEvent.click(within(years).getByLabelText(/2024년/));
    await waitFor(() => expect(currentLocation()).toBe("/archive?q=%EB%B6%80%EC%B2%9C&year=2024"));
    await screen.findByRole("heading", { level: 2, name: "검색 결과 1건" });
    expect(seen.at(-1)?.get("year")).toBe("2024");
    expect((within(screen.getByRole("group", { name: "연도" })).getByLabelText(/2024년/) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "연도: 2024년 필터 해제" }));
    await waitFor(() => expect(currentLocation()).toBe("/archive?q=%EB%B6%80%EC%B2%9C"));
    await screen.findByRole("heading", { level: 2, name: "검색 결과 3건" });
    expect(seen.at(-1)?.has("year")).toBe(false);
  });

  it("appends the next page with 더 보기, announces the new count and moves focus to it", async () => {
    const seen: URLSearchParams[] = [];
    await renderAt("/archive", (request, s) => {
      if (s.path !== SEARCH) return null;
      const params = new URL(request.url).searchParams;
      seen.push(params);
      if (!params.get("cursor")) return json(200, searchResult([item(1), item(2)], { total: 3, nextCursor: "c1" }));
      return json(200, searchResult([item(3)], { total: 3 }));
    });
    await screen.findByRole("heading", { level: 2, name: "검색 결과 3건" });
    expect(screen.getByText("전체 3건 중 2건 표시")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "더 보기" }));
    expect(await screen.findByRole("link", { name: "사례 3" })).toBeTruthy();
    expect(seen.at(-1)?.get("cursor")).toBe("c1");
    expect(screen.getAllByRole("article").map((a) => a.getAttribute("aria-labelledby"))).toHaveLength(3);
    const live = screen.getAllByRole("status").find((el) => el.getAttribute("aria-live") === "polite")!;
    expect(live.textContent).toBe("1건을 더 불러왔습니다. 전체 3건 중 3건을 표시합니다.");
    await waitFor(() => expect(document.activeElement?.textContent).toBe("사례 3"));
    expect(screen.queryByRole("button", { name: "더 보기" })).toBeNull();
  });

  it("explains an expired cursor in Korean and offers to search again", async () => {
    let pages = 0;
    await renderAt("/archive", (request, s) => {
      if (s.path !== SEARCH) return null;
      if (new URL(request.url).searchParams.get("cursor")) {
        return problem(400, "invalid_cursor", "다음 페이지 정보(cursor)가 잘못되었습니다.");
      }
      pages++;
      return json(200, searchResult([item(1)], { total: 2, nextCursor: "stale" }));
    });
    fireEvent.click(await screen.findByRole("button", { name: "더 보기" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("처음부터 다시 검색해 주세요");
    fireEvent.click(within(alert).getByRole("button", { name: "처음부터 다시 검색" }));
    await waitFor(() => expect(pages).toBe(2));
  });

  it("says the counts of a very large result are estimates", async () => {
    await renderAt("/archive?q=%EB%AF%BC%EC%9B%90", (_r, s) =>
      s.path === SEARCH ? json(200, searchResult([item(1), item(2)], { total: 98000, approximate: true })) : null,
    );
    expect(await screen.findByRole("heading", { level: 2, name: "검색 결과 약 98000건" })).toBeTruthy();
    expect(screen.getByText("전체 약 98000건 중 2건 표시")).toBeTruthy();
    expect(screen.getByText(/표본으로 추정한 값입니다/)).toBeTruthy();
  });

  it("shows suggestions when nothing matches", async () => {
    await renderAt("/archive?q=%EC%97%86%EB%8A%94%EB%A7%90&hasMetrics=false", (_r, s) => (s.path === SEARCH ? json(200, searchResult([])) : null));
    expect(await screen.findByText("‘없는말’에 맞는 사례가 없습니다.")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "검색 결과 0건" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "민원" }).getAttribute("href")).toBe("/archive?q=%EB%AF%BC%EC%9B%90");
    fireEvent.click(screen.getAllByRole("button", { name: "필터 모두 해제" })[0]!);
    await waitFor(() => expect(currentLocation()).toBe("/archive?q=%EC%97%86%EB%8A%94%EB%A7%90"));
  });

  it("shows other errors in Korean with a retry", async () => {
    await renderAt("/archive", (_r, s) => (s.path === SEARCH ? problem(503, "database_unavailable", "잠시 후 다시 시도해 주세요.") : null));
    expect(await screen.findByText("잠시 후 다시 시도해 주세요.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "다시 시도" })).toBeTruthy();
  });
});
