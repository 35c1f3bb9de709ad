// Copies the Redoc standalone bundle (npm package `redoc`) and two Pretendard GOV weights
// (npm package `pretendard-gov`, for Korean text) into dist/docs/ so the API reference at
// /docs works without a CDN. Run after `vite build` (see the build script).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const DOCS_FONT_WEIGHTS = ["Regular", "Bold"];

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const bundles = join(dirname(require.resolve("redoc/package.json")), "bundles");
const outDir = resolve(root, "dist/docs");

for (const needed of ["index.html", "init.js"]) {
  if (!existsSync(join(outDir, needed))) {
    console.error(`copy-redoc: dist/docs/${needed} is missing; run \`vite build\` first (public/docs/ is copied by it).`);
    process.exit(1);
  }
}
mkdirSync(outDir, { recursive: true });

// Drop the trailing source-map comment: the map is not shipped, so browsers would 404 on it.
const source = readFileSync(join(bundles, "redoc.standalone.js"), "utf8").replace(
  /\n\/\/# sourceMappingURL=\S+\s*$/,
  "\n",
);
writeFileSync(join(outDir, "redoc.standalone.js"), source);
copyFileSync(join(bundles, "redoc.standalone.js.LICENSE.txt"), join(outDir, "redoc.standalone.js.LICENSE.txt"));

// docs.css refers to these by fixed names.
const fonts = join(dirname(require.resolve("pretendard-gov/package.json")), "dist/web/static/woff2-subset");
mkdirSync(join(outDir, "fonts"), { recursive: true });
for (const weight of DOCS_FONT_WEIGHTS) {
  const file = `PretendardGOV-${weight}.subset.woff2`;
  copyFileSync(join(fonts, file), join(outDir, "fonts", file));
}

const { version } = JSON.parse(readFileSync(join(bundles, "..", "package.json"), "utf8"));
console.log(`copy-redoc: redoc ${version} standalone bundle → dist/docs/redoc.standalone.js`);
