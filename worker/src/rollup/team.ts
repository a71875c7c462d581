/**
 * One team's figures for a period: its register (when the team is active), its weekly reporting
 * against the weeks it owes (./types.ts ReportingFigures), its weekly sums and population changes.
 * A team lives from its founding to its dissolution, and no longer than its commune (a commune
 * merged in 2025 stops on its valid_to; its teams continue in the new register).
 */
import { expectedWeeks, isOnTime, weekEnd } from "../../../shared/periods";
import { HOUSEHOLDS_PER_TEAM } from "../../../shared/rules/households";
import { addChange, type FigureMath, finish } from "./figures";
import type { ChangeRow, TeamRow, WeeklyRow } from "./rows";
import type { PeriodRef, RollupDepth, TeamNode } from "./types";

/** A team's expected weeks in the period, and how many of them are due (their deadline has passed). */
export interface TeamWindow {
  weeks: string[];
  due: number;
}

/** Teams share founding and dissolution dates: their expected weeks are worked out once per period. */
export function teamWindows(period: PeriodRef, now: string) {
  const windows = new Map<string, TeamWindow>();
  return (founded: string, dissolved: string | null, communeEnd: string | null): TeamWindow => {
    const k = `${founded}|${dissolved ?? ""}|${communeEnd ?? ""}`;
    let w = windows.get(k);
    if (!w) {
      // The week ends after the commune did: not expected.
      const list = expectedWeeks(period.key, founded, dissolved ?? undefined).filter((week) => !communeEnd || weekEnd(week) < communeEnd);
      w = { weeks: list, due: list.filter((week) => !isOnTime(week, now)).length };
      windows.set(k, w);
    }
    return w;
  };
}

/** Whether the team (and its commune) exists during the period, and on `refDate`. */
export function teamLife(t: TeamRow, period: PeriodRef, refDate: string, communeEnd: string | null) {
  const livesOn = (from: string, to: string) =>
    t.founded_on <= to && (!t.dissolved_on || t.dissolved_on > from) && (!communeEnd || communeEnd > from);
  return { active: livesOn(period.start, period.end), activeAtRef: livesOn(refDate, refDate) };
}

export interface TeamInput {
  team: TeamRow;
  active: boolean;
  activeAtRef: boolean;
  window: TeamWindow;
  weekly: WeeklyRow | undefined;
  changes: readonly ChangeRow[];
  now: string;
  depth: RollupDepth;
  math: FigureMath;
}

export function teamNode({ team: t, active, activeAtRef, window, weekly: w, changes, now, depth, math }: TeamInput): TeamNode {
  const team: TeamNode = {
    team_code: t.team_code,
    team_name: t.team_name,
    founded_on: t.founded_on,
    dissolved_on: t.dissolved_on,
    missing_weeks: [],
    ...math.emptyFigures(t.ethnic_identity !== 0),
  };
  if (active) {
    const r = team.register;
    r.teams = 1;
    r.members = t.members;
    r.households = t.households;
    r.people = t.people;
    r.zalo_households = t.zalo_households;
    r.zalo_known = t.zalo_known;
    if (activeAtRef && (t.households < HOUSEHOLDS_PER_TEAM.min || t.households > HOUSEHOLDS_PER_TEAM.max)) r.teams_outside_range = 1;
  }
  if (w && w.weeks === null) {
    // Depth "commune", a team whose life and commune span the whole period: each of its reports is
    // for an expected week; those not due yet count when received.
    team.reporting.expected = window.due + (w.n_not_due ?? 0);
    team.reporting.received = w.n ?? 0;
    team.reporting.on_time = w.n_on_time ?? 0;
  } else {
    const received = new Map<string, boolean>();
    for (const item of w?.weeks ? w.weeks.split(",") : []) {
      const [week, flag] = item.split(":");
      if (week) received.set(week, flag === "1");
    }
    for (const week of window.weeks) {
      const got = received.get(week);
      if (got === undefined && isOnTime(week, now)) continue; // not due yet
      team.reporting.expected++;
      if (got === undefined) {
        if (depth === "team") team.missing_weeks.push(week);
      } else {
        team.reporting.received++;
        if (got) team.reporting.on_time++;
      }
    }
  }
  if (w) math.addWeekly(team, w);
  for (const c of changes) addChange(team, c.change_type, c.events, c.people);
  return finish(team);
}
