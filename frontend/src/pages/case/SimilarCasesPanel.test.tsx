import { render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { ServicesProvider } from "../../app/context";
import { createServices } from "../../app/services";
import { SessionManager } from "../../auth/session";
import { I18nProvider } from "../../i18n/I18nProvider";
import { LanguageStore } from "../../i18n/store";
import { fakeFetch, json } from "../../test/fakeServer";
import { SimilarCasesPanel, similarDraftBody } from "./SimilarCasesPanel";

const SIMILAR = {
  items: Array.from({ length: 6 }, (_, i) => ({
    id: `00000000-0000-4000-8000-00000000000${i}`,
    title: `비슷한 사례 ${i + 1}`,
    agency: { id: "a", name: "인천광역시 소방본부" },
    year: 2026,
    awardTier: "최우수",
    score: 0.3 - i / 100,
    reasons: ["공통 키워드: 119, 출동", "같은 분야: 안전"],
  })),
};

function setup() {
  const net = fakeFetch(async (_request, seen) => (seen.path === "/api/v1/archive/similar" ? json(200, SIMILAR) : json(404, {})));
  const services = createServices({ fetch: net.fetch, baseUrl: "http://app.test", language: new LanguageStore(null), session: new SessionManager(null) });
  const view = (props: { title: string; summary?: string; category?: string }) => (
    <ServicesProvider services={services}>
      <I18nProvider store={services.language}>
        <MemoryRouter>
          <SimilarCasesPanel title={props.title} summary={props.summary ?? ""} problem="통화 실패" solution="" category={props.category}
            delayMs={30} />
        </MemoryRouter>
      </I18nProvider>
    </ServicesProvider>
  );
  return { net, view };
}

describe("similar cases next to the case editor", () => {
  it("waits for a title of two characters, debounces, then lists five similar cases opening in a new tab", async () => {
    const { net, view } = setup();
    const { rerender } = render(view({ title: "1" }));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(net.requests).toHaveLength(0);
    expect(screen.getByText("제목을 두 글자 이상 입력하면 비슷한 사례를 찾아 드립니다.")).toBeTruthy();

    rerender(view({ title: "119 출동" }));
    rerender(view({ title: "119 출동 전화", summary: "신고자 통화", category: "안전" }));
    const links = await screen.findAllByRole("link");
    expect(net.requests).toHaveLength(1);
    expect(JSON.parse(net.requests[0]!.body)).toEqual({ title: "119 출동 전화", summary: "신고자 통화", problem: "통화 실패", category: "안전" });
    expect(links).toHaveLength(5);
    expect(links[0]!.getAttribute("target")).toBe("_blank");
    expect(links[0]!.getAttribute("rel")).toBe("noopener noreferrer");
    expect(links[0]!.getAttribute("href")).toBe("/archive/00000000-0000-4000-8000-000000000000");
    expect(links[0]!.textContent).toBe("비슷한 사례 1 (새 창)");
    expect(screen.getAllByText("같은 분야: 안전")).toHaveLength(5);

    // The same draft is not asked again.
    rerender(view({ title: "119 출동 전화 ", summary: "신고자 통화", category: "안전" }));
    await new Promise((resolve) => setTimeout(resolve, 80));
    await waitFor(() => expect(net.requests).toHaveLength(1));
  });

  it("keeps the body within the API's limits", () => {
    const body = similarDraftBody({ title: ` ${"가".repeat(120)} `, summary: "", problem: "나".repeat(20010), solution: "" });
    expect(Array.from(body.title)).toHaveLength(100);
    expect(body.summary).toBeUndefined();
    expect(Array.from(body.problem ?? "")).toHaveLength(20000);
    expect(body.category).toBeUndefined();
  });
});
