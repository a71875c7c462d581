/**
 * Sheets service calls of "Dán báo cáo Zalo" (30 messages, one per team) and of "Dự thảo đánh giá"
 * (30 teams, a year) on the BUILT add-on over the Sheets double of tests/addon, which counts every
 * call, for a weekly sheet that already holds `weeks` weeks of reports per team (30 × weeks rows).
 * Loaded by ./teams.ts through ./bundle.ts (vitest stubbed: the harness registers a hook).
 */
import { rmSync } from "node:fs";
import { shiftDate, weekEnd } from "../shared/periods";
import { WEEKLY_COUNTS } from "../shared/weekly-counts";
import { SHEETS_CLASSES } from "../tests/addon/double/counting";
import { putWorkbook, register, setCommune } from "../tests/addon/fixtures";
import { buildBundle, plain, setupEnv } from "../tests/addon/harness";

export interface CallsRun {
  rows: number;
  paste_calls: number;
  paste_ms: number;
  paste_by_method: Record<string, number>;
  draft_calls: number;
  draft_ms: number;
  draft_by_method: Record<string, number>;
}

const total = (x: Record<string, number>) => Object.values(x).reduce((a, b) => a + b, 0);

export async function measureTeamCalls(weekCounts: readonly number[]): Promise<CallsRun[]> {
  const bundle = await buildBundle();
  try {
    return weekCounts.map((weeks) => {
      const wb = register({ villages: 15, teamsPerVillage: 2, householdsPerTeam: 30 });
      const leader = (t: string) => wb.members.find((m) => m.team_code === t)!.full_name;
      // Weeks from 2022-W01 on (the teams were founded in October 2021), all before the pasted week.
      const keys = Array.from({ length: weeks }, (_, i) => `${2022 + Math.floor(i / 52)}-W${String((i % 52) + 1).padStart(2, "0")}`);
      wb.weekly = wb.teams.flatMap((t) =>
        keys.map((week) => ({
          week,
          team_code: t.team_code,
          reporter: leader(t.team_code),
          submitted_on: shiftDate(weekEnd(week), 1),
          [WEEKLY_COUNTS[0]!]: 2,
        })),
      );
      const { gas, ss, addon } = setupEnv(bundle);
      putWorkbook(ss, wb);
      setCommune(ss);
      const paste = wb.teams
        .map(
          (t) =>
            `${leader(t.team_code)}\n20:00 16/10/2022\nTổ: ${t.team_code}\nTuần 10/2025\nLoa: 3\nZalo: 1 200\nHộ đến tận nhà: vài hộ\nKhó khăn: không`,
        )
        .join("\n");
      // The rule table is made once (the first draft creates it); what is measured is a draft after that.
      gas.ui.answers.push({ text: "2022-Q1" });
      plain(addon.menuEvaluationDraft());

      gas.counter.reset();
      let t = performance.now();
      const r = plain(addon.applyZaloPaste(paste, "")) as { counts: { new: number } };
      const pasteMs = performance.now() - t;
      const pasteBy = gas.counter.snapshot(SHEETS_CLASSES);
      if (r.counts.new !== 30) throw new Error(`paste wrote ${r.counts.new} rows, not 30`);

      gas.counter.reset();
      gas.ui.answers.push({ text: "2022" });
      t = performance.now();
      const d = plain(addon.menuEvaluationDraft()) as { outcomes: unknown[] };
      const draftMs = performance.now() - t;
      const draftBy = gas.counter.snapshot(SHEETS_CLASSES);
      if (d.outcomes.length !== 30) throw new Error(`draft rated ${d.outcomes.length} teams, not 30`);
      return {
        rows: wb.weekly.length,
        paste_calls: total(pasteBy),
        paste_ms: Math.round(pasteMs),
        paste_by_method: pasteBy,
        draft_calls: total(draftBy),
        draft_ms: Math.round(draftMs),
        draft_by_method: draftBy,
      };
    });
  } finally {
    rmSync(bundle.dir, { recursive: true, force: true });
  }
}
