/** Figures: empty values, adding one into another, and the derived percentages. */
import { CHANGE_SIGN, CHANGE_TYPES, type ChangeType } from "../../../shared/enums";
import type { WeeklyCount } from "./aggregates";
import type { Figures } from "./types";

export type WeeklySums = Record<WeeklyCount, number>;

export function emptyFigures(withEthnic: boolean): Figures {
  return {
    register: { teams: 0, members: 0, households: 0, people: 0, zalo_households: 0, zalo_known: 0, zalo_pct: null, teams_outside_range: 0 },
    reporting: { expected: 0, received: 0, on_time: 0, late: 0, missing: 0, reporting_rate: null, on_time_rate: null },
    propaganda: { broadcasts: 0, zalo_posts: 0, households_visited: 0 },
    tasks: {
      covid: { covid_new_cases: 0, covid_violations: 0, covid_vaccination: 0 },
      antt: { antt_incidents: 0, antt_disputes_mediated: 0, antt_police_reports: 0 },
      env: { env_violations: 0, env_cleanups: 0, env_waste_sorting: 0 },
      ethnic: withEthnic ? { ethnic_activities: 0, ethnic_participants: 0 } : null,
    },
    changes: {
      by_type: Object.fromEntries(Object.keys(CHANGE_TYPES).map((t) => [t, { events: 0, people: 0 }])) as Figures["changes"]["by_type"],
      net: 0,
    },
  };
}

/** Adds weekly sums into figures; ethnic counts only where the figures carry the ethnic task. */
export function addWeekly(f: Figures, s: WeeklySums): void {
  f.propaganda.broadcasts += s.broadcasts;
  f.propaganda.zalo_posts += s.zalo_posts;
  f.propaganda.households_visited += s.households_visited;
  const t = f.tasks;
  t.covid.covid_new_cases += s.covid_new_cases;
  t.covid.covid_violations += s.covid_violations;
  t.covid.covid_vaccination += s.covid_vaccination;
  t.antt.antt_incidents += s.antt_incidents;
  t.antt.antt_disputes_mediated += s.antt_disputes_mediated;
  t.antt.antt_police_reports += s.antt_police_reports;
  t.env.env_violations += s.env_violations;
  t.env.env_cleanups += s.env_cleanups;
  t.env.env_waste_sorting += s.env_waste_sorting;
  if (t.ethnic) {
    t.ethnic.ethnic_activities += s.ethnic_activities;
    t.ethnic.ethnic_participants += s.ethnic_participants;
  }
}

export function addChange(f: Figures, type: ChangeType, events: number, people: number): void {
  const slot = f.changes.by_type[type];
  if (!slot) return;
  slot.events += events;
  slot.people += people;
  f.changes.net += CHANGE_SIGN[type] * people;
}

/** Adds `b` into `a` (counts only; call `finish` afterwards). */
export function addFigures(a: Figures, b: Figures): void {
  for (const k of ["teams", "members", "households", "people", "zalo_households", "zalo_known", "teams_outside_range"] as const)
    a.register[k] += b.register[k];
  for (const k of ["expected", "received", "on_time", "late", "missing"] as const) a.reporting[k] += b.reporting[k];
  for (const k of ["broadcasts", "zalo_posts", "households_visited"] as const) a.propaganda[k] += b.propaganda[k];
  for (const area of ["covid", "antt", "env"] as const) {
    const into = a.tasks[area] as Record<string, number>;
    for (const [k, v] of Object.entries(b.tasks[area])) into[k] = (into[k] ?? 0) + v;
  }
  if (b.tasks.ethnic) {
    a.tasks.ethnic ??= { ethnic_activities: 0, ethnic_participants: 0 };
    a.tasks.ethnic.ethnic_activities += b.tasks.ethnic.ethnic_activities;
    a.tasks.ethnic.ethnic_participants += b.tasks.ethnic.ethnic_participants;
  }
  for (const t of Object.keys(b.changes.by_type) as ChangeType[]) {
    a.changes.by_type[t].events += b.changes.by_type[t].events;
    a.changes.by_type[t].people += b.changes.by_type[t].people;
  }
  a.changes.net += b.changes.net;
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
