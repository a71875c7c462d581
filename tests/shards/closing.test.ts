/**
 * Closing a period with shards (worker/src/closing, worker/src/db/shard.ts): a closing is commune data,
 * so it is written — with its audit row — in the commune's shard, read back from there by the commune
 * and by the district's link (the province's page then shows it closed, its later correction kept
 * apart), and accepted there through the link's right; the control database and the other shard
 * hold none of it.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { weeksInPeriod } from "../../shared/periods";
import type { Workbook } from "../../shared/schemas";
import type { ClosedRollup } from "../../worker/src/closing/overlay";
import { communeToken, copy } from "../worker/helpers";
import { call, importOf, json, LANG_SON, LS, post, TEST_UNITS, uuid, workbookOf } from "./helpers";

const MONTH = "2025-08";
const COMMUNE = LS[0]!;
let token = "";
let province = "";
let wb: Workbook;

const closingRows = (db: D1Database) =>
  db.prepare("SELECT count(*) AS n FROM period_closings WHERE commune_id = ?").bind(COMMUNE.id).first<number>("n");
const closingAudits = (db: D1Database) =>
  db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'period.%' AND unit_id = ?").bind(COMMUNE.id).first<number>("n");
const closeIt = () => post("shards", "/api/closings", { period: MONTH, closed_by: "Hoàng Văn Tú" }, token);
const provinceRollup = () => json<ClosedRollup>(call("shards", `/r/${province}.json?period=${MONTH}`));
const mine = (r: ClosedRollup) => (r.closing?.kind === "exact" ? r.closing.communes.find((c) => c.commune_id === COMMUNE.id) : undefined);

beforeAll(async () => {
  expect((await post("shards", "/api/admin/units", { units: TEST_UNITS })).status).toBe(200);
  wb = workbookOf(COMMUNE, 501, "2025-07-07", "2025-09-28", 3);
  const res = await post("shards", "/api/admin/import", importOf(COMMUNE, wb, uuid(501), "2025-10-01T02:00:00.000Z"));
  expect(res.status, await res.clone().text()).toBe(201);
  token = await communeToken(COMMUNE.id);
  const link = await json<{ token: string }>(
    post("shards", "/api/admin/links", { unit_id: LANG_SON, scope: "aggregate", label: "tỉnh", can_accept: true }),
  );
  province = link.token;
}, 60_000);

describe("a closing lives in its commune's shard", () => {
  it("is written in DB_20 with its audit row, none in the control database or DB_24; the commune reads it back", async () => {
    const res = await closeIt();
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await closingRows(env.DB_20)).toBe(1);
    expect(await closingAudits(env.DB_20)).toBe(1);
    for (const db of [env.DB, env.DB_24]) {
      expect(await closingRows(db)).toBe(0);
      expect(await closingAudits(db)).toBe(0);
    }
    const listed = await json<{ closings: { period: string; state: string }[] }>(
      call("shards", "/api/closings", { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(listed.closings).toEqual([expect.objectContaining({ period: MONTH, state: "closed" })]);
    const again = await closeIt();
    expect(again.status).toBe(200);
  });

  it("the province's link shows it closed and keeps its closed figures after a correction, until the re-close", async () => {
    const before = (await provinceRollup()).communes.find((n) => n.unit.id === COMMUNE.id)!.propaganda.broadcasts;
    expect(mine(await provinceRollup())).toMatchObject({ state: "closed", shows_closed: true, corrections: [] });

    const changed = copy(wb);
    const weeks = new Set(weeksInPeriod(MONTH));
    const row = changed.weekly.find((w) => weeks.has(w.week))!;
    row.broadcasts = (row.broadcasts ?? 0) + 5;
    const res = await post("shards", "/api/admin/import", importOf(COMMUNE, changed, uuid(502), "2025-10-08T02:00:00.000Z"));
    expect(res.status, await res.clone().text()).toBe(201);

    const r = await provinceRollup();
    expect(r.communes.find((n) => n.unit.id === COMMUNE.id)!.propaganda.broadcasts).toBe(before);
    expect(mine(r)?.corrections).toEqual([expect.objectContaining({ key: "propaganda.broadcasts", closed: before, current: before + 5 })]);
    expect((await closeIt()).status).toBe(201);
    expect((await provinceRollup()).communes.find((n) => n.unit.id === COMMUNE.id)!.propaganda.broadcasts).toBe(before + 5);
  });

  it("the link with the acceptance right accepts in the shard; the commune's reopen is then refused", async () => {
    const res = await call("shards", `/r/${province}/chot`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:8787" },
      body: new URLSearchParams({ period: MONTH, commune: COMMUNE.id, action: "accept" }).toString(),
      redirect: "manual",
    });
    expect(res.status, await res.clone().text()).toBe(303);
    const state = await env.DB_20.prepare("SELECT state FROM period_closings WHERE commune_id = ? AND period = ?")
      .bind(COMMUNE.id, MONTH)
      .first<string>("state");
    expect(state).toBe("accepted");
    expect(mine(await provinceRollup())).toMatchObject({ state: "accepted" });
    const reopen = await post("shards", "/api/closings/reopen", { period: MONTH }, token);
    expect(reopen.status).toBe(409);
    expect(await closingRows(env.DB)).toBe(0);
  });
});
