/**
 * "Tạo báo cáo tuần mới": one weekly row per team active in the week, with the week and the team
 * filled in, the difficulties and proposals of the team's last report carried over and marked for
 * review (../pending.ts), and every count empty — the team reports them (by Zalo). A team that
 * already has a row for the week is left alone: nothing is overwritten. Pure.
 */
import type { Period } from "../../shared/periods";
import { isUnreportedWeekly } from "../../shared/rules/weekly-draft";
import { WEEKLY_TEXTS } from "../../shared/weekly";
import type { RegisterTeam, Row } from "./gas/register";
import type { RowsWrite } from "./gas/rows-write";
import { carriedMark } from "./pending";

export interface NewWeekPlan {
  write: RowsWrite;
  created: string[];
  /** Teams with a row for the week already: code and sheet row. */
  existing: { team: string; row: number }[];
  /** Rows whose text was carried over: team and the week it came from. */
  carried: { team: string; from: string }[];
}

export function planNewWeek(week: Period, teams: readonly RegisterTeam[], weekly: readonly Row[]): NewWeekPlan {
  const plan: NewWeekPlan = { write: { changes: [], added: [], marks: [] }, created: [], existing: [], carried: [] };
  for (const t of teams) {
    if ((t.founded_on && t.founded_on > week.end) || (t.dissolved_on && t.dissolved_on <= week.start)) continue;
    const own = weekly.filter((r) => r.team_code === t.team_code && typeof r.week === "string");
    const there = own.find((r) => r.week === week.key);
    if (there) {
      plan.existing.push({ team: t.team_code, row: there._row ?? 0 });
      continue;
    }
    const last = own
      .filter((r) => (r.week as string) < week.key && !isUnreportedWeekly(r))
      .sort((a, b) => (a.week as string).localeCompare(b.week as string))
      .at(-1);
    const values: Record<string, unknown> = { week: week.key, team_code: t.team_code };
    const target = plan.write.added.length;
    for (const k of WEEKLY_TEXTS) {
      const text = last?.[k];
      if (typeof text !== "string" || !text.trim()) continue;
      values[k] = text;
      plan.write.marks.push({ target, column: k, message: carriedMark(last!.week as string) });
    }
    if (last && WEEKLY_TEXTS.some((k) => values[k])) plan.carried.push({ team: t.team_code, from: last.week as string });
    plan.write.added.push(values);
    plan.created.push(t.team_code);
  }
  return plan;
}
