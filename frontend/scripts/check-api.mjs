// Drift check for the generated API types: regenerates src/api/schema.d.ts from
// ../openapi.yaml into a temporary file and fails when it differs from the committed one.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const contract = resolve(root, "../openapi.yaml");
const committed = resolve(root, "src/api/schema.d.ts");
const cli = resolve(root, "node_modules/openapi-typescript/bin/cli.js");

if (!existsSync(cli)) {
  console.error("check:api: openapi-typescript is not installed; run `npm ci` in frontend/ first.");
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "eutteum-api-"));
const fresh = join(dir, "schema.d.ts");
try {
  const run = spawnSync(process.execPath, [cli, contract, "--output", fresh], {
    cwd: root,
    encoding: "utf8",
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    console.error("check:api: openapi-typescript failed on ../openapi.yaml (see above).");
    process.exit(2);
  }
  const want = readFileSync(fresh, "utf8");
  const have = existsSync(committed) ? readFileSync(committed, "utf8") : "";
  if (want !== have) {
    const a = have.split("\n");
    const b = want.split("\n");
    let line = 0;
    while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
    console.error(
      [
        "check:api: frontend/src/api/schema.d.ts is out of date with openapi.yaml.",
        `  first difference at line ${line + 1}:`,
        `    committed:   ${JSON.stringify(a[line] ?? "<end of file>")}`,
        `    regenerated: ${JSON.stringify(b[line] ?? "<end of file>")}`,
        "  Fix: cd frontend && npm run gen:api, then commit src/api/schema.d.ts",
        "  (and adapt the web app if the contract changed).",
      ].join("\n"),
    );
    process.exit(1);
  }
  console.log("check:api: src/api/schema.d.ts matches openapi.yaml");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
