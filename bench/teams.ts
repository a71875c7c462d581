/**
 * Section `teams` (issue 14): the Sheets service calls of "Dán báo cáo Zalo" for 30 messages and of
 * "Dự thảo đánh giá" for 30 teams do not grow with the rows already on the weekly sheet — measured at
 * 30, 300 and 3,000 rows, the built add-on over the counting Sheets double (./teams-calls.ts). At
 * 3,000 rows the sheet's grid is full (the double, like Sheets, holds exactly the rows written), so
 * adding the 30 rows takes one more call (insertRowsAfter), whatever the number of rows.
 * Run alone: `BENCH_ONLY=teams npm run bench`.
 */
import { pathToFileURL } from "node:url";
import { bundle } from "./bundle";
import { goal } from "./goals";
import type { BenchSection } from "./section";
import { table } from "./stats";

export const teamsSection: BenchSection = {
  name: "teams",
  async run(ctx) {
    const outfile = await bundle(ctx.root, "bench/teams-calls.ts", { stubVitest: true });
    const mod = (await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`)) as typeof import("./teams-calls");
    const runs = await mod.measureTeamCalls([1, 10, 100]);
    ctx.log(
      table(
        ["weekly rows", "paste 30 msgs: calls", "paste ms", "draft 30 teams: calls", "draft ms"],
        runs.map((r) => [String(r.rows), String(r.paste_calls), String(r.paste_ms), String(r.draft_calls), String(r.draft_ms)]),
      ),
    );
    const [small, mid] = runs as [(typeof runs)[0], (typeof runs)[0]];
    const same = (k: "paste_by_method" | "draft_by_method") => JSON.stringify(mid[k]) === JSON.stringify(small[k]);
    ctx.measures.push({
      measure: "teams_sheets_calls",
      runs,
      paste_constant: same("paste_by_method"),
      draft_constant: same("draft_by_method"),
    });
    const ratio = (a: number, b: number) => `x${(a / b).toFixed(2)}`;
    goal("teams_paste_calls_30_vs_300_rows", ratio(mid.paste_calls, small.paste_calls), "==x1.00", same("paste_by_method"));
    goal("teams_draft_calls_30_vs_300_rows", ratio(mid.draft_calls, small.draft_calls), "==x1.00", same("draft_by_method"));
  },
};
