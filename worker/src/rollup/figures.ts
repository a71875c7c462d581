/**
 * Figures: empty values, adding one into another, and the derived percentages. The weekly counts and
 * their groups come from the template spec (shared/weekly-counts.ts): no count is named here.
 */
import { CHANGE_SIGN, CHANGE_TYPES, type ChangeType, type FigureGroup, TASK_AREAS, type TaskArea } from "../../../shared/enums";
import { type CountColumn, groupCounts, WEEKLY_COUNT_COLUMNS, type WeeklyCount } from "../../../shared/weekly-counts";
import type { Figures } from "./types";

export type WeeklySums = Record<WeeklyCount, number>;

/** The task area whose figures exist only where a village has the task, null elsewhere (shared/enums.ts TASK_AREAS). */
const ONLY_WHERE_ENABLED: TaskArea = "ethnic";

type Sums = Record<string, number>;

function addInto(into: Sums, from: Readonly<Sums>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/**
 * The figure arithmetic over a list of count columns: the weekly sheet's (`weeklyFigures`); a test
 * passes a list with one more count and sees it everywhere.
 */
export function figureMath(counts: readonly CountColumn[]) {
  const groups = groupCounts(counts);
  const zeroes = (g: FigureGroup): Sums => Object.fromEntries(groups[g].map((c) => [c.key, 0]));
  /** Where a group's sums live: `propaganda` or `tasks[area]` (null for an area the figures do not carry). */
  const slot = (f: Figures, g: FigureGroup): Sums | null => (g === "propaganda" ? f.propaganda : f.tasks[g]);

  return {
    emptyFigures(withEthnic: boolean): Figures {
      return {
        register: {
          teams: 0,
          members: 0,
          households: 0,
          people: 0,
          zalo_households: 0,
          zalo_known: 0,
          zalo_pct: null,
          teams_outside_range: 0,
        },
        reporting: { expected: 0, received: 0, on_time: 0, late: 0, missing: 0, reporting_rate: null, on_time_rate: null },
        propaganda: zeroes("propaganda") as Figures["propaganda"],
        tasks: Object.fromEntries(
          (Object.keys(TASK_AREAS) as TaskArea[]).map((a) => [a, a === ONLY_WHERE_ENABLED && !withEthnic ? null : zeroes(a)]),
        ) as Figures["tasks"],
        changes: {
          by_type: Object.fromEntries(Object.keys(CHANGE_TYPES).map((t) => [t, { events: 0, people: 0 }])) as Figures["changes"]["by_type"],
          net: 0,
        },
      };
    },

    /** Adds weekly sums into figures; a group's counts only where the figures carry the group (ethnic). */
    addWeekly(f: Figures, s: Readonly<WeeklySums>): void {
      const sums: Readonly<Sums> = s;
      for (const c of counts) {
        const into = slot(f, c.figure.group);
        if (into) into[c.key] = (into[c.key] ?? 0) + sums[c.key]!;
      }
    },

    /** Adds `b` into `a` (counts only; call `finish` afterwards). */
    addFigures(a: Figures, b: Figures): void {
      for (const k of ["teams", "members", "households", "people", "zalo_households", "zalo_known", "teams_outside_range"] as const)
        a.register[k] += b.register[k];
      for (const k of ["expected", "received", "on_time", "late", "missing"] as const) a.reporting[k] += b.reporting[k];
      addInto(a.propaganda, b.propaganda);
      const tasks = a.tasks as Record<TaskArea, Sums | null>;
      for (const area of Object.keys(TASK_AREAS) as TaskArea[]) {
        const from = b.tasks[area];
        if (!from) continue;
        tasks[area] ??= zeroes(area);
        addInto(tasks[area], from);
      }
      for (const t of Object.keys(b.changes.by_type) as ChangeType[]) {
        a.changes.by_type[t].events += b.changes.by_type[t].events;
        a.changes.by_type[t].people += b.changes.by_type[t].people;
      }
      a.changes.net += b.changes.net;
    },
  };
}

export type FigureMath = ReturnType<typeof figureMath>;

/** The arithmetic of the weekly sheet's counts. */
export const weeklyFigures = figureMath(WEEKLY_COUNT_COLUMNS);

export function addChange(f: Figures, type: ChangeType, events: number, people: number): void {
  const slot = f.changes.by_type[type];
  if (!slot) return;
  slot.events += events;
  slot.people += people;
  f.changes.net += CHANGE_SIGN[type] * people;
}

/** Percent with one decimal, or null when there is nothing to divide by. */
export function pct(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}

/** Fills the derived fields (late, missing, rates) from the counts. */
export function finish<F extends Figures>(f: F): F {
  const r = f.reporting;
  r.late = r.received - r.on_time;
  r.missing = r.expected - r.received;
  r.reporting_rate = pct(r.received, r.expected);
  r.on_time_rate = pct(r.on_time, r.expected);
  f.register.zalo_pct = pct(f.register.zalo_households, f.register.zalo_known);
  return f;
}
