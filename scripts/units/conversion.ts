/**
 * The conversion table of 1 July 2025 (two-level local government): each new commune or ward with
 * the old units it took in. The file starts with two title rows; a row holding only a province name
 * (in capitals) starts each province's section; some cells are quoted and span lines. Each data row
 * says how the old unit went in: "Nhập toàn bộ" (whole), "Nhập một phần" / "Nhập một phần diện
 * tích" (part), "Giữ nguyên" (unchanged), "Đổi tên" / "Đổi loại hình" (renamed, re-typed), …
 */
import { fold, nfc } from "../../shared/text";
import { readCsv, SourceError } from "./csv";
import { type KindedName, kindedName } from "./names";

export const CONVERSION_HEADER = [
  "Tỉnh, thành phố",
  "Tên Xã mới",
  "Mã Xã mới",
  "Tên Xã cũ",
  "Mã Xã cũ",
  "Ghi chú",
  "Quận/huyện",
  "Tỉnh cũ",
];

/** The reform's size (Nghị quyết 202/2025/QH15 and the conversion table): a shorter file is truncated. */
export const REFORM_SIZE = { provinces: 34, communes: 3321 } as const;

export interface ConversionRow {
  line: number;
  province: { code: string } & KindedName;
  commune: { code: string } & KindedName;
  /** The old unit: code null when the row names none (a district without communes, a strip of coast). */
  old: { code: string | null; name: string; district_code: string | null; province_code: string | null };
  /** The note as written (NFC). */
  note: string;
  /** The note says the old unit went in only in part. */
  part: boolean;
}

/**
 * "một phần" (part; also "Phần còn lại sau khi tách…", the remainder after a part left) before
 * "toàn bộ" (whole): "Nhập một phần diện tích, toàn bộ dân số" is a part. Matched without
 * diacritics, since the file writes "Nhâp" and "Nhập một  phần".
 */
export function noteIsPart(note: string): boolean | null {
  const f = fold(note);
  if (/\bmot phan\b|\bphan con lai\b/.test(f)) return true;
  if (/\btoan bo\b|\bgiu nguyen\b|\bdoi ten\b|\bdoi loai hinh\b/.test(f)) return false;
  return null;
}

/** "Tỉnh Bắc Ninh (24)" → name and code; the code in brackets is required. */
function named(cell: string, digits: number): { name: string; code: string } | null {
  const m = new RegExp(`^(.*?)\\s*\\((\\d{${digits}})\\)$`).exec(nfc(cell));
  return m ? { name: m[1]!, code: m[2]! } : null;
}

export function parseConversion(
  file: string,
  text: string,
  expect: { provinces: number; communes: number } = REFORM_SIZE,
): ConversionRow[] {
  const records = readCsv(file, text);
  const header = records[1];
  if (!header || header.cells.slice(0, CONVERSION_HEADER.length).map(nfc).join("|") !== CONVERSION_HEADER.join("|")) {
    throw new SourceError(file, header?.line ?? 1, `dòng tiêu đề thứ hai phải là: ${CONVERSION_HEADER.join(", ")}`);
  }
  const rows: ConversionRow[] = [];
  const communes = new Map<string, ConversionRow>();
  for (const { line, cells } of records.slice(2)) {
    const c = cells.map(nfc);
    const fail = (why: string): never => {
      throw new SourceError(file, line, why);
    };
    // A section row (a province name in capitals) or an empty separator: only the first cell is filled.
    if (c.slice(1).every((x) => x === "")) continue;
    const [pCell, newName, newCode, oldName, oldCode, note, dCell, opCell] = c as [string, ...string[]];
    const p = named(pCell, 2) ?? fail(`ô tỉnh "${pCell}" phải có dạng "Tỉnh … (mã 2 chữ số)"`);
    const province = kindedName(p.name, "province") ?? fail(`tên tỉnh "${p.name}" không bắt đầu bằng Tỉnh/Thành phố`);
    if (!/^\d{5}$/.test(newCode ?? "")) fail(`mã xã mới "${newCode}" phải gồm 5 chữ số`);
    const commune = kindedName(newName ?? "", "commune") ?? fail(`tên xã mới "${newName}" không bắt đầu bằng Xã/Phường/Đặc khu`);
    if (oldCode !== "" && !/^\d{5}$/.test(oldCode ?? "")) fail(`mã xã cũ "${oldCode}" phải gồm 5 chữ số hoặc để trống`);
    const part = noteIsPart(note ?? "");
    if (part === null) fail(`ghi chú "${note}" không rõ: phải là Nhập toàn bộ, Nhập một phần, Giữ nguyên, Đổi tên…`);
    const row: ConversionRow = {
      line,
      province: { code: p.code, ...province },
      commune: { code: newCode!, ...commune },
      old: {
        code: oldCode || null,
        name: oldName ?? "",
        district_code: named(dCell ?? "", 3)?.code ?? null,
        province_code: named(opCell ?? "", 2)?.code ?? null,
      },
      note: note ?? "",
      part: part!,
    };
    const first = communes.get(row.commune.code);
    if (first) {
      if (first.province.code !== row.province.code) fail(`xã mới ${newCode} đã thuộc tỉnh ${first.province.code} ở dòng ${first.line}`);
      if (fold(first.commune.name) !== fold(row.commune.name)) {
        fail(`xã mới ${newCode} tên "${row.commune.name}", ở dòng ${first.line} tên "${first.commune.name}"`);
      }
    } else communes.set(row.commune.code, row);
    rows.push(row);
  }
  const provinces = new Set(rows.map((r) => r.province.code));
  if (provinces.size !== expect.provinces || communes.size !== expect.communes) {
    const last = records[records.length - 1]?.end ?? 1;
    throw new SourceError(
      file,
      last,
      `tệp dừng ở đây với ${provinces.size} tỉnh và ${communes.size} xã mới; phải có ${expect.provinces} tỉnh và ${expect.communes} xã — tệp bị cắt cụt hoặc thiếu dòng?`,
    );
  }
  return rows;
}
