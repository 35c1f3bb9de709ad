import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppRoutes } from "../../App";
import { ServicesProvider } from "../../app/context";
import { createServices } from "../../app/services";
import { SessionManager } from "../../auth/session";
import { I18nProvider } from "../../i18n/I18nProvider";
import { LanguageStore } from "../../i18n/store";
import { fakeFetch, json, problem, session } from "../../test/fakeServer";
import { CASE_ID, member, ROUND_ID, sampleCase } from "../../test/fixtures";

async function renderCase(status: "awarded" | "not_awarded" | "submitted", objections: unknown[] = [], objectionsCloseAt?: string) {
  const net = fakeFetch((_req, seen) => {
    if (seen.path === "/api/v1/auth/refresh") return json(200, session("t1", member));
    if (seen.path === "/api/v1/settings") return json(200, { openSignup: false });
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (seen.path === `/api/v1/cases/${CASE_ID}`) {
      return new Response(JSON.stringify(sampleCase({ status, editable: false, submittedVersion: 1 })), {
        status: 200,
        headers: { "Content-Type": "application/json", ETag: '"3"' },
      });
    }
    if (seen.path === `/api/v1/public/rounds/${ROUND_ID}/results`) {
      return json(200, {
        roundId: ROUND_ID,
        title: "2026 하반기 으뜸상",
        method: "trimmed_mean",
        tieBreaks: [],
        criteria: [],
        publishedAt: "2026-09-01T01:00:00Z",
        objectionsCloseAt,
        cases: [{ caseId: CASE_ID, title: "재활용 분리배출 동별 코칭", rank: 1, score: 88.25, tier: "대상", scores: [] }],
      });
    }
    if (seen.path === `/api/v1/rounds/${ROUND_ID}/objections`) return json(200, { items: objections });
    if (seen.path === `/api/v1/cases/${CASE_ID}/objections`) return problem(409, "objection_window_closed", "이의신청 기간이 아닙니다");
    return problem(404, "not_found", "없음");
  });
  const services = createServices({ fetch: net.fetch, baseUrl: "http://app.test", language: new LanguageStore(null), session: new SessionManager(null) });
  render(
    <ServicesProvider services={services}>
      <I18nProvider store={services.language}>
        <MemoryRouter initialEntries={[`/cases/${CASE_ID}`]}>
          <AppRoutes />
        </MemoryRouter>
      </I18nProvider>
    </ServicesProvider>,
  );
  await act(() => services.session.restore());
  await screen.findByRole("heading", { level: 1, name: "재활용 분리배출 동별 코칭" });
  return net;
}

describe("case result for the team", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows the award and rank, the team's objections with answers, and refuses a late objection in Korean", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-09-05T00:00:00Z"));
    await renderCase("awarded", [
      {
        id: "7f1c1a60-0000-4000-8000-00000000ob01",
        caseId: CASE_ID,
        caseTitle: "재활용 분리배출 동별 코칭",
        text: "점수표의 협업 항목을 다시 확인해 주세요.",
        filedBy: "최유나",
        filedAt: "2026-09-02T01:00:00Z",
        answer: "확인 결과 변경 사항이 없습니다.",
        upheld: false,
        answeredBy: "김혜진",
        answeredAt: "2026-09-03T01:00:00Z",
      },
    ], "2026-09-08T01:00:00Z");
    const section = await screen.findByRole("region", { name: "심사 결과" });
    expect(await within(section).findByText("대상 수상")).toBeTruthy();
    expect(within(section).getByText("이의신청 기간: 2026년 9월 8일 10:00까지")).toBeTruthy();
    expect(within(section).getByText("1위 · 88.25점", { exact: false })).toBeTruthy();
    expect(await within(section).findByText("확인 결과 변경 사항이 없습니다.")).toBeTruthy();
    expect(within(section).getByText("기각", { selector: ".status-badge" })).toBeTruthy();

    // The form opens on request (the case stays a read-only document until then).
    expect(within(section).queryByRole("textbox")).toBeNull();
    fireEvent.click(within(section).getByRole("button", { name: "이의신청하기" }));
    fireEvent.change(within(section).getByLabelText("이의신청 내용"), { target: { value: "짧아요" } });
    fireEvent.click(within(section).getByRole("button", { name: "이의신청" }));
    expect(await within(section).findByText("이의신청 내용을 10자 이상 입력하세요.")).toBeTruthy();
    fireEvent.change(within(section).getByLabelText("이의신청 내용"), { target: { value: "협업 항목 점수를 다시 검토해 주시기 바랍니다." } });
    fireEvent.click(within(section).getByRole("button", { name: "이의신청" }));
    // The server still has the last word, e.g. when the window ends while the page is open.
    expect(await within(section).findByText("이의신청 기간이 아닙니다. 이의신청은 결과 발표 후 정해진 기간 안에만 할 수 있습니다.")).toBeTruthy();
  });

  it("says the objection period has ended and offers no form after it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-09-09T00:00:00Z"));
    const net = await renderCase("not_awarded", [], "2026-09-08T01:00:00Z");
    const section = await screen.findByRole("region", { name: "심사 결과" });
    expect(await within(section).findByText("이의신청 기간이 끝났습니다")).toBeTruthy();
    expect(await within(section).findByText("이 사례로 낸 이의신청이 없습니다.")).toBeTruthy();
    expect(within(section).queryByRole("button", { name: "이의신청하기" })).toBeNull();
    expect(net.requests.some((r) => r.path.endsWith("/objections") && r.method === "POST")).toBe(false);
  });

  it("adds nothing before results are published", async () => {
    const net = await renderCase("submitted");
    expect(screen.queryByRole("region", { name: "심사 결과" })).toBeNull();
    expect(net.requests.some((r) => r.path.includes("/public/rounds/"))).toBe(false);
  });
});
