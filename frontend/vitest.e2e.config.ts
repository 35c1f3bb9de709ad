import { defineConfig } from "vitest/config";

// Browser tests: drive Debian's Chromium with playwright-core against a running server
// (E2E_BASE_URL, default http://127.0.0.1:8080). No browser download is involved.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
