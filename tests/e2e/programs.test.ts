/**
 * The end-to-end suites fail — they do not skip — when the programs they drive are missing (issue 18):
 * a CI machine without Chromium or LibreOffice must go red, not green with nothing tested. Runs the
 * suites with DAN_VAN_CHROMIUM / DAN_VAN_SOFFICE pointing at nothing and reads vitest's verdict;
 * each fails in its first hook, before it starts a worker.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./server";

const VITEST = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");

function runSuite(file: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [VITEST, "run", "--config", "tests/e2e/vitest.config.ts", file], {
    cwd: ROOT,
    env: { ...process.env, ...env, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe("a missing program fails its suite", () => {
  it.each([
    ["tests/e2e/browser.test.ts", { DAN_VAN_CHROMIUM: "/nonexistent/chromium" }, "Chromium not found at /nonexistent/chromium"],
    ["tests/e2e/spreadsheet.test.ts", { DAN_VAN_SOFFICE: "/nonexistent/soffice" }, "LibreOffice (soffice) not found"],
    ["tests/e2e/report.test.ts", { DAN_VAN_SOFFICE: "/nonexistent/soffice" }, "LibreOffice (soffice) not found"],
  ])("%s", (file, env, message) => {
    const r = runSuite(file, env);
    expect(r.status, r.out.slice(-2000)).toBe(1);
    expect(r.out).toContain(message);
    expect(r.out).toContain("scripts/ci-system-deps.sh");
    // The file fails in its beforeAll (vitest then lists its tests as not run): red, not green.
    expect(r.out).toMatch(/Test Files\s+1 failed \(1\)/);
  });
});
