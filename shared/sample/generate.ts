/**
 * Seeded generator of commune workbooks that pass every rule: villages, teams of 3–5 with one
 * leader and one deputy, 30–50 households a team, a range of weekly reports (some missing),
 * population changes, ad-hoc reports, meetings (some skipped), evaluations and the plan's milestones;
 * teams may be dissolved on a date, their logs ending before it. The pilot sample (./pilot) and the
 * benchmarks use it at different sizes. Options added later draw from their own seeded stream, so
 * a workbook generated without them stays the same.
 */
import { addDays, format, parseISO } from "date-fns";
import type { TeamRole } from "../enums";
import { isoWeekKey, periodKeyOf, weekEnd } from "../periods";
import { PLAN_MILESTONES } from "../plan";
import type { Workbook } from "../schemas";
import { fold } from "../text";
import { POSITIONS, personName } from "./names";
import { type Random, seeded } from "./random";
import { steeringRoster } from "./steering";

export interface VillageSpec {
  village_code: string;
  village_name: string;
  ethnic_identity: boolean;
  /** How many teams the village has. */
  teams: number;
}

export interface CommuneSpec {
  seed: number;
  commune_code: string;
  commune_name: string;
  villages: VillageSpec[];
  /** Teams are founded on this date; reports run from its week. */
  founded_on: string;
  /** Last day reports and logs are generated for ('yyyy-MM-dd'). */
  until: string;
  /**
   * Every team is dissolved on this date: the first day it no longer exists (the Tổ sheet's "Ngày
   * giải thể"). Its weekly reports, population changes, ad-hoc reports and meetings end before it
   * (cases still open then stay open: the commune handles them). The register carries the date.
   */
  dissolved_on?: string;
  /** Share of team-weeks with a report (default 0.92). */
  reportRate?: number;
  /** Share of the quarterly (6-month, yearly) meetings a team holds (default 1: every one). */
  meetingRate?: number;
  /** Skip weekly reports and logs (register only). */
  registerOnly?: boolean;
}

type Rows<K extends keyof Workbook> = Workbook[K];
const day = (d: Date) => format(d, "yyyy-MM-dd");

/** Every ISO week key from the week holding `from` to the week holding `to`. */
export function weeksBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = parseISO(from); day(d) <= to; d = addDays(d, 7)) out.push(isoWeekKey(day(d)));
  const last = isoWeekKey(to);
  if (out[out.length - 1] !== last) out.push(last);
  return out;
}

function members(r: Random, teamCode: string, used: Set<string>): Rows<"members"> {
  const n = r.int(3, 5);
  return Array.from({ length: n }, (_, i) => {
    let full_name = personName(r);
    while (used.has(fold(full_name))) full_name = personName(r);
    used.add(fold(full_name));
    const role: TeamRole = i === 0 ? "leader" : i === 1 ? "deputy" : "member";
    return {
      team_code: teamCode,
      member_no: i + 1,
      full_name,
      current_position: r.pick(POSITIONS),
      role,
      phone: `09${String(r.int(10000000, 99999999))}`,
    };
  });
}

export function generateCommune(spec: CommuneSpec): Workbook {
  const r = seeded(spec.seed);
  const wb = emptyWorkbook();
  const usedMembers = new Set<string>();
  for (const v of spec.villages) {
    wb.villages.push({ village_code: v.village_code, village_name: v.village_name, ethnic_identity: v.ethnic_identity });
    const heads = new Set<string>();
    let householdSeq = 0;
    for (let t = 1; t <= v.teams; t++) {
      const team_code = `${v.village_code}-T${t}`;
      wb.teams.push({
        team_code,
        team_name: `Tổ số ${t}`,
        village_code: v.village_code,
        founded_on: spec.founded_on,
        ...(spec.dissolved_on ? { dissolved_on: spec.dissolved_on } : {}),
        decision_no: `${spec.commune_code.slice(-2)}-QĐ/ĐU`,
        zalo_group: `DVCĐ ${v.village_name} - Tổ ${t}`,
      });
      const team = members(r, team_code, usedMembers);
      wb.members.push(...team);
      const responsible = team.slice(0, 2).map((m) => m.full_name);
      const nHouseholds = r.int(30, 50);
      for (let h = 1; h <= nHouseholds; h++) {
        let head_name = personName(r);
        let birth_year = r.int(1940, 2000);
        while (heads.has(`${fold(head_name)}|${birth_year}`)) {
          head_name = personName(r);
          birth_year = r.int(1940, 2000);
        }
        heads.add(`${fold(head_name)}|${birth_year}`);
        householdSeq++;
        wb.households.push({
          household_code: `${v.village_code}-${String(householdSeq).padStart(4, "0")}`,
          team_code,
          responsible,
          household_no: h,
          head_name,
          birth_year,
          members_count: r.int(1, 8),
          in_zalo: r.chance(0.85),
          ethnicity: v.ethnic_identity && r.chance(0.7) ? "Sán Dìu" : "Kinh",
        });
      }
    }
  }
  if (!spec.registerOnly) addLogs(r, spec, wb);
  wb.steering.push(...steeringRoster(seeded(spec.seed + 1), usedMembers));
  for (const rows of Object.values(wb)) {
    (rows as { _row?: number }[]).forEach((row, i) => {
      row._row = i + 2;
    });
  }
  return wb;
}

/** The last day a team logs anything: `until`, or the day before the teams are dissolved. */
function lastLogDay(spec: CommuneSpec): string {
  if (!spec.dissolved_on) return spec.until;
  const before = day(addDays(parseISO(spec.dissolved_on), -1));
  return before < spec.until ? before : spec.until;
}

function addLogs(r: Random, spec: CommuneSpec, wb: GeneratedWorkbook) {
  const ethnicVillages = new Set(wb.villages.filter((v) => v.ethnic_identity).map((v) => v.village_code));
  const until = lastLogDay(spec);
  const weeks = weeksBetween(spec.founded_on, until).filter((w) => weekEnd(w) <= until);
  const rate = spec.reportRate ?? 0.92;
  // Skipped meetings draw from a stream of their own: the main stream (and so every other row) is
  // the same with or without them.
  const skips = seeded(spec.seed ^ 0x6d656574);
  const meetingRate = spec.meetingRate ?? 1;
  for (const team of wb.teams) {
    const teamCode = String(team.team_code);
    const ethnic = ethnicVillages.has(String(team.village_code));
    const crew = wb.members.filter((m) => m.team_code === teamCode);
    const homes = wb.households.filter((h) => h.team_code === teamCode);
    for (const week of weeks) {
      if (!r.chance(rate)) continue;
      const submitted = day(addDays(parseISO(weekEnd(week)), r.int(0, 3)));
      wb.weekly.push({
        week,
        team_code: teamCode,
        reporter: String(crew[0]!.full_name),
        submitted_on: submitted > spec.until ? spec.until : submitted,
        broadcasts: r.int(1, 7),
        zalo_posts: r.int(0, 12),
        households_visited: r.int(0, 20),
        covid_new_cases: r.int(0, 3),
        covid_violations: r.int(0, 2),
        covid_vaccination: r.int(0, 15),
        antt_incidents: r.int(0, 2),
        antt_disputes_mediated: r.int(0, 1),
        antt_police_reports: r.int(0, 1),
        env_violations: r.int(0, 2),
        env_cleanups: r.int(0, 1),
        env_waste_sorting: r.int(0, homes.length),
        ...(ethnic ? { ethnic_activities: r.int(0, 2), ethnic_participants: r.int(0, 60) } : {}),
        ...(r.chance(0.1) ? { difficulties: "Một số hộ chưa tham gia nhóm Zalo do không có điện thoại thông minh." } : {}),
      });
    }
    // About one population change per team a month, on distinct (date, household, type).
    const seen = new Set<string>();
    for (let d = parseISO(spec.founded_on); day(d) <= until; d = addDays(d, r.int(20, 40))) {
      const home = r.pick(homes);
      const change_type = r.pick(["birth", "birth", "death", "move_in", "move_out"] as const);
      const key = `${day(d)}|${home.household_code}|${change_type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      wb.changes.push({ change_date: day(d), household_code: String(home.household_code), change_type, people: 1 });
    }
    // About one ad-hoc report per team a quarter.
    let seq = 0;
    for (let d = parseISO(spec.founded_on); day(d) <= until; d = addDays(d, r.int(60, 120))) {
      const area = ethnic ? r.pick(["covid", "antt", "env", "ethnic"] as const) : r.pick(["covid", "antt", "env"] as const);
      const old = day(addDays(d, 30)) < spec.until;
      wb.adhoc.push({
        report_code: `DX-${teamCode}-${String(++seq).padStart(3, "0")}`,
        report_date: day(d),
        team_code: teamCode,
        area,
        urgency: r.pick(["normal", "normal", "urgent", "critical"] as const),
        content: r.pick(ADHOC_CONTENT[area]),
        action_taken: old ? "Tổ đã đến tận hộ tuyên truyền, nhắc nhở." : undefined,
        referred_to: area === "antt" ? "Công an xã" : undefined,
        status: old ? "resolved" : r.pick(["open", "in_progress"] as const),
      });
    }
    // Meetings at each quarter end (the plan: "định kỳ hằng quý, 6 tháng, 01 năm tổ họp"); the June
    // one is the 6-month meeting, the December one yearly. A skipped meeting is still evaluated.
    for (const q of quarterEnds(spec.founded_on, until)) {
      const month = q.slice(5, 7);
      const members_present = r.int(Math.max(2, crew.length - 1), crew.length);
      if (meetingRate >= 1 || !skips.chance(1 - meetingRate)) {
        wb.meetings.push({
          meeting_date: q,
          team_code: teamCode,
          kind: month === "06" ? "half_year" : month === "12" ? "yearly" : "quarterly",
          members_present,
          results: "Đánh giá kết quả tuyên truyền, vận động trong kỳ.",
          solutions: "Tiếp tục duy trì nhóm Zalo và tuyên truyền trên loa truyền thanh.",
        });
      }
      wb.evaluations.push({
        period: periodKeyOf("quarter", q),
        team_code: teamCode,
        rating: r.pick(["excellent", "good", "good", "done"] as const),
        commendation: r.chance(0.15) ? "Giấy khen của UBND xã" : undefined,
      });
    }
  }
  // The commune's quarterly report ("Báo cáo kỳ"), written after each quarter (no random draw, so
  // the other sheets stay as they were).
  for (const q of quarterEnds(spec.founded_on, spec.until)) {
    wb.period_reports.push({
      period: periodKeyOf("quarter", q),
      results: "Các tổ duy trì báo cáo tuần, tuyên truyền trên loa truyền thanh và nhóm Zalo.",
      directions: "Tiếp tục nắm tình hình các hộ, báo cáo đúng hạn.",
    });
  }
  for (const m of PLAN_MILESTONES) {
    const done = m.due_on <= spec.until;
    wb.milestones.push({
      milestone_code: m.code,
      title: m.title_vi,
      due_on: m.due_on,
      done_on: done ? day(addDays(parseISO(m.due_on), -r.int(0, 3))) : undefined,
      status: done ? "done" : "todo",
    });
  }
}

function emptyWorkbook() {
  return {
    villages: [] as Rows<"villages">,
    teams: [] as Rows<"teams">,
    members: [] as Rows<"members">,
    households: [] as Rows<"households">,
    changes: [] as Rows<"changes">,
    weekly: [] as Rows<"weekly">,
    adhoc: [] as Rows<"adhoc">,
    meetings: [] as Rows<"meetings">,
    evaluations: [] as Rows<"evaluations">,
    milestones: [] as Rows<"milestones">,
    steering: [] as Rows<"steering">,
    period_reports: [] as Rows<"period_reports">,
  };
}
type GeneratedWorkbook = ReturnType<typeof emptyWorkbook>;

/** Last days of the quarters that end inside [from, until]. */
function quarterEnds(from: string, until: string): string[] {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(until.slice(0, 4)); y++) {
    for (const md of ["03-31", "06-30", "09-30", "12-31"]) {
      const d = `${y}-${md}`;
      if (d >= from && d <= until) out.push(d);
    }
  }
  return out;
}

const ADHOC_CONTENT = {
  covid: ["Phát hiện hộ có người từ vùng dịch về chưa khai báo y tế.", "Tụ tập đông người tại đám cưới, không đeo khẩu trang."],
  antt: ["Mâu thuẫn đất đai giữa hai hộ liền kề.", "Phát hiện đối tượng lạ nghi trộm cắp vải thiều."],
  env: ["Đổ rác thải sinh hoạt ra ven đường liên thôn.", "Đốt rơm rạ gây khói bụi khu dân cư."],
  ethnic: ["Tổ chức lớp dạy hát Soọng cô cho thanh niên.", "Phục dựng trang phục truyền thống người Sán Dìu."],
} as const;
