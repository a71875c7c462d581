/**
 * The plan's two steering bodies and the composition rules it sets for them, checked as warnings
 * (a body that departs from the plan is still recorded). Pure; the add-on checks the commune's
 * "Ban Chỉ đạo" sheet with it, the worker the rosters it stores, from names-free counts.
 *   - Ban Chỉ đạo xã (plan section II.1.2): 7–9 members; Trưởng ban the Bí thư Đảng ủy; two Phó
 *     Trưởng ban, the Phó Bí thư Thường trực and a leader of the UBND; members the Chủ tịch UBMTTQ,
 *     the heads of the mass organisations, the head of the health station, the head of the commune
 *     police and the land/agriculture/construction/environment officer.
 *   - Tổ hướng dẫn và giám sát (plan sections II.1.1, IV): 6 members; Tổ trưởng the Trưởng Ban Dân
 *     vận; members from the health, environment, police and culture offices and the Phó Trưởng Ban
 *     Dân vận.
 */
import { choice, int, name, phone, text } from "./cells";
import { GUIDANCE_ROLES, GUIDANCE_SEATS, STEERING_ROLES, STEERING_SEATS, type Vocabulary } from "./enums";
import * as z from "./zod-vi";

export interface Composition<R extends string = string, S extends string = string> {
  /** "Ban Chỉ đạo xã". */
  body: string;
  size: { min: number; max: number };
  roles: Vocabulary<R>;
  seats: Vocabulary<S>;
  /** Positions the plan names: how many hold the role, and the seat each of them comes from. */
  positions: { role: R; seats: readonly S[] }[];
  /** Seats that must be there, in any role (at least one member each). */
  required: readonly S[];
}

export const STEERING_COMPOSITION: Composition<keyof typeof STEERING_ROLES, keyof typeof STEERING_SEATS> = {
  body: "Ban Chỉ đạo xã",
  size: { min: 7, max: 9 },
  roles: STEERING_ROLES,
  seats: STEERING_SEATS,
  positions: [
    { role: "head", seats: ["party_secretary"] },
    { role: "deputy", seats: ["standing_deputy", "people_committee"] },
  ],
  required: ["front", "mass_org", "health", "police", "land_env"],
};

export const GUIDANCE_COMPOSITION: Composition<keyof typeof GUIDANCE_ROLES, keyof typeof GUIDANCE_SEATS> = {
  body: "Tổ hướng dẫn và giám sát",
  size: { min: 6, max: 6 },
  roles: GUIDANCE_ROLES,
  seats: GUIDANCE_SEATS,
  positions: [{ role: "head", seats: ["dv_head"] }],
  required: ["dv_deputy", "health", "environment", "police", "culture"],
};

export interface CompositionMember {
  role: string;
  seat: string;
}

/** A departure from the plan: a stable code ("size", "role_count:head", "role_seat:head:party_secretary", "seat:health") and its Vietnamese text. */
export interface CompositionWarning {
  code: string;
  message_vi: string;
}

/** How a body departs from the plan's composition; empty when it follows it. */
export function checkComposition(spec: Composition, members: readonly CompositionMember[]): CompositionWarning[] {
  const out: CompositionWarning[] = [];
  const n = members.length;
  const { min, max } = spec.size;
  if (n < min || n > max) {
    const want = min === max ? `${min}` : `từ ${min} đến ${max}`;
    out.push({ code: "size", message_vi: `${spec.body} có ${n} thành viên; kế hoạch quy định ${want} đồng chí.` });
  }
  for (const p of spec.positions) {
    const label = spec.roles[p.role];
    const holders = members.filter((m) => m.role === p.role);
    if (holders.length !== p.seats.length) {
      out.push({
        code: `role_count:${p.role}`,
        message_vi: `${spec.body} có ${holders.length} ${label}; kế hoạch quy định ${p.seats.length}.`,
      });
    }
    for (const seat of p.seats) {
      if (!holders.some((m) => m.seat === seat)) {
        out.push({
          code: `role_seat:${p.role}:${seat}`,
          message_vi: `${label} của ${spec.body} phải có ${spec.seats[seat]} (theo kế hoạch).`,
        });
      }
    }
  }
  for (const seat of spec.required) {
    if (!members.some((m) => m.seat === seat)) {
      out.push({ code: `seat:${seat}`, message_vi: `${spec.body} chưa có thành viên là ${spec.seats[seat]}.` });
    }
  }
  return out;
}

/** The members a list of counts stands for (`{role, seat, n}` → n members), to check a body stored without names. */
export function membersOfCounts(counts: readonly (CompositionMember & { n: number })[]): CompositionMember[] {
  return counts.flatMap((c) => Array.from({ length: c.n }, () => ({ role: c.role, seat: c.seat })));
}

/**
 * One member of the district's Tổ hướng dẫn và giám sát as the supervising office sends it (the
 * worker's POST /api/admin/guidance-teams): cells read as the templates read them.
 */
export const guidanceMemberSchema = z.strictObject({
  member_no: int("member_no", true, { header: "STT", min: 1, max: 99 }).schema,
  full_name: name("full_name", true, { header: "Họ và tên" }).schema,
  current_position: text("current_position", false, { header: "Chức vụ hiện tại", max: 150 }).schema,
  seat: choice("seat", true, { header: "Thành phần", vocab: GUIDANCE_SEATS }).schema,
  role: choice("role", true, { header: "Chức vụ trong Tổ", vocab: GUIDANCE_ROLES }).schema,
  phone: phone("phone", false, { header: "Số điện thoại" }).schema,
});
export type GuidanceMember = z.output<typeof guidanceMemberSchema>;
