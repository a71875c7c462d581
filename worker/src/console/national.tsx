/**
 * Route of "Tổng hợp": GET /tong-hop?ky=<period>&don-vi=<unit>. For an operator who covers the country
 * (and no `don-vi`): the national rollup, one row per current province (../rollup/national.ts), each
 * opening the same page for that province; for a province or district: its page's commune table
 * (its rollup at depth "commune" with its closings, as on its links). The period defaults to the
 * current year. Behind the console's sign-in (Cloudflare Access in production, ./session.ts) like
 * every console page; figures only. A `Server-Timing` header gives the time spent computing the
 * rollup (reads and sums) and rendering the page (bench/scale-rollup.ts reads it).
 */
import { Hono } from "hono";
import { parsePeriodKey, todayVi } from "../../../shared/periods";
import { nationalClosings } from "../closing/national";
import { applyClosings } from "../closing/overlay";
import { controlDb, shardGroups } from "../db/shard";
import { adjacentPeriods, tryParsePeriod } from "../links/period";
import { nationalRollup } from "../rollup/national";
import { rollup } from "../rollup/rollup";
import { loadUnitTree } from "../rollup/tree-cache";
import type { ConsoleEnv } from "./env";
import { pickable } from "./overview";
import { FiguresPage, type FiguresPageProps } from "./pages/national";
import { UnitPicker } from "./pages/parts";
import { forbidden, html, nonceOf } from "./respond";
import { chooseUnit } from "./unit-choice";

const PATH = "/admin/tong-hop";

const href = (unitId: string | null, period: string) =>
  `${PATH}?${new URLSearchParams({ ...(unitId ? { "don-vi": unitId } : {}), ky: period }).toString()}`;

export const nationalRoutes = new Hono<ConsoleEnv>().get("/tong-hop", async (c) => {
  const chosen = await chooseUnit(c, c.req.query("don-vi"));
  if (!chosen.ok) return forbidden(c, chosen.message);
  const { choice } = chosen;
  const db = controlDb(c.env);
  const shards = shardGroups(c.env);
  const today = todayVi();
  const asked = c.req.query("ky")?.trim();
  const period = (asked ? tryParsePeriod(asked) : null) ?? parsePeriodKey(today.slice(0, 4))!;
  const started = Date.now();
  const figures: Pick<FiguresPageProps, "national" | "rollup"> = {};
  if (choice.unitId === null) {
    figures.national = await nationalRollup(db, shards, nationalClosings(shards), { period: period.key, today });
  } else {
    const tree = await loadUnitTree(db, choice.unitId);
    const unit = tree.get(choice.unitId)!;
    if (unit.level === "commune" || unit.level === "village") {
      return forbidden(c, "Trang tổng hợp dành cho cấp tỉnh trở lên; số liệu của xã xem ở đường dẫn của xã.");
    }
    const mode = unit.valid_to === null || unit.valid_to > today ? "current" : "as_was";
    figures.rollup = await applyClosings(
      shards,
      await rollup(db, { unitId: unit.id, period: period.key, mode, scope: "aggregate", today, depth: "commune" }, tree, shards),
    );
  }
  const computed = Date.now();
  const adj = adjacentPeriods(period);
  const nonce = nonceOf(c);
  const page = String(
    await FiguresPage({
      who: c.get("operator"),
      ...(nonce ? { nonce } : {}),
      label: choice.label,
      unitId: choice.unitId,
      period,
      prev: adj.prev,
      // No period that has not begun yet.
      next: adj.next && (tryParsePeriod(adj.next)?.start ?? "9999") <= today ? adj.next : null,
      picker: <UnitPicker action={PATH} current={choice.unitId} options={await pickable(c)} />,
      ...(asked && !tryParsePeriod(asked) ? { notice: `Không đọc được kỳ "${asked.slice(0, 20)}"; đang hiện năm nay.` } : {}),
      ...figures,
      href,
    }),
  );
  // Date.now() moves only across I/O in a deployed worker: the figures are then coarse.
  const ms = figures.national?.ms;
  c.header(
    "Server-Timing",
    `rollup;dur=${computed - started}, render;dur=${Date.now() - computed}${ms ? `, plan;dur=${ms.plan}, read;dur=${ms.read}, sums;dur=${ms.sums}, all;dur=${ms.all}` : ""}`,
  );
  return html(c, page);
});
