/**
 * A commune list as uploaded to the console (CSV), read into lines of cells — or refused whole,
 * saying why in Vietnamese: too big, empty, an Excel workbook, UTF-16 ("Unicode Text"), not UTF-8
 * (Windows-1258, TCVN3: each line that does not decode is named), broken quoting, no "Mã xã" column.
 * A UTF-8 BOM is fine. The separator is the header line's: "," or ";" (what Excel writes with
 * Vietnamese regional settings) or a tab. Parsed with csv-parse (https://csv.js.org/parse/).
 * Pure: no D1, no HTTP; the checks against the unit list are in ./roster-check.ts.
 */
import { CsvError, parse } from "csv-parse/sync";
import { fold, nfc } from "../../../shared/text";

/** Largest file: the whole country's 3,321 communes with clerks take about 0.3 MB. */
export const MAX_ROSTER_BYTES = 1024 * 1024;
/** Most lines: every commune of the country, with room to spare. */
export const MAX_ROSTER_LINES = 5000;

export const ROSTER_FIELDS = ["code", "commune_name", "clerk_name", "clerk_phone", "clerk_email"] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** The header each field is shown under. */
export const FIELD_HEADERS: Record<RosterField, string> = {
  code: "Mã xã",
  commune_name: "Tên xã",
  clerk_name: "Họ tên cán bộ",
  clerk_phone: "Điện thoại",
  clerk_email: "Email",
};

/** Header names accepted for each field, folded (no case, no diacritics): tools/district's communes.csv reads too. */
const ALIASES: Record<RosterField, string[]> = {
  code: ["ma xa", "ma_xa", "ma xa phuong", "ma don vi", "commune_code", "code"],
  commune_name: ["ten xa", "ten_xa", "ten xa phuong", "ten don vi", "xa", "commune_name", "name"],
  clerk_name: ["ho ten can bo", "ho ten", "ho va ten", "can bo", "van thu", "ho ten van thu", "nguoi phu trach", "clerk_name"],
  clerk_phone: ["dien thoai", "so dien thoai", "sdt", "dt", "phone", "clerk_phone"],
  clerk_email: ["email", "e-mail", "thu dien tu", "email van thu", "clerk_email"],
};

export interface RosterLine {
  /** Line of the file where the row starts (1 = the header). */
  line: number;
  cells: Partial<Record<RosterField, string>>;
}

export interface LineProblem {
  line: number;
  message: string;
}

export type RosterFile =
  | { ok: true; lines: RosterLine[]; columns: RosterField[]; ignored: string[] }
  | { ok: false; problems: string[]; lineProblems: LineProblem[] };

const mb = (bytes: number) => (bytes / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 });

const SAVE_AS_UTF8 =
  'Trong Excel: Tệp → Lưu thành → chọn "CSV UTF-8 (Comma delimited) (*.csv)"; trong Google Trang tính: Tệp → Tải xuống → "Giá trị được phân tách bằng dấu phẩy (.csv)". Rồi tải tệp mới lên.';

const refuse = (problems: string[], lineProblems: LineProblem[] = []): RosterFile => ({ ok: false, problems, lineProblems });

/** Lines (1-based) whose bytes are not UTF-8, with what they read as when decoded leniently. */
function notUtf8Lines(bytes: Uint8Array): LineProblem[] {
  const out: LineProblem[] = [];
  const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  const lenient = new TextDecoder("utf-8");
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const part = bytes.subarray(start, i);
    try {
      strict.decode(part);
    } catch {
      const shown = lenient.decode(part).replace(/\r$/, "").slice(0, 60);
      out.push({
        line,
        message: `Dòng ${line}: có ký tự không đọc được theo UTF-8 ("${shown}") — tệp đang ở bảng mã khác (thường là Windows-1258, TCVN3 hoặc VNI).`,
      });
    }
    start = i + 1;
    line++;
  }
  return out;
}

/** The separator of the header line: the most frequent of , ; and tab outside quotes. */
function separatorOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of first) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [best, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ",";
}

/** What csv-parse's errors mean for a clerk's file (https://csv.js.org/parse/errors/). */
function csvProblem(e: CsvError): string {
  const line = (e as CsvError & { lines?: number }).lines;
  const at = line ? `Dòng ${line}: ` : "";
  if (e.code === "CSV_QUOTE_NOT_CLOSED") return `${at}dấu ngoặc kép (") mở mà không đóng; tệp không đọc được đến hết.`;
  if (e.code === "CSV_INVALID_CLOSING_QUOTE" || e.code === "INVALID_OPENING_QUOTE")
    return `${at}dấu ngoặc kép (") đặt sai chỗ trong một ô.`;
  return `${at}tệp CSV không đúng định dạng (${e.code}).`;
}

/** Read an uploaded file; every reason for refusing it is listed, nothing half-read. */
export function readRosterFile(bytes: Uint8Array, fileName = "tệp"): RosterFile {
  if (bytes.length === 0) return refuse([`${fileName} trống: không có dòng nào.`]);
  if (bytes.length > MAX_ROSTER_BYTES) {
    return refuse([
      `${fileName} nặng ${mb(bytes.length)} MB, quá giới hạn ${mb(MAX_ROSTER_BYTES)} MB (danh sách mọi xã cả nước chỉ khoảng 0,3 MB). Hãy chọn đúng tệp danh sách xã, chỉ gồm các cột Mã xã, Tên xã, Họ tên cán bộ, Điện thoại, Email.`,
    ]);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return refuse([`${fileName} là tệp Excel (.xlsx), không phải CSV. ${SAVE_AS_UTF8}`]);
  }
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16Bom || bytes.includes(0)) {
    return refuse([`${fileName} được lưu ở bảng mã UTF-16 ("Unicode Text"), không phải UTF-8. ${SAVE_AS_UTF8}`]);
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const bad = notUtf8Lines(body);
  if (bad.length) {
    return refuse(
      [`${fileName} không ở bảng mã UTF-8: ${bad.length} dòng có chữ không đọc được (danh sách bên dưới). ${SAVE_AS_UTF8}`],
      bad,
    );
  }
  const text = new TextDecoder("utf-8").decode(body);

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: separatorOf(text),
      info: true,
      // A quote inside an unquoted cell (Nguyễn Văn "Tư" typed in a text editor) is read as a character.
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    if (e instanceof CsvError) return refuse([csvProblem(e)]);
    throw e;
  }
  const [header, ...rows] = records;
  if (!header) return refuse([`${fileName} trống: không có dòng nào.`]);
  if (rows.length > MAX_ROSTER_LINES) {
    return refuse([
      `${fileName} có ${rows.length.toLocaleString("vi-VN")} dòng, nhiều hơn ${MAX_ROSTER_LINES.toLocaleString("vi-VN")} (số xã cả nước là 3.321).`,
    ]);
  }

  const index = new Map<RosterField, number>();
  const ignored: string[] = [];
  header.record.forEach((h, i) => {
    const key = fold(h);
    const field = ROSTER_FIELDS.find((f) => ALIASES[f].includes(key));
    if (field && !index.has(field)) index.set(field, i);
    else if (nfc(h)) ignored.push(nfc(h));
  });
  if (!index.has("code")) {
    const seen = header.record.map((h) => `"${nfc(h)}"`).join(", ");
    return refuse([
      `Dòng 1 (tiêu đề) không có cột "Mã xã". Các cột đọc được: ${seen || "(không có)"}. Dòng đầu tiên phải là tên cột: Mã xã, Tên xã, Họ tên cán bộ, Điện thoại, Email.`,
    ]);
  }
  const lines = rows.map(({ record, info }) => {
    const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const cells: Partial<Record<RosterField, string>> = {};
    for (const [field, at] of index) cells[field] = record[at] ?? "";
    return { line: info.lines - newlines, cells };
  });
  return { ok: true, lines, columns: [...index.keys()], ignored };
}
