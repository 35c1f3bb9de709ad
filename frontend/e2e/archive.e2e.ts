import AxeBuilder from "@axe-core/playwright";
import { request as apiRequest, type APIRequestContext, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, DEMO_PASSWORD, launchBrowser, newContext, ORGANIZER, stamp } from "./env";

const EUMCALL = "119 이음콜 출동정보 알리미";
const BUCHEON_CASE = "위반건축물 동별 맞춤 점검";
const ADMIN = { email: "admin@demo.test" };
const FIRE_MEMBER = { email: "member.fire@demo.test" };

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

async function open(viewport?: { width: number; height: number }): Promise<Page> {
  const context = viewport
    ? await browser.newContext({ baseURL: BASE_URL, locale: "ko-KR", viewport })
    : await newContext(browser);
  contexts.push(context);
  return context.newPage();
}

/** Logs in through the form and waits until the app has left the login page. */
async function logIn(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: /님, 환영합니다$/ }).waitFor();
}

async function api(email: string): Promise<APIRequestContext> {
  const anon = await apiRequest.newContext({ baseURL: BASE_URL });
  apis.push(anon);
  const response = await anon.post("/api/v1/auth/login", { data: { email, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  const token = ((await response.json()) as { accessToken: string }).accessToken;
  const ctx = await apiRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  apis.push(ctx);
  return ctx;
}

/** Waits until the results shown answer the search in the address. */
async function settled(page: Page): Promise<void> {
  const key = new URL(page.url()).search.replace(/^\?/, "");
  await page.locator(`section.archive-results[aria-busy="false"][data-results-for="${key}"]`).waitFor();
}

/** "검색 결과 12건" → 12, once the results have loaded. */
async function resultCount(page: Page): Promise<number> {
  await settled(page);
  const heading = page.getByRole("heading", { level: 2, name: /^검색 결과 \d+건$/ });
  await heading.waitFor();
  return Number(/(\d+)/.exec((await heading.textContent()) ?? "")?.[1]);
}

async function search(page: Page, words: string): Promise<void> {
  const box = page.getByRole("searchbox", { name: "사례 검색" });
  await box.fill(words);
  await box.press("Enter");
  await page.waitForURL((url) => url.searchParams.get("q") === words);
  await settled(page);
}

/** Clicks 더 보기 until a result titled `title` shows (at most `pages` times). */
async function findResult(page: Page, title: string, pages = 15) {
  const link = page.getByRole("link", { name: title, exact: true });
  for (let i = 0; i < pages && (await link.count()) === 0; i++) {
    const more = page.getByRole("button", { name: "더 보기" });
    if ((await more.count()) === 0) break;
    const before = await page.getByRole("article").count();
    await more.click();
    await expect.poll(() => page.getByRole("article").count()).toBeGreaterThan(before);
  }
  return link;
}

const h1 = (p: Page) => p.getByRole("heading", { level: 1 });

describe("case archive", () => {
  it("lets a visitor search with highlights, narrow by a facet and read the case with its chart", async () => {
    const page = await open();
    await page.goto("/archive");
    await h1(page).filter({ hasText: "사례 아카이브" }).waitFor();
    const all = await resultCount(page);
    expect(all).toBeGreaterThanOrEqual(3);

    // A facet narrows the results and goes into the address.
    const categories = page.getByRole("group", { name: "분야" });
    // KRDS draws the box on the label (the native checkbox is visually hidden), so click the label.
    await categories.locator("label").filter({ hasText: /^안전\s/ }).click();
    await page.waitForURL((url) => url.searchParams.get("category") === "안전");
    await expect.poll(() => categories.getByLabel(/^안전/).isChecked()).toBe(true);
    await expect.poll(() => resultCount(page)).toBeLessThan(all);
    await page.getByRole("button", { name: "분야: 안전 필터 해제" }).waitFor();

    // Spacing does not matter: "이음 콜" finds 이음콜, highlighted.
    await search(page, "이음 콜");
    expect(new URL(page.url()).searchParams.get("category")).toBe("안전");
    const result = page.getByRole("article", { name: EUMCALL });
    await result.locator("h3 mark").first().waitFor();
    expect(await result.locator("h3 mark").allTextContents()).toEqual(["이음콜"]);
    expect(await result.getByRole("link", { name: "인천광역시 소방본부" }).count()).toBe(1);

    await result.getByRole("link", { name: EUMCALL }).click();
    await page.getByRole("heading", { level: 1, name: EUMCALL }).waitFor();
    const chart = page.getByRole("list", { name: "도입 전후 성과" });
    await chart.waitFor();
    const first = chart.getByRole("listitem").first();
    expect(await first.textContent()).toMatch(/도입 전\s*74\.7%/);
    expect(await first.textContent()).toMatch(/도입 후\s*85\.8%/);
    expect(await first.textContent()).toContain("+11.1%p");
    const widths = await first.locator(".bar-fill").evaluateAll((bars) => bars.map((b) => (b as HTMLElement).style.width));
    expect(widths).toEqual(["87.06%", "100%"]);
    expect(await page.getByText("공공누리 제1유형: 출처표시").count()).toBeGreaterThan(0);
    await page.getByRole("heading", { level: 2, name: "비슷한 사례" }).waitFor();

    // Back returns to the same search.
    await page.goBack();
    await page.getByRole("article", { name: EUMCALL }).waitFor();
    expect(await page.getByRole("searchbox", { name: "사례 검색" }).inputValue()).toBe("이음 콜");
  });

  it("finds 부천시's case by the agency name", async () => {
    const page = await open();
    await page.goto("/archive");
    await search(page, "부천");
    expect(await resultCount(page)).toBeGreaterThan(0);
    const link = await findResult(page, BUCHEON_CASE);
    const card = page.getByRole("article", { name: BUCHEON_CASE });
    await card.waitFor();
    expect(await card.getByRole("link", { name: "부천시" }).count()).toBe(1);
    await link.click();
    await page.getByRole("heading", { level: 1, name: BUCHEON_CASE }).waitFor();
    // The agency links to its spread page.
    await page.getByRole("link", { name: "부천시", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "부천시 확산 현황" }).waitFor();
  });

  it("lets 부천시's organizer record 도입 완료 for 인천's 이음콜 case; the list shows 부천시 and 인천 is notified", async () => {
    const page = await open();
    await logIn(page, ORGANIZER.email);
    await page.goto(`/archive?q=${encodeURIComponent("이음콜")}`);
    await page.getByRole("link", { name: EUMCALL, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: EUMCALL }).waitFor();
    await page.getByRole("heading", { level: 2, name: "벤치마킹·도입 현황" }).waitFor();

    // Runs again on the same database: withdraw an earlier record first.
    const withdraw = page.getByRole("button", { name: "기록 철회" });
    await page.getByRole("button", { name: /^(우리 기관도 도입했어요|기록 수정)$/ }).waitFor();
    if ((await withdraw.count()) > 0) {
      await withdraw.click();
      await page.getByRole("dialog", { name: "기록을 철회할까요?" }).getByRole("button", { name: "철회" }).click();
      await page.getByText("기록을 철회했습니다.").waitFor();
    }

    await page.getByRole("button", { name: "우리 기관도 도입했어요" }).click();
    const dialog = page.getByRole("dialog", { name: "우리 기관도 도입했어요" });
    await dialog.locator("label", { hasText: "도입 완료" }).click();
    await expect.poll(() => dialog.getByLabel("도입 완료").isChecked()).toBe(true);
    // The date is required for 도입 완료.
    await dialog.getByRole("button", { name: "기록하기" }).click();
    await dialog.getByText("도입 완료에는 도입일을 입력해야 합니다.").waitFor();
    await dialog.getByLabel(/^도입일/).fill("2026-03-02");
    await dialog.getByLabel(/^바꾸어 적용한 점/).fill(`부천소방서와 함께 운영 (${stamp()})`);
    await dialog.getByRole("button", { name: "성과 추가" }).click();
    const row = dialog.getByRole("group", { name: "성과 1" });
    await row.getByLabel(/^지표명/).fill("통화 성공률");
    await row.getByLabel(/^단위/).fill("%");
    await row.getByLabel(/^도입 전/).fill("70");
    await row.getByLabel(/^도입 후/).fill("81.5");
    await dialog.getByRole("button", { name: "기록하기" }).click();
    await page.getByText("도입 완료로 기록했습니다.", { exact: false }).waitFor();

    const list = page.getByRole("list", { name: "도입하거나 관심을 보인 기관" });
    const mine = list.getByRole("listitem").filter({ has: page.getByRole("link", { name: "부천시", exact: true }) });
    await mine.waitFor();
    expect(await mine.textContent()).toMatch(/도입\s*\d+번째 도입/);
    expect(await mine.textContent()).toContain("+11.5%p");

    // The originating team (인천 소방) hears about it.
    const fire = await api(FIRE_MEMBER.email);
    const notes = (await (await fire.get("/api/v1/me/notifications")).json()) as { items: { title: string; link?: string }[] };
    expect(notes.items.some((n) => n.title.includes("부천시") && (n.link ?? "").startsWith("/archive/"))).toBe(true);
  });

  it("lets an anonymous visitor mark a case helpful and see the count rise", async () => {
    const page = await open();
    await page.goto(`/archive?q=${encodeURIComponent("이음콜")}`);
    await page.getByRole("link", { name: EUMCALL, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: EUMCALL }).waitFor();
    const button = page.getByRole("button", { name: /^도움이 됐어요/ });
    await button.waitFor();
    expect(await button.getAttribute("aria-pressed")).toBe("false"); // a fresh browser has no mark
    const count = async () => Number(/(\d+)명/.exec((await button.textContent()) ?? "")?.[1]);
    const before = await count();
    await button.click();
    await expect.poll(() => button.getAttribute("aria-pressed")).toBe("true");
    expect(await count()).toBe(before + 1);
  });

  it("lets the admin import a CSV, reports the bad row, and a second import changes nothing", async () => {
    const page = await open();
    await logIn(page, ADMIN.email);
    const id = `e2e-${stamp()}`;
    const csv = [
      "external_id,title,summary,metrics,agency,year,period,award_tier,category,tags,published_date",
      `${id}-1,E2E 민원 콜백 ${id},콜백 예약으로 대기 없이,"대기 시간|분|30|5|decrease",부천시,2024,H1,우수,행정,"콜백;민원",2024-06-30`,
      `${id}-2,E2E 골목 제설 지도 ${id},제설 지도 공유,,부천시,2023,annual,장려,안전,,2023-12-01`,
      `${id}-3,E2E 잘못된 연도 ${id},연도 오류,,부천시,20x4,H1,,,,2024-01-01`,
    ].join("\n");
    const file = { name: `${id}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv + "\n", "utf8") };

    await page.goto("/archive");
    await page.getByRole("link", { name: "지난 수상 사례 가져오기" }).click();
    await page.getByRole("heading", { level: 1, name: "지난 수상 사례 가져오기" }).waitFor();
    expect(await page.getByLabel("등록되지 않은 기관을 새로 만들기").isChecked()).toBe(false); // only on request

    const counts = async () => {
      await page.getByRole("heading", { level: 2, name: "가져오기 결과" }).waitFor();
      const report = page.locator(".import-report");
      const terms = await report.locator("dt").allTextContents();
      const values = await report.locator("dd").allTextContents();
      return Object.fromEntries(terms.map((term, i) => [term, values[i]]));
    };

    await page.getByLabel(/^파일 \(CSV/).setInputFiles(file);
    await page.getByRole("button", { name: "가져오기", exact: true }).click();
    expect(await counts()).toEqual({ "전체 행": "3건", "새로 가져옴": "2건", 수정됨: "0건", "변경 없음": "0건", 거부됨: "1건" });
    const rejected = page.getByRole("table").getByRole("row").nth(1);
    expect(await rejected.locator("th, td").allTextContents()).toEqual(["4", "year", "연도는 숫자여야 합니다"]);

    // The same file again: rows are matched by external id and nothing changes.
    await page.getByLabel(/^파일 \(CSV/).setInputFiles(file);
    await page.getByRole("button", { name: "가져오기", exact: true }).click();
    await expect.poll(async () => (await counts())["변경 없음"]).toBe("2건");
    expect(await counts()).toMatchObject({ "새로 가져옴": "0건", 거부됨: "1건" });

    // The imported case is in the archive.
    await page.goto(`/archive?q=${encodeURIComponent(`E2E 민원 콜백 ${id}`)}`);
    await page.getByRole("link", { name: `E2E 민원 콜백 ${id}` }).waitFor();
  });

  it("collapses the filters on a phone", async () => {
    const page = await open({ width: 390, height: 844 });
    await page.goto("/archive");
    await resultCount(page);
    const toggle = page.getByRole("button", { name: "필터 펼치기" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("group", { name: "연도" }).isVisible()).toBe(false);
    await toggle.click();
    expect(await page.getByRole("button", { name: "필터 접기" }).getAttribute("aria-expanded")).toBe("true");
    expect(await page.getByRole("group", { name: "연도" }).isVisible()).toBe(true);
  });

  it("has no serious or critical accessibility violations on the search and case pages", async () => {
    const page = await open();
    await page.goto(`/archive?q=${encodeURIComponent("이음 콜")}`);
    await page.getByRole("article", { name: EUMCALL }).waitFor();
    const check = async () => {
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      return serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    };
    expect(await check()).toEqual([]);
    await page.getByRole("link", { name: EUMCALL, exact: true }).click();
    await page.getByRole("list", { name: "도입 전후 성과" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "비슷한 사례" }).waitFor();
    expect(await check()).toEqual([]);
  });
});
