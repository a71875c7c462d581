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

/** Per team at depth "team"; per commune at depth "commune", `teams` then listing the team codes (JSON). */
export interface ChangeRow {
  commune_id: string;
  team_code?: string;
  teams?: string;
  change_type: ChangeType;
  events: number;
  people: number;
}

export interface AdhocRow {
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

/** Depth "commune": open ad-hoc reports and commendations counted per commune (and urgency). */
export interface CountRow {
  commune_id: string;
  urgency?: Urgency;
  n: number;
}

export interface MeetingRow {
  kind: MeetingKind;
  n: number;
  members_present: number;
}

export interface EvalRow {
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

export interface MilestoneRow {
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
