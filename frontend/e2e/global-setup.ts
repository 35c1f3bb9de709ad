import { existsSync } from "node:fs";
import { BASE_URL } from "./env";

/** Fails fast, with a hint, when the browser or the server under test is missing. */
export default async function setup(): Promise<void> {
  const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    throw new Error(
      `e2e: Chromium not found at ${chromium}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  let reason = "";
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const response = await fetch(`${BASE_URL}/healthz`);
      if (response.ok) return;
      reason = `GET /healthz answered ${response.status}`;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `e2e: the server at ${BASE_URL} is not reachable (${reason}). Build the web app (npm run build), then start ` +
      "the server: go build -o bin/eutteum ./api/cmd/eutteum && bin/eutteum seed && EUTTEUM_ADDR=127.0.0.1:8080 bin/eutteum serve " +
      "(or set E2E_BASE_URL).",
  );
}
