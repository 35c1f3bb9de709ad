import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { AppRoutes } from "./App";
import { ServicesProvider } from "./app/context";
import { createServices } from "./app/services";
import { SessionManager } from "./auth/session";
import { I18nProvider } from "./i18n/I18nProvider";
import { LanguageStore } from "./i18n/store";
import { fakeFetch, json, problem, session } from "./test/fakeServer";


function renderApp(path: string, handler: Parameters<typeof fakeFetch>[0]) {
  const net = fakeFetch(handler);
  const services = createServices({
    fetch: net.fetch,
    baseUrl: "http://app.test",
    language: new LanguageStore(null),
    session: new SessionManager(null),
  });
  render(
    <ServicesProvider services={services}>
      <I18nProvider store={services.language}>
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
        </MemoryRouter>
      </I18nProvider>
    </ServicesProvider>,
  );
  return { services, requests: net.requests };
}

const signedOut = (_req: Request, seen: { path: string }) => {
  if (seen.path === "/api/v1/settings") return json(200, { openSignup: false });
  if (seen.path === "/api/v1/auth/refresh") return problem(401, "refresh_token_invalid", "다시 로그인하세요.");
  return problem(404, "route_not_found", "없음");
};

describe("app shell", () => {
  it("shows the Korean landing page to visitors with only the public pages in the menu", async () => {
    const { services } = renderApp("/", signedOut);
    await act(() => services.session.restore());
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("좋은 행정은 나눌수록 커집니다");
    const nav = screen.getByRole("navigation", { name: "주 메뉴" });
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(["사례 아카이브", "국민투표"]);
    expect(screen.getByRole("link", { name: "본문 바로가기" }).getAttribute("href")).toBe("#main");
    expect(screen.queryByRole("link", { name: "회원가입" })).toBeNull();
  });

  it("logs in, greets the user by name and shows the organizer menu", async () => {
    const { services } = renderApp("/login", (req, seen) =>
      seen.path === "/api/v1/auth/login" ? json(200, session("a1")) : signedOut(req, seen),
    );
    await act(() => services.session.restore());
    fireEvent.change(screen.getByLabelText(/이메일/), { target: { value: "organizer@demo.test" } });
    fireEvent.change(screen.getByLabelText(/비밀번호/), { target: { value: "demo-pass-2025" } });
    fireEvent.click(screen.getByRole("button", { name: "로그인" }));
    expect(await screen.findByRole("heading", { level: 1, name: "김혜진님, 환영합니다" })).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "주 메뉴" });
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(["사례 아카이브", "국민투표", "경진대회", "경진대회 운영", "초대"]);
    expect(screen.getByRole("button", { name: "로그아웃" })).toBeTruthy();
  });

  it("shows the server's problem detail and per-field messages next to the fields", async () => {
    const { services } = renderApp("/login", (req, seen) =>
      seen.path === "/api/v1/auth/login"
        ? problem(400, "validation_failed", "입력값을 확인하세요.", [
            { field: "email", code: "format", message: "이메일 형식이 올바르지 않습니다." },
          ])
        : signedOut(req, seen),
    );
    await act(() => services.session.restore());
    fireEvent.change(screen.getByLabelText(/이메일/), { target: { value: "a@b.co" } });
    fireEvent.change(screen.getByLabelText(/비밀번호/), { target: { value: "x" } });
    fireEvent.click(screen.getByRole("button", { name: "로그인" }));
    expect((await screen.findByRole("alert")).textContent).toContain("입력값을 확인하세요.");
    const email = screen.getByLabelText(/이메일/);
    expect(email.getAttribute("aria-invalid")).toBe("true");
    const described = email.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(described)?.textContent).toBe("이메일 형식이 올바르지 않습니다.");
    await waitFor(() => expect(document.activeElement).toBe(email));
  });

  it("validates locally in the UI language before calling the server", async () => {
    const { services, requests } = renderApp("/login", signedOut);
    await act(() => services.session.restore());
    const before = requests.length;
    fireEvent.click(screen.getByRole("button", { name: "로그인" }));
    expect(await screen.findByText("이메일을 입력하세요.")).toBeTruthy();
    expect(screen.getByText("비밀번호를 입력하세요.")).toBeTruthy();
    expect(requests.length).toBe(before);
  });

  it("explains an expired invitation in Korean", async () => {
    renderApp("/invite/abcdefghijklmnopqrstuvwxyz", (req, seen) =>
      seen.path.startsWith("/api/v1/invitations/")
        ? problem(410, "invitation_expired", "초대가 만료되었습니다.")
        : signedOut(req, seen),
    );
    expect(await screen.findByText(/초대 링크의 유효 기간이 지났습니다/)).toBeTruthy();
  });

  it("explains an unknown invitation in Korean", async () => {
    renderApp("/invite/abcdefghijklmnopqrstuvwxyz", (req, seen) =>
      seen.path.startsWith("/api/v1/invitations/") ? problem(404, "not_found", "없음") : signedOut(req, seen),
    );
    expect(await screen.findByText(/초대 링크를 찾을 수 없습니다/)).toBeTruthy();
  });

  it("hides sign-up unless the server allows open sign-up", async () => {
    renderApp("/signup", signedOut);
    expect(await screen.findByRole("heading", { level: 1, name: "페이지를 찾을 수 없습니다" })).toBeTruthy();
  });

  it("sends visitors of protected pages to the login page", async () => {
    const { services } = renderApp("/admin/invitations", signedOut);
    await act(() => services.session.restore());
    expect(await screen.findByRole("heading", { level: 1, name: "로그인" })).toBeTruthy();
  });

  it("shows 준비 중 for pages that are not built yet", async () => {
    const admin = { ...session("x").user, roles: [{ role: "admin" as const }] };
    const { services } = renderApp("/admin/agencies", (req, seen) =>
      seen.path === "/api/v1/auth/refresh" ? json(200, session("a1", admin)) : signedOut(req, seen),
    );
    await act(() => services.session.restore());
    expect(await screen.findByText("준비 중")).toBeTruthy();
  });
});
