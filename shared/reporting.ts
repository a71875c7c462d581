/**
 * A team's weekly reporting in a period, counted as DHIS2 counts it and as the worker's rollup does
 * (worker/src/rollup/types.ts ReportingFigures): expected reports are the weeks of the period during
 * the team's life (founding to dissolution, ./periods.ts expectedWeeks) whose deadline has passed,
 * plus weeks not due yet that already have a report; received are reports for expected weeks;
 * on time those that met the deadline; rates are percentages of the expected reports with one
 * decimal (https://community.dhis2.org/t/reporting-rates-doubts/45256).
 * tests/worker/reporting-consistency.test.ts checks it against the rollup on the same data.
 */
import { expectedWeeks, isOnTime } from "./periods";

export interface TeamReporting {
  expected: number;
  received: number;
  on_time: number;
  reporting_rate: number | null;
  on_time_rate: number | null;
  /** The expected weeks, in order. */
  weeks: string[];
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

/** `reports`: week → whether that report was on time. `now`: the instant deadlines are judged at. */
export function teamReporting(
  period: string,
  team: { founded_on?: string | null | undefined; dissolved_on?: string | null | undefined },
  reports: ReadonlyMap<string, boolean>,
  now: Date | string,
): TeamReporting {
  const r: TeamReporting = { expected: 0, received: 0, on_time: 0, reporting_rate: null, on_time_rate: null, weeks: [] };
  for (const week of expectedWeeks(period, team.founded_on || undefined, team.dissolved_on || undefined)) {
    const got = reports.get(week);
    if (got === undefined && isOnTime(week, now)) continue; // not due yet
    r.expected++;
    r.weeks.push(week);
    if (got === undefined) continue;
    r.received++;
    if (got) r.on_time++;
  }
  r.reporting_rate = pct(r.received, r.expected);
  r.on_time_rate = pct(r.on_time, r.expected);
  return r;
}
