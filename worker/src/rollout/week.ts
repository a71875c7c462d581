/**
 * The week of a list of communes, for "This week": per commune the last accepted submission, the
 * teams that owe that week's report, and the refused submissions since the week began. Reads the
 * commune's own register and receipts (teams, weekly_reports, submissions) and the refusals
 * (0014_submission_refusals.sql) by index, a few queries for any number of communes. Teams are
 * named by code only: what a commune typed stays on its own pages.
 */
import { type Period, parsePeriodKey, weeklyDeadline } from "../../../shared/periods";
import { oneDatabase, perShard, type ShardGroups } from "../db/shard";

export type WeekState = "submitted" | "partial" | "missing" | "no_teams" | "never";

export interface Refusal {
  at: string;
  code: string;
  reason: string | null;
  issues: number;
  issue_codes: Record<string, number>;
}

export interface CommuneWeek {
  commune_id: string;
  state: WeekState;
  /** Teams that existed during the week. */
  expected: string[];
  /** Of those, the ones with no report for the week. */
  owing: string[];
  /** Reports received for the week, and how many of them by the deadline. */
  received: number;
  on_time: number;
  last_submission_at: string | null;
  refusals: Refusal[];
}

export interface WeekReport {
  week: Period;
  /** The instant reports are due (end of the Monday after the week, Vietnam time). */
  deadline: Date;
  communes: Map<string, CommuneWeek>;
}

const json = (ids: readonly string[]) => JSON.stringify([...new Set(ids)]);

/** The week's state per commune; their data is where `shards` says (../db/shard.ts; default: all in `db`). */
export async function weekOf(
  db: D1Database,
  communeIds: readonly string[],
  weekKey: string,
  shards: ShardGroups = oneDatabase(db),
): Promise<WeekReport | null> {
  const week = parsePeriodKey(weekKey);
  if (week?.kind !== "week") return null;
  const deadline = weeklyDeadline(week.key);
  const communes = new Map<string, CommuneWeek>(
    communeIds.map((id) => [
      id,
      { commune_id: id, state: "no_teams", expected: [], owing: [], received: 0, on_time: 0, last_submission_at: null, refusals: [] },
    ]),
  );
  if (!communeIds.length) return { week, deadline, communes };
  // The week starts at 00:00 on its Monday in Vietnam (UTC+7, no daylight saving).
  const from = new Date(`${week.start}T00:00:00+07:00`).toISOString();
  // Per database holding some of the communes (../db/shard.ts); the rows are per commune: concatenated.
  const parts = await perShard(shards, communeIds, (d, part) => {
    const ids = json(part);
    return d.batch([
      d
        .prepare(
          `SELECT commune_id, team_code FROM teams WHERE commune_id IN (SELECT value FROM json_each(?1))
           AND founded_on <= ?3 AND (dissolved_on IS NULL OR dissolved_on > ?2) ORDER BY commune_id, team_code`,
        )
        .bind(ids, week.start, week.end),
      d
        .prepare(
          `SELECT commune_id, team_code, first_received_at FROM weekly_reports
         WHERE commune_id IN (SELECT value FROM json_each(?1)) AND week = ?2 AND withdrawn_at IS NULL`,
        )
        .bind(ids, week.key),
      d
        .prepare(
          `SELECT commune_id, max(received_at) AS at FROM submissions WHERE commune_id IN (SELECT value FROM json_each(?1)) GROUP BY commune_id`,
        )
        .bind(ids),
      d
        .prepare(
          `SELECT commune_id, at, code, reason, issues, issue_codes FROM submission_refusals
         WHERE commune_id IN (SELECT value FROM json_each(?1)) AND at >= ?2 ORDER BY at DESC`,
        )
        .bind(ids, from),
    ]);
  });
  const [teams, reports, last, refusals] = [0, 1, 2, 3].map((i) => ({ results: parts.flatMap((p) => p[i]!.results) }));
  for (const t of teams!.results as { commune_id: string; team_code: string }[]) communes.get(t.commune_id)?.expected.push(t.team_code);
  const reported = new Map<string, Set<string>>();
  for (const r of reports!.results as { commune_id: string; team_code: string; first_received_at: string }[]) {
    const c = communes.get(r.commune_id);
    if (!c) continue;
    c.received++;
    if (Date.parse(r.first_received_at) <= deadline.getTime()) c.on_time++;
    reported.set(r.commune_id, (reported.get(r.commune_id) ?? new Set()).add(r.team_code));
  }
  for (const r of last!.results as { commune_id: string; at: string }[]) {
    const c = communes.get(r.commune_id);
    if (c) c.last_submission_at = r.at;
  }
  for (const r of refusals!.results as (Omit<Refusal, "issue_codes"> & { commune_id: string; issue_codes: string | null })[]) {
    communes.get(r.commune_id)?.refusals.push({
      at: r.at,
      code: r.code,
      reason: r.reason,
      issues: r.issues,
      issue_codes: r.issue_codes ? (JSON.parse(r.issue_codes) as Record<string, number>) : {},
    });
  }
  for (const c of communes.values()) {
    const got = reported.get(c.commune_id) ?? new Set<string>();
    c.owing = c.expected.filter((t) => !got.has(t));
    c.state = !c.expected.length
      ? c.last_submission_at
        ? "no_teams"
        : "never"
      : !c.owing.length
        ? "submitted"
        : c.owing.length < c.expected.length
          ? "partial"
          : "missing";
  }
  return { week, deadline, communes };
}

export const WEEK_STATE_LABELS: Record<WeekState, string> = {
  submitted: "đã nộp",
  partial: "nộp thiếu",
  missing: "chưa nộp",
  no_teams: "chưa có tổ",
  never: "chưa gửi lần nào",
};

/** The states a reminder is for. */
export const LATE_STATES: readonly WeekState[] = ["missing", "partial", "never"];
