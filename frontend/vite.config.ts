/// <reference types="vitest/config" />
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const root = dirname(fileURLToPath(import.meta.url));
// The Go API server during development (`bin/eutteum serve`).
const apiTarget = process.env.EUTTEUM_API_URL ?? "http://127.0.0.1:8080";

/**
 * In development, serve what the Go server serves in production next to the SPA:
 * the contract at /openapi.yaml, the Redoc bundle at /docs/redoc.standalone.js and the
 * docs fonts at /docs/fonts/ (production copies are made by scripts/copy-redoc.mjs).
 */
function devApiDocs(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: "eutteum-dev-api-docs",
    apply: "serve",
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "").split("?")[0];
        if (path === "/openapi.yaml") {
          res.setHeader("Content-Type", "application/yaml; charset=utf-8");
          res.end(readFileSync(resolve(root, "../openapi.yaml")));
          return;
        }
        if (path === "/docs/redoc.standalone.js") {
          const bundle = join(dirname(require.resolve("redoc/package.json")), "bundles/redoc.standalone.js");
          res.setHeader("Content-Type", "text/javascript; charset=utf-8");
          res.end(readFileSync(bundle));
          return;
        }
        const font = /^\/docs\/fonts\/(PretendardGOV-\w+\.subset\.woff2)$/.exec(path ?? "");
        if (font) {
          const dir = join(dirname(require.resolve("pretendard-gov/package.json")), "dist/web/static/woff2-subset");
          res.setHeader("Content-Type", "font/woff2");
          res.end(readFileSync(join(dir, font[1] ?? "")));
          return;
        }
        if (path === "/docs" || path === "/docs/") {
          req.url = "/docs/index.html";
        }
        next();
      });
    },
  };
}

// krds-uiux 1.1 component.css points some icons at ../../img/img/… (one "img" too many);
// send those to the package's real icon folder so Vite bundles them instead of leaving 404s.
const krdsImages = join(dirname(createRequire(import.meta.url).resolve("krds-uiux/package.json")), "resources/img/");

export default defineConfig({
  plugins: [react(), devApiDocs()],
  resolve: {
    alias: [{ find: /^\.\.\/\.\.\/img\/img\//, replacement: krdsImages }],
  },
  server: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/healthz": apiTarget,
      "/readyz": apiTarget,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // Emit every asset as a file (no data: URLs), so a strict CSP needs no img-src data:.
    assetsInlineLimit: 0,
    // KRDS ships one stylesheet for all its components; it is large but compresses well.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
  },
});
