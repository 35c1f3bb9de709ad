import AxeBuilder from "@axe-core/playwright";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, launchBrowser, MAIL_OUTBOX, stamp } from "./env";

// The demo data's open vote: the final of 2026 하반기 행정대상, up to two choices, counts shown.
const ROUND = "2026 하반기 행정대상";
const FIRST = "숙의기반 갈등관리 시스템";
const SECOND = "세입 고지서 전자 발송";
const PHONE = { width: 390, height: 844 };

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: "ko-KR",
    viewport: PHONE,
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  contexts.push(context);
  return context.newPage();
}

/** Decodes RFC 2047 encoded words ("=?utf-8?q?=EC=9D=B8…?=") in a header value. */
function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([qQbB])\?([^?]*)\?=/g, (_whole, _charset: string, encoding: string, text: string) => {
    if (encoding.toLowerCase() === "b") return Buffer.from(text, "base64").toString("utf8");
    const bytes: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === "_") bytes.push(0x20);
      else if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
        bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(ch.charCodeAt(0));
    }
    return Buffer.from(bytes).toString("utf8");
  });
}

/** Header lines of a message, continuation lines folded in. */
function headers(eml: string): Map<string, string> {
  const head = eml.split(/\r?\n\r?\n/)[0] ?? "";
  const out = new Map<string, string>();
  let last = "";
  for (const line of head.split(/\r?\n/)) {
    if (/^\s/.test(line) && last) out.set(last, `${out.get(last) ?? ""} ${line.trim()}`);
    else {
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      out.set(last, line.slice(colon + 1).trim());
    }
  }
  return out;
}

/** The six-digit code of the newest message to `to` in the server's outbox, waiting for it. */
async function codeFor(to: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  let seen = "nothing";
  while (Date.now() < deadline) {
    // File names start with the time they were written, so the newest sorts last.
    const names = (await readdir(MAIL_OUTBOX).catch(() => [] as string[])).filter((n) => n.endsWith(".eml")).sort().reverse();
    seen = `${names.length} messages`;
    for (const name of names) {
      const h = headers(await readFile(join(MAIL_OUTBOX, name), "utf8"));
      if ((h.get("to") ?? "").toLowerCase() !== to.toLowerCase()) continue;
      const code = /(?<!\d)\d{6}(?!\d)/.exec(decodeHeader(h.get("subject") ?? ""))?.[0];
      if (code) return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`e2e: no vote code for ${to} in ${MAIL_OUTBOX} (${seen}); is the server writing mail there (EUTTEUM_MAIL_OUTBOX)?`);
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Buttons fade between states; contrast is measured once they have settled.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Neither the page nor anything on it is wider than the phone. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

async function votesOf(page: Page, title: string): Promise<number | null> {
  const text = await page.getByRole("article", { name: title }).locator(".finalist-votes").textContent({ timeout: 2_000 }).catch(() => null);
  const n = /(\d+)/.exec(text ?? "")?.[1];
  return n === undefined ? null : Number(n);
}

describe("public vote on a phone", () => {
  it("lets a visitor find the open vote, choose two finalists and vote with an e-mailed code", async () => {
    const page = await phone();
    await page.goto("/");
    await page.getByRole("link", { name: "국민투표 참여하기" }).tap();
    await page.getByRole("heading", { level: 1, name: "국민투표" }).waitFor();
    const open = page.getByRole("region", { name: "투표 중" });
    await open.getByRole("link", { name: ROUND }).tap();
    await page.getByRole("heading", { level: 1, name: ROUND }).waitFor();
    await page.getByRole("article", { name: FIRST }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);

    const before = await votesOf(page, FIRST);
    const pickFirst = page.getByRole("article", { name: FIRST }).locator("label", { hasText: "선택" });
    const box = await pickFirst.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await pickFirst.tap();
    await page.getByRole("article", { name: SECOND }).locator("label", { hasText: "선택" }).tap();
    expect(await page.getByRole("checkbox", { name: `${FIRST} 선택` }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: `${SECOND} 선택` }).isChecked()).toBe(true);
    await page.getByText("2개를 모두 골랐습니다.").waitFor();

    const email = `e2e-vote-${stamp()}@demo.test`;
    await page.getByRole("button", { name: "투표하러 가기" }).tap();
    await page.getByLabel(/^이메일 주소/).fill(email);
    await page.getByRole("button", { name: "인증번호 받기" }).tap();
    const codeField = page.getByLabel("인증번호 6자리");
    await codeField.waitFor();
    expect(await codeField.getAttribute("inputmode")).toBe("numeric");
    expect(await codeField.getAttribute("autocomplete")).toBe("one-time-code");
    await page.getByText(/^남은 시간 \d+:\d\d$/).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);

    await codeField.fill(await codeFor(email));
    await page.getByRole("button", { name: "투표하기" }).tap();
    await page.getByRole("heading", { level: 1, name: "투표해 주셔서 감사합니다" }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/votes\/[0-9a-f-]{36}\/thanks$/);
    const chosen = page.getByRole("list", { name: "투표한 사례" });
    expect(await chosen.locator("strong").allTextContents()).toEqual([FIRST, SECOND]);
    await page.getByText(`${ROUND} 국민투표에 참여하셨습니다.`).waitFor();
    if (before !== null) {
      // The counts are public in this vote: the first choice has one vote more.
      await chosen.getByText(`현재 ${before + 1}표`).waitFor();
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole("link", { name: "사례 아카이브 둘러보기" }).waitFor();

    // Back on the vote page, the count shown there went up too.
    await page.getByRole("link", { name: "투표 페이지로 돌아가기" }).tap();
    await page.getByRole("article", { name: FIRST }).waitFor();
    if (before !== null) expect(await votesOf(page, FIRST)).toBe(before + 1);
  });
});
