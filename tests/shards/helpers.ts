/**
 * The shard tests' world: the pilot's units plus a second province (Lạng Sơn, 20) with new communes,
 * and an old commune of Bắc Giang whose successor is in Lạng Sơn — so the old province's rollup spans
 * both shards. Requests go to the worker with shards (`exports.default.fetch`, bindings DB, DB_24,
 * DB_20) or, for comparison, to the same app with one database (`SINGLE` as `DB`, no shard bound).
 */
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import type { Unit } from "../../shared/units";
import { app } from "../../worker/src/app";
import { ADMIN, envelope } from "../worker/helpers";

export const LANG_SON = "P:20@2025-07-01";
/** An old commune of Huyện Lục Ngạn (Bắc Giang) that went whole to a Lạng Sơn commune in 2025. */
export const OLD_BORDER = "C:07990@2021-02-03";

const commune = (code: string, name: string, parent: string, from: string, to: string | null, next: string[] = []): Unit => ({
  id: `C:${code}@${from}`,
  code,
  level: "commune",
  kind_vi: "xã",
  name,
  parent_id: parent,
  valid_from: from,
  valid_to: to,
  successor_ids: next,
});

/** New communes: three in Bắc Ninh (24), three in Lạng Sơn (20). */
export const BAC_NINH = [0, 1, 2].map((i) => commune(`0820${i}`, `Xã Bắc Ninh Thử ${i + 1}`, PILOT.bacNinh, "2025-07-01", null));
export const LS = [0, 1, 2].map((i) => commune(`0600${i}`, `Xã Lạng Sơn Thử ${i + 1}`, LANG_SON, "2025-07-01", null));

export const TEST_UNITS: Unit[] = [
  ...UNITS,
  {
    id: LANG_SON,
    code: "20",
    level: "province",
    kind_vi: "tỉnh",
    name: "Tỉnh Lạng Sơn",
    parent_id: null,
    valid_from: "2025-07-01",
    valid_to: null,
    successor_ids: [],
  },
  ...BAC_NINH,
  ...LS,
  commune("07990", "Xã Biên Giới", PILOT.lucNgan, "2021-02-03", "2025-07-01", [LS[0]!.id]),
];

/** The worker with one database: `SINGLE` as `DB`, no shard bound. */
export const singleEnv = {
  ...Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("DB_"))),
  DB: env.SINGLE,
} as unknown as Env;

export type Target = "shards" | "single";

export function call(target: Target, path: string, init: RequestInit = {}): Promise<Response> {
  const req = new Request(`http://127.0.0.1:8787${path}`, init);
  return target === "shards" ? exports.default.fetch(req) : Promise.resolve(app.fetch(req, singleEnv));
}

export function post(target: Target, path: string, body: unknown, token = ADMIN): Promise<Response> {
  return call(target, path, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function json<T>(res: Promise<Response> | Response): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** A workbook of a commune: a quarter of weekly reports from `from`, one village of `teams` teams. */
export function workbookOf(u: Unit, seed: number, from: string, until: string, teams = 2): Workbook {
  return generateCommune({
    seed,
    commune_code: u.code,
    commune_name: u.name,
    villages: [{ village_code: "T1", village_name: "Thôn Một", ethnic_identity: seed % 2 === 0, teams }],
    founded_on: from,
    until,
  });
}

/** The admin import of a workbook with a fixed submission id and receipt time: same bytes to both targets. */
export function importOf(u: Unit, wb: Workbook, submissionId: string, receivedAt: string) {
  return {
    commune_id: u.id,
    received_at: receivedAt,
    envelope: { ...envelope({ commune_code: u.code, commune_name: u.name }, wb, submissionId), generated_at: receivedAt },
  };
}

/** The test units, then these imports, into one target (units 200, each import 201). */
export async function loadUnitsAndImports(target: Target, imports: readonly ReturnType<typeof importOf>[]): Promise<void> {
  expect((await post(target, "/api/admin/units", { units: TEST_UNITS })).status).toBe(200);
  for (const body of imports) {
    const res = await post(target, "/api/admin/import", body);
    expect(res.status, await res.clone().text()).toBe(201);
  }
}

/** A fixed submission id (a UUID v4 shape), the same for both targets. */
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** Rows of a table for a commune, in one database. */
export async function rows(db: D1Database, table: string, communeId: string): Promise<number> {
  return (await db.prepare(`SELECT count(*) AS n FROM ${table} WHERE commune_id = ?`).bind(communeId).first<number>("n")) ?? 0;
}
