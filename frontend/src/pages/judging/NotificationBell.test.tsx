import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json } from "../../test/fakeServer";
import { renderApp } from "../../test/renderApp";
import { member } from "../../test/fixtures";
import { badgeText } from "./NotificationBell";
import { appPath } from "./NotificationsPage";

const NOTE_ID = "7f1c1a60-0000-4000-8000-00000000f001";

async function renderAt(path: string, unread: () => number, signedIn = true) {
  const items = [
    {
      id: NOTE_ID,
      kind: "results_published",
      title: "결과 발표: 2026 상반기 으뜸상",
      body: "위반건축물 동별 맞춤 점검 — 대상 수상을 축하합니다.",
      link: "/results/7f1c1a60-0000-4000-8000-0000000000b1",
      createdAt: "2026-06-28T10:00:00Z",
      read: false,
    },
    { id: "7f1c1a60-0000-4000-8000-00000000f002", kind: "objection_answered", title: "이의신청에 답변이 등록되었습니다", createdAt: "2026-06-27T10:00:00Z", read: true },
  ];
  return renderApp(path, (_req, seen) => {
    if (seen.path === "/api/v1/me/notifications") return json(200, { items: items.map((n, i) => (i === 0 ? { ...n, read: unread() === 0 } : n)), unread: unread() });
    if (seen.path === `/api/v1/me/notifications/${NOTE_ID}/read`) return new Response(null, { status: 204 });
    return null;
  }, signedIn ? member : undefined);
}

describe("notification badge", () => {
  it("counts unread notifications, with 99+ above 99 and nothing at 0", () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(-1)).toBeNull();
    expect(badgeText(1)).toBe("1");
    expect(badgeText(99)).toBe("99");
    expect(badgeText(100)).toBe("99+");
  });

  it("shows the unread count on the header bell", async () => {
    await renderAt("/", () => 3);
    const bell = await screen.findByRole("link", { name: "알림, 읽지 않은 알림 3건" });
    expect(bell.getAttribute("href")).toBe("/notifications");
    expect(bell.textContent).toBe("3");
  });

  it("shows a plain bell with no unread notifications", async () => {
    await renderAt("/", () => 0);
    const bell = await screen.findByRole("link", { name: "알림" });
    expect(bell.querySelector(".bell-count")).toBeNull();
  });

  it("marks a notification read when it is opened and re-counts the bell", async () => {
    let unread = 1;
    const net = await renderAt("/notifications", () => unread);
    await screen.findByRole("link", { name: "알림, 읽지 않은 알림 1건" });
    expect(await screen.findByText("새 알림")).toBeTruthy();
    unread = 0;
    fireEvent.click(screen.getByRole("link", { name: "결과 발표: 2026 상반기 으뜸상 열기" }));
    await waitFor(() => expect(net.requests.some((r) => r.method === "POST" && r.path.endsWith(`${NOTE_ID}/read`))).toBe(true));
    await screen.findByRole("link", { name: "알림" });
    // It followed the notification's link inside the app.
    await screen.findByRole("heading", { level: 1, name: "심사 결과" });
  });

  it("follows only paths inside the app", () => {
    expect(appPath("/judging")).toBe("/judging");
    expect(appPath("https://example.com/x")).toBeNull();
    expect(appPath("//example.com")).toBeNull();
    expect(appPath(undefined)).toBeNull();
  });
});

describe("no bell for visitors", () => {
  it("has no bell when signed out", async () => {
    await renderAt("/", () => 3, false);
    await screen.findAllByRole("link", { name: "로그인" });
    expect(screen.queryByRole("link", { name: /^알림/ })).toBeNull();
  });
});
