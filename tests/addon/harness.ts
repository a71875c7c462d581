/**
 * Runs the BUILT add-on bundle (scripts/build-addon.mjs → Code.js) in a Node `vm` context whose
 * globals are the Apps Script doubles — like Apps Script's V8: no process, no TextEncoder, no
 * require. Each test file builds once into its own temporary directory.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import { afterAll } from "vitest";
import { type BundlePart, buildAddon } from "../../scripts/build-addon.mjs";
import { GasDouble } from "./gas-double";

export interface Bundle {
  dir: string;
  code: string;
  names: string[];
  /** Where the bytes of Code.js come from (esbuild metafile), largest first. */
  parts: BundlePart[];
  /** The source files in Code.js (esbuild metafile). */
  inputs: string[];
}

let cached: Promise<Bundle> | null = null;

// Each test file builds into its own temporary directory; remove it when the file is done.
afterAll(async () => {
  if (cached) rmSync((await cached).dir, { recursive: true, force: true });
  cached = null;
});

/** Build the add-on once per test file (worker process). */
export function buildBundle(): Promise<Bundle> {
  cached ??= (async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dan-van-addon-"));
    const r = await buildAddon(dir);
    return { dir, code: readFileSync(path.join(dir, "Code.js"), "utf8"), names: r.names, parts: r.parts, inputs: r.inputs };
  })();
  return cached;
}

/** The entry functions main.ts exports (the bundle must define exactly these at top level). */
export const ENTRY_FUNCTIONS = [
  "applyZaloPaste",
  "autoSubmitWeekly",
  "fillUnknownAndCheck",
  "getConnectionSettings",
  "getImportOptions",
  "getZaloForms",
  "importList",
  "jumpToCell",
  "menuAutoOff",
  "menuAutoOn",
  "menuCheck",
  "menuClosePeriod",
  "menuConnection",
  "menuDecision",
  "menuEvaluationDraft",
  "menuImport",
  "menuNewWeek",
  "menuSetup",
  "menuSubmit",
  "menuVillageMoves",
  "menuZaloForms",
  "menuZaloPaste",
  "onInstall",
  "onOpen",
  "previewZaloPaste",
  "runCheckNow",
  "saveConnectionSettings",
] as const;

/** The add-on's top-level functions, as Apps Script would call them. */
export type Addon = Record<(typeof ENTRY_FUNCTIONS)[number], (...args: any[]) => any>;

/** Load the bundle into a fresh context over `gas`. */
export function loadAddon(bundle: Bundle, gas: GasDouble): { addon: Addon; context: vm.Context } {
  const context = vm.createContext({ ...gas.globals() });
  new vm.Script(bundle.code, { filename: "Code.js" }).runInContext(context);
  const addon = {} as Addon;
  for (const n of ENTRY_FUNCTIONS) {
    const fn = context[n];
    if (typeof fn !== "function") throw new Error(`bundle does not define top-level function ${n}`);
    addon[n] = (...args: unknown[]) => fn(...args);
  }
  return { addon, context };
}

/** A fresh environment: doubles + one active spreadsheet + the loaded add-on. */
export function setupEnv(bundle: Bundle) {
  const gas = new GasDouble({ htmlDir: bundle.dir });
  const ss = gas.spreadsheet();
  ss._sheet("Trang tính1"); // a new spreadsheet's default sheet
  const { addon, context } = loadAddon(bundle, gas);
  return { gas, ss, addon, context };
}

/** Values returned across the vm boundary, as plain JSON (other realm's objects compare badly). */
export function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
