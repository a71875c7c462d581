/**
 * The rows a rollup reads from the aggregate tables (worker/migrations/0003_aggregates.sql), as
 * ./read.ts selects them for a link's scope and depth.
 */
import type { AdhocStatus, ChangeType, MeetingKind, Rating, TaskArea, Urgency } from "../../../shared/enums";
import type { Unit } from "../../../shared/units";
import type { WeeklySums } from "./figures";

export interface TeamRow {
  commune_id: string;
  team_code: string;
  team_name: string;
  village_code: string;
  village_name: string;
  ethnic_identity: number;
  founded_on: string;
  dissolved_on: string | null;
  members: number;
  households: number;
  people: number;
  zalo_households: number;
  zalo_known: number;
}

/**
 * One team's weekly reports in the period: counts, sums, and `weeks` ('2022-W03:1,…', week:on_time)
 * whenever they are needed (always at depth "team"; at depth "commune" only for a team whose life
 * or commune does not span the whole period).
 */
export type WeeklyRow = {
  commune_id: string;
  team_code: string;
  weeks: string | null;
  n?: number;
  n_on_time?: number;
  n_not_due?: number;
} & WeeklySums;

/**
 * Beside sums across communes (./read.ts): the split commune and team a row is of, for a commune whose
 * data goes by village (../groups.ts); NULL for every other commune.
 */
export interface SplitOf {
  split_commune?: string | null;
  split_team?: string | null;
}

/**
 * Per team at depth "team"; per commune at depth "commune", `teams` then listing the team codes (JSON)
 * and `team_code` NULL — but for a split commune, whose rows stay per team.
 */
export interface ChangeRow {
  commune_id: string;
  team_code?: string | null;
  teams?: string;
  change_type: ChangeType;
  events: number;
  people: number;
}

export interface AdhocRow extends SplitOf {
  area: TaskArea;
  urgency: Urgency;
  status: AdhocStatus;
  n: number;
}

export interface OpenRow {
  commune_id: string;
  report_code: string;
  report_date: string;
  team_code: string;
  area: TaskArea;
  urgency: Urgency;
  status: AdhocStatus;
  content?: string;
}

/** Depth "commune": open ad-hoc reports and commendations counted per commune (and urgency); per team for a split commune. */
export interface CountRow {
  commune_id: string;
  team_code?: string | null;
  urgency?: Urgency;
  n: number;
}

export interface MeetingRow extends SplitOf {
  kind: MeetingKind;
  n: number;
  members_present: number;
}

/** One team's meetings of a kind on a day (agg_meetings), for ./meetings.ts. */
export interface MeetingTeamRow {
  commune_id: string;
  team_code: string;
  meeting_date: string;
  kind: MeetingKind;
  n: number;
}

export interface EvalRow extends SplitOf {
  period: string;
  rating: Rating;
  n: number;
  commendations: number;
}

export interface CommendationRow {
  commune_id: string;
  period: string;
  team_code: string;
  text?: string;
}

export interface MilestoneRow extends SplitOf {
  milestone_code: string;
  /** The commune's own title: detail links only. */
  title?: string;
  due_on: string;
  done_on: string | null;
  status: string;
}

export interface CommuneMetaRow {
  commune_id: string;
  last_received_at: string | null;
}

export interface NoteRow {
  commune_id: string;
  team_code: string;
  week: string;
  difficulties: string | null;
  proposals: string | null;
}

/** A village of the unit list (admin data), for aggregate links' village names (./labels.ts). */
export type VillageUnitRow = Pick<Unit, "parent_id" | "code" | "name" | "kind_vi" | "level">;
