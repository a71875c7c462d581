/**
 * The dry run of a commune list: each line of the file (./roster-file.ts) judged against the
 * national unit list and the communes already registered — new, already there (with what would
 * change), or refused with every reason, in Vietnamese. Pure: the caller loads what it needs
 * (./roster.ts). Nothing is guessed: a code that lost its leading zero, an old commune merged in
 * 2025, a name that does not match the code are refused with the likely fix, never corrected.
 */
import { name, phone } from "../../../shared/cells";
import { fold, formatDateVi, nfc } from "../../../shared/text";
import * as z from "../../../shared/zod-vi";
import { FIELD_HEADERS, type RosterField, type RosterLine } from "./roster-file";

/** A unit as the check needs it. */
export interface RosterUnit {
  id: string;
  code: string;
  level: string;
  name: string;
  /** "Phường Chũ, Tỉnh Bắc Ninh". */
  label: string;
  valid_from: string;
  valid_to: string | null;
  successor_ids: string[];
}

export interface ClerkFields {
  clerk_name: string | null;
  clerk_phone: string | null;
  clerk_email: string | null;
}
export const CLERK_FIELDS = ["clerk_name", "clerk_phone", "clerk_email"] as const satisfies readonly (keyof ClerkFields)[];

export interface RosterContext {
  /** Communes of the unit list by GSO code (every era). */
  byCode: ReadonlyMap<string, RosterUnit[]>;
  /** Units named as successors, by id (for "merged into …"). */
  byId: ReadonlyMap<string, RosterUnit>;
  /** Which of the communes above are under the unit being filled; null: every one. */
  inScope: ReadonlySet<string> | null;
  /** "Tỉnh Bắc Ninh": the unit being filled, for messages. */
  scopeLabel: string;
  /** What is registered already (commune_records), by unit id. */
  records: ReadonlyMap<string, ClerkFields>;
  today: string;
}

export type RosterStatus = "new" | "existing" | "refused";

export interface RosterRow {
  line: number;
  code: string;
  status: RosterStatus;
  unit?: { id: string; label: string };
  /** Clerk fields given in the file (blank cells keep what is stored: null here). */
  values: ClerkFields;
  /** For an existing commune: the headers of the fields that would change. */
  changes: string[];
  reasons: string[];
}

const CLERK_NAME = name("clerk_name", false, { header: FIELD_HEADERS.clerk_name });
const CLERK_PHONE = phone("clerk_phone", false, { header: FIELD_HEADERS.clerk_phone });
const EMAIL = z.email({ error: `"${FIELD_HEADERS.clerk_email}" không phải địa chỉ email hợp lệ.` }).max(254);

/** A cell that a spreadsheet would run as a formula (OWASP "CSV Injection"); "+84…" in a phone is a number. */
function formulaProblem(field: RosterField, v: string): string | null {
  const ch = v.charAt(0);
  if (!/[=+\-@]/.test(ch)) return null;
  if (field === "clerk_phone" && /^\+84[\d\s.]+$/.test(v)) return null;
  const shown = v.length > 40 ? `${v.slice(0, 40)}…` : v;
  return `Ô "${FIELD_HEADERS[field]}" bắt đầu bằng "${ch}" như một công thức bảng tính ("${shown}"): không nhận nội dung dạng công thức. Hãy xóa ký tự "${ch}" ở đầu rồi tải lại.`;
}

const isCurrent = (u: RosterUnit, today: string) => u.valid_from <= today && (u.valid_to === null || today < u.valid_to);

/** The commune a code names today, or why there is none. */
function unitOf(code: string, ctx: RosterContext): { unit: RosterUnit } | { reason: string } {
  const all = ctx.byCode.get(code) ?? [];
  const current = all.find((u) => isCurrent(u, ctx.today));
  if (current) return { unit: current };
  if (!all.length) return { reason: `Không có xã, phường nào mã ${code} trong danh mục đơn vị hành chính.` };
  const last = [...all].sort((a, b) => (a.valid_from < b.valid_from ? 1 : -1))[0]!;
  const next = last.successor_ids.map((id) => ctx.byId.get(id)).filter((u): u is RosterUnit => !!u);
  const into = next.length ? `, nay thuộc ${next.map((u) => `${u.label} (mã ${u.code})`).join(" và ")}` : "";
  const ended = last.valid_to ? ` đã kết thúc từ ${formatDateVi(last.valid_to)}` : " không còn";
  return { reason: `Mã ${code} là ${last.label}${ended}${into}. Hãy dùng mã xã hiện nay.` };
}

/** "Quý Sơn" matches "Xã Quý Sơn" and "xa quy son"; a different name does not. */
function sameName(given: string, u: RosterUnit): boolean {
  const g = fold(given);
  const n = fold(u.name);
  return g === n || g.endsWith(` ${n}`) || n.endsWith(` ${g}`);
}

export function checkRoster(lines: readonly RosterLine[], ctx: RosterContext): RosterRow[] {
  // Codes written on more than one line: every such line is refused (which one is right is not guessed).
  const linesOf = new Map<string, number[]>();
  for (const l of lines) {
    const code = nfc(l.cells.code ?? "");
    if (/^\d{5}$/.test(code)) linesOf.set(code, [...(linesOf.get(code) ?? []), l.line]);
  }

  return lines.map((l) => {
    const reasons: string[] = [];
    const cell = (f: RosterField) => nfc(l.cells[f] ?? "");
    for (const f of Object.keys(l.cells) as RosterField[]) {
      const p = formulaProblem(f, cell(f));
      if (p) reasons.push(p);
    }
    const code = cell("code");
    let unit: RosterUnit | undefined;
    if (!code) reasons.push("Thiếu mã xã.");
    else if (/^\d{1,4}$/.test(code)) {
      const padded = code.padStart(5, "0");
      const found = ctx.byCode.get(padded)?.find((u) => isCurrent(u, ctx.today));
      reasons.push(
        `Mã xã "${code}" chỉ có ${code.length} chữ số: có thể Excel đã bỏ số 0 ở đầu${found ? ` — nếu là ${padded} (${found.label})` : ""}. Hãy định dạng cột Mã xã là Văn bản (Text) và ghi đủ 5 chữ số.`,
      );
    } else if (!/^\d{5}$/.test(code)) {
      if (!formulaProblem("code", code)) reasons.push(`Mã xã "${code.slice(0, 40)}" phải gồm đúng 5 chữ số (ví dụ 07525).`);
    } else {
      const same = linesOf.get(code)!;
      if (same.length > 1) {
        reasons.push(`Mã xã ${code} có ở ${same.length} dòng (${same.join(", ")}): mỗi xã chỉ ghi một dòng. Hãy giữ một dòng rồi tải lại.`);
      }
      const found = unitOf(code, ctx);
      if ("reason" in found) reasons.push(found.reason);
      else if (ctx.inScope && !ctx.inScope.has(found.unit.id)) {
        reasons.push(`${found.unit.label} không thuộc ${ctx.scopeLabel}: bạn chỉ thêm được xã thuộc đơn vị mình phụ trách.`);
      } else {
        unit = found.unit;
        const given = cell("commune_name");
        if (given && !sameName(given, unit)) {
          reasons.push(`Mã ${code} là ${unit.name}, nhưng tên xã trong tệp là "${given.slice(0, 60)}": hãy kiểm tra lại mã hoặc tên.`);
        }
      }
    }

    const values: ClerkFields = { clerk_name: null, clerk_phone: null, clerk_email: null };
    const nameText = cell("clerk_name");
    if (nameText && !formulaProblem("clerk_name", nameText)) {
      const r = CLERK_NAME.schema.safeParse(nameText);
      if (r.success) values.clerk_name = r.data ?? null;
      else reasons.push(...r.error.issues.map((i) => i.message));
    }
    const phoneText = cell("clerk_phone");
    if (phoneText && !formulaProblem("clerk_phone", phoneText)) {
      const r = CLERK_PHONE.schema.safeParse(phoneText);
      if (r.success) values.clerk_phone = r.data ?? null;
      else reasons.push(`${r.error.issues[0]!.message} (đã ghi "${phoneText.slice(0, 30)}")`);
    }
    const emailText = cell("clerk_email").toLowerCase();
    if (emailText && !formulaProblem("clerk_email", emailText)) {
      const r = EMAIL.safeParse(emailText);
      if (r.success) values.clerk_email = r.data;
      else reasons.push(`${r.error.issues[0]!.message} (đã ghi "${emailText.slice(0, 60)}")`);
    }

    if (reasons.length || !unit) {
      return {
        line: l.line,
        code,
        status: "refused",
        ...(unit ? { unit: { id: unit.id, label: unit.label } } : {}),
        values,
        changes: [],
        reasons,
      };
    }
    const stored = ctx.records.get(unit.id);
    const changes = stored ? CLERK_FIELDS.filter((f) => values[f] !== null && values[f] !== stored[f]).map((f) => FIELD_HEADERS[f]) : [];
    return { line: l.line, code, status: stored ? "existing" : "new", unit: { id: unit.id, label: unit.label }, values, changes, reasons };
  });
}
