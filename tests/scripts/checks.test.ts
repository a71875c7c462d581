/**
 * The structure checks of `npm run lint` fail when they should: scripts/check-imports.mjs (the worker's
 * layers) and scripts/check-lines.mjs (the 300-line limit), each run on a small tree written for the
 * purpose (CHECK_ROOT), and both pass on the repository itself.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const SCRIPTS = path.resolve(import.meta.dirname, "../../scripts");
const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A tree of files (path → text), checked by `script`; its exit code and output. */
function check(script: string, tree: Record<string, string>, root?: string) {
  const dir = root ?? mkdtempSync(path.join(tmpdir(), "dv-checks-"));
  if (!root) roots.push(dir);
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const env = { ...process.env, ...(root ? {} : { CHECK_ROOT: dir }) };
  const run = spawnSync(process.execPath, [path.join(SCRIPTS, script)], { env, encoding: "utf8" });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

const lines = (n: number) => `${Array.from({ length: n }, (_, i) => `export const x${i} = ${i};`).join("\n")}\n`;
/** The one exempt file, so the check's own list is true in every tree. */
const EXEMPT = { "shared/data/vn/communes-2025.ts": lines(400) };

describe("check-imports: the worker's layers", () => {
  const base = {
    "worker/src/db/units.ts": "export const getUnit = 1;\n",
    "worker/src/aggregates/refresh.ts": 'import { getUnit } from "../db/units";\nexport const refresh = getUnit;\n',
    "worker/src/rollup/types.ts": "export interface Rollup { id: string }\n",
    "worker/src/rollup/rollup.ts": 'import type { Rollup } from "./types";\nexport const rollup = (r: Rollup) => r;\n',
    "worker/src/http/errors.ts": "export class ApiError extends Error {}\n",
    "worker/src/views/page.tsx": 'import type { Rollup } from "../rollup/types";\nexport const Page = (r: Rollup) => r.id;\n',
    "worker/src/views/list.tsx": 'import { type Rollup } from "../rollup/types";\nexport const List = (r: Rollup) => r.id;\n',
    "worker/src/links/routes.ts":
      'import { rollup } from "../rollup/rollup";\nimport { Page } from "../views/page";\nimport { ApiError } from "../http/errors";\nexport const r = [rollup, Page, ApiError];\n',
  };

  it("passes a tree that keeps them", () => {
    const run = check("check-imports.mjs", base);
    expect(run.out).toContain("worker layers kept");
    expect(run.code).toBe(0);
  });

  it.each([
    [
      "ingest imports http",
      "worker/src/ingest/accept.ts",
      'import { ApiError } from "../http/errors";\nexport const a = ApiError;\n',
      "must not import",
    ],
    [
      "ingest imports the rollup",
      "worker/src/ingest/ingest.ts",
      'import { rollup } from "../rollup/rollup";\nexport const a = rollup;\n',
      "must not import",
    ],
    [
      "the rollup imports a view",
      "worker/src/rollup/csv.ts",
      'import { Page } from "../views/page";\nexport const a = Page;\n',
      "must not import",
    ],
    [
      "a view imports db",
      "worker/src/views/bad.tsx",
      'import { getUnit } from "../db/units";\nexport const a = getUnit;\n',
      "must not import",
    ],
    [
      "a view imports a rollup value",
      "worker/src/views/bad.tsx",
      'import { rollup } from "../rollup/rollup";\nexport const a = rollup;\n',
      "only types",
    ],
    [
      "aggregates import ingest",
      "worker/src/aggregates/bad.ts",
      'import type { X } from "../ingest/x";\nexport type Y = X;\n',
      "must not import",
    ],
  ])("fails when %s", (_what, file, text, message) => {
    const run = check("check-imports.mjs", {
      ...base,
      "worker/src/ingest/x.ts": "export type X = 1;\n",
      [file]: text,
    });
    expect(run.code).toBe(1);
    expect(run.out).toContain(file);
    expect(run.out).toContain(message);
  });
});

describe("check-lines: at most 300 lines a file", () => {
  it("passes 300 lines and an exempt data file", () => {
    const run = check("check-lines.mjs", { ...EXEMPT, "shared/a.ts": lines(300), "worker/src/b.tsx": lines(12) });
    expect(run.out).toContain("none over 300 lines");
    expect(run.code).toBe(0);
  });

  it.each([["shared/long.ts"], ["addon/src/gas/long.ts"], ["worker/src/views/long.tsx"], ["tools/district/long.ts"]])(
    "fails on 301 lines in %s",
    (file) => {
      const run = check("check-lines.mjs", { ...EXEMPT, [file]: lines(301) });
      expect(run.code).toBe(1);
      expect(run.out).toContain(`${file}: 301 lines`);
    },
  );

  it("does not look outside the four trees (tests, scripts)", () => {
    const run = check("check-lines.mjs", { ...EXEMPT, "tests/long.test.ts": lines(500), "scripts/long.mjs": lines(500) });
    expect(run.code).toBe(0);
  });

  it("reports an exemption that is no longer needed", () => {
    const run = check("check-lines.mjs", { "shared/data/vn/communes-2025.ts": lines(10) });
    expect(run.code).toBe(1);
    expect(run.out).toContain("remove it from EXEMPT");
  });
});

describe("the repository", () => {
  it.each([["check-imports.mjs"], ["check-lines.mjs"]])("passes %s", (script) => {
    const run = check(script, {}, path.resolve(import.meta.dirname, "../.."));
    expect(run.out).not.toContain("✗");
    expect(run.code).toBe(0);
  });
});
