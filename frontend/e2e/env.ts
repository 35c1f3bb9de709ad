import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

/** Where the app under test runs (the Go server serving dist/ and the API). */
export const BASE_URL = (process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");

/**
 * The server's mail outbox (one .eml file per message), where the public vote's codes land:
 * E2E_MAIL_OUTBOX, else the server's default .data/outbox at the repository root.
 */
export const MAIL_OUTBOX = process.env.E2E_MAIL_OUTBOX || fileURLToPath(new URL("../../.data/outbox", import.meta.url));

export const DEMO_PASSWORD = "demo-pass-2025";
export const ORGANIZER = { email: "organizer@demo.test", name: "김혜진" };
export const ADMIN = { email: "admin@demo.test", name: "시스템 관리자" };

/** Debian's Chromium (no browser download): CHROMIUM_PATH or /usr/bin/chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh, isolated browser profile (own cookies and localStorage) in Korean. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE_URL, locale: "ko-KR", viewport: { width: 1280, height: 900 } });
}

export const MEMBER = { email: "member@demo.test", name: "최유나" };
export const MEMBER2 = { email: "member2@demo.test", name: "김도윤" };
export const MZ_TEAM = "부천 MZ혁신발굴단";
export const OPEN_ROUND = "2026 하반기 으뜸상";
export const CLOSED_CASE = "위반건축물 동별 맞춤 점검";

/** A unique suffix so reruns on the same database never collide. */
export function stamp(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
