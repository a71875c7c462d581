/**
 * "Dự thảo đánh giá" against the spreadsheet: the register, weekly reports, meetings, evaluations
 * and the rule table read with one getValues each; the "Đánh giá" rows written with the fixed number
 * of calls of ./rows-write.ts — however many teams and rows.
 */
import { readCriteria } from "../../../shared/evaluation/criteria";
import { suggestRating, teamFigures, type WeeklyFacts } from "../../../shared/evaluation/suggest";
import type { Period } from "../../../shared/periods";
import { SHEETS } from "../../../shared/templates";
import { type EvaluationOutcome, planEvaluations } from "../evaluation-plan";
import { activeIn, readTeams, rowsOf } from "./register";
import { writeRows } from "./rows-write";
import { ensureCriteriaSheet } from "./setup";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type DraftResult = { ok: false; errors: string[] } | { ok: true; outcomes: EvaluationOutcome[]; created: boolean };

export function draftEvaluations(ss: Spreadsheet, period: Period, now: Date): DraftResult {
  const { sheet: rules, created } = ensureCriteriaSheet(ss);
  const { table, errors } = readCriteria(rules.getDataRange().getValues() as unknown[][]);
  if (errors.length) return { ok: false, errors };
  const { teams, data, toIso } = readTeams(ss, ["weekly", "meetings", "evaluations"]);
  if (!data.evaluations.map)
    return { ok: false, errors: [`Chưa có trang "${SHEETS.evaluations.title}". Hãy chạy Dân vận → Thiết lập mẫu.`] };
  const weekly = rowsOf(data.weekly, "weekly", toIso);
  const meetings = rowsOf(data.meetings, "meetings", toIso).filter((m) => m.kind !== "extraordinary");
  const suggestions = teams
    .filter((t) => activeIn(t, period.start, period.end))
    .map((t) => {
      const own = weekly.filter((w) => w.team_code === t.team_code && typeof w.week === "string") as unknown as WeeklyFacts[];
      const dates = meetings
        .filter((m) => m.team_code === t.team_code && typeof m.meeting_date === "string")
        .map((m) => m.meeting_date as string);
      const f = teamFigures(period.key, t, own, dates, now);
      return f.expected ? { team: t.team_code, ...suggestRating(f, table) } : null;
    })
    .filter((s) => s !== null);
  const plan = planEvaluations(period.key, suggestions, rowsOf(data.evaluations, "evaluations", toIso), table);
  writeRows(data.evaluations, plan.write);
  return { ok: true, outcomes: plan.outcomes, created };
}
