/** Rules on what teams log: population changes, reports, meetings, evaluations. */
import type { Issue } from "../issues";
import { weekEnd, weekStart } from "../periods";
import type { SheetKey } from "../templates";
import { WEEKLY_COUNT_GROUPS } from "../weekly-counts";
import { type Rule, type RuleContext, villageOfTeam } from "./context";

/** A population change refers to a household of the register (a row there with errors counts). */
export const changeHousehold: Rule = (ctx) =>
  ctx.wb.changes.flatMap((c, i) =>
    ctx.exists("households", c.household_code)
      ? []
      : [
          ctx.issue(
            "changes",
            c,
            i,
            "household_code",
            "unknown_household",
            "error",
            `Không có hộ mã "${c.household_code}" trong trang Hộ gia đình.`,
          ),
        ],
  );

/** Reports, meetings and evaluations name a team of the Tổ sheet (a row there with errors counts). */
export const logTeams: Rule = (ctx) => {
  const out: Issue[] = [];
  const sheets = ["weekly", "adhoc", "meetings", "evaluations"] as const satisfies readonly SheetKey[];
  for (const sheet of sheets) {
    (ctx.wb[sheet] as { team_code: string; _row?: number }[]).forEach((r, i) => {
      if (!ctx.exists("teams", r.team_code)) {
        out.push(ctx.issue(sheet, r, i, "team_code", "unknown_team", "error", `Không có tổ mã "${r.team_code}" trong trang Tổ.`));
      }
    });
  }
  return out;
};

/** A weekly report is for a week the team existed in, and not sent before the week began. */
export const weeklyDates: Rule = (ctx) => {
  const out: Issue[] = [];
  ctx.wb.weekly.forEach((r, i) => {
    const team = ctx.teams.get(r.team_code);
    const start = weekStart(r.week);
    const end = weekEnd(r.week);
    if (start > ctx.today) {
      out.push(ctx.issue("weekly", r, i, "week", "future_week", "error", `Tuần ${r.week} chưa bắt đầu.`));
    }
    if (r.submitted_on < start) {
      out.push(ctx.issue("weekly", r, i, "submitted_on", "date_order", "error", `Ngày báo cáo phải từ ngày đầu tuần ${r.week} trở đi.`));
    }
    if (team && (end < team.founded_on || (team.dissolved_on && start >= team.dissolved_on))) {
      out.push(
        ctx.issue(
          "weekly",
          r,
          i,
          "week",
          "team_not_active",
          "warning",
          `Tổ "${team.team_name}" chưa thành lập hoặc đã giải thể trong tuần ${r.week}.`,
        ),
      );
    }
  });
  return out;
};

function ethnicEnabled(ctx: RuleContext, teamCode: string): boolean | undefined {
  return villageOfTeam(ctx, teamCode)?.ethnic_identity;
}

/** Ethnic-identity figures and reports only where the village enables that task area. */
export const ethnicOnlyWhereEnabled: Rule = (ctx) => {
  const out: Issue[] = [];
  ctx.wb.weekly.forEach((r, i) => {
    if (ethnicEnabled(ctx, r.team_code) !== false) return;
    for (const { key: col } of WEEKLY_COUNT_GROUPS.ethnic) {
      if ((r[col] ?? 0) > 0) {
        out.push(
          ctx.issue(
            "weekly",
            r,
            i,
            col,
            "ethnic_not_enabled",
            "error",
            "Thôn của tổ không có nhiệm vụ giữ gìn bản sắc dân tộc; để trống cột này.",
          ),
        );
      }
    }
  });
  ctx.wb.adhoc.forEach((r, i) => {
    if (r.area === "ethnic" && ethnicEnabled(ctx, r.team_code) === false) {
      out.push(ctx.issue("adhoc", r, i, "area", "ethnic_not_enabled", "error", "Thôn của tổ không có nhiệm vụ giữ gìn bản sắc dân tộc."));
    }
  });
  return out;
};

/** A meeting cannot have more members present than the team has (member rows with errors count). */
export const meetingAttendance: Rule = (ctx) =>
  ctx.wb.meetings.flatMap((m, i) => {
    const valid = ctx.membersByTeam.get(m.team_code)?.length;
    const errored = ctx.erroredOfTeam("members", m.team_code).length;
    const n = valid === undefined && errored === 0 ? undefined : (valid ?? 0) + errored;
    return n !== undefined && m.members_present > n
      ? [ctx.issue("meetings", m, i, "members_present", "attendance_over_team_size", "error", `Tổ chỉ có ${n} thành viên.`)]
      : [];
  });
