/**
 * The worker as `npm start` leaves it — migrations, wrangler dev, the pilot demo loaded through the
 * admin API by the project's own loader (scripts/demo/load.ts) — on a free port with throwaway
 * state, plus the figures the pages should show, computed here straight from `pilotWorkbooks()`.
 */
import path from "node:path";
import { corrected } from "../../scripts/demo/closings";
import { type DemoResult, loadDemo } from "../../scripts/demo/load";
import { parsePeriodKey, weeksInPeriod } from "../../shared/periods";
import { pilotWorkbooks } from "../../shared/sample/pilot";
import { startWorker, type WorkerServer } from "./server";

export interface DemoWorker {
  server: WorkerServer;
  demo: DemoResult;
}

export async function startDemoWorker(): Promise<DemoWorker> {
  const server = await startWorker();
  try {
    // Links are kept next to the throwaway D1 state (removed with it), not in .wrangler/.
    const stateFile = path.join(path.dirname(server.persistDir), "demo-links.json");
    const demo = await loadDemo({ baseUrl: server.base, adminSecret: server.adminSecret, stateFile });
    return { server, demo };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

export interface Expected {
  unit_id: string;
  name: string;
  teams: number;
  members: number;
  households: number;
  people: number;
  /** Per team code: households and people. */
  byTeam: Map<string, { team_name: string; households: number; people: number; members: number }>;
  /** Weekly reports received and broadcasts summed for the weeks of a period. */
  weekly(periodKey: string): { received: number; broadcasts: number; byTeam: Map<string, { received: number; broadcasts: number }> };
  /**
   * Team-weeks a period expects: each week of the period (the week of its Sunday) in which the team
   * existed — it ends on or after the founding day and starts before the dissolution day.
   */
  expected(periodKey: string): number;
  /** The last week any team reported. */
  lastWeek: string;
  /** Team-quarters among `quarters` without a quarterly, 6-month or yearly meeting dated in them. */
  skippedMeetings(quarters: string[]): { team_code: string; quarter: string }[];
}

/** Register and weekly figures per pilot commune, from the fixture alone. */
export function expectedPilot(): Expected[] {
  // The demo's first commune (xã Quý Sơn) sends one correction after closing 09/2022 (scripts/demo/closings.ts):
  // its current figures are those of the corrected workbook.
  return pilotWorkbooks().map(({ unit_id, commune_name, workbook }, i) => {
    const wb = i === 0 ? corrected(workbook) : workbook;
    const byTeam = new Map<string, { team_name: string; households: number; people: number; members: number }>();
    for (const t of wb.teams) byTeam.set(t.team_code, { team_name: t.team_name, households: 0, people: 0, members: 0 });
    for (const h of wb.households) {
      const t = byTeam.get(h.team_code)!;
      t.households++;
      t.people += h.members_count;
    }
    for (const m of wb.members) byTeam.get(m.team_code)!.members++;
    return {
      unit_id,
      name: commune_name,
      teams: wb.teams.length,
      members: wb.members.length,
      households: wb.households.length,
      people: wb.households.reduce((n, h) => n + h.members_count, 0),
      byTeam,
      expected(periodKey: string) {
        const weeks = weeksInPeriod(periodKey).map((w) => parsePeriodKey(w)!);
        return wb.teams.reduce(
          (n, t) => n + weeks.filter((w) => w.end >= t.founded_on && (!t.dissolved_on || w.start < t.dissolved_on)).length,
          0,
        );
      },
      lastWeek: wb.weekly.reduce((max, w) => (w.week > max ? w.week : max), ""),
      skippedMeetings(quarters: string[]) {
        const periodic = wb.meetings.filter((m) => m.kind !== "extraordinary");
        return wb.teams.flatMap((t) =>
          quarters
            .map((q) => parsePeriodKey(q)!)
            .filter((q) => !periodic.some((m) => m.team_code === t.team_code && m.meeting_date >= q.start && m.meeting_date <= q.end))
            .map((q) => ({ team_code: t.team_code, quarter: q.key })),
        );
      },
      weekly(periodKey: string) {
        const weeks = new Set(weeksInPeriod(periodKey));
        const per = new Map<string, { received: number; broadcasts: number }>();
        for (const t of wb.teams) per.set(t.team_code, { received: 0, broadcasts: 0 });
        for (const w of wb.weekly) {
          if (!weeks.has(w.week)) continue;
          const t = per.get(w.team_code)!;
          t.received++;
          t.broadcasts += w.broadcasts ?? 0;
        }
        const all = [...per.values()];
        return { received: all.reduce((n, t) => n + t.received, 0), broadcasts: all.reduce((n, t) => n + t.broadcasts, 0), byTeam: per };
      },
    };
  });
}

/** "1.234" (vi-VN) → 1234; "–" → null. */
export function viNumber(s: string): number | null {
  const t = s.trim();
  if (t === "" || t === "–") return null;
  return Number(t.replace(/\./g, "").replace(",", ".").replace("−", "-"));
}
