/**
 * The API contract (shared/contract.ts) is the only definition of the receipt, the sheet counts, the
 * error body, the error codes and the token format: no module of the worker, the add-on or the district tool declares
 * them again, every code the worker can answer is in it, and every code in it is answered somewhere.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  COMMUNE_TOKEN_PATTERN,
  deletionCountsSchema,
  ENVELOPE_ERROR_CODES,
  ERROR_CODES,
  ERROR_STATUS,
  errorBodySchema,
  REGISTER_SHEET_KEYS,
  receiptSchema,
  TOKEN_PATTERN,
} from "../../shared/contract";
import { PILOT } from "../../shared/data/units";
import { SHEET_KEYS } from "../../shared/templates";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts"))
        out.push({ file: path.relative(ROOT, p), text: readFileSync(p, "utf8") });
    }
  };
  walk(path.join(ROOT, dir));
  return out;
}

const PARTS = [
  ...sources("worker/src"),
  ...sources("addon/src"),
  ...sources("tools"),
  ...sources("shared").filter((s) => s.file !== "shared/contract.ts"),
];

describe("the API contract is defined once", () => {
  it.each([
    ["the receipt", /\b(interface|type)\s+Receipt\b\s*[={<]/],
    ["the sheet counts", /\b(interface|type)\s+SheetCounts\b\s*[={<]/],
    ["the error body", /\b(interface|type)\s+ErrorBody\b\s*[={<]/],
    ["the deletion counts", /\b(interface|type)\s+DeletionCounts\b\s*[={<]/],
    ["a receipt field", /^\s*(warnings_total|unit_valid_to)\??\s*:\s*(number|string)/m],
    ["the counts' fields", /inserted\??:\s*number;[\s\S]{0,80}updated\??:\s*number;/],
    ["the token format", /dv\[cl\]_|dvc_\[0-9a-f\]|dvl_\[0-9a-f\]|\[0-9a-f\]\{32\}/],
    ["a list of error codes", /"stale_schema_version"\s*\|\s*"/],
  ])("no worker, add-on, tool or other shared module declares %s by hand", (_what, pattern) => {
    const found = PARTS.filter((s) => pattern.test(s.text)).map((s) => s.file);
    expect(found).toEqual([]);
  });

  it("the check itself finds a hand-written declaration", () => {
    const pattern = /\b(interface|type)\s+Receipt\b\s*[={<]/;
    expect(pattern.test("export interface Receipt {\n  submission_id: string;\n}")).toBe(true);
    expect(/dv\[cl\]_/.test(String(TOKEN_PATTERN))).toBe(true);
  });

  it("every error code the worker answers with is in the contract, and every code in it is used", () => {
    const worker = sources("worker/src");
    const used = new Set<string>();
    for (const { text } of worker) {
      for (const m of text.matchAll(/new ApiError\(\s*"([a-z_]+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(/errorBody\(\s*"([a-z_]+)"/g)) used.add(m[1]!);
      // Ingest refusals are results the HTTP layer maps (worker/src/ingest/refusal.ts).
      for (const m of text.matchAll(/\brefuse\(\s*"([a-z_]+)"/g)) used.add(m[1]!);
    }
    // The envelope check's codes reach the worker through `check.code` (worker/src/ingest/accept.ts).
    expect(worker.find((s) => s.file.endsWith("ingest/accept.ts"))!.text).toContain("refuse(check.code");
    for (const c of ENVELOPE_ERROR_CODES) used.add(c);
    for (const c of used) expect(ERROR_CODES, c).toContain(c);
    for (const c of ERROR_CODES) expect([...used], c).toContain(c);
    expect(ERROR_STATUS.busy).toBe(503);
    expect(ERROR_STATUS.too_many_attempts).toBe(429);
  });

  it("deletion counts name exactly the register sheets", () => {
    expect(Object.keys(deletionCountsSchema.shape).sort()).toEqual([...REGISTER_SHEET_KEYS].sort());
  });

  it("tokens: 32 hex digits after the kind prefix", () => {
    expect(TOKEN_PATTERN.test(`dvc_${"a".repeat(32)}`)).toBe(true);
    expect(TOKEN_PATTERN.test(`dvl_${"0".repeat(32)}`)).toBe(true);
    expect(TOKEN_PATTERN.test(`dvx_${"0".repeat(32)}`)).toBe(false);
    expect(TOKEN_PATTERN.test(`dvc_${"A".repeat(32)}`)).toBe(false);
    expect(COMMUNE_TOKEN_PATTERN.test(`dvl_${"0".repeat(32)}`)).toBe(false);
  });

  it("a receipt stored before `withdrawn` existed still parses (counts default to 0)", () => {
    const old = {
      submission_id: "x",
      commune_id: PILOT.quySon,
      received_at: "2022-01-01T00:00:00.000Z",
      duplicate: true,
      counts: Object.fromEntries(SHEET_KEYS.map((k) => [k, { inserted: 1, updated: 0, unchanged: 0, deleted: 0 }])),
      warnings: [],
      warnings_total: 0,
    };
    expect(receiptSchema.parse(old).counts.weekly.withdrawn).toBe(0);
    expect(receiptSchema.safeParse({ ...old, warnings_total: undefined }).success).toBe(false);
    expect(errorBodySchema.safeParse({ error: { code: "no_such_code", message: "", details: [] } }).success).toBe(false);
  });
});
