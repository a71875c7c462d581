/**
 * The communes file (CSV, UTF-8, a header row): one commune a line — its 5-digit code, name,
 * the clerk's Google account, and optionally its unit id, write token and an existing
 * spreadsheet id. Headers are matched without case or diacritics ("Mã xã", "ma_xa", "commune_code").
 * Parsed with csv-parse (quoted fields, BOM, line breaks inside quotes).
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { COMMUNE_TOKEN_PATTERN } from "../../shared/contract";
import { UNITS } from "../../shared/data/units";
import VN from "../../shared/data/vn/units.json";
import { todayVi } from "../../shared/periods";
import { fold, nfc } from "../../shared/text";
import { isValidOn, type Unit } from "../../shared/units";
import * as z from "../../shared/zod-vi";

export interface Commune {
  unitId: string;
  code: string;
  name: string;
  clerkEmail?: string;
  /** The commune's write token (for `pull` through POST /api/submissions). */
  token?: string;
  /** A spreadsheet the commune already has (pull reads it instead of one the tool made). */
  spreadsheetId?: string;
  /** CSV line, for messages. */
  line: number;
}

/** Accepted header names (folded) of each field. */
const HEADERS: Record<keyof Omit<Commune, "line">, string[]> = {
  code: ["ma xa", "ma_xa", "commune_code", "code"],
  name: ["ten xa", "ten_xa", "commune_name", "name"],
  clerkEmail: ["email", "email van thu", "email_van_thu", "clerk_email"],
  unitId: ["unit_id", "ma don vi", "ma_don_vi"],
  token: ["ma truy cap", "ma_truy_cap", "token"],
  spreadsheetId: ["ma bang tinh", "ma_bang_tinh", "spreadsheet_id"],
};

const row = z.object({
  code: z.string().regex(/^\d{5}$/, { error: "Mã xã phải gồm đúng 5 chữ số." }),
  name: z.string().min(1, { error: "Thiếu tên xã." }).max(100),
  clerkEmail: z.email({ error: "Email văn thư không hợp lệ." }).optional(),
  unitId: z.string().min(1).max(100).optional(),
  token: z.string().regex(COMMUNE_TOKEN_PATTERN, { error: "Mã truy cập không đúng dạng (dvc_ và 32 chữ số/chữ cái a–f)." }).optional(),
  spreadsheetId: z
    .string()
    .regex(/^[\w-]{10,200}$/, { error: "Mã bảng tính không hợp lệ." })
    .optional(),
});

export class CommunesFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/**
 * The units a communes file is read against: the country's unit history (shared/data/vn, from the
 * statistics office's lists: `npm run units:build`) and the pilot's units (shared/data/units.ts: the
 * same ids, and the pilot's villages).
 */
export function knownUnits(): Unit[] {
  const byId = new Map<string, Unit>();
  for (const u of [...(VN as Unit[]), ...UNITS]) byId.set(u.id, u);
  return [...byId.values()];
}

/** Parse and check the communes CSV; every problem is reported with its line, nothing half-read. */
export function parseCommunes(csv: string, units: readonly Unit[], today = todayVi()): Commune[] {
  const records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  const [header, ...lines] = records;
  if (!header) throw new CommunesFileError(["Tệp danh sách xã trống."]);
  const index: Partial<Record<keyof typeof HEADERS, number>> = {};
  header.forEach((h, i) => {
    const f = fold(h).replace(/\s+/g, " ").trim();
    for (const [field, names] of Object.entries(HEADERS))
      if (names.includes(f) && index[field as keyof typeof HEADERS] === undefined) index[field as keyof typeof HEADERS] = i;
  });
  const problems: string[] = [];
  if (index.code === undefined && index.unitId === undefined) problems.push('Thiếu cột "Mã xã" (hoặc "unit_id") ở dòng tiêu đề.');
  if (index.name === undefined) problems.push('Thiếu cột "Tên xã" ở dòng tiêu đề.');
  if (problems.length) throw new CommunesFileError(problems);

  const communesByCode = new Map<string, Unit[]>();
  for (const u of units) if (u.level === "commune") communesByCode.set(u.code, [...(communesByCode.get(u.code) ?? []), u]);
  const out: Commune[] = [];
  const seen = new Map<string, number>();
  lines.forEach((cells, i) => {
    const line = i + 2;
    const get = (f: keyof typeof HEADERS) => {
      const at = index[f];
      const v = at === undefined ? "" : nfc(cells[at] ?? "").trim();
      return v === "" ? undefined : v;
    };
    const unitIdGiven = get("unitId");
    const codeGiven = get("code") ?? (unitIdGiven ? /:(\d{5})@/.exec(unitIdGiven)?.[1] : undefined);
    const parsed = row.safeParse({
      code: codeGiven ?? "",
      name: get("name") ?? "",
      clerkEmail: get("clerkEmail")?.toLowerCase(),
      unitId: unitIdGiven,
      token: get("token"),
      spreadsheetId: get("spreadsheetId"),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`Dòng ${line}: ${issue.message}`);
      return;
    }
    const c = parsed.data;
    let unitId = c.unitId;
    if (!unitId) {
      const found = (communesByCode.get(c.code) ?? []).filter((u) => isValidOn(u, today));
      if (found.length !== 1) {
        problems.push(`Dòng ${line}: không tìm thấy xã mã ${c.code} đang có hiệu lực trong danh mục đơn vị; hãy ghi cột unit_id.`);
        return;
      }
      unitId = found[0]!.id;
    }
    const dup = seen.get(unitId);
    if (dup) {
      problems.push(`Dòng ${line}: xã ${c.code} đã có ở dòng ${dup}.`);
      return;
    }
    seen.set(unitId, line);
    out.push({ ...c, unitId, line });
  });
  if (problems.length) throw new CommunesFileError(problems);
  return out;
}

export function readCommunesFile(path: string, units: readonly Unit[]): Commune[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new CommunesFileError([`Không mở được tệp ${path}.`]);
  }
  return parseCommunes(text, units);
}
