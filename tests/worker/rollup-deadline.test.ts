/** The SQL on-time expression of the aggregates agrees with shared/periods.ts isOnTime. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { isOnTime, isoWeekKey, weekEnd, weeklyDeadline } from "../../shared/periods";
import { mondayAfterSql, onTimeSql } from "../../worker/src/aggregates/deadline-sql";

function weeks(fromYear: number, toYear: number): string[] {
  const out = new Set<string>();
  // One day of every week, plus the last days of each year (where 53rd weeks start).
  for (let t = Date.UTC(fromYear, 0, 1); t <= Date.UTC(toYear, 11, 31); t += 7 * 86_400_000)
    out.add(isoWeekKey(new Date(t).toISOString().slice(0, 10)));
  for (let y = fromYear; y <= toYear; y++) for (const d of ["12-28", "12-31"]) out.add(isoWeekKey(`${y}-${d}`));
  return [...out];
}

describe("on-time SQL", () => {
  it("finds the Monday after every ISO week 2015–2040 (53-week years included)", { timeout: 30_000 }, async () => {
    const ws = weeks(2015, 2040);
    expect(ws).toContain("2020-W53");
    const { results } = await env.DB.prepare(`SELECT value AS week, ${mondayAfterSql("value")} AS monday FROM json_each(?1)`)
      .bind(JSON.stringify(ws))
      .all<{ week: string; monday: string }>();
    for (const r of results) {
      const sunday = weekEnd(r.week);
      const expected = new Date(Date.parse(`${sunday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(r.monday, r.week).toBe(expected);
    }
    expect(results).toHaveLength(ws.length);
  });

  it("judges receipts around the deadline exactly as isOnTime does", { timeout: 30_000 }, async () => {
    const cases: { w: string; r: string }[] = [];
    for (const w of weeks(2021, 2026).filter((_, i) => i % 5 === 0)) {
      const d = weeklyDeadline(w).getTime();
      for (const delta of [-86_400_000, -1, 0, 1, 3_600_000]) cases.push({ w, r: new Date(d + delta).toISOString() });
      // The same instants written with a +07:00 offset and without milliseconds.
      const vn = `${new Date(d + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
      cases.push({ w, r: vn });
    }
    const { results } = await env.DB.prepare(
      `SELECT key, ${onTimeSql("json_extract(value, '$.w')", "json_extract(value, '$.r')")} AS on_time FROM json_each(?1) ORDER BY key`,
    )
      .bind(JSON.stringify(cases))
      .all<{ key: number; on_time: number }>();
    expect(results).toHaveLength(cases.length);
    for (const r of results) {
      const c = cases[r.key]!;
      expect(r.on_time === 1, `${c.w} ${c.r}`).toBe(isOnTime(c.w, c.r));
    }
  });
});
