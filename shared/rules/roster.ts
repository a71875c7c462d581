/** Rules on the roster (mẫu 01): villages, teams and their members. */

import type { Issue } from "../issues";
import { fold } from "../text";
import { groupBy, type Rule } from "./context";

/**
 * A team has 3–5 members, exactly one Tổ trưởng and one Tổ phó (plan, section II.2). Member rows
 * with errors count (the clerk sees them); when one's role does not read, the roles are not judged
 * (that row's own cell says what is wrong).
 */
export const teamComposition: Rule = (ctx) => {
  const out: Issue[] = [];
  ctx.wb.teams.forEach((t, i) => {
    const members: { role?: unknown }[] = [...(ctx.membersByTeam.get(t.team_code) ?? []), ...ctx.erroredOfTeam("members", t.team_code)];
    const rolesKnown = members.every((m) => m.role !== undefined);
    const n = members.length;
    if (n < 3 || n > 5) {
      out.push(
        ctx.issue(
          "teams",
          t,
          i,
          "team_code",
          "team_size",
          "error",
          `Tổ "${t.team_name}" có ${n} thành viên; mỗi tổ phải có từ 3 đến 5 thành viên.`,
        ),
      );
    }
    const leaders = members.filter((m) => m.role === "leader").length;
    const deputies = members.filter((m) => m.role === "deputy").length;
    if (rolesKnown && leaders !== 1) {
      out.push(
        ctx.issue(
          "teams",
          t,
          i,
          "team_code",
          "team_leader_count",
          "error",
          `Tổ "${t.team_name}" có ${leaders} Tổ trưởng; phải có đúng 1 Tổ trưởng.`,
        ),
      );
    }
    if (rolesKnown && deputies !== 1) {
      out.push(
        ctx.issue(
          "teams",
          t,
          i,
          "team_code",
          "team_deputy_count",
          "error",
          `Tổ "${t.team_name}" có ${deputies} Tổ phó; phải có đúng 1 Tổ phó.`,
        ),
      );
    }
    if (t.dissolved_on && t.dissolved_on < t.founded_on) {
      out.push(ctx.issue("teams", t, i, "dissolved_on", "date_order", "error", "Ngày giải thể không được trước ngày thành lập."));
    }
  });
  return out;
};

/** Teams stand in a village of the Thôn sheet; members in a team of the Tổ sheet (rows with errors are there too). */
export const rosterReferences: Rule = (ctx) => {
  const out: Issue[] = [];
  ctx.wb.teams.forEach((t, i) => {
    if (!ctx.exists("villages", t.village_code)) {
      out.push(
        ctx.issue("teams", t, i, "village_code", "unknown_village", "error", `Không có thôn mã "${t.village_code}" trong trang Thôn.`),
      );
    }
  });
  ctx.wb.members.forEach((m, i) => {
    if (!ctx.exists("teams", m.team_code)) {
      out.push(ctx.issue("members", m, i, "team_code", "unknown_team", "error", `Không có tổ mã "${m.team_code}" trong trang Tổ.`));
    }
  });
  return out;
};

/**
 * A member sits in one team. The same person is the same folded name and, when both rows give
 * one, the same phone number (two people may share a name; a phone tells them apart).
 */
export const memberInOneTeam: Rule = (ctx) => {
  const out: Issue[] = [];
  const byName = groupBy(
    ctx.wb.members.map((m, i) => ({ m, i })),
    ({ m }) => fold(m.full_name),
  );
  for (const rows of byName.values()) {
    if (rows.length < 2) continue;
    const [first, ...rest] = rows;
    for (const { m, i } of rest) {
      const samePerson = !m.phone || !first!.m.phone || m.phone === first!.m.phone;
      if (samePerson && m.team_code !== first!.m.team_code) {
        out.push(
          ctx.issue(
            "members",
            m,
            i,
            "full_name",
            "member_in_two_teams",
            "error",
            `${m.full_name} đã là thành viên tổ "${first!.m.team_code}"; mỗi người chỉ tham gia một tổ (nếu là người khác trùng tên, hãy ghi số điện thoại).`,
          ),
        );
      }
    }
  }
  return out;
};
