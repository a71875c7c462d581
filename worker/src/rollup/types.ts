/**
 * The Rollup: what a link shows for one unit and one period, as HTML, JSON and CSV.
 * Aggregate-scope (district) rollups hold no household-level data and no free text; `detail` fields
 * are filled only for detail-scope (commune) links.
 */
import type { AdhocStatus, ChangeType, FigureGroup, MeetingKind, Rating, TaskArea, Urgency } from "../../../shared/enums";
import type { PeriodKind } from "../../../shared/periods";
import type { RollupMode, UnitLevel } from "../../../shared/units";
import type { CountsOf } from "../../../shared/weekly-counts";
import type { SteeringSummary } from "./steering-types";

export type { RollupMode, UnitLevel };
export type RollupScope = "aggregate" | "detail";

export interface UnitRef {
  id: string;
  code: string;
  level: UnitLevel;
  /** "xã Hồng Giang", "huyện Lục Ngạn". */
  label_vi: string;
  valid_from: string;
  valid_to: string | null;
}

export interface PeriodRef {
  kind: PeriodKind;
  key: string;
  start: string;
  end: string;
  label_vi: string;
}

/** Register figures (the commune's current register), over teams active in the period. */
export interface RegisterFigures {
  teams: number;
  members: number;
  households: number;
  people: number;
  zalo_households: number;
  /** Households whose Zalo answer is known (the others are "Chưa rõ", shared/unknown.ts). */
  zalo_known: number;
  /** Percent of the households with a known answer that are in the team's Zalo group, one decimal; null without any. */
  zalo_pct: number | null;
  /** Teams looking after fewer than 30 or more than 50 households (shared/rules/households.ts). */
  teams_outside_range: number;
}

/**
 * Weekly reporting, as DHIS2 counts it: reporting rate = actual reports / expected reports,
 * on-time rate = actual reports on time / expected reports
 * (https://community.dhis2.org/t/reporting-rates-doubts/45256); expected reports follow each
 * team's founding and dissolution, as DHIS2 does with org units' opening and closed dates
 * (https://community.dhis2.org/t/reporting-rates-open-closed/26926). Only reports for expected
 * weeks count towards `received`; a week is not expected before its deadline has passed.
 */
export interface ReportingFigures {
  expected: number;
  received: number;
  on_time: number;
  late: number;
  missing: number;
  reporting_rate: number | null;
  on_time_rate: number | null;
}

/** Summed weekly counts of group `G`, keyed by the weekly sheet's column keys (shared/weekly-counts.ts). */
export type GroupFigures<G extends FigureGroup> = Record<CountsOf<G>, number>;

export type PropagandaFigures = GroupFigures<"propaganda">;

/** Summed weekly counts per task area; `ethnic` is null where no village has the task. */
export type TaskFigures = { [A in TaskArea]: A extends "ethnic" ? GroupFigures<A> | null : GroupFigures<A> };

export interface ChangeFigures {
  by_type: Record<ChangeType, { events: number; people: number }>;
  /** Births + moves in − deaths − moves out (shared/enums.ts CHANGE_SIGN). */
  net: number;
}

export interface Figures {
  register: RegisterFigures;
  reporting: ReportingFigures;
  propaganda: PropagandaFigures;
  tasks: TaskFigures;
  changes: ChangeFigures;
}

export interface TeamNode extends Figures {
  team_code: string;
  team_name: string;
  founded_on: string;
  dissolved_on: string | null;
  /** Expected weeks of the period without a report. */
  missing_weeks: string[];
}

export interface VillageNode extends Figures {
  /** The commune whose register holds the village (differs from the node's unit after a merger). */
  source_commune_id: string;
  village_code: string;
  village_name: string;
  ethnic_identity: boolean;
  teams: TeamNode[];
}

/**
 * The pseudo-group of a rollup in "current" mode that holds the data of a split commune whose new
 * unit is not known: its villages not mapped yet ("Chuyển đổi thôn"), and its rows that belong to no
 * village (e.g. changes of a household no longer in the register). Shown as one row, clearly labelled,
 * never under one of the successors; on a successor's own (commune) link it is left out.
 */
export const UNDETERMINED: Readonly<UnitRef> = {
  id: "chua-xac-dinh",
  code: "",
  level: "commune",
  label_vi: "Chưa xác định đơn vị mới",
  valid_from: "",
  valid_to: null,
};

export interface CommuneNode extends Figures {
  /** The commune the data is shown under: itself (as_was) or today's successor (current); UNDETERMINED. */
  unit: UnitRef;
  /** True for the pseudo-group UNDETERMINED (its `sources` are the split communes, its villages theirs). */
  undetermined?: true;
  /** Its parents, top first (province, district). */
  parents: UnitRef[];
  /** The communes whose data is in this node (several after a merger in current mode). */
  sources: UnitRef[];
  last_received_at: string | null;
  villages: VillageNode[];
}

export interface MissingReports {
  commune: string;
  village: string;
  team_code: string;
  team_name: string;
  weeks: string[];
}

/** Per commune (as grouped in the mode): its teams with weekly reports missing, and how many reports. */
export interface MissingByCommune {
  commune_id: string;
  commune: string;
  /** Teams with at least one expected week without a report. */
  teams: number;
  /** Expected weekly reports not received (the commune's `reporting.missing`). */
  reports: number;
}

export interface OpenAdhoc {
  commune: string;
  team_code: string;
  team_name: string;
  report_code: string;
  report_date: string;
  area: TaskArea;
  urgency: Urgency;
  status: AdhocStatus;
  /** Only for detail-scope links. */
  content?: string;
}

/** Open ad-hoc reports of one commune (as grouped in the mode). */
export interface OpenAdhocByCommune {
  commune_id: string;
  commune: string;
  total: number;
  by_urgency: Record<Urgency, number>;
}

export interface AdhocSummary {
  total: number;
  by_area: Record<TaskArea, number>;
  by_urgency: Record<Urgency, number>;
  by_status: Record<AdhocStatus, number>;
  /** Not yet resolved, reported up to the end of the period (empty at depth "commune"). */
  open: OpenAdhoc[];
  /** The same, counted per commune, in the order of the communes. */
  open_by_commune: OpenAdhocByCommune[];
}

export interface MeetingSummary {
  total: number;
  members_present: number;
  by_kind: Record<MeetingKind, number>;
  /** The quarters checked for periodic meetings: those ending in the period, before today (./meetings.ts). */
  quarters: string[];
  /** Per commune (as grouped in the mode), in the order of the breakdown. */
  by_commune: MeetingsOfCommune[];
}

/** One commune's meetings in the period, and its teams' periodic meetings owed and skipped. */
export interface MeetingsOfCommune {
  commune_id: string;
  commune: string;
  total: number;
  by_kind: Record<MeetingKind, number>;
  /** Team-quarters owing a periodic (quarterly, 6-month or yearly) meeting. */
  owed: number;
  /** Those without one: the team (by code on an aggregate link) and the quarter's key. */
  skipped: { team_code: string; team_name: string; quarter: string }[];
}

export interface EvaluationSummary {
  /** Evaluation periods overlapping the selected period. */
  periods: { key: string; label_vi: string; by_rating: Record<Rating, number>; rated: number; commendations: number }[];
  by_rating: Record<Rating, number>;
  /** Teams proposed for commendation (empty at depth "commune"). */
  commendations: { commune: string; team_code: string; team_name: string; period: string; text?: string }[];
  /** Commendations proposed per commune, in the order of the communes. */
  commendations_by_commune: { commune_id: string; commune: string; count: number }[];
}

export interface MilestoneSummary {
  /** Milestones due in the period, across communes, status relative to `today`. */
  items: { code: string; title: string; due_on: string; done: number; overdue: number; pending: number }[];
  done: number;
  overdue: number;
  pending: number;
}

/** Difficulties and proposals written in weekly reports (detail links only). */
export interface WeeklyNote {
  commune: string;
  team_code: string;
  team_name: string;
  week: string;
  difficulties: string | null;
  proposals: string | null;
}

/**
 * How deep a rollup goes: "team" (the default: communes → villages → teams, every missing week), or
 * "commune" (communes only: no villages or teams; `missing_reports`, `adhoc.open` and
 * `evaluations.commendations` empty, their per-commune counts kept), what the HTML page of a link
 * above commune level shows.
 */
export type RollupDepth = "team" | "commune";

export interface Rollup {
  unit: UnitRef & { parents: UnitRef[] };
  /**
   * A drill-down: the one commune (as grouped in `mode`) of the link's unit this rollup is limited to.
   * Absent for the whole unit.
   */
  commune?: UnitRef & { parents: UnitRef[] };
  scope: RollupScope;
  mode: RollupMode;
  /** Present ("commune") only when villages and teams were left out (see RollupDepth). */
  depth?: "commune";
  period: PeriodRef;
  today: string;
  totals: Figures;
  communes: CommuneNode[];
  /**
   * Current mode: the split communes (2025 reform) whose rows go by village (./groups.ts). What belongs
   * to such a commune as a whole (its Ban Chỉ đạo, its milestones) is shown only under UNDETERMINED.
   */
  split_communes?: string[];
  missing_reports: MissingReports[];
  missing_by_commune: MissingByCommune[];
  adhoc: AdhocSummary;
  meetings: MeetingSummary;
  evaluations: EvaluationSummary;
  milestones: MilestoneSummary;
  /** Only for detail-scope links. */
  notes?: WeeklyNote[];
  /** The plan's steering bodies (./steering.ts); added by the link's route. */
  steering?: SteeringSummary;
}
