import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, organizer, problem } from "../../test/fakeServer";
import { CASE_ID, ROUND_ID, sampleRound } from "../../test/fixtures";
import { currentLocation, renderApp, type Handler } from "../../test/renderApp";
import { auditEvent, JUDGE_ID, STAGE_ID } from "./testData";

const TIER_ID = "7f1c1a60-0000-4000-8000-0000000000e1";

const EVENTS = [
  auditEvent({ id: 40, actor: "김혜진", action: "results_published", subjectType: "round", subjectId: ROUND_ID, details: { cases: 1, method: "trimmed_mean" } }),
  auditEvent({ id: 39, actor: "김혜진", action: "award_overridden", subjectType: "case", subjectId: CASE_ID, details: { tier: TIER_ID, reason: "현장 실사 반영" } }),
  auditEvent({ id: 38, actor: "김혜진", action: "stage_closed", subjectType: "stage", subjectId: STAGE_ID, details: { method: "trimmed_mean", cut: { kind: "top_n", value: 5 } } }),
  auditEvent({ id: 37, actor: "박성민", action: "conflicted_access_refused", subjectType: "case", subjectId: CASE_ID, details: { stage: STAGE_ID } }),
  auditEvent({ id: 36, actor: "김혜진", action: "judge_added", subjectType: "stage", subjectId: STAGE_ID, details: { judge: JUDGE_ID } }),
];

function roundHandler(audit: () => Response): Handler {
  return (_request, s) => {
    if (s.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (s.path === `/api/v1/rounds/${ROUND_ID}`) return json(200, sampleRound({ canManage: true, status: "announced" }));
    if (s.path === `/api/v1/rounds/${ROUND_ID}/audit`) return audit();
    if (s.path === `/api/v1/rounds/${ROUND_ID}/stages`) return json(200, { items: [{ id: STAGE_ID, name: "서면심사" }] });
    if (s.path === `/api/v1/rounds/${ROUND_ID}/cases`) return json(200, { items: [{ id: CASE_ID, title: "재활용 분리배출 동별 코칭" }] });
    if (s.path === `/api/v1/stages/${STAGE_ID}/judges`) return json(200, { items: [{ userId: JUDGE_ID, displayName: "박성민" }] });
    return null;
  };
}

describe("round audit log", () => {
  it("shows the organizer the round's judging events with Korean labels and names", async () => {
    const { requests } = await renderApp(`/organizer/rounds/${ROUND_ID}/audit`, roundHandler(() => json(200, { items: EVENTS })), organizer);
    expect(await screen.findByRole("heading", { level: 1, name: "감사 기록" })).toBeTruthy();
    const sub = screen.getByRole("navigation", { name: "경진대회 운영 메뉴" });
    expect(within(sub).getByRole("link", { name: "감사 기록" }).getAttribute("aria-current")).toBe("page");
    const table = await screen.findByRole("table", { name: "감사 기록: 시각, 작업, 행위자, 대상, 세부 내용" });
    // Judging events carry no address: no IP column.
    expect(within(table).queryByRole("columnheader", { name: "IP 주소" })).toBeNull();
    expect(within(table).getAllByRole("rowheader").map((th) => th.textContent)).toEqual([
      "결과 발표",
      "시상 등급 조정",
      "심사 단계 마감",
      "주의 이해충돌 심사위원 접근 차단",
      "심사위원 위촉",
    ]);
    const [published, override, closed, refused, added] = within(table).getAllByRole("row").slice(1);
    // Stage, case, judge and award-tier ids become names once the lookups answer.
    await waitFor(() => expect(within(added!).getByText("박성민")).toBeTruthy());
    expect(within(added!).getByRole("link", { name: "서면심사" }).getAttribute("href")).toBe(`/organizer/stages/${STAGE_ID}`);
    expect(within(published!).getByRole("link", { name: "2026 하반기 으뜸상" })).toBeTruthy();
    expect(within(override!).getByRole("link", { name: "재활용 분리배출 동별 코칭" }).getAttribute("href")).toBe(`/cases/${CASE_ID}`);
    expect(within(override!).getByText("대상")).toBeTruthy();
    expect(within(override!).getByText("현장 실사 반영")).toBeTruthy();
    expect(within(closed!).getByText("상위 5개")).toBeTruthy();
    expect(within(refused!).getByText("박성민")).toBeTruthy();
    expect(within(refused!).getByText("서면심사")).toBeTruthy();
    expect(screen.getByText("5건 표시")).toBeTruthy();
    expect(requests.some((r) => r.path === "/api/v1/admin/audit")).toBe(false);
  });

  it("is reached from the round's other organizer pages", async () => {
    await renderApp(`/organizer/rounds/${ROUND_ID}/results`, (request, s) => {
      if (s.path === `/api/v1/rounds/${ROUND_ID}/results` || s.path === `/api/v1/rounds/${ROUND_ID}/objections`) {
        return problem(503, "database_unavailable", "잠시 후 다시 시도해 주세요.");
      }
      return roundHandler(() => json(200, { items: [] }))(request, s);
    }, organizer);
    const sub = await screen.findByRole("navigation", { name: "경진대회 운영 메뉴" });
    fireEvent.click(within(sub).getByRole("link", { name: "감사 기록" }));
    await waitFor(() => expect(currentLocation()).toBe(`/organizer/rounds/${ROUND_ID}/audit`));
    expect(await screen.findByText("아직 기록이 없습니다.")).toBeTruthy();
  });

  it("shows the server's message when the organizer may not see the log (403)", async () => {
    await renderApp(
      `/organizer/rounds/${ROUND_ID}/audit`,
      roundHandler(() => problem(403, "forbidden", "이 경진대회를 관리할 권한이 없습니다.")),
      organizer,
    );
    expect(await screen.findByText("이 경진대회를 관리할 권한이 없습니다.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});
