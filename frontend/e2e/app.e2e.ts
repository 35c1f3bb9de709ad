import AxeBuilder from "@axe-core/playwright";
import { request as apiRequest, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ADMIN, BASE_URL, DEMO_PASSWORD, launchBrowser, newContext, ORGANIZER } from "./env";

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await newContext(browser);
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

async function logIn(p: Page, email: string, password: string): Promise<void> {
  await p.goto("/login");
  await p.getByLabel("이메일").fill(email);
  await p.getByLabel("비밀번호").fill(password);
  await p.getByRole("button", { name: "로그인", exact: true }).click();
}

const h1 = (p: Page) => p.getByRole("heading", { level: 1 });

describe("web app", () => {
  it("serves the Korean landing page at /", async () => {
    await page.goto("/");
    await expect.poll(() => h1(page).textContent()).toBe("좋은 행정은 나눌수록 커집니다");
    expect(await page.getAttribute("html", "lang")).toBe("ko");
    expect(await page.getByRole("link", { name: "사례 아카이브 둘러보기" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "로그인" }).first().isVisible()).toBe(true);
  });

  it("logs the demo organizer in and out through the UI", async () => {
    await logIn(page, ORGANIZER.email, DEMO_PASSWORD);
    await page.getByRole("heading", { level: 1, name: `${ORGANIZER.name}님, 환영합니다` }).waitFor();
    const nav = page.getByRole("navigation", { name: "주 메뉴" });
    expect(await nav.getByRole("link").allTextContents()).toEqual(["사례 아카이브", "국민투표", "경진대회", "경진대회 운영", "초대"]);

    // A reload keeps the session: the access token is gone, the HttpOnly refresh cookie restores it.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: `${ORGANIZER.name}님, 환영합니다` }).waitFor();
    const cookies = await context.cookies();
    const refresh = cookies.find((c) => c.name === "eutteum_refresh");
    expect(refresh?.httpOnly).toBe(true);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toMatch(/eyJ/); // no JWT stored

    await page.getByRole("button", { name: "로그아웃" }).click();
    await page.getByRole("heading", { level: 1, name: "좋은 행정은 나눌수록 커집니다" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "좋은 행정은 나눌수록 커집니다" }).waitFor();
    expect(await page.getByRole("link", { name: "로그인" }).first().isVisible()).toBe(true);
  });

  // Wrong passwords go to other demo accounts so the server's per-account lockout
  // (several failures in a window) can never block the organizer used above.
  it("shows the server's Korean error for a wrong password", async () => {
    await logIn(page, "member@demo.test", "wrong-password-123");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    const text = (await alert.textContent()) ?? "";
    expect(text).toMatch(/[가-힣]/);
    expect(text).not.toMatch(/invalid credentials/i);
    expect(await h1(page).textContent()).toBe("로그인");
  });

  it("switches the UI to English and remembers the choice", async () => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { level: 1, name: "Log in" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Log in" }).waitFor();

    // The API answers in English too (Accept-Language follows the switch).
    await page.getByLabel("Email").fill("judge@demo.test");
    await page.getByLabel("Password").fill("wrong-password-123");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).not.toMatch(/[가-힣]/);

    await page.getByRole("button", { name: "한국어로 보기" }).click();
    await page.getByRole("heading", { level: 1, name: "로그인" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("ko");
  });

  it("lets an organizer invite someone who then signs up from the link", async () => {
    await logIn(page, ORGANIZER.email, DEMO_PASSWORD);
    await page.getByRole("heading", { level: 1, name: `${ORGANIZER.name}님, 환영합니다` }).waitFor();
    await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "초대" }).click();
    await page.getByRole("heading", { level: 1, name: "초대 관리" }).waitFor();

    const email = `e2e-${Date.now()}@demo.test`;
    await page.getByLabel("이메일").fill(email);
    const agency = page.getByLabel("소속 기관");
    await expect.poll(() => agency.locator("option").count()).toBeGreaterThan(1);
    await agency.selectOption({ index: 1 });
    await page.getByRole("button", { name: "초대 링크 만들기" }).click();
    const link = await page.getByRole("textbox", { name: "초대 링크" }).inputValue();
    expect(link).toMatch(/\/invite\/\S{20,}$/);
    await page.getByRole("cell", { name: email, exact: true }).waitFor();

    const invitee = await newContext(browser);
    try {
      const p = await invitee.newPage();
      await p.goto(link);
      await p.getByRole("heading", { level: 1, name: "초대 수락" }).waitFor();
      await p.getByText(email).waitFor(); // the invitation details load after the heading
      await p.getByLabel("이름").fill("이초대");
      await p.getByLabel("비밀번호", { exact: false }).first().fill("invitee-pass-2025");
      await p.getByLabel("비밀번호 확인").fill("invitee-pass-2025");
      await p.getByRole("button", { name: "초대 수락하고 시작하기" }).click();
      await p.getByRole("heading", { level: 1, name: "이초대님, 환영합니다" }).waitFor();

      // The link is single-use.
      await p.goto(link);
      await p.getByText("이미 사용된 초대 링크입니다", { exact: false }).waitFor();
    } finally {
      await invitee.close();
    }
  });

  it("pages the invitations 20 at a time with 더 보기", async () => {
    // 21 invitations at least: 20 from 인천광역시's organizer (its whole burst), one from the admin.
    const anon = await apiRequest.newContext({ baseURL: BASE_URL });
    const signIn = async (email: string) => {
      const res = await anon.post("/api/v1/auth/login", { data: { email, password: DEMO_PASSWORD } });
      expect(res.status()).toBe(200);
      const { accessToken } = (await res.json()) as { accessToken: string };
      return apiRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${accessToken}` } });
    };
    const incheon = await signIn("organizer.incheon@demo.test");
    const admin = await signIn(ADMIN.email);
    try {
      const me = (await (await incheon.get("/api/v1/me")).json()) as { agency: { id: string } };
      const tag = Date.now();
      for (let i = 0; i < 20; i++) {
        const res = await incheon.post("/api/v1/invitations", { data: { email: `page-${tag}-${i}@demo.test`, role: "member", agencyId: me.agency.id } });
        expect(res.status()).toBe(201);
      }
      expect((await admin.post("/api/v1/invitations", { data: { email: `page-${tag}-a@demo.test`, role: "judge", agencyId: me.agency.id } })).status()).toBe(201);

      await logIn(page, ADMIN.email, DEMO_PASSWORD);
      await page.getByRole("heading", { level: 1, name: `${ADMIN.name}님, 환영합니다` }).waitFor();
      await page.goto("/admin/invitations");
      await page.getByRole("heading", { level: 1, name: "초대 관리" }).waitFor();
      const rows = page.locator("section[aria-labelledby=invitations-list] tbody tr");
      await expect.poll(() => rows.count()).toBe(20);
      // Newest first: the admin's invitation heads the list.
      await page.getByRole("cell", { name: `page-${tag}-a@demo.test`, exact: true }).waitFor();
      await page.getByRole("button", { name: "더 보기" }).click();
      await expect.poll(() => rows.count()).toBeGreaterThan(20);
      // The oldest of the 20 is on the second page, and nothing is listed twice.
      await page.getByRole("cell", { name: `page-${tag}-0@demo.test`, exact: true }).waitFor();
      const emails = await rows.locator("td:first-child").allTextContents();
      expect(new Set(emails).size).toBe(emails.length);
    } finally {
      await Promise.all([incheon.dispose(), admin.dispose(), anon.dispose()]);
    }
  });

  it("shows the admin's security log and an organizer's round log with the demo seed's events", async () => {
    await logIn(page, ADMIN.email, DEMO_PASSWORD);
    await page.getByRole("heading", { level: 1, name: `${ADMIN.name}님, 환영합니다` }).waitFor();
    await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "감사 기록" }).click();
    await page.getByRole("heading", { level: 1, name: "보안 감사 기록" }).waitFor();
    const log = page.getByRole("table", { name: /^감사 기록:/ });
    const ownLogin = log.getByRole("row").filter({ hasText: ADMIN.name }).filter({ has: page.getByRole("rowheader", { name: "로그인", exact: true }) });
    await ownLogin.first().waitFor();
    // The seed publishes 2026 상반기 으뜸상 as 부천시's organizer.
    await page.getByLabel("작업 종류").selectOption("results_published");
    await page.getByRole("button", { name: "조회", exact: true }).click();
    await page.waitForURL(/\/admin\/audit\?action=results_published$/);
    await log.getByRole("row").filter({ hasText: ORGANIZER.name }).filter({ has: page.getByRole("rowheader", { name: "결과 발표" }) }).first().waitFor();

    const organizer = await newContext(browser);
    try {
      const p = await organizer.newPage();
      await logIn(p, ORGANIZER.email, DEMO_PASSWORD);
      await p.getByRole("heading", { level: 1, name: `${ORGANIZER.name}님, 환영합니다` }).waitFor();
      await p.goto("/organizer/rounds");
      await p.getByRole("link", { name: "2026 상반기 으뜸상", exact: true }).click();
      await h1(p).filter({ hasText: "2026 상반기 으뜸상" }).waitFor();
      await p.getByRole("link", { name: "감사 기록", exact: true }).click();
      await p.getByRole("heading", { level: 1, name: "감사 기록" }).waitFor();
      const rounds = p.getByRole("table", { name: /^감사 기록:/ });
      await rounds.getByRole("rowheader", { name: "결과 발표" }).waitFor();
      // Judges appointed by the seed are named, not shown as ids.
      await rounds.getByRole("row").filter({ has: p.getByRole("rowheader", { name: "심사위원 위촉" }) }).filter({ hasText: "박성민" }).first().waitFor();

      // At phone width the table scrolls inside its own region; the page itself does not.
      await p.setViewportSize({ width: 390, height: 844 });
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const results = await new AxeBuilder({ page: p }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    } finally {
      await organizer.close();
    }
  });

  it("renders the API reference at /docs", async () => {
    await page.goto("/docs");
    await page.locator("h1", { hasText: "Eutteum API" }).first().waitFor({ timeout: 30_000 });
    expect(await page.title()).toContain("Eutteum API");
  });

  it("has no serious or critical accessibility violations on the login page", async () => {
    await page.goto("/login");
    await page.getByRole("heading", { level: 1, name: "로그인" }).waitFor();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  });
});
