/**
 * What an import adds to the standard sheets (Thôn, Tổ, Thành viên, Hộ gia đình), given what is
 * already there. Never overwrites: villages, teams and members that exist are reused, households
 * whose head (name and birth year) already exist in the team are skipped. Codes are generated
 * (village "QT", team "QT-T1", household "QT-0001"). Pure.
 */
import { readNumber } from "../../shared/cells";
import { TEAM_ROLES } from "../../shared/enums";
import { norm, type RawRow } from "../../shared/sheet-model";
import { UNKNOWN_LABEL } from "../../shared/unknown";
import { asCode, CodeAllocator } from "./codes";
import type { Mau01 } from "./import-mau01";
import type { ImportProblem, Mau02 } from "./import-mau02";

export type Row = Record<string, unknown>;

export interface Register {
  villages: readonly Row[];
  teams: readonly Row[];
  members: readonly Row[];
  households: readonly Row[];
}

export interface ImportPlan {
  add: { villages: Row[]; teams: Row[]; members: Row[]; households: Row[] };
  /** Rows of the source not imported because they are already in the sheets. */
  skipped: ImportProblem[];
  /** Rows of the source that could not be read. */
  problems: ImportProblem[];
  /** What the clerk still has to fill in, in Vietnamese. */
  reminders: string[];
}

const VILLAGE_WORDS = /^(thon|to dan pho|tdp|xom|ban|lang|khu pho|khu|ap|to)\s+/;

/** The distinctive part of a village name: "Thôn Quý Thịnh (thôn Ngọt)" → "quy thinh". */
export function villageCore(name: unknown): string {
  return norm(name)
    .replace(/\(.*?\)/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(VILLAGE_WORDS, "")
    .trim();
}

/** A short village code from its name: "Thôn Quý Thịnh" → "QT". */
export function villageCodeFor(name: string): string {
  const core = villageCore(name).replace(/[^a-z0-9 ]/g, "");
  const words = core.split(" ").filter(Boolean);
  let code = words.length >= 2 ? words.map((w) => (/^\d+$/.test(w) ? w : w[0])).join("") : (words[0] ?? "").slice(0, 3);
  code = code.toUpperCase();
  return code || "TH";
}

/** The number of a team name: "Tổ số 1", "Tổ 1", "TỔ SỐ 01" → 1. */
export function teamNumber(name: unknown): number | null {
  const m = /(\d+)/.exec(norm(name));
  return m ? Number(m[1]) : null;
}

function asNumberOr(v: unknown): unknown {
  const n = readNumber(v);
  return typeof n === "number" && Number.isFinite(n) ? n : v;
}

/** Household identity inside a team: folded head name and birth year. */
function headKey(team: string, head: unknown, birth: unknown): string {
  return `${team}|${norm(head)}|${String(asNumberOr(typeof birth === "string" ? birth.trim() : birth))}`;
}

class RegisterIndex {
  readonly add: ImportPlan["add"] = { villages: [], teams: [], members: [], households: [] };
  private readonly villages: Row[];
  private readonly teams: Row[];
  private readonly membersByTeam = new Map<string, Set<string>>();
  private readonly memberNo = new Map<string, number>();
  private readonly heads = new Set<string>();
  private readonly teamCodes = new Set<string>();
  private readonly villageCodes = new Set<string>();
  readonly households: CodeAllocator;

  constructor(reg: Register) {
    this.villages = [...reg.villages];
    this.teams = [...reg.teams];
    for (const v of reg.villages) this.villageCodes.add(asCode(v.village_code));
    for (const t of reg.teams) this.teamCodes.add(asCode(t.team_code));
    for (const m of reg.members) this.noteMember(asCode(m.team_code), m.full_name, m.member_no);
    for (const h of reg.households) this.heads.add(headKey(asCode(h.team_code), h.head_name, h.birth_year));
    this.households = new CodeAllocator(
      reg.households.map((h) => h.household_code),
      4,
    );
  }

  private noteMember(team: string, name: unknown, no: unknown) {
    let set = this.membersByTeam.get(team);
    if (!set) {
      set = new Set();
      this.membersByTeam.set(team, set);
    }
    set.add(norm(name));
    const n = readNumber(no);
    if (typeof n === "number" && Number.isFinite(n)) this.memberNo.set(team, Math.max(this.memberNo.get(team) ?? 0, n));
  }

  /** The code of a village, by code or name; created when unknown. */
  village(name: string, code?: string): { code: string; created: boolean } {
    if (code) {
      const c = asCode(code);
      const found = this.villages.find((v) => asCode(v.village_code) === c);
      if (found) return { code: c, created: false };
    }
    const core = villageCore(name);
    const found = this.villages.find((v) => core && villageCore(v.village_name) === core);
    if (found) return { code: asCode(found.village_code), created: false };
    let base = code ? asCode(code) : villageCodeFor(name);
    if (!base) base = "TH";
    let c = base;
    for (let i = 2; this.villageCodes.has(c); i++) c = `${base}${i}`;
    this.villageCodes.add(c);
    const row = { village_code: c, village_name: name, ethnic_identity: "" };
    this.villages.push(row);
    this.add.villages.push(row);
    return { code: c, created: true };
  }

  /** The code of a team of a village, by number or name; created when unknown. */
  team(village: string, name: string): { code: string; created: boolean } {
    const n = teamNumber(name);
    const found = this.teams.find(
      (t) => asCode(t.village_code) === village && (norm(t.team_name) === norm(name) || (n !== null && teamNumber(t.team_name) === n)),
    );
    if (found) return { code: asCode(found.team_code), created: false };
    let seq = n ?? this.teams.filter((t) => asCode(t.village_code) === village).length + 1;
    let c = `${village}-T${seq}`;
    while (this.teamCodes.has(c)) c = `${village}-T${++seq}`;
    this.teamCodes.add(c);
    const row = { team_code: c, team_name: name, village_code: village, founded_on: "" };
    this.teams.push(row);
    this.add.teams.push(row);
    return { code: c, created: true };
  }

  hasMember(team: string, name: string): boolean {
    return this.membersByTeam.get(team)?.has(norm(name)) ?? false;
  }

  addMember(team: string, m: { no?: unknown; full_name: string; current_position?: string; role?: string; note?: string }): void {
    const given = readNumber(m.no);
    const no = typeof given === "number" && Number.isFinite(given) ? given : (this.memberNo.get(team) ?? 0) + 1;
    this.noteMember(team, m.full_name, no);
    this.add.members.push({
      team_code: team,
      member_no: no,
      full_name: m.full_name,
      current_position: m.current_position ?? "",
      role: roleLabel(m.role ?? ""),
      note: m.note ?? "",
    });
  }

  hasHousehold(team: string, head: unknown, birth: unknown): boolean {
    return this.heads.has(headKey(team, head, birth));
  }

  noteHousehold(team: string, head: unknown, birth: unknown): void {
    this.heads.add(headKey(team, head, birth));
  }
}

/** "to truong" / "TỔ TRƯỞNG" → "Tổ trưởng"; anything else stays as written (the check explains). */
function roleLabel(role: string): string {
  const f = norm(role);
  for (const label of Object.values(TEAM_ROLES)) if (norm(label) === f) return label;
  return role;
}

function plural(n: number, what: string): string {
  return `${n} ${what}`;
}

/** Plan a mẫu 01 import: villages, teams, members. */
export function planMau01(parsed: Mau01, reg: Register): ImportPlan {
  const idx = new RegisterIndex(reg);
  const skipped: ImportProblem[] = [];
  const problems = [...parsed.problems];
  for (const v of parsed.villages) {
    const village = idx.village(v.name).code;
    for (const t of v.teams) {
      if (t.members.length === 0) {
        skipped.push({ row: t.row, reason: `${t.name} (${v.name}) chưa có thành viên nào; chưa tạo tổ này.` });
        continue;
      }
      const team = idx.team(village, t.name).code;
      for (const m of t.members) {
        if (idx.hasMember(team, m.full_name)) {
          skipped.push({ row: m.row, reason: `${m.full_name} đã có trong tổ ${team}.` });
          continue;
        }
        idx.addMember(team, m);
      }
    }
  }
  return { add: idx.add, skipped, problems, reminders: reminders(idx.add) };
}

export interface Mau02Target {
  /** Code of an existing village, or of the new one. */
  village_code?: string;
  /** Name of the village (a new village is created when no village has this name or code). */
  village_name?: string;
}

/** Plan a mẫu 02 import into one village: teams (groups), responsible members, households. */
export function planMau02(parsed: Mau02, reg: Register, target: Mau02Target): ImportPlan {
  const idx = new RegisterIndex(reg);
  const skipped: ImportProblem[] = [];
  const problems = [...parsed.problems];
  const name = target.village_name?.trim() ?? "";
  if (!name && !target.village_code) {
    return { add: idx.add, skipped, problems: [{ row: null, reason: "Chưa chọn thôn cho danh sách hộ." }, ...problems], reminders: [] };
  }
  const village = idx.village(name || String(target.village_code), target.village_code).code;
  for (const g of parsed.groups) {
    if (g.households.length === 0) continue;
    const team = idx.team(village, g.name).code;
    const responsible = new Set<string>();
    for (const h of g.households) {
      if (h.responsible.length === 0) {
        problems.push({
          row: h.row,
          reason: `Hộ "${h.head_name}": nhóm "${g.name}" chưa ghi người phụ trách; đã nhập hộ, hãy bổ sung cột "Người phụ trách".`,
        });
      }
      for (const p of h.responsible) responsible.add(p);
      if (idx.hasHousehold(team, h.head_name, h.birth_year)) {
        skipped.push({ row: h.row, reason: `Hộ ${h.head_name} (${String(h.birth_year)}) đã có trong tổ ${team}.` });
        continue;
      }
      idx.noteHousehold(team, h.head_name, h.birth_year);
      const no = readNumber(h.no);
      idx.add.households.push({
        household_code: idx.households.allocate(village),
        team_code: team,
        responsible: h.responsible.join("; "),
        household_no: typeof no === "number" && Number.isFinite(no) ? no : "",
        head_name: h.head_name,
        birth_year: asNumberOr(h.birth_year),
        members_count: asNumberOr(h.members_count),
        in_zalo: UNKNOWN_LABEL, // the old lists never recorded it (issue 17): unknown, not blank
        note: h.note,
      });
    }
    for (const p of responsible) {
      if (!idx.hasMember(team, p)) idx.addMember(team, { full_name: p, note: "Thêm từ danh sách hộ (mẫu 02): hãy chọn chức vụ." });
    }
  }
  // Households without a number get the next numbers of their team.
  const maxNo = new Map<string, number>();
  for (const h of [...reg.households, ...idx.add.households]) {
    const n = readNumber(h.household_no);
    if (typeof n === "number" && Number.isFinite(n)) maxNo.set(String(h.team_code), Math.max(maxNo.get(String(h.team_code)) ?? 0, n));
  }
  for (const h of idx.add.households) {
    if (h.household_no === "") {
      const n = (maxNo.get(String(h.team_code)) ?? 0) + 1;
      maxNo.set(String(h.team_code), n);
      h.household_no = n;
    }
  }
  return { add: idx.add, skipped, problems, reminders: reminders(idx.add) };
}

function reminders(add: ImportPlan["add"]): string[] {
  const out: string[] = [];
  if (add.villages.length)
    out.push(`Trang Thôn: chọn "Nhiệm vụ giữ gìn bản sắc dân tộc" (Có/Không) cho ${plural(add.villages.length, "thôn mới")}.`);
  if (add.teams.length) out.push(`Trang Tổ: nhập "Ngày thành lập" cho ${plural(add.teams.length, "tổ mới")}.`);
  const noRole = add.members.filter((m) => !m.role).length;
  if (noRole) out.push(`Trang Thành viên: chọn "Chức vụ tham gia Tổ DVCĐ" cho ${plural(noRole, "thành viên")}.`);
  if (add.households.length) {
    const noCount = add.households.filter((h) => h.members_count === "" || h.members_count === undefined).length;
    if (noCount) out.push(`Trang Hộ gia đình: nhập "Số nhân khẩu" cho ${plural(noCount, "hộ")}.`);
    out.push(
      `Trang Hộ gia đình: cột "Tham gia nhóm Zalo" của ${plural(add.households.length, "hộ mới")} ghi "${UNKNOWN_LABEL}" vì danh sách cũ không có thông tin này; khi biết, sửa thành "Có" hoặc "Không".`,
    );
  }
  return out;
}

export type { RawRow };
