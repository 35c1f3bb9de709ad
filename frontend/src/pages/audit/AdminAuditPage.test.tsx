import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, organizer, problem } from "../../test/fakeServer";
import { currentLocation, renderApp, type Handler } from "../../test/renderApp";
import { AUDIT_PAGE_SIZE } from "./AdminAuditPage";
import { admin, auditEvent, JUDGE_ID, loginPage, MEMBER_ID } from "./testData";

const AUDIT = "/api/v1/admin/audit";

/** Renders /admin/audit as the admin; `audit` answers the log requests (each one's query is kept). */
async function renderAudit(audit: (params: URLSearchParams) => Response, path = "/admin/audit") {
  const seen: URLSearchParams[] = [];
  const handler: Handler = (request, s) => {
    if (s.path === AUDIT) {
      const params = new URL(request.url).searchParams;
      seen.push(params);
      return audit(params);
    }
    if (s.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (s.path === "/api/v1/users") {
      return json(200, { items: [admin, { ...organizer, id: MEMBER_ID, displayName: "최유나" }] });
    }
    if (s.path === "/api/v1/agencies") {
      return json(200, { items: [{ id: organizer.agency.id, name: "부천시", level: "basic", region: "경기" }] });
    }
    return null;
  };
  const net = await renderApp(path, handler, admin);
  await screen.findByRole("heading", { level: 1, name: "보안 감사 기록" });
  return { ...net, seen };
}

const rows = () => within(screen.getByRole("table")).getAllByRole("row").slice(1);

describe("admin audit log", () => {
  it("lists security events with Korean labels, names, addresses and details", async () => {
    const { seen } = await renderAudit(() =>
      json(200, {
        items: [
          auditEvent({
            id: 7,
            action: "roles_changed",
            subjectId: MEMBER_ID,
            details: { roles: ["judge", `organizer:${organizer.agency.id}`] },
          }),
          auditEvent({ id: 6, actor: "", action: "login_failed", subjectId: MEMBER_ID, details: { email: "member@demo.test", ip: "198.51.100.4" } }),
          auditEvent({
            id: 5,
            actor: "김혜진",
            action: "invitation_created",
            subjectType: "invitation",
            subjectId: "7f1c1a60-0000-4000-8000-00000000abcd",
            details: { email: "new@demo.test", role: "judge", agency: organizer.agency.id },
          }),
          auditEvent({ id: 4, actor: "김혜진", action: "results_published", subjectType: "round", subjectId: "7f1c1a60-0000-4000-8000-0000000000b1", details: { cases: 3, method: "trimmed_mean" } }),
          auditEvent({ id: 3, actor: "박성민", action: "conflict_declared", subjectType: "case", subjectId: "7f1c1a60-0000-4000-8000-0000000000c1", details: { judge: JUDGE_ID, reason: "자문 참여" } }),
          auditEvent({ id: 2, action: "backup_restored", subjectType: "system", subjectId: undefined, details: {} }),
          auditEvent({ id: 1 }),
        ],
      }),
    );
    const table = await screen.findByRole("table", { name: "감사 기록: 시각, 작업, 행위자, 대상, IP 주소, 세부 내용" });
    expect(seen[0]?.get("limit")).toBe(String(AUDIT_PAGE_SIZE));
    expect(seen[0]?.has("action")).toBe(false);
    expect(seen[0]?.has("cursor")).toBe(false);
    expect(within(table).getAllByRole("columnheader").map((th) => th.textContent)).toEqual([
      "시각", "작업", "행위자", "대상", "IP 주소", "세부 내용",
    ]);
    expect(within(table).getAllByRole("rowheader").map((th) => th.textContent)).toEqual([
      "역할 변경",
      "주의 로그인 실패",
      "초대 링크 발급",
      "결과 발표",
      "이해충돌 회피 신청",
      "backup_restored",
      "로그인",
    ]);
    const [roles, failed, invitation, published, conflict, unknown, login] = rows();
    // Names come from the user and agency lists once they arrive.
    await waitFor(() => expect(within(roles!).getByText("최유나")).toBeTruthy());
    expect(within(roles!).getByText("심사위원, 주관기관 담당자 (부천시)")).toBeTruthy();
    expect(within(failed!).getByText("확인되지 않은 사용자")).toBeTruthy();
    expect(within(failed!).getByText("198.51.100.4")).toBeTruthy();
    expect(within(failed!).getByText("member@demo.test")).toBeTruthy();
    expect(within(invitation!).getByText("초대")).toBeTruthy();
    expect(within(invitation!).getByText("부천시")).toBeTruthy();
    expect(within(published!).getByText("최고·최저점 제외 평균")).toBeTruthy();
    expect(within(published!).getByText("3건")).toBeTruthy();
    expect(within(published!).getByRole("link").getAttribute("href")).toBe("/organizer/rounds/7f1c1a60-0000-4000-8000-0000000000b1");
    expect(within(conflict!).getByRole("link").getAttribute("href")).toBe("/cases/7f1c1a60-0000-4000-8000-0000000000c1");
    expect(within(conflict!).getByRole("link", { name: "7f1c1a60" })).toBeTruthy();
    expect(within(conflict!).getByText("a3c9e2f1")).toBeTruthy();
    expect(within(conflict!).getByText("자문 참여")).toBeTruthy();
    expect(within(unknown!).getByText("system")).toBeTruthy();
    expect(within(login!).getByText(/2026년 7월 1일/).closest("time")?.getAttribute("datetime")).toBe("2026-06-30T15:00:00Z");
    expect(within(login!).getByText("203.0.113.7")).toBeTruthy();
    // A short page: nothing older to load.
    expect(screen.queryByRole("button", { name: "더 보기" })).toBeNull();
    // The header links the page for admins.
    const nav = screen.getByRole("navigation", { name: "주 메뉴" });
    expect(within(nav).getByRole("link", { name: "감사 기록" }).getAttribute("href")).toBe("/admin/audit");
  });

  it("filters by action through the address and the API's action parameter", async () => {
    const { seen } = await renderAudit((params) =>
      json(200, {
        items: params.get("action") === "login_failed"
          ? [auditEvent({ id: 9, actor: "", action: "login_failed", details: { email: "x@demo.test", ip: "192.0.2.1" } })]
          : [auditEvent()],
      }),
    );
    await screen.findByRole("table");
    fireEvent.change(screen.getByLabelText("작업 종류"), { target: { value: "login_failed" } });
    fireEvent.click(screen.getByRole("button", { name: "조회" }));
    await waitFor(() => expect(currentLocation()).toBe("/admin/audit?action=login_failed"));
    await screen.findByText("x@demo.test");
    expect(seen.at(-1)?.get("action")).toBe("login_failed");
    expect(seen.at(-1)?.get("limit")).toBe(String(AUDIT_PAGE_SIZE));
    expect(screen.getByText("‘로그인 실패’ 1건 표시")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "전체 보기" }));
    await waitFor(() => expect(currentLocation()).toBe("/admin/audit"));
    await waitFor(() => expect(seen.at(-1)?.has("action")).toBe(false));
  });

  it("says when a filter finds nothing", async () => {
    await renderAudit(() => json(200, { items: [] }), "/admin/audit?action=password_changed");
    expect(await screen.findByText("‘비밀번호 변경’ 기록이 없습니다.")).toBeTruthy();
    expect((screen.getByLabelText("작업 종류") as HTMLSelectElement).value).toBe("password_changed");
  });

  it("appends older events with 더 보기, passing the page's nextCursor, and moves focus to them", async () => {
    const { seen } = await renderAudit((params) => {
      if (!params.get("cursor")) return json(200, { items: loginPage(500, AUDIT_PAGE_SIZE), nextCursor: "page-2" });
      return json(200, { items: [auditEvent({ id: 3, action: "password_changed", details: {} })] });
    }, "/admin/audit?action=login");
    await screen.findByRole("table");
    expect(rows()).toHaveLength(AUDIT_PAGE_SIZE);
    fireEvent.click(screen.getByRole("button", { name: "더 보기" }));
    await screen.findByRole("rowheader", { name: "비밀번호 변경" });
    const last = seen.at(-1)!;
    expect(last.get("cursor")).toBe("page-2");
    expect(last.get("action")).toBe("login");
    expect(last.get("limit")).toBe(String(AUDIT_PAGE_SIZE));
    expect(rows()).toHaveLength(AUDIT_PAGE_SIZE + 1);
    await waitFor(() => expect(document.activeElement?.textContent).toBe("비밀번호 변경"));
    const live = screen.getAllByRole("status").filter((el) => el.getAttribute("aria-live") === "polite");
    expect(live.map((el) => el.textContent)).toContain("1건을 더 불러왔습니다. 지금 51건을 표시합니다.");
    expect(screen.queryByRole("button", { name: "더 보기" })).toBeNull();
  });

  it("shows the server's message when the log is refused (403)", async () => {
    await renderAudit(() => problem(403, "forbidden", "이 작업을 할 권한이 없습니다."));
    expect(await screen.findByText("이 작업을 할 권한이 없습니다.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "다시 시도" })).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("keeps the page from organizers", async () => {
    const { requests } = await renderApp("/admin/audit", () => null, organizer);
    expect(await screen.findByRole("heading", { level: 1, name: "접근 권한이 없습니다" })).toBeTruthy();
    expect(requests.some((r) => r.path === AUDIT)).toBe(false);
  });
});
