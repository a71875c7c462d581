/**
 * Route of "Tuần này": GET /tuan?tuan=2026-W48&don-vi=<unit> — the current week by default (in
 * Vietnam), any other week on request; the unit's registered communes, or the provinces for the
 * whole country.
 */
import { Hono } from "hono";
import { isoWeekKey, parsePeriodKey, todayVi } from "../../../shared/periods";
import { controlDb, shardGroups } from "../db/shard";
import { registeredWithin } from "../operators/scope";
import { listCommunes } from "../rollout/communes";
import { allLateReminder, communeReminder } from "../rollout/reminders";
import { LATE_STATES, weekOf } from "../rollout/week";
import type { ConsoleEnv } from "./env";
import { pickable, provinceCounts } from "./overview";
import { WeekPage, type WeekRow } from "./pages/week";
import { forbidden, html, nonceOf } from "./respond";
import { chooseUnit } from "./unit-choice";

/** The week `days` days from a week's Monday. */
const weekAfter = (start: string, days: number) =>
  isoWeekKey(new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10));

export const weekRoutes = new Hono<ConsoleEnv>().get("/tuan", async (c) => {
  const chosen = await chooseUnit(c, c.req.query("don-vi"));
  if (!chosen.ok) return forbidden(c, chosen.message);
  const { choice } = chosen;
  const db = controlDb(c.env);
  const now = new Date();
  const asked = c.req.query("tuan");
  const parsed = asked ? parsePeriodKey(asked) : null;
  const weekKey = parsed?.kind === "week" ? parsed.key : isoWeekKey(todayVi(now));
  const ids = await registeredWithin(db, choice.unitId);
  const report = (await weekOf(db, ids, weekKey, shardGroups(c.env)))!;
  const current = isoWeekKey(todayVi(now));
  const next = weekAfter(report.week.start, 7);
  let rows: WeekRow[] | null = null;
  let provinces = null;
  let allReminder: string | null = null;
  if (choice.unitId === null) {
    const late = new Set([...report.communes.values()].filter((w) => LATE_STATES.includes(w.state)).map((w) => w.commune_id));
    provinces = await provinceCounts(db, ids, late);
  } else {
    const list = await listCommunes(db, ids, now, shardGroups(c.env));
    rows = list.map((r) => {
      const week = report.communes.get(r.unit.id)!;
      const reminder = communeReminder({ label: r.unit.short, clerk_name: r.clerk_name, week }, report.week, report.deadline, now);
      return { id: r.unit.id, short: r.unit.short, code: r.unit.code, clerk_name: r.clerk_name, week, reminder };
    });
    allReminder = allLateReminder(
      choice.label,
      rows.filter((r) => LATE_STATES.includes(r.week.state)).map((r) => ({ label: r.short, clerk_name: r.clerk_name, week: r.week })),
      report.week,
      report.deadline,
      now,
    );
  }
  const nonce = nonceOf(c);
  return html(
    c,
    WeekPage({
      who: c.get("operator"),
      ...(nonce ? { nonce } : {}),
      unitLabel: choice.label,
      unitId: choice.unitId,
      pickable: await pickable(c),
      week: report.week,
      prev: weekAfter(report.week.start, -7),
      next: next <= current ? next : null,
      deadline: report.deadline,
      rows,
      provinces,
      allReminder,
      ...(asked && parsed?.kind !== "week" ? { notice: `Không đọc được tuần "${asked.slice(0, 20)}"; đang hiện tuần này.` } : {}),
    }),
  );
});
