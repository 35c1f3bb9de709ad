import { chromium, type Browser, type BrowserContext } from "playwright-core";

/** Where the app under test runs (the Go server serving dist/ and the API). */
export const BASE_URL = (process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");

export const DEMO_PASSWORD = "demo-pass-2025";
export const ORGANIZER = { email: "organizer@demo.test", name: "김혜진" };

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
