/**
 * Meetings per commune, and which teams skipped their periodic meeting. The plan (section II):
 * "Định kỳ hằng quý, 6 tháng, 01 năm tổ họp" — every team meets each quarter (the June meeting is
 * the 6-month one, the December one the yearly one). A team owes a meeting for each quarter that
 * ends in the period and has ended by today, if it existed on the quarter's last day (founded by
 * then, not dissolved, its commune not yet ended); any quarterly, 6-month or yearly meeting dated
 * in that quarter is it. Teams are named as the link may show them (a code on an aggregate link).
 */
import type { MeetingKind } from "../../../shared/enums";
import { MEETING_KINDS } from "../../../shared/enums";
import { parsePeriodKey, periodKeyOf } from "../../../shared/periods";
import { compareVi } from "../../../shared/text";
import type { MeetingTeamRow, TeamRow } from "./rows";
import type { MeetingsOfCommune, PeriodRef } from "./types";

/** Kinds that count as the quarter's periodic meeting (an extraordinary meeting does not). */
const PERIODIC: ReadonlySet<MeetingKind> = new Set(["quarterly", "half_year", "yearly"]);

/** The quarters whose last day is in the period and before today, in order. */
export function quartersToCheck(period: Pick<PeriodRef, "start" | "end">, today: string): PeriodRef[] {
  const out: PeriodRef[] = [];
  const first = parsePeriodKey(periodKeyOf("quarter", period.start));
  for (let q = first; q && q.start <= period.end; q = parsePeriodKey(periodKeyOf("quarter", nextDay(q.end)))) {
    if (q.end >= period.start && q.end <= period.end && q.end < today) {
      out.push({ kind: q.kind, key: q.key, start: q.start, end: q.end, label_vi: q.label_vi });
    }
  }
  return out;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export interface MeetingsContext {
  period: Pick<PeriodRef, "start" | "end">;
  quarters: readonly PeriodRef[];
  /** The commune a commune's data is shown under (its group in the mode). */
  groupOf(communeId: string, teamCode?: string | null): string;
  communeLabel(communeId: string): string;
  teamName(communeId: string, teamCode: string): string;
  /** The first day a commune no longer exists (its valid_to), or null. */
  communeEnd(communeId: string): string | null;
  /** Commune (group) id → its row in the breakdown. */
  order: ReadonlyMap<string, number>;
}

/** A commune's meetings worked out from the flat summaries (./monthly.ts `CommuneSummary`). */
export interface SummarisedMeetings {
  commune_id: string;
  total: number;
  by_kind: Record<MeetingKind, number>;
  owed: number;
  skipped: { team_code: string; quarter: string }[];
}

const zeroKinds = () => Object.fromEntries(Object.keys(MEETING_KINDS).map((k) => [k, 0])) as Record<MeetingKind, number>;

/**
 * Per commune (as grouped), in the order of the breakdown: meetings held in the period by kind, the
 * team-quarters owing a periodic meeting, and those skipped. `meetings` are read from the start of
 * the first quarter checked (which may begin before the period) to the period's end.
 */
export function meetingsByCommune(
  teams: readonly Pick<TeamRow, "commune_id" | "team_code" | "founded_on" | "dissolved_on">[],
  meetings: readonly MeetingTeamRow[],
  ctx: MeetingsContext,
  summarised: readonly SummarisedMeetings[] = [],
): MeetingsOfCommune[] {
  const out = new Map<string, MeetingsOfCommune>();
  const at = (communeId: string, teamCode: string | null) => {
    const g = ctx.groupOf(communeId, teamCode);
    let it = out.get(g);
    if (!it) {
      it = { commune_id: g, commune: ctx.communeLabel(g), total: 0, by_kind: zeroKinds(), owed: 0, skipped: [] };
      out.set(g, it);
    }
    return it;
  };
  /** `commune|team|quarter` of each periodic meeting held. */
  const held = new Set<string>();
  for (const m of meetings) {
    if (m.meeting_date >= ctx.period.start && m.meeting_date <= ctx.period.end) {
      const it = at(m.commune_id, m.team_code);
      it.total += m.n;
      if (m.kind in it.by_kind) it.by_kind[m.kind] += m.n;
    }
    if (PERIODIC.has(m.kind)) held.add(`${m.commune_id}|${m.team_code}|${periodKeyOf("quarter", m.meeting_date)}`);
  }
  for (const t of teams) {
    const end = ctx.communeEnd(t.commune_id);
    for (const q of ctx.quarters) {
      const exists = t.founded_on <= q.end && (!t.dissolved_on || t.dissolved_on > q.end) && (!end || end > q.end);
      if (!exists) continue;
      const it = at(t.commune_id, t.team_code);
      it.owed++;
      if (!held.has(`${t.commune_id}|${t.team_code}|${q.key}`)) {
        it.skipped.push({ team_code: t.team_code, team_name: ctx.teamName(t.commune_id, t.team_code), quarter: q.key });
      }
    }
  }
  // Communes read from the flat summaries (./monthly.ts): the same counts, worked out per commune.
  for (const m of summarised) {
    const it = at(m.commune_id, null);
    it.total += m.total;
    for (const k of Object.keys(m.by_kind) as MeetingKind[]) it.by_kind[k] += m.by_kind[k];
    it.owed += m.owed;
    for (const s of m.skipped) it.skipped.push({ ...s, team_name: ctx.teamName(m.commune_id, s.team_code) });
  }
  const rank = (id: string) => ctx.order.get(id) ?? ctx.order.size;
  const list = [...out.values()].sort((a, b) => rank(a.commune_id) - rank(b.commune_id) || compareVi(a.commune, b.commune));
  for (const it of list) it.skipped.sort((a, b) => a.quarter.localeCompare(b.quarter) || a.team_code.localeCompare(b.team_code));
  return list;
}
