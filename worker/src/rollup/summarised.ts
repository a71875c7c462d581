/**
 * At depth "commune", the communes read from the flat summaries (./monthly.ts) go into their groups
 * as one figure each, beside the teams of the others (./tree.ts); their meetings go to ./meetings.ts.
 */
import type { FigureMath } from "./figures";
import type { ChangedTeams } from "./log-rows";
import type { SummarisedMeetings } from "./meetings";
import { type CommuneSummary, communeSummary } from "./monthly";
import type { AggregateRows } from "./read";
import type { teamWindows } from "./team";
import type { PeriodRef } from "./types";

/** Communes read from the flat summaries, with the period's months, the quarters checked and the counts. */
export interface SummaryRequest {
  communes: readonly string[];
  months: readonly string[];
  quarters: readonly PeriodRef[];
  counts: readonly string[];
}

/** Each summarised commune's figures (./monthly.ts) into its group, when a team of it is shown; their meetings. */
export function summarise(
  p: { period: PeriodRef; math: FigureMath; summary?: SummaryRequest },
  rows: AggregateRows["summaries"],
  ctx: {
    refDate: string;
    windowOf: ReturnType<typeof teamWindows>;
    communeEnd: (id: string) => string | null;
    /** Whether a summarised commune's teams had changes in the period (./log-rows.ts). */
    changed: (communeId: string) => ChangedTeams;
    add: (communeId: string, s: CommuneSummary) => void;
  },
): SummarisedMeetings[] {
  if (!p.summary) return [];
  const by = <T extends { commune_id: string }>(list: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const r of list) {
      const rows = m.get(r.commune_id);
      if (rows) rows.push(r);
      else m.set(r.commune_id, [r]);
    }
    return m;
  };
  const cohorts = by(rows.cohorts);
  const months = by(rows.months);
  const meetings = by(rows.meetings);
  const notDue = by(rows.notDue);
  const out: SummarisedMeetings[] = [];
  for (const id of p.summary.communes) {
    const s = communeSummary(
      { cohorts: cohorts.get(id) ?? [], months: months.get(id) ?? [], meetings: meetings.get(id) ?? [], notDue: notDue.get(id) ?? [] },
      {
        communeId: id,
        period: p.period,
        months: p.summary.months,
        refDate: ctx.refDate,
        communeEnd: ctx.communeEnd(id),
        quarters: p.summary.quarters,
        windowOf: ctx.windowOf,
        changed: ctx.changed(id),
        math: p.math,
        counts: p.summary.counts,
      },
    );
    if (s.shown) ctx.add(id, s);
    if (s.meetings.any || s.meetings.owed > 0) out.push({ commune_id: id, ...s.meetings });
  }
  return out;
}
