/**
 * Range: values (getValues gives "" for empty cells and only the top-left value of a merged block;
 * setValues must match the range's size; ranges outside the sheet throw), notes, backgrounds
 * ("#ffffff" for no fill), number formats, data validation, merge, protect, activate.
 */
import { type Counter, counted, proxyOf } from "./counting";
import type { FakeDataValidation } from "./data-validation";
import type { Grid } from "./grid";
import { FakeProtection } from "./protection";

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;

/** What a range reads and writes of its sheet (the sheet, ./sheet.ts, is one). */
export interface RangeHost {
  name: string;
  maxRows: number;
  maxCols: number;
  values: Grid<unknown>;
  notes: Grid<string>;
  backgrounds: Grid<string>;
  formats: Grid<string>;
  validations: Grid<FakeDataValidation | null>;
  bold: Grid<boolean>;
  merges: { row: number; col: number; rows: number; cols: number }[];
  protections: FakeProtection[];
  /** A cell write as Sheets does it (see FakeSheet._write). */
  _write(r: number, c: number, v: unknown): void;
  readonly _ss: { readonly _gas: { readonly counter: Counter }; activeSheet: RangeHost | null; activeRange: FakeRange | null };
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function colLetters(n: number): string {
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** An A1 range ("B2", "A1:C3", "A:A", "A2:C") as [row, col, rows, cols]. */
export function parseA1(a1: string, sheet: { maxRows: number }): [number, number, number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)?(?::\$?([A-Z]+)\$?(\d+)?)?$/i.exec(a1.trim());
  if (!m) throw new Error(`Range not found: ${a1}`);
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]!);
  const r1 = m[2] ? Number(m[2]) : 1;
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[3] ? (m[4] ? Number(m[4]) : sheet.maxRows) : m[2] ? r1 : sheet.maxRows;
  return [r1, c1, r2 - r1 + 1, c2 - c1 + 1];
}

export class FakeRange implements Partial<GRange> {
  constructor(
    readonly _sheet: RangeHost,
    readonly _row: number,
    readonly _col: number,
    readonly _rows: number,
    readonly _cols: number,
  ) {
    if (_row < 1 || _col < 1 || _rows < 1 || _cols < 1)
      throw new Error(`The starting row/column of the range is too small or the range is empty (${_row},${_col},${_rows},${_cols}).`);
    if (_row + _rows - 1 > _sheet.maxRows || _col + _cols - 1 > _sheet.maxCols) {
      throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    }
  }
  private self() {
    return this as unknown as GRange;
  }
  private each(fn: (r: number, c: number) => void) {
    for (let r = 0; r < this._rows; r++) for (let c = 0; c < this._cols; c++) fn(this._row - 1 + r, this._col - 1 + c);
  }
  private matrix<T>(fn: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this._rows; r++) {
      const row: T[] = new Array(this._cols);
      for (let c = 0; c < this._cols; c++) row[c] = fn(this._row - 1 + r, this._col - 1 + c);
      out.push(row);
    }
    return out;
  }
  private checkSize(data: readonly (readonly unknown[])[], what: string) {
    if (!Array.isArray(data) || data.length !== this._rows) {
      throw new Error(
        `The number of rows in the ${what} does not match the number of rows in the range. The data has ${data?.length} but the range has ${this._rows}.`,
      );
    }
    for (const row of data) {
      if (!Array.isArray(row) || row.length !== this._cols) {
        throw new Error(
          `The number of columns in the ${what} does not match the number of columns in the range. The data has ${row?.length} but the range has ${this._cols}.`,
        );
      }
    }
  }
  getSheet() {
    return proxyOf(this._sheet) as unknown as GSheet;
  }
  getRow() {
    return this._row;
  }
  getColumn() {
    return this._col;
  }
  getNumRows() {
    return this._rows;
  }
  getNumColumns() {
    return this._cols;
  }
  getLastRow() {
    return this._row + this._rows - 1;
  }
  getLastColumn() {
    return this._col + this._cols - 1;
  }
  getA1Notation() {
    const a = `${colLetters(this._col)}${this._row}`;
    return this._rows === 1 && this._cols === 1 ? a : `${a}:${colLetters(this._col + this._cols - 1)}${this._row + this._rows - 1}`;
  }
  getValues() {
    return this.matrix((r, c) => {
      const v = this._sheet.values.get(r, c);
      return v instanceof Date ? new Date(v.getTime()) : v;
    }) as any[][];
  }
  getValue() {
    return this._sheet.values.get(this._row - 1, this._col - 1) as any;
  }
  getDisplayValues() {
    return this.matrix((r, c) => String(this._sheet.values.get(r, c) ?? ""));
  }
  setValues(values: any[][]) {
    this.checkSize(values, "data");
    this.each((r, c) => this._sheet._write(r, c, values[r - this._row + 1]![c - this._col + 1]));
    return this.self();
  }
  setValue(value: any) {
    this.each((r, c) => this._sheet._write(r, c, value));
    return this.self();
  }
  clearContent() {
    this.each((r, c) => this._sheet.values.set(r, c, ""));
    return this.self();
  }
  getNotes() {
    return this.matrix((r, c) => this._sheet.notes.get(r, c));
  }
  getNote() {
    return this._sheet.notes.get(this._row - 1, this._col - 1);
  }
  setNotes(notes: any[][]) {
    this.checkSize(notes, "notes");
    this.each((r, c) => this._sheet.notes.set(r, c, String(notes[r - this._row + 1]![c - this._col + 1] ?? "")));
    return this.self();
  }
  setNote(note: string | null) {
    this.each((r, c) => this._sheet.notes.set(r, c, note ?? ""));
    return this.self();
  }
  getBackgrounds() {
    return this.matrix((r, c) => this._sheet.backgrounds.get(r, c));
  }
  getBackground() {
    return this._sheet.backgrounds.get(this._row - 1, this._col - 1);
  }
  setBackgrounds(colors: string[][]) {
    this.checkSize(colors, "colors");
    this.each((r, c) => this._sheet.backgrounds.set(r, c, colors[r - this._row + 1]![c - this._col + 1] ?? "#ffffff"));
    return this.self();
  }
  setBackground(color: string | null) {
    this.each((r, c) => this._sheet.backgrounds.set(r, c, color ?? "#ffffff"));
    return this.self();
  }
  setFontWeight(w: string | null) {
    this.each((r, c) => this._sheet.bold.set(r, c, w === "bold"));
    return this.self();
  }
  setWrap(_w: boolean) {
    return this.self();
  }
  setVerticalAlignment(_a: string | null) {
    return this.self();
  }
  setNumberFormat(fmt: string) {
    this.each((r, c) => this._sheet.formats.set(r, c, fmt));
    return this.self();
  }
  setNumberFormats(fmts: string[][]) {
    this.checkSize(fmts, "formats");
    this.each((r, c) => this._sheet.formats.set(r, c, fmts[r - this._row + 1]![c - this._col + 1]!));
    return this.self();
  }
  getNumberFormats() {
    return this.matrix((r, c) => this._sheet.formats.get(r, c));
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null) {
    this.each((r, c) => this._sheet.validations.set(r, c, (rule as unknown as FakeDataValidation) ?? null));
    return this.self();
  }
  getDataValidation() {
    return this._sheet.validations.get(this._row - 1, this._col - 1) as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
  }
  getDataValidations() {
    return this.matrix((r, c) => this._sheet.validations.get(r, c)) as unknown as GoogleAppsScript.Spreadsheet.DataValidation[][];
  }
  merge() {
    this._sheet.merges.push({ row: this._row, col: this._col, rows: this._rows, cols: this._cols });
    this.each((r, c) => {
      if (r !== this._row - 1 || c !== this._col - 1) this._sheet.values.set(r, c, "");
    });
    return this.self();
  }
  protect() {
    const p = new FakeProtection(this);
    this._sheet.protections.push(p);
    return counted(p, "Protection", this._sheet._ss._gas.counter) as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }
  activate() {
    this._sheet._ss.activeSheet = this._sheet;
    this._sheet._ss.activeRange = this;
    return this.self();
  }
}
