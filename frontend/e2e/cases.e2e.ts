import AxeBuilder from "@axe-core/playwright";
import { request as apiRequest, type APIRequestContext, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  BASE_URL,
  CLOSED_CASE,
  DEMO_PASSWORD,
  launchBrowser,
  MEMBER,
  MEMBER2,
  MZ_TEAM,
  newContext,
  OPEN_ROUND,
  ORGANIZER,
  stamp,
} from "./env";

let browser: Browser;
const contexts: BrowserContext[] = [];
const apis: APIRequestContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  for (const a of apis.splice(0)) await a.dispose();
});

/** A fresh browser profile; `timezoneId` lets a test run the browser outside Korea. */
async function open(options: { timezoneId?: string } = {}): Promise<Page> {
  const context = options.timezoneId
    ? await browser.newContext({ baseURL: BASE_URL, locale: "ko-KR", viewport: { width: 1280, height: 900 }, ...options })
    : await newContext(browser);
  contexts.push(context);
  return context.newPage();
}

async function logIn(page: Page, email: string, name: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: `${name}님, 환영합니다` }).waitFor();
}

/** An API client logged in as `email` (bearer token), for setting up and checking data. */
async function api(email: string): Promise<{ ctx: APIRequestContext; token: string }> {
  const anon = await apiRequest.newContext({ baseURL: BASE_URL });
  apis.push(anon);
  const response = await anon.post("/api/v1/auth/login", { data: { email, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  const token = ((await response.json()) as { accessToken: string }).accessToken;
  const ctx = await apiRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  apis.push(ctx);
  return { ctx, token };
}

async function json<T>(response: { status(): number; json(): Promise<unknown> }, status = 200): Promise<T> {
  expect(response.status()).toBe(status);
  return (await response.json()) as T;
}

type Named = { id: string; title?: string; name?: string };

const h1 = (p: Page) => p.getByRole("heading", { level: 1 });

/** A minimal valid PDF, made here so the test needs no fixture file. */
function tinyPdf(): Buffer {
  const body = [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
  ].join("\n");
  return Buffer.from(body + "\n", "latin1");
}

describe("teams, rounds and cases", () => {
  it("lets an MZ혁신발굴단 member write, upload and submit a case", async () => {
    const page = await open();
    const title = `E2E 민원 대기시간 단축 ${stamp()}`;
    await logIn(page, MEMBER.email, MEMBER.name);

    await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "경진대회", exact: true }).click();
    await h1(page).filter({ hasText: "경진대회" }).waitFor();
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: OPEN_ROUND, exact: true }) });
    await card.getByText("접수중").waitFor();
    expect(await card.locator(".dday").textContent()).toMatch(/^(마감 D-\d+|오늘 마감)$/);
    await card.getByRole("link", { name: OPEN_ROUND, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: OPEN_ROUND }).waitFor();
    expect(await page.getByRole("cell", { name: /^[\d,]+원$/ }).first().textContent()).toMatch(/^\d{1,3}(,\d{3})*원$/);

    // 사례 작성하기: pick the team, name the case.
    await page.getByLabel(/^팀/).selectOption({ label: `${MZ_TEAM} (MZ혁신발굴단)` });
    await page.getByLabel(/^사례 제목/).fill(title);
    await page.getByRole("button", { name: "사례 작성하기" }).click();
    await page.getByRole("heading", { level: 1, name: "사례 편집" }).waitFor();
    expect(await page.getByLabel(/^제목/).inputValue()).toBe(title);

    await page.getByLabel(/^한 줄 요약/).fill("민원 콜백 예약제로 전화 대기 없이 상담받습니다.");
    await page.getByLabel(/^추진배경/).fill("민원 전화가 몰리는 시간에 통화 연결이 어려웠습니다.");
    await page.getByLabel(/^추진내용/).fill("콜백 예약과 사전 서류 안내 문자를 도입했습니다.");
    await page.getByLabel(/^성과$/).fill("통화 성공률이 오르고 처리 시간이 크게 줄었습니다.");
    await page.getByLabel(/^분야/).selectOption({ label: "복지" });

    // Two metrics with the improvement computed while typing.
    await page.getByRole("button", { name: "성과지표 추가" }).click();
    const m1 = page.getByRole("group", { name: "성과지표 1" });
    await m1.getByLabel(/^지표명/).fill("통화 성공률");
    await m1.getByLabel(/^단위/).fill("%");
    await m1.getByLabel(/^도입 전/).fill("74.7");
    await m1.getByLabel(/^도입 후/).fill("85.8");
    await m1.getByText("+11.1%p").waitFor();

    await page.getByRole("button", { name: "성과지표 추가" }).click();
    const m2 = page.getByRole("group", { name: "성과지표 2" });
    await m2.getByLabel(/^지표명/).fill("서류 처리 시간");
    await m2.getByLabel(/^단위/).fill("분");
    await m2.getByLabel(/^도입 전/).fill("120");
    await m2.getByLabel(/^도입 후/).fill("2");
    await m2.getByLabel(/^개선 방향/).selectOption("decrease");
    await m2.getByText("60배 개선", { exact: false }).waitFor();
    expect(await m2.locator(".improvement").textContent()).toContain("-98.3%");

    // Upload a small PDF and watch it finish.
    await page.getByLabel("올릴 파일").setInputFiles({ name: "증빙자료.pdf", mimeType: "application/pdf", buffer: tinyPdf() });
    const upload = page.locator(".upload-item").filter({ hasText: "증빙자료.pdf" });
    await upload.getByText("올리기 완료").waitFor();
    expect(await upload.locator("progress").evaluate((el) => (el as HTMLProgressElement).value)).toBe(100);
    const fileRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "증빙자료.pdf" }) });
    await fileRow.waitFor();
    expect(await fileRow.getByRole("cell", { name: "PDF", exact: true }).isVisible()).toBe(true);
    // Downloads need the bearer token: the app fetches the file and saves the blob.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      fileRow.getByRole("button", { name: "증빙자료.pdf 내려받기" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("증빙자료.pdf");

    await page.getByText(/모두 저장됨 \(오[전후] \d{1,2}:\d{2}\)/).waitFor({ timeout: 15_000 });

    // The server computed the same improvement after saving.
    const caseId = new URL(page.url()).pathname.split("/")[2] ?? "";
    const member = await api(MEMBER.email);
    const saved = await json<{ metrics: { improvement: Record<string, number | boolean> }[]; attachments: unknown[] }>(
      await member.ctx.get(`/api/v1/cases/${caseId}`),
    );
    expect(saved.metrics.map((m) => m.improvement)).toEqual([
      { improved: true, delta: 11.1, percentagePoints: 11.1, percentChange: 14.859438, factor: 1.148594 },
      { improved: true, delta: -118, percentChange: -98.333333, factor: 60 },
    ]);
    expect(saved.attachments).toHaveLength(1);

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);

    // Submit through the confirmation dialog.
    await page.getByRole("button", { name: "제출하기" }).click();
    const dialog = page.getByRole("dialog", { name: "사례를 제출할까요?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(title);
    expect(await dialog.textContent()).toContain("첨부파일 1개");
    await dialog.getByRole("button", { name: "제출", exact: true }).click();
    await page.getByText("제출했습니다. 상태: 제출 (버전 1)").waitFor();
    const meta = page.locator(".case-meta");
    expect(await meta.locator(".status-badge").textContent()).toBe("제출");
    expect(await meta.textContent()).toContain("버전 1");
  });

  it("stops a stale edit with the Korean conflict banner and loads the latest version", async () => {
    const member = await api(MEMBER.email);
    const rounds = await json<{ items: Named[] }>(await member.ctx.get("/api/v1/rounds"));
    const round = rounds.items.find((r) => r.title === OPEN_ROUND);
    const teams = await json<{ items: Named[] }>(await member.ctx.get("/api/v1/teams"));
    const team = teams.items.find((t) => t.name === MZ_TEAM);
    expect(round && team).toBeTruthy();
    const created = await json<Named>(
      await member.ctx.post(`/api/v1/rounds/${round!.id}/cases`, { data: { teamId: team!.id, title: `E2E 동시 편집 ${stamp()}` } }),
      201,
    );

    const first = await open();
    const second = await open();
    await logIn(first, MEMBER.email, MEMBER.name);
    await logIn(second, MEMBER2.email, MEMBER2.name);
    await first.goto(`/cases/${created.id}/edit`);
    await second.goto(`/cases/${created.id}/edit`);
    await first.getByLabel(/^제목/).waitFor();
    await second.getByLabel(/^제목/).waitFor();

    const theirs = `최유나가 고친 제목 ${stamp()}`;
    await first.getByLabel(/^제목/).fill(theirs);
    await first.getByText(/모두 저장됨/).waitFor({ timeout: 15_000 });

    await second.getByLabel(/^한 줄 요약/).fill("김도윤이 쓰던 요약");
    const banner = second.getByRole("alert").filter({ hasText: "다른 팀원이 먼저 저장했습니다" });
    await banner.waitFor({ timeout: 15_000 });
    expect(await second.getByText(/자동 저장 멈춤/).isVisible()).toBe(true);
    expect(await banner.textContent()).toContain(theirs);

    await banner.getByRole("button", { name: "최신 내용 불러오기" }).click();
    await expect.poll(() => second.getByLabel(/^제목/).inputValue()).toBe(theirs);
    expect(await second.getByText("다른 팀원이 먼저 저장했습니다").count()).toBe(0);

    // The other member's save was never overwritten.
    const now = await json<{ title: string; summary: string }>(await member.ctx.get(`/api/v1/cases/${created.id}`));
    expect(now).toMatchObject({ title: theirs, summary: "" });

    // Leave no draft behind (never submitted, so it may be deleted).
    expect((await member.ctx.delete(`/api/v1/cases/${created.id}`)).status()).toBe(204);
  });

  it("shows a case of a closed round read-only and the API refuses changes with 409", async () => {
    const page = await open();
    await logIn(page, MEMBER.email, MEMBER.name);
    await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "내 사례" }).click();
    await page.getByRole("heading", { level: 1, name: "내 사례" }).waitFor();
    await page.getByRole("link", { name: CLOSED_CASE, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: CLOSED_CASE }).waitFor();
    await page.getByText("접수가 마감되어 수정할 수 없습니다.").waitFor();
    expect(await page.getByRole("textbox").count()).toBe(0);
    expect(await page.getByRole("button", { name: "제출하기" }).count()).toBe(0);

    const member = await api(MEMBER.email);
    const cases = await json<{ items: Named[] }>(await member.ctx.get("/api/v1/me/cases"));
    const closed = cases.items.find((c) => c.title === CLOSED_CASE);
    const current = await member.ctx.get(`/api/v1/cases/${closed!.id}`);
    const etag = current.headers()["etag"] ?? "";
    expect(etag).toMatch(/^"\d+"$/);
    const refused = await member.ctx.put(`/api/v1/cases/${closed!.id}`, {
      headers: { "If-Match": etag },
      data: { title: "마감 후 수정 시도" },
    });
    expect(refused.status()).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "submission_closed", status: 409 });
  });

  it("lets an organizer create a round in Seoul time, publish it and copy it to the next period", async () => {
    // The browser runs in New York: the form still takes and shows Korean times.
    const page = await open({ timezoneId: "America/New_York" });
    const title = `E2E ${stamp()} 2027 상반기 으뜸상`;
    await logIn(page, ORGANIZER.email, ORGANIZER.name);
    await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "경진대회 운영" }).click();
    await page.getByRole("heading", { level: 1, name: "경진대회 운영" }).waitFor();
    await page.getByRole("link", { name: "새 경진대회 만들기" }).click();
    await page.getByRole("heading", { level: 1, name: "새 경진대회" }).waitFor();

    await page.getByLabel(/^경진대회 제목/).fill(title);
    await page.getByLabel(/^포상명/).fill("으뜸상");
    await page.getByLabel(/^연도/).fill("2027");
    await page.getByLabel(/^기간/).selectOption("H1");
    const host = page.getByLabel(/^주관기관/);
    await expect.poll(() => host.locator("option").count()).toBeGreaterThan(1);
    await host.selectOption({ label: "부천시 (기초)" });
    expect(await page.getByRole("checkbox", { name: /^부천시/ }).isChecked()).toBe(true);
    // Invite an agency without demo teams, so the demo members' contest list stays as seeded.
    // (KRDS draws the box on the label; the input itself is visually hidden, so click the label.)
    const agencies = page.getByRole("group", { name: /^참여 기관/ });
    await agencies.locator("label").filter({ hasText: /^부천시/ }).click();
    await agencies.locator("label").filter({ hasText: /^서울특별시 중구/ }).click();
    expect(await page.getByRole("checkbox", { name: /^부천시/ }).isChecked()).toBe(false);
    expect(await page.getByRole("checkbox", { name: /^서울특별시 중구/ }).isChecked()).toBe(true);
    expect(await page.getByRole("textbox", { name: "분야 1", exact: true }).inputValue()).toBe("복지");
    expect(await page.getByRole("textbox", { name: "분야 10" }).inputValue()).toBe("디지털·데이터");

    const times = {
      "접수 시작": "2027-01-04T09:00",
      "접수 마감": "2027-02-26T18:00",
      "심사 마감": "2027-03-12T18:00",
      "결과 발표": "2027-03-26T10:00",
    };
    for (const [label, value] of Object.entries(times)) await page.getByLabel(new RegExp(`^${label} \\(KST\\)`)).fill(value);
    expect(await page.getByLabel(/^1건당 포상금/).first().inputValue()).toBe("3000000");

    await page.getByRole("button", { name: "저장", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "경진대회 수정" }).waitFor();
    await page.getByText("저장했습니다.").waitFor();
    // Read back from the server: the same Korean wall-clock times.
    for (const [label, value] of Object.entries(times)) {
      expect(await page.getByLabel(new RegExp(`^${label} \\(KST\\)`)).inputValue()).toBe(value);
    }
    const roundId = new URL(page.url()).pathname.split("/")[3] ?? "";
    const organizer = await api(ORGANIZER.email);
    const stored = await json<{ schedule: Record<string, string> }>(await organizer.ctx.get(`/api/v1/rounds/${roundId}`));
    expect(new Date(stored.schedule.submissionOpensAt ?? "").toISOString()).toBe("2027-01-04T00:00:00.000Z");
    expect(new Date(stored.schedule.submissionClosesAt ?? "").toISOString()).toBe("2027-02-26T09:00:00.000Z");

    await page.getByRole("button", { name: "공개", exact: true }).click();
    await page.getByText("공개했습니다.", { exact: false }).waitFor();

    await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "경진대회 운영" }).click();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
    await row.waitFor();
    expect(await row.locator(".status-badge").allTextContents()).toEqual(["예정", "공개"]);

    await row.getByRole("link", { name: `${title} 수정` }).click();
    await page.getByRole("heading", { level: 1, name: "경진대회 수정" }).waitFor();
    await page.getByRole("button", { name: "다음 회차로 복사" }).click();
    await page.getByText("다음 회차로 복사했습니다.", { exact: false }).waitFor();
    const copied = title.replace("상반기", "하반기");
    expect(await page.getByLabel(/^경진대회 제목/).inputValue()).toBe(copied);
    expect(await page.getByLabel(/^기간/).inputValue()).toBe("H2");
    expect(await page.getByLabel(/^접수 시작 \(KST\)/).inputValue()).toBe("2027-07-04T09:00");
    expect(new URL(page.url()).pathname).not.toContain(roundId);
  });
});
