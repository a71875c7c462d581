/**
 * Routes of "Chốt số liệu" (issue 13): the district accepts or reopens its communes' closed periods.
 *   GET  /chot   the closed periods of the communes under the operator's unit
 *   POST /chot   {commune, period, action: accept | reopen}: an operator (or admin) whose unit covers the commune
 * A viewer, or a commune outside the operator's unit, is refused with 403 and nothing written; each
 * act is one batch with its audit row (../closing/actions.ts), the operator's e-mail as actor.
 */
import { type Context, Hono } from "hono";
import { closablePeriod, PERIOD_NOT_CLOSABLE } from "../../../shared/closing";
import { ERROR_STATUS } from "../../../shared/contract";
import { acceptPeriod, reopenPeriod } from "../closing/actions";
import { type ClosingRow, closingsWithin, closingView } from "../closing/store";
import { allShards, controlDb, perShard, shardFor, shardGroups } from "../db/shard";
import { covers, unitsWithin } from "../operators/scope";
import { unitsById } from "../rollout/units";
import type { ConsoleEnv } from "./env";
import { ClosingsPage } from "./pages/closings";
import { forbidden, html, lacks, nonceOf } from "./respond";

const text = (v: unknown) => (typeof v === "string" ? v : "");
const LIMIT = 300;

/** Closings of the communes given (every commune when null) from every database holding them, newest period first. */
async function closingsOf(env: Env, communeIds: readonly string[] | null): Promise<ClosingRow[]> {
  const parts =
    communeIds === null
      ? await Promise.all(allShards(env).map((db) => closingsWithin(db, null, LIMIT)))
      : await perShard(shardGroups(env), communeIds, (db, ids) => closingsWithin(db, ids, LIMIT));
  const order = (a: ClosingRow, b: ClosingRow) => b.period.localeCompare(a.period) || a.commune_id.localeCompare(b.commune_id);
  return parts.flat().sort(order).slice(0, LIMIT);
}

async function page(c: Context<ConsoleEnv>, flash?: { kind: "ok" | "bad"; text: string }, status: 200 | 400 | 409 | 422 | 503 = 200) {
  const db = controlDb(c.env);
  const op = c.get("operator");
  const rows = await closingsOf(c.env, op.unit_id === null ? null : await unitsWithin(db, op.unit_id));
  const units = await unitsById(
    db,
    rows.map((r) => r.commune_id),
  );
  const nonce = nonceOf(c);
  return html(
    c,
    ClosingsPage({
      who: op,
      ...(nonce ? { nonce } : {}),
      canChange: lacks(c, "change") === null,
      lines: rows.map((r) => ({ ...closingView(r), commune_label: units.get(r.commune_id)?.label ?? r.commune_id })),
      ...(flash ? { flash } : {}),
    }),
    status,
  );
}

export const closingConsoleRoutes = new Hono<ConsoleEnv>()
  .get("/chot", (c) => {
    const done = c.req.query("xong");
    return page(
      c,
      done
        ? {
            kind: "ok",
            text: done === "accept" ? "Đã chấp nhận số liệu đã chốt." : "Đã mở lại kỳ: trang của huyện hiển thị số liệu hiện tại của xã.",
          }
        : undefined,
    );
  })
  .post("/chot", async (c) => {
    const denied = lacks(c, "change");
    if (denied) return denied;
    const body = await c.req.parseBody();
    const communeId = text(body.commune);
    const db = controlDb(c.env);
    const op = c.get("operator");
    if (!communeId || !(await covers(db, op, communeId))) return forbidden(c, `Xã này không thuộc ${op.unit_label}; không thay đổi gì.`);
    const period = closablePeriod(text(body.period));
    if (!period) return page(c, { kind: "bad", text: PERIOD_NOT_CLOSABLE }, 400);
    const who = { actor: op.email, name: op.name ?? op.email };
    const action = text(body.action);
    const shard = await shardFor(c.env, communeId);
    const outcome =
      action === "accept"
        ? await acceptPeriod(shard, communeId, period, who)
        : await reopenPeriod(shard, communeId, period, { ...who, district: true });
    if (!outcome.ok) return page(c, { kind: "bad", text: `${outcome.message} (${outcome.code})` }, ERROR_STATUS[outcome.code] as 409);
    return c.redirect(`/admin/chot?xong=${action === "accept" ? "accept" : "reopen"}`, 303);
  });
