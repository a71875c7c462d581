/** What a rollup page shows of the plan's steering bodies (./summary.ts builds it). */
import type { CompositionMember, CompositionWarning } from "../../../shared/steering";

export interface SteeringPerson extends CompositionMember {
  member_no: number;
  full_name: string;
  current_position: string | null;
}

export interface BodySummary {
  /** The commune or supervising unit. */
  unit_id: string;
  unit: string;
  members: number;
  /** Members per position and seat (codes of shared/enums.ts). */
  composition: (CompositionMember & { n: number })[];
  warnings: CompositionWarning[];
  /** Detail links only. */
  people?: SteeringPerson[];
}

export interface SteeringSummary {
  /** Ban Chỉ đạo of each commune shown; `members` 0 when none was sent. */
  communes: BodySummary[];
  /** Tổ hướng dẫn và giám sát of the nearest supervising unit, when one was entered. */
  guidance: BodySummary | null;
}
