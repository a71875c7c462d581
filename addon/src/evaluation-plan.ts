/**
 * "Dự thảo đánh giá", what to write on the "Đánh giá" sheet: per team, its suggested rating and the
 * reasons (shared/evaluation/suggest.ts). A row whose rating a person changed (it differs from the
 * suggestion written before, or was typed without one) keeps its rating and its suggestion as they
 * are; other rows take the new suggestion. The commendation follows the row's rating by the rule
 * table unless someone wrote another. Nhận xét (comment) is never touched. Pure.
 */
import { RATINGS, type Rating } from "../../shared/enums";
import type { CriteriaTable } from "../../shared/evaluation/criteria";
import type { Suggestion } from "../../shared/evaluation/suggest";
import type { Row } from "./gas/register";
import type { RowsWrite } from "./gas/rows-write";

export interface EvaluationOutcome {
  team: string;
  suggested: Rating;
  /** The rating the row holds after the draft. */
  rating: Rating;
  kept: boolean;
  row?: number;
}

export function planEvaluations(
  period: string,
  suggestions: readonly ({ team: string } & Suggestion)[],
  rows: readonly Row[],
  table: CriteriaTable,
): { write: RowsWrite; outcomes: EvaluationOutcome[] } {
  const kind = period.includes("Q") ? "quarter" : "year";
  const proposals = table.commendations[kind];
  const machineText = new Set([...Object.values(table.commendations.year), ...Object.values(table.commendations.quarter)].filter(Boolean));
  const write: RowsWrite = { changes: [], added: [], marks: [] };
  const outcomes: EvaluationOutcome[] = [];
  for (const s of suggestions) {
    const row = rows.find((r) => r.period === period && r.team_code === s.team);
    const rating = row?.rating as Rating | undefined;
    const kept = !!rating && rating !== row?.suggested_rating;
    const final = kept ? rating! : s.rating;
    const values: Record<string, unknown> = kept
      ? {}
      : { rating: RATINGS[s.rating], suggested_rating: RATINGS[s.rating], suggestion_reasons: s.reasons };
    const commendation = typeof row?.commendation === "string" ? row.commendation : "";
    if (!commendation || machineText.has(commendation)) {
      const want = proposals[final] ?? "";
      if (want !== commendation) values.commendation = want;
    }
    outcomes.push({ team: s.team, suggested: s.rating, rating: final, kept, ...(row?._row ? { row: row._row } : {}) });
    if (row?._row) {
      if (Object.keys(values).length) write.changes.push({ row: row._row, values });
    } else write.added.push({ period, team_code: s.team, ...values });
  }
  return { write, outcomes };
}
