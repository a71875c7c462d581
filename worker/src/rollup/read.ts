/**
 * Reading what a rollup needs from the aggregate tables only (0003_aggregates.sql), in ONE D1 batch:
 * teams, their weekly sums, population changes, ad-hoc reports, meetings, evaluations, milestones and
 * the communes' last receipts. What is read follows the link: a commune's own free text (team and
 * village names, ad-hoc content, commendations, milestone titles, weekly notes) only for a detail
 * link — an aggregate link gets the names of ./labels.ts — and at depth "commune" sums per commune
 * instead of lists (./types.ts RollupDepth). The rows of a split commune whose data goes by village
 * (./groups.ts) are read per team — `team_code`, or `split_commune` and `split_team` beside sums that
 * are otherwise across communes — so the rollup can place or leave out each village's part.
 */
import { isOnTime, weekEnd, weekStart, weeksInPeriod } from "../../../shared/periods";
import { officialVillages, teamLabel, villageLabel } from "./labels";
import { type AdhocCountRow, type ChangeMonthRow, LOG_SQL } from "./log-rows";
import { type CohortRow, type CommuneMeetingRow, type CommuneMonthRow, type NotDueRow, SUMMARY_SQL, type SummaryRows } from "./monthly";
import type {
  AdhocRow,
  ChangeRow,
  CommendationRow,
  CommuneMetaRow,
  CountRow,
  EvalRow,
  MeetingRow,
  MeetingTeamRow,
  MilestoneRow,
  NoteRow,
  OpenRow,
  TeamRow,
  VillageUnitRow,
  WeeklyRow,
} from "./rows";
import type { PeriodRef, RollupDepth } from "./types";
import type { UnitRow } from "./units";

/**
 * ?1 of every statement is `{"ids": [the communes read], "split": [those read per team], "team": [those
 * whose teams are read], "sum": [those read from the flat summaries instead, ./monthly.ts]}` (JSON).
 */
const IN_COMMUNES = "commune_id IN (SELECT value FROM json_each(?1, '$.ids'))";
const TEAM_COMMUNES = "commune_id IN (SELECT value FROM json_each(?1, '$.team'))";
const SUM_COMMUNES = "commune_id IN (SELECT value FROM json_each(?1, '$.sum'))";
const SPLIT = (alias = "") => `${alias}commune_id IN (SELECT value FROM json_each(?1, '$.split'))`;
/** Beside sums across communes: which split commune and team a row is of (NULL for the others). */
const SPLIT_COLUMNS = `CASE WHEN ${SPLIT()} THEN commune_id END AS split_commune, CASE WHEN ${SPLIT()} THEN team_code END AS split_team`;
const SPLIT_GROUP = `CASE WHEN ${SPLIT()} THEN commune_id END, CASE WHEN ${SPLIT()} THEN team_code END`;
/** Beside sums per commune: the team, for a split commune only. */
const SPLIT_TEAM = `CASE WHEN ${SPLIT()} THEN team_code END`;

/**
 * The last week up to `upTo` with a weekly report among the given communes (for the default
 * period): one index seek per commune on agg_team_weeks' key (commune_id, week, team_code).
 */
export async function lastWeekWithData(db: D1Database, communeIds: string[], upTo: string): Promise<string | null> {
  const row = await db
    .prepare(
      `SELECT max((SELECT week FROM agg_team_weeks w WHERE w.commune_id = c.value AND w.week <= ?2 ORDER BY week DESC LIMIT 1)) AS week
       FROM json_each(?1) c`,
    )
    .bind(JSON.stringify(communeIds), upTo)
    .first<{ week: string | null }>();
  return row?.week ?? null;
}

export interface ReadRequest {
  communes: UnitRow[];
  /** Of these, the split communes whose rows go by village: read per team (./groups.ts `byVillage`). */
  split: readonly string[];
  period: PeriodRef;
  /** A detail (commune) link: the commune's own names and texts. */
  detail: boolean;
  depth: RollupDepth;
  /** The current instant (ISO): weeks whose deadline has not passed are not due. */
  now: string;
  /** The weekly count columns to sum (shared/weekly-counts.ts). */
  counts: readonly string[];
  /** Meetings per team are read from this day (the first quarter checked, ./meetings.ts); default the period's start. */
  meetingsFrom?: string;
  /** Of the communes, those read from the flat summaries (depth "commune", ./monthly.ts): no team of theirs is read. */
  summarised?: readonly string[];
  /** The months of the period (./monthly.ts `monthsOf`), when some communes are summarised. */
  months?: readonly string[];
}

export interface AggregateRows {
  /** With the names the link may show (a commune's own only on a detail link). */
  teams: TeamRow[];
  weekly: WeeklyRow[];
  changes: ChangeRow[];
  adhoc: AdhocRow[];
  /** Open ad-hoc reports (depth "team"), or their counts per commune and urgency (depth "commune"). */
  open: OpenRow[];
  openCounts: CountRow[];
  meetings: MeetingRow[];
  /** Each team's meetings from `meetingsFrom` to the period's end. */
  meetingTeams: MeetingTeamRow[];
  evaluations: EvalRow[];
  /** Teams proposed for commendation (depth "team"), or how many per commune (depth "commune"). */
  commendations: CommendationRow[];
  commendationCounts: CountRow[];
  milestones: MilestoneRow[];
  meta: CommuneMetaRow[];
  /** Weekly difficulties and proposals: detail links only. */
  notes: NoteRow[];
  /** The summarised communes' rows (./monthly.ts). */
  summaries: SummaryRows;
  /** The summarised communes' ad-hoc reports, counted per area, urgency and status (./log-rows.ts). */
  adhocCounts: AdhocCountRow[];
  /** The summarised communes' population changes, packed per commune (./log-rows.ts). */
  changeMonths: ChangeMonthRow[];
}

/**
 * The weekly reports per team: sums of the counts (`counts`, the weekly sheet's), and the weeks
 * ('2022-W03:1,…') at depth "team". At depth "commune" counts instead, and the list only for a team
 * whose life or commune does not span every week of the period (see ./tree.ts).
 */
export function weeklySql(depth: RollupDepth, counts: readonly string[]): string {
  const weekColumns =
    depth === "team"
      ? `group_concat(week || ':' || on_time) AS weeks`
      : `count(*) AS n, sum(on_time) AS n_on_time, sum(week >= ?3) AS n_not_due,
       CASE WHEN commune_id IN (SELECT value FROM json_each(?6)) OR NOT EXISTS (SELECT 1 FROM agg_teams t
         WHERE t.commune_id = w.commune_id AND t.team_code = w.team_code
           AND t.founded_on <= ?4 AND (coalesce(t.dissolved_on, '') = '' OR t.dissolved_on > ?5))
       THEN group_concat(week || ':' || on_time) END AS weeks`;
  return `SELECT commune_id, team_code, ${weekColumns},
         ${counts.map((c) => `sum(${c}) AS ${c}`).join(", ")}
       FROM agg_team_weeks w WHERE ${TEAM_COMMUNES} AND week IN (SELECT value FROM json_each(?2))
       GROUP BY commune_id, team_code`;
}

export async function readAggregates(db: D1Database, r: ReadRequest): Promise<AggregateRows> {
  const { period, detail, depth } = r;
  const summarised = new Set(r.summarised ?? []);
  const ids = JSON.stringify({
    ids: r.communes.map((c) => c.id),
    split: r.split,
    team: r.communes.filter((c) => !summarised.has(c.id)).map((c) => c.id),
    sum: [...summarised],
  });
  const weeks = weeksInPeriod(period.key);
  // Weeks not due yet (deadline not passed) are the last ones of a period that is still running.
  const notDue = weeks.find((w) => isOnTime(w, r.now)) ?? "9999";
  const firstSunday = weeks.length ? weekEnd(weeks[0]!) : period.start;
  const lastMonday = weeks.length ? weekStart(weeks[weeks.length - 1]!) : period.end;
  const lastSunday = weeks.length ? weekEnd(weeks[weeks.length - 1]!) : period.end;
  const ended = r.communes.filter((c) => c.valid_to && c.valid_to <= lastSunday).map((c) => c.id);
  const notDueWeeks = weeks.filter((w) => w >= notDue);
  const meetingsFrom = r.meetingsFrom && r.meetingsFrom < period.start ? r.meetingsFrom : period.start;

  const q = (sql: string, ...args: unknown[]) => db.prepare(sql).bind(ids, ...args);
  const inPeriod = (sql: string) => q(sql, period.start, period.end);
  const statements = {
    // Names typed by the commune only for its own (detail) link: ./labels.ts names them otherwise.
    teams: q(
      detail
        ? `SELECT * FROM agg_teams WHERE ${TEAM_COMMUNES}`
        : `SELECT commune_id, team_code, village_code, ethnic_identity, founded_on, dissolved_on, members, households, people,
             zalo_households, zalo_known FROM agg_teams WHERE ${TEAM_COMMUNES}`,
    ),
    weekly: q(
      weeklySql(depth, r.counts),
      JSON.stringify(weeks),
      ...(depth === "team" ? [] : [notDue, firstSunday, lastMonday, JSON.stringify(ended)]),
    ),
    changes: inPeriod(
      depth === "team"
        ? `SELECT commune_id, team_code, change_type, sum(events) AS events, sum(people) AS people FROM agg_changes
           WHERE ${IN_COMMUNES} AND change_date BETWEEN ?2 AND ?3 GROUP BY commune_id, team_code, change_type`
        : LOG_SQL.changes,
    ),
    // The summarised communes' logs from their months (./log-rows.ts), the others' per team.
    adhoc: inPeriod(
      `SELECT area, urgency, status, sum(n) AS n, ${SPLIT_COLUMNS} FROM agg_adhoc
       WHERE ${TEAM_COMMUNES} AND report_date BETWEEN ?2 AND ?3 GROUP BY area, urgency, status, ${SPLIT_GROUP}`,
    ),
    open: q(
      depth === "commune"
        ? `SELECT commune_id, ${SPLIT_TEAM} AS team_code, urgency, count(*) AS n FROM agg_adhoc_open
           WHERE ${IN_COMMUNES} AND report_date <= ?2 GROUP BY commune_id, ${SPLIT_TEAM}, urgency`
        : detail
          ? `SELECT o.*, a.content FROM agg_adhoc_open o JOIN adhoc_reports a USING (commune_id, report_code)
           WHERE o.${IN_COMMUNES} AND o.report_date <= ?2 ORDER BY o.report_date, o.report_code`
          : `SELECT * FROM agg_adhoc_open WHERE ${IN_COMMUNES} AND report_date <= ?2 ORDER BY report_date, report_code`,
      period.end,
    ),
    // Summarised communes (never split) from their months, the others from their teams' meetings.
    meetings: inPeriod(
      `SELECT kind, sum(n) AS n, sum(members_present) AS members_present, split_commune, split_team FROM (
         SELECT kind, n, members_present, ${SPLIT_COLUMNS} FROM agg_meetings WHERE ${TEAM_COMMUNES} AND meeting_date BETWEEN ?2 AND ?3
         UNION ALL
         SELECT kind, n, members_present, NULL, NULL FROM agg_commune_meetings
         WHERE ${SUM_COMMUNES} AND month BETWEEN substr(?2, 1, 7) AND substr(?3, 1, 7))
       GROUP BY kind, split_commune, split_team`,
    ),
    meetingTeams: q(
      `SELECT commune_id, team_code, meeting_date, kind, n FROM agg_meetings WHERE ${TEAM_COMMUNES} AND meeting_date BETWEEN ?2 AND ?3`,
      meetingsFrom,
      period.end,
    ),
    // The flat summaries (0030) of the communes read whole at depth "commune" (./monthly.ts).
    cohorts: summarised.size ? q(SUMMARY_SQL.cohorts) : null,
    months: summarised.size
      ? q(SUMMARY_SQL.months(r.counts), r.months?.[0] ?? period.start.slice(0, 7), r.months?.at(-1) ?? period.end.slice(0, 7))
      : null,
    meetingMonths: summarised.size ? q(SUMMARY_SQL.meetings, meetingsFrom.slice(0, 7), period.end.slice(0, 7)) : null,
    notDue: summarised.size && notDueWeeks.length ? q(SUMMARY_SQL.notDue, JSON.stringify(notDueWeeks)) : null,
    adhocCounts: summarised.size ? inPeriod(LOG_SQL.adhocCounts) : null,
    changeMonths: summarised.size ? inPeriod(LOG_SQL.changeMonths) : null,
    evaluations: inPeriod(LOG_SQL.evaluations),
    commendations: inPeriod(
      depth === "commune"
        ? LOG_SQL.commendations
        : detail
          ? `SELECT g.commune_id, g.period, g.team_code, e.commendation AS text FROM agg_evaluations g
           JOIN evaluations e USING (commune_id, period, team_code)
           WHERE g.${IN_COMMUNES} AND g.period_start <= ?3 AND g.period_end >= ?2 AND g.commendation = 1`
          : `SELECT commune_id, period, team_code FROM agg_evaluations
           WHERE ${IN_COMMUNES} AND period_start <= ?3 AND period_end >= ?2 AND commendation = 1`,
    ),
    milestones: inPeriod(
      detail
        ? `SELECT g.milestone_code, m.title, g.due_on, g.done_on, g.status, CASE WHEN ${SPLIT("g.")} THEN g.commune_id END AS split_commune
           FROM agg_milestones g JOIN milestones m USING (commune_id, milestone_code) WHERE g.${IN_COMMUNES} AND g.due_on BETWEEN ?2 AND ?3`
        : `SELECT milestone_code, due_on, done_on, status, CASE WHEN ${SPLIT()} THEN commune_id END AS split_commune
           FROM agg_milestones WHERE ${IN_COMMUNES} AND due_on BETWEEN ?2 AND ?3`,
    ),
    meta: q(`SELECT commune_id, last_received_at FROM agg_communes WHERE ${IN_COMMUNES}`),
    // A commune's own free text: read from its reports (never for aggregate links).
    notes: detail
      ? q(
          `SELECT commune_id, team_code, week, difficulties, proposals FROM weekly_reports
       WHERE ${IN_COMMUNES} AND week IN (SELECT value FROM json_each(?2)) AND withdrawn_at IS NULL
         AND (trim(coalesce(difficulties, '')) <> '' OR trim(coalesce(proposals, '')) <> '')
       ORDER BY week, team_code`,
          JSON.stringify(weeks),
        )
      : null,
    // Village names from the unit list (admin data), for ./labels.ts.
    villages:
      !detail && depth === "team"
        ? q(
            `SELECT parent_id, code, name, kind_vi, level FROM units WHERE level = 'village' AND parent_id IN (SELECT value FROM json_each(?1, '$.ids'))`,
          )
        : null,
  };

  const names = Object.keys(statements) as (keyof typeof statements)[];
  const asked = names.filter((k) => statements[k] !== null);
  const results = await db.batch(asked.map((k) => statements[k]!));
  const got = new Map(asked.map((k, i) => [k, (results[i]?.results ?? []) as unknown[]]));
  const rows = <T>(k: keyof typeof statements) => (got.get(k) ?? []) as T[];

  const official = officialVillages(rows<VillageUnitRow>("villages"));
  const teams = detail
    ? rows<TeamRow>("teams")
    : rows<TeamRow>("teams").map((t) => ({
        ...t,
        team_name: teamLabel(t.team_code),
        village_name: villageLabel(t.village_code, official.get(`${t.commune_id}|${t.village_code}`)),
      }));
  const perCommune = depth === "commune";
  return {
    teams,
    weekly: rows<WeeklyRow>("weekly"),
    changes: rows<ChangeRow>("changes"),
    adhoc: rows<AdhocRow>("adhoc"),
    open: perCommune ? [] : rows<OpenRow>("open"),
    openCounts: perCommune ? rows<CountRow>("open") : [],
    meetings: rows<MeetingRow>("meetings"),
    meetingTeams: rows<MeetingTeamRow>("meetingTeams"),
    evaluations: rows<EvalRow>("evaluations"),
    commendations: perCommune ? [] : rows<CommendationRow>("commendations"),
    commendationCounts: perCommune ? rows<CountRow>("commendations") : [],
    milestones: rows<MilestoneRow>("milestones"),
    meta: rows<CommuneMetaRow>("meta"),
    notes: rows<NoteRow>("notes"),
    summaries: {
      cohorts: rows<CohortRow>("cohorts"),
      months: rows<CommuneMonthRow>("months"),
      meetings: rows<CommuneMeetingRow>("meetingMonths"),
      notDue: rows<NotDueRow>("notDue"),
    },
    adhocCounts: rows<AdhocCountRow>("adhocCounts"),
    changeMonths: rows<ChangeMonthRow>("changeMonths"),
  };
}
