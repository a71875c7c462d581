/**
 * Reading the statistics office's CSV files with csv-parse (https://csv.js.org/parse/): RFC 4180
 * quoting, quoted fields spanning lines, and errors that say where. Every record keeps the line it
 * starts on, so a problem found later (a bad code, an unknown note) names that line too.
 */
import { CsvError, parse } from "csv-parse/sync";

/** A problem in a source file, with the file's name and the line it is on (1-based). */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${file}${line === null ? "" : `, dòng ${line}`}: ${detail}`);
    this.name = "SourceError";
  }
}

export interface CsvRecord {
  /** The line the record starts on (a quoted field may continue on the next lines). */
  line: number;
  /** The line it ends on. */
  end: number;
  cells: string[];
}

/** What csv-parse's error codes mean, for the message (https://csv.js.org/parse/errors/). */
const WHY: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "một ô mở dấu ngoặc kép mà không đóng — tệp bị cắt cụt hoặc hỏng",
  CSV_INVALID_CLOSING_QUOTE: "dấu ngoặc kép đóng đặt sai chỗ",
  INVALID_OPENING_QUOTE: "dấu ngoặc kép giữa một ô không có ngoặc kép",
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "số cột khác các dòng khác",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "có ký tự sau dấu ngoặc kép đóng",
};

/**
 * Every record of `text` (a CSV file called `file`), each with the line it starts on. A byte-order
 * mark is dropped. Malformed CSV throws a SourceError naming the line csv-parse stopped on.
 */
export function readCsv(file: string, text: string): CsvRecord[] {
  let parsed: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    // With `info` and `raw`, each record comes as {record, info, raw} (https://csv.js.org/parse/options/info/);
    // the typings only know plain rows for options without `columns`.
    parsed = parse(text, {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: false,
      skip_empty_lines: false,
    }) as unknown as typeof parsed;
  } catch (e) {
    if (e instanceof CsvError) {
      const line = typeof (e as { lines?: unknown }).lines === "number" ? (e as unknown as { lines: number }).lines : null;
      throw new SourceError(file, line, `${WHY[e.code] ?? "không đọc được CSV"} (${e.message})`);
    }
    throw e;
  }
  return parsed.map(({ record, info, raw }) => {
    // info.lines is the line the record ends on; a quoted field may hold line breaks.
    const inside = (raw.replace(/\r?\n$/, "").match(/\n/g) ?? []).length;
    return { line: info.lines - inside, end: info.lines, cells: record };
  });
}
