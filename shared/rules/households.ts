/** Rules on the household register (mẫu 02). */

import type { Issue } from "../issues";
import { fold } from "../text";
import { groupBy, type Rule, villageOfTeam } from "./context";

export const HOUSEHOLDS_PER_TEAM = { min: 30, max: 50 } as const;

/**
 * A team looks after 30–50 households (plan, section II.2); outside that is a warning. Household
 * rows with errors count: the clerk sees them on the sheet.
 */
export const householdsPerTeam: Rule = (ctx) => {
  const out: Issue[] = [];
  const byTeam = groupBy(ctx.wb.households, (h) => h.team_code);
  ctx.wb.teams.forEach((t, i) => {
    if (t.dissolved_on && t.dissolved_on <= ctx.today) return;
    const n = (byTeam.get(t.team_code)?.length ?? 0) + ctx.erroredOfTeam("households", t.team_code).length;
    if (n < HOUSEHOLDS_PER_TEAM.min || n > HOUSEHOLDS_PER_TEAM.max) {
      out.push(
        ctx.issue(
          "teams",
          t,
          i,
          "team_code",
          "households_per_team",
          "warning",
          `Tổ "${t.team_name}" phụ trách ${n} hộ; kế hoạch quy định mỗi tổ phụ trách từ ${HOUSEHOLDS_PER_TEAM.min} đến ${HOUSEHOLDS_PER_TEAM.max} hộ.`,
        ),
      );
    }
  });
  return out;
};

/**
 * The household's team is on the Tổ sheet and its responsible members belong to that team. While a
 * member row of the team has a name that does not read, who belongs is not judged (that cell says why).
 */
export const householdTeam: Rule = (ctx) => {
  const out: Issue[] = [];
  ctx.wb.households.forEach((h, i) => {
    if (!ctx.exists("teams", h.team_code)) {
      out.push(ctx.issue("households", h, i, "team_code", "unknown_team", "error", `Không có tổ mã "${h.team_code}" trong trang Tổ.`));
      return;
    }
    const members: { full_name?: unknown }[] = [
      ...(ctx.membersByTeam.get(h.team_code) ?? []),
      ...ctx.erroredOfTeam("members", h.team_code),
    ];
    if (members.some((m) => typeof m.full_name !== "string")) return;
    const names = new Set(members.map((m) => fold(m.full_name as string)));
    const strangers = h.responsible.filter((p) => !names.has(fold(p)));
    if (strangers.length) {
      out.push(
        ctx.issue(
          "households",
          h,
          i,
          "responsible",
          "responsible_not_in_team",
          "error",
          `${strangers.join(", ")} không phải thành viên tổ "${h.team_code}".`,
        ),
      );
    }
  });
  return out;
};

/** The head's birth year is a real 4-digit year no later than this year. */
export const birthYear: Rule = (ctx) => {
  const out: Issue[] = [];
  const thisYear = Number(ctx.today.slice(0, 4));
  ctx.wb.households.forEach((h, i) => {
    if (h.birth_year > thisYear) {
      out.push(ctx.issue("households", h, i, "birth_year", "out_of_range", "error", `"Năm sinh" phải từ 1900 đến ${thisYear}.`));
    }
  });
  return out;
};

/** Same head (name after NFC and case folding), same birth year, same village: likely entered twice. */
export const duplicateHousehold: Rule = (ctx) => {
  const out: Issue[] = [];
  const seen = new Map<string, { code: string; row: number }>();
  ctx.wb.households.forEach((h, i) => {
    const village = villageOfTeam(ctx, h.team_code)?.village_code ?? `?${h.team_code}`;
    const key = [fold(h.head_name), h.birth_year, village].join("|");
    const first = seen.get(key);
    if (first) {
      out.push(
        ctx.issue(
          "households",
          h,
          i,
          "head_name",
          "duplicate_household",
          "warning",
          `Hộ ${h.head_name} (${h.birth_year}) có thể trùng với hộ ${first.code} ở dòng ${first.row}.`,
        ),
      );
    } else {
      seen.set(key, { code: h.household_code, row: h._row ?? i + 2 });
    }
  });
  return out;
};
