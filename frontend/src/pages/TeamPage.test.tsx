import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { TeamDetail } from "../api/types";
import { json } from "../test/fakeServer";
import { member } from "../test/fixtures";
import { renderApp } from "../test/renderApp";

const TEAM_ID = "7f1c1a60-0000-4000-8000-0000000000f1";
const INVITATION_ID = "7f1c1a60-0000-4000-8000-0000000002a1";

function team(myRole: TeamDetail["myRole"]): TeamDetail {
  return {
    id: TEAM_ID,
    name: "부천 MZ혁신발굴단",
    kind: "mz_discovery_group",
    agency: member.agency,
    memberCount: 1,
    myRole,
    createdAt: "2026-06-01T00:00:00Z",
    members: [{ userId: member.id, displayName: member.displayName, role: "leader", joinedAt: "2026-06-01T00:00:00Z" }],
    invitations: [
      {
        id: INVITATION_ID,
        team: { id: TEAM_ID, name: "부천 MZ혁신발굴단", kind: "mz_discovery_group" },
        email: "judge@demo.test",
        invitedBy: member.displayName,
        createdAt: "2026-06-02T00:00:00Z",
      },
    ],
    cases: [],
  };
}

function teamServer(myRole: TeamDetail["myRole"]) {
  let detail = team(myRole);
  return (_request: Request, seen: { method: string; path: string }) => {
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: [], unread: 0 });
    if (seen.path === `/api/v1/teams/${TEAM_ID}` && seen.method === "GET") return json(200, detail);
    if (seen.path === `/api/v1/teams/${TEAM_ID}/invitations/${INVITATION_ID}` && seen.method === "DELETE") {
      detail = { ...detail, invitations: [] };
      return new Response(null, { status: 204 });
    }
    return null;
  };
}

describe("team page pending invitations", () => {
  it("lets the leader cancel an invitation after confirming", async () => {
    const { requests } = await renderApp(`/teams/${TEAM_ID}`, teamServer("leader"), member);
    const pending = (await screen.findByRole("heading", { level: 2, name: "수락 대기 중인 초대" })).closest("section")!;
    expect(within(pending).getByText("judge@demo.test")).toBeTruthy();

    fireEvent.click(within(pending).getByRole("button", { name: "judge@demo.test 초대 취소" }));
    const dialog = screen.getByRole("dialog", { name: "초대를 취소할까요?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "닫기" }));
    expect(requests.some((r) => r.method === "DELETE")).toBe(false);

    fireEvent.click(within(pending).getByRole("button", { name: "judge@demo.test 초대 취소" }));
    fireEvent.click(within(screen.getByRole("dialog", { name: "초대를 취소할까요?" })).getByRole("button", { name: "초대 취소" }));
    expect(await screen.findByText("judge@demo.test님에게 보낸 초대를 취소했습니다.")).toBeTruthy();
    await waitFor(() => expect(within(pending).getByText("수락을 기다리는 초대가 없습니다.")).toBeTruthy());
    expect(requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual([
      `/api/v1/teams/${TEAM_ID}/invitations/${INVITATION_ID}`,
    ]);
  });

  it("shows members the pending invitations without a cancel button", async () => {
    await renderApp(`/teams/${TEAM_ID}`, teamServer("member"), member);
    const pending = (await screen.findByRole("heading", { level: 2, name: "수락 대기 중인 초대" })).closest("section")!;
    expect(within(pending).getByText("judge@demo.test")).toBeTruthy();
    expect(within(pending).queryByRole("button")).toBeNull();
  });
});
