import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CreatedInvitation, Invitation } from "../api/types";
import { json, organizer, problem } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

const BUCHEON = { id: "7f1c1a60-0000-4000-8000-0000000000a1", name: "부천시" };
const PENDING_ID = "7f1c1a60-0000-4000-8000-0000000001a1";
const ACCEPTED_ID = "7f1c1a60-0000-4000-8000-0000000001a2";

function invitation(overrides: Partial<Invitation>): Invitation {
  return {
    id: PENDING_ID,
    email: "new.judge@demo.test",
    role: "judge",
    agency: BUCHEON,
    status: "pending",
    invitedBy: "김혜진",
    expiresAt: "2026-07-08T00:00:00Z",
    createdAt: "2026-07-01T00:00:00Z",
    ...overrides,
  };
}

/** A fake invitation list the page's requests change, as the API would. */
function invitationsServer() {
  const items = [
    invitation({}),
    invitation({ id: ACCEPTED_ID, email: "done@demo.test", role: "member", status: "accepted" }),
  ];
  const handler = (_request: Request, seen: { method: string; path: string }) => {
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (seen.path === "/api/v1/agencies") return json(200, { items: [] });
    if (seen.path === "/api/v1/invitations" && seen.method === "GET") return json(200, { items });
    if (seen.path === `/api/v1/sent-invitations/${PENDING_ID}` && seen.method === "DELETE") {
      items[0] = { ...items[0]!, status: "revoked" };
      return new Response(null, { status: 204 });
    }
    if (seen.path === `/api/v1/sent-invitations/${PENDING_ID}/resend` && seen.method === "POST") {
      items[0] = { ...items[0]!, expiresAt: "2026-07-15T00:00:00Z" };
      const created: CreatedInvitation = { ...items[0]!, token: "new-token-0123456789abcdef", path: "/invite/new-token-0123456789abcdef" };
      return json(200, created);
    }
    if (seen.path.startsWith("/api/v1/sent-invitations/")) return problem(409, "invitation_not_pending", "대기 중인 초대가 아닙니다.");
    return null;
  };
  return { handler, items };
}

const row = (email: string) => screen.getByRole("cell", { name: email }).closest("tr")!;

describe("admin invitations page", () => {
  it("revokes a pending invitation only after confirming", async () => {
    const server = invitationsServer();
    const { requests } = await renderApp("/admin/invitations", server.handler, organizer);
    await screen.findByRole("cell", { name: "new.judge@demo.test" });
    // Used invitations offer nothing to manage.
    expect(within(row("done@demo.test")).queryByRole("button")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "new.judge@demo.test 초대 취소" }));
    const dialog = screen.getByRole("dialog", { name: "초대를 취소할까요?" });
    expect(within(dialog).getByText(/new\.judge@demo\.test님에게 보낸 초대 링크를 더는 쓸 수 없게 됩니다/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "닫기" }));
    expect(requests.some((r) => r.method === "DELETE")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "new.judge@demo.test 초대 취소" }));
    fireEvent.click(within(screen.getByRole("dialog", { name: "초대를 취소할까요?" })).getByRole("button", { name: "초대 취소" }));
    expect(await screen.findByText("new.judge@demo.test님에게 보낸 초대를 취소했습니다.")).toBeTruthy();
    expect(requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual([`/api/v1/sent-invitations/${PENDING_ID}`]);
    await waitFor(() => expect(within(row("new.judge@demo.test")).getByText("취소됨")).toBeTruthy());
    expect(within(row("new.judge@demo.test")).queryByRole("button")).toBeNull();
  });

  it("reissues a link and shows the new one to copy", async () => {
    const server = invitationsServer();
    const { requests } = await renderApp("/admin/invitations", server.handler, organizer);
    await screen.findByRole("cell", { name: "new.judge@demo.test" });
    fireEvent.click(screen.getByRole("button", { name: "new.judge@demo.test 초대 링크 다시 발급" }));
    const link = (await screen.findByLabelText("초대 링크")) as HTMLInputElement;
    expect(link.value).toBe(`${window.location.origin}/invite/new-token-0123456789abcdef`);
    expect(screen.getByText(/new\.judge@demo\.test님에게 보낼 새 초대 링크를 만들었습니다\. 이전 링크는 더 이상 쓸 수 없으며/)).toBeTruthy();
    expect(requests.filter((r) => r.path.startsWith("/api/v1/sent-invitations/")).map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /api/v1/sent-invitations/${PENDING_ID}/resend`,
    ]);
  });

  it("says why when the invitation is no longer pending", async () => {
    const server = invitationsServer();
    await renderApp("/admin/invitations", (request, seen) => {
      if (seen.path.endsWith("/resend")) return problem(409, "invitation_not_pending", "이미 수락되었거나 취소된 초대는 다시 보낼 수 없습니다.");
      return server.handler(request, seen);
    }, organizer);
    await screen.findByRole("cell", { name: "new.judge@demo.test" });
    fireEvent.click(screen.getByRole("button", { name: "new.judge@demo.test 초대 링크 다시 발급" }));
    expect((await screen.findByRole("alert")).textContent).toContain("이미 수락되었거나 취소된 초대는 다시 보낼 수 없습니다.");
    expect(screen.queryByLabelText("초대 링크")).toBeNull();
  });
});
