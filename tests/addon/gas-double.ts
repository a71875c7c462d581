/**
 * In-memory double of the Apps Script services the add-on uses: SpreadsheetApp (Spreadsheet,
 * Sheet, Range, data validation, protection), Ui, PropertiesService, UrlFetchApp, HtmlService,
 * Utilities, ScriptApp (triggers) and DocumentApp. Typed against @types/google-apps-script
 * (each fake `implements Partial<…>` of the real interface) and counting every service call
 * (`counter`), so tests can assert that work is batched.
 *
 * Behaviour follows Sheets where the add-on depends on it: getValues gives "" for empty cells and
 * only the top-left value of a merged block; setValues must match the range's size; ranges
 * outside the sheet throw; strings written into cells that are not plain-text formatted become
 * numbers when they are plain digits; getBackgrounds gives "#ffffff" for no fill.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Service calls by "Class.method". */
export class Counter {
  readonly counts = new Map<string, number>();
  inc(key: string) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  reset() {
    this.counts.clear();
  }
  /** Sum of calls whose class is one of `classes`. */
  total(classes: readonly string[]): number {
    let n = 0;
    for (const [k, v] of this.counts) if (classes.includes(k.split(".")[0]!)) n += v;
    return n;
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  snapshot(classes?: readonly string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of [...this.counts].sort()) if (!classes || classes.includes(k.split(".")[0]!)) out[k] = v;
    return out;
  }
}

/** The classes that make up the Spreadsheet service. */
export const SHEETS_CLASSES = ["SpreadsheetApp", "Spreadsheet", "Sheet", "Range", "Protection"] as const;

const proxies = new WeakMap<object, object>();

/** Wrap an object so every method call is counted as `cls.method`. Methods returning the raw object return the proxy. */
function counted<T extends object>(obj: T, cls: string, counter: Counter): T {
  const p = new Proxy(obj, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== "function" || typeof prop !== "string" || prop.startsWith("_") || prop === "constructor") return v;
      return (...args: unknown[]) => {
        counter.inc(`${cls}.${prop}`);
        const r = (v as (...a: unknown[]) => unknown).apply(target, args);
        return r === target ? p : r;
      };
    },
  });
  proxies.set(obj, p);
  return p;
}

function proxyOf<T extends object>(raw: T): T {
  return (proxies.get(raw) as T | undefined) ?? raw;
}

/** A sparse 2-D store with a default value (0-based). */
class Grid<T> {
  rows: (T[] | undefined)[] = [];
  constructor(private readonly def: T) {}
  get(r: number, c: number): T {
    const row = this.rows[r];
    if (!row) return this.def;
    const v = row[c];
    return v === undefined ? this.def : v;
  }
  set(r: number, c: number, v: T) {
    let row = this.rows[r];
    if (!row) this.rows[r] = row = [];
    row[c] = v;
  }
  insertRows(at: number, n: number) {
    if (at < this.rows.length) this.rows.splice(at, 0, ...new Array<T[] | undefined>(n).fill(undefined));
  }
  insertColumns(at: number, n: number) {
    for (const row of this.rows) if (row && at < row.length) row.splice(at, 0, ...new Array<T>(n));
  }
}

const isEmpty = (v: unknown) => v === "" || v === null || v === undefined;

// ------------------------------------------------------------------ data validation

export class FakeDataValidation implements Partial<GoogleAppsScript.Spreadsheet.DataValidation> {
  constructor(
    readonly criteria: string,
    readonly args: unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {}
  getCriteriaType() {
    return this.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues() {
    return this.args as unknown[] as never[];
  }
  getAllowInvalid() {
    return this.allowInvalid;
  }
  getHelpText() {
    return this.helpText;
  }
}

class FakeDataValidationBuilder implements Partial<GoogleAppsScript.Spreadsheet.DataValidationBuilder> {
  private criteria = "";
  private args: unknown[] = [];
  private allowInvalid = true;
  private helpText = "";
  private self() {
    return this as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }
  requireValueInList(values: string[], showDropdown?: boolean) {
    this.criteria = "VALUE_IN_LIST";
    this.args = [[...values], showDropdown ?? true];
    return this.self();
  }
  requireValueInRange(range: GRange, showDropdown?: boolean) {
    this.criteria = "VALUE_IN_RANGE";
    this.args = [range, showDropdown ?? true];
    return this.self();
  }
  requireNumberBetween(start: number, end: number) {
    this.criteria = "NUMBER_BETWEEN";
    this.args = [start, end];
    return this.self();
  }
  requireDateBetween(start: Date, end: Date) {
    this.criteria = "DATE_BETWEEN";
    this.args = [start, end];
    return this.self();
  }
  requireDate() {
    this.criteria = "DATE_IS_VALID_DATE";
    this.args = [];
    return this.self();
  }
  setAllowInvalid(allow: boolean) {
    this.allowInvalid = allow;
    return this.self();
  }
  setHelpText(text: string) {
    this.helpText = text;
    return this.self();
  }
  build() {
    if (!this.criteria) throw new Error("Data validation has no criteria.");
    return new FakeDataValidation(
      this.criteria,
      this.args,
      this.allowInvalid,
      this.helpText,
    ) as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
  }
}

// ------------------------------------------------------------------ protection

export class FakeProtection implements Partial<GoogleAppsScript.Spreadsheet.Protection> {
  description = "";
  warningOnly = false;
  removed = false;
  constructor(public range: FakeRange) {}
  setDescription(d: string) {
    this.description = d;
    return this as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }
  getDescription() {
    return this.description;
  }
  setWarningOnly(w: boolean) {
    this.warningOnly = w;
    return this as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }
  isWarningOnly() {
    return this.warningOnly;
  }
  setRange(r: GRange) {
    this.range = r as unknown as FakeRange;
    return this as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }
  getRange() {
    return this.range as unknown as GRange;
  }
  remove() {
    this.removed = true;
    const list = this.range._sheet.protections;
    list.splice(list.indexOf(this), 1);
  }
}

// ------------------------------------------------------------------ range

function colLetters(n: number): string {
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function parseA1(a1: string, sheet: FakeSheet): [number, number, number, number] {
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
    readonly _sheet: FakeSheet,
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

// ------------------------------------------------------------------ sheet

export class FakeSheet implements Partial<GSheet> {
  values = new Grid<unknown>("");
  notes = new Grid<string>("");
  backgrounds = new Grid<string>("#ffffff");
  formats = new Grid<string>("0.###############");
  validations = new Grid<FakeDataValidation | null>(null);
  bold = new Grid<boolean>(false);
  merges: { row: number; col: number; rows: number; cols: number }[] = [];
  protections: FakeProtection[] = [];
  widths = new Map<number, number>();
  frozenRows = 0;
  maxRows = 1000;
  maxCols = 26;

  constructor(
    readonly _ss: FakeSpreadsheet,
    public name: string,
    readonly id: number,
  ) {}

  /** A cell write as Sheets does it: plain-digit strings become numbers unless the cell is text ("@"). */
  _write(r: number, c: number, v: unknown) {
    if (typeof v === "string" && this.formats.get(r, c) !== "@" && /^-?\d+(\.\d+)?$/.test(v) && !/^0\d/.test(v)) v = Number(v);
    if (v === null || v === undefined) v = "";
    this.values.set(r, c, v);
  }
  /** Test helper: put raw values (as getValues would return them) from row/col (1-based); grows the sheet. */
  _put(values: unknown[][], row = 1, col = 1) {
    const needRows = row + values.length - 1;
    const needCols = col + Math.max(0, ...values.map((r) => r.length)) - 1;
    if (needRows > this.maxRows) this.maxRows = needRows;
    if (needCols > this.maxCols) this.maxCols = needCols;
    values.forEach((cells, i) => {
      cells.forEach((v, j) => {
        this.values.set(row - 1 + i, col - 1 + j, v ?? "");
      });
    });
  }
  /** Test helper: forget all values. */
  _clear() {
    this.values = new Grid<unknown>("");
  }
  /** Test helper: all values (no counting), trimmed to the data. */
  _dump(): unknown[][] {
    const rows = this._lastRow();
    const cols = this._lastCol();
    const out: unknown[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: unknown[] = [];
      for (let c = 0; c < cols; c++) row.push(this.values.get(r, c));
      out.push(row);
    }
    return out;
  }
  _lastRow(): number {
    for (let r = this.values.rows.length - 1; r >= 0; r--) if (this.values.rows[r]?.some((v) => !isEmpty(v))) return r + 1;
    return 0;
  }
  _lastCol(): number {
    let last = 0;
    for (const row of this.values.rows) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--) {
        if (!isEmpty(row[c])) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }
  private range(row: number, col: number, rows = 1, cols = 1) {
    return counted(new FakeRange(this, row, col, rows, cols), "Range", this._ss._gas.counter) as unknown as GRange;
  }
  getName() {
    return this.name;
  }
  setName(n: string) {
    this.name = n;
    return this as unknown as GSheet;
  }
  getSheetId() {
    return this.id;
  }
  getParent() {
    return proxyOf(this._ss) as unknown as GSpreadsheet;
  }
  getRange(a: number | string, b?: number, c?: number, d?: number): GRange {
    if (typeof a === "string") {
      const [r, col, nr, nc] = parseA1(a, this);
      return this.range(r, col, nr, nc);
    }
    return this.range(a, b!, c ?? 1, d ?? 1);
  }
  getDataRange() {
    return this.range(1, 1, Math.max(this._lastRow(), 1), Math.max(this._lastCol(), 1));
  }
  getLastRow() {
    return this._lastRow();
  }
  getLastColumn() {
    return this._lastCol();
  }
  getMaxRows() {
    return this.maxRows;
  }
  getMaxColumns() {
    return this.maxCols;
  }
  insertRowsAfter(after: number, n: number) {
    for (const g of [this.values, this.notes, this.backgrounds, this.formats, this.validations, this.bold] as Grid<unknown>[])
      g.insertRows(after, n);
    this.maxRows += n;
    return this as unknown as GSheet;
  }
  insertColumnsAfter(after: number, n: number) {
    for (const g of [this.values, this.notes, this.backgrounds, this.formats, this.validations, this.bold] as Grid<unknown>[])
      g.insertColumns(after, n);
    this.maxCols += n;
    return this as unknown as GSheet;
  }
  setFrozenRows(n: number) {
    this.frozenRows = n;
  }
  getFrozenRows() {
    return this.frozenRows;
  }
  setColumnWidth(col: number, w: number) {
    this.widths.set(col, w);
    return this as unknown as GSheet;
  }
  getColumnWidth(col: number) {
    return this.widths.get(col) ?? 100;
  }
  getProtections(_type: GoogleAppsScript.Spreadsheet.ProtectionType) {
    return this.protections.map((p) => proxyOf(p)) as unknown as GoogleAppsScript.Spreadsheet.Protection[];
  }
  activate() {
    this._ss.activeSheet = this;
    return this as unknown as GSheet;
  }
  setActiveRange(r: GRange) {
    this._ss.activeSheet = this;
    this._ss.activeRange = r as unknown as FakeRange;
    return r;
  }
}

// ------------------------------------------------------------------ spreadsheet

export class FakeSpreadsheet implements Partial<GSpreadsheet> {
  sheets: FakeSheet[] = [];
  activeSheet: FakeSheet | null = null;
  activeRange: FakeRange | null = null;
  toasts: string[] = [];
  private nextSheetId = 1;
  readonly documentProperties = new FakeProperties();

  constructor(
    readonly _gas: GasDouble,
    readonly id: string,
    public name: string,
    public tz = "Asia/Ho_Chi_Minh",
  ) {}

  /** Test helper: a sheet (created when missing), not counted. */
  _sheet(name: string): FakeSheet {
    let s = this.sheets.find((x) => x.name === name);
    if (!s) {
      s = new FakeSheet(this, name, this.nextSheetId++);
      counted(s, "Sheet", this._gas.counter);
      this.sheets.push(s);
    }
    return s;
  }
  _find(name: string): FakeSheet | undefined {
    return this.sheets.find((x) => x.name === name);
  }
  getId() {
    return this.id;
  }
  getName() {
    return this.name;
  }
  getUrl() {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSpreadsheetTimeZone() {
    return this.tz;
  }
  getSheets() {
    return this.sheets.map((s) => proxyOf(s)) as unknown as GSheet[];
  }
  getNumSheets() {
    return this.sheets.length;
  }
  getSheetByName(name: string) {
    const s = this._find(name);
    return (s ? proxyOf(s) : null) as unknown as GSheet;
  }
  insertSheet(a?: any, b?: any): GSheet {
    const name = typeof a === "string" ? a : `Trang tính${this.sheets.length + 1}`;
    if (this._find(name)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const s = this._sheet(name);
    const index = typeof a === "number" ? a : b;
    if (index !== undefined && index > this.sheets.length - 1) throw new Error(`Sheet index ${index} is out of range.`);
    if (index !== undefined) {
      this.sheets.splice(this.sheets.indexOf(s), 1);
      this.sheets.splice(Math.min(index, this.sheets.length), 0, s);
    }
    this.activeSheet = s;
    return proxyOf(s) as unknown as GSheet;
  }
  getActiveSheet() {
    return proxyOf(this.activeSheet ?? this.sheets[0]!) as unknown as GSheet;
  }
  setActiveSheet(s: GSheet) {
    this.activeSheet = s as unknown as FakeSheet;
    return s;
  }
  toast(msg: string) {
    this.toasts.push(msg);
  }
}

// ------------------------------------------------------------------ properties

export class FakeProperties implements Partial<GoogleAppsScript.Properties.Properties> {
  readonly map = new Map<string, string>();
  private self() {
    return this as unknown as GoogleAppsScript.Properties.Properties;
  }
  getProperty(k: string) {
    return this.map.get(k) ?? null;
  }
  setProperty(k: string, v: string) {
    if (typeof v !== "string") throw new Error("Property values must be strings.");
    if (v.length > 9 * 1024) throw new Error("Argument too large: value");
    this.map.set(k, v);
    return this.self();
  }
  setProperties(p: Record<string, string>) {
    for (const [k, v] of Object.entries(p)) this.setProperty(k, v);
    return this.self();
  }
  getProperties() {
    return Object.fromEntries(this.map);
  }
  getKeys() {
    return [...this.map.keys()];
  }
  deleteProperty(k: string) {
    this.map.delete(k);
    return this.self();
  }
  deleteAllProperties() {
    this.map.clear();
    return this.self();
  }
}

// ------------------------------------------------------------------ ui, html

export const Button = { OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO", CLOSE: "CLOSE" } as const;
export const ButtonSet = { OK: "OK", OK_CANCEL: "OK_CANCEL", YES_NO: "YES_NO", YES_NO_CANCEL: "YES_NO_CANCEL" } as const;

export class FakeHtmlOutput implements Partial<GoogleAppsScript.HTML.HtmlOutput> {
  title = "";
  width = 0;
  height = 0;
  constructor(public content: string) {}
  private self() {
    return this as unknown as GoogleAppsScript.HTML.HtmlOutput;
  }
  setTitle(t: string) {
    this.title = t;
    return this.self();
  }
  getTitle() {
    return this.title;
  }
  setWidth(w: number) {
    this.width = w;
    return this.self();
  }
  setHeight(h: number) {
    this.height = h;
    return this.self();
  }
  getContent() {
    return this.content;
  }
  /** Test helper: the JSON the server embedded as `var DATA = …;`. */
  _data<T = unknown>(): T {
    const m = /var DATA = (.*);\n/.exec(this.content);
    if (!m) throw new Error("no DATA in page");
    return JSON.parse(m[1]!) as T;
  }
}

class FakeMenu implements Partial<GoogleAppsScript.Base.Menu> {
  items: { caption: string; fn: string | null }[] = [];
  constructor(
    private readonly ui: FakeUi,
    readonly title: string,
  ) {}
  addItem(caption: string, fn: string) {
    this.items.push({ caption, fn });
    return this as unknown as GoogleAppsScript.Base.Menu;
  }
  addSeparator() {
    this.items.push({ caption: "---", fn: null });
    return this as unknown as GoogleAppsScript.Base.Menu;
  }
  addToUi() {
    this.ui.menus.push(this);
  }
}

export interface Answer {
  button?: string;
  text?: string;
}

export class FakeUi implements Partial<GoogleAppsScript.Base.Ui> {
  readonly Button = Button as unknown as typeof GoogleAppsScript.Base.Button;
  readonly ButtonSet = ButtonSet as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  menus: FakeMenu[] = [];
  alerts: { title: string; message: string }[] = [];
  prompts: { title: string; message: string }[] = [];
  sidebars: FakeHtmlOutput[] = [];
  dialogs: { html: FakeHtmlOutput; title: string }[] = [];
  /** Scripted answers for prompt() and for alert() with buttons, used in order. */
  answers: Answer[] = [];
  constructor(private readonly counter: Counter) {}
  createAddonMenu() {
    return counted(new FakeMenu(this, "Dân vận (tiện ích)"), "Menu", this.counter) as unknown as GoogleAppsScript.Base.Menu;
  }
  createMenu(title: string) {
    return counted(new FakeMenu(this, title), "Menu", this.counter) as unknown as GoogleAppsScript.Base.Menu;
  }
  alert(a: string, b?: unknown, c?: unknown): GoogleAppsScript.Base.Button {
    const [title, message, buttons] = typeof b === "string" ? [a, b, c] : ["", a, b];
    this.alerts.push({ title, message });
    if (buttons && buttons !== ButtonSet.OK) return (this.answers.shift()?.button ?? Button.OK) as unknown as GoogleAppsScript.Base.Button;
    return Button.OK as unknown as GoogleAppsScript.Base.Button;
  }
  prompt(a: string, b?: unknown, _c?: unknown): GoogleAppsScript.Base.PromptResponse {
    const [title, message] = typeof b === "string" ? [a, b] : ["", a];
    this.prompts.push({ title, message });
    const ans = this.answers.shift();
    if (!ans) throw new Error(`Unexpected prompt: ${title} — ${message}`);
    return {
      getResponseText: () => ans.text ?? "",
      getSelectedButton: () => (ans.button ?? Button.OK) as unknown as GoogleAppsScript.Base.Button,
    } as GoogleAppsScript.Base.PromptResponse;
  }
  showSidebar(html: GoogleAppsScript.HTML.HtmlOutput) {
    this.sidebars.push(html as unknown as FakeHtmlOutput);
  }
  showModalDialog(html: GoogleAppsScript.HTML.HtmlOutput, title: string) {
    this.dialogs.push({ html: html as unknown as FakeHtmlOutput, title });
  }
}

// ------------------------------------------------------------------ url fetch

export interface FetchRequest {
  url: string;
  method: string;
  contentType: string;
  headers: Record<string, string>;
  payload: string;
  muteHttpExceptions: boolean;
}
export type FetchHandler = (req: FetchRequest) => { status: number; body: string; headers?: Record<string, string> };

// ------------------------------------------------------------------ triggers

export class FakeTrigger implements Partial<GoogleAppsScript.Script.Trigger> {
  constructor(
    readonly id: string,
    readonly handler: string,
    readonly spec: { kind: string; weekDay?: string; hour?: number },
  ) {}
  getHandlerFunction() {
    return this.handler;
  }
  getUniqueId() {
    return this.id;
  }
  getEventType() {
    return "CLOCK" as unknown as GoogleAppsScript.Script.EventType;
  }
}

// ------------------------------------------------------------------ documents

export class FakeDocument {
  paragraphs: { text: string; heading?: string; align?: string; bold?: boolean; italic?: boolean }[] = [];
  tables: string[][][] = [];
  pageBreaks = 0;
  saved = false;
  constructor(
    readonly id: string,
    readonly name: string,
  ) {}
  getId() {
    return this.id;
  }
  getName() {
    return this.name;
  }
  getUrl() {
    return `https://docs.google.com/document/d/${this.id}/edit`;
  }
  saveAndClose() {
    this.saved = true;
  }
  getBody() {
    const doc = this;
    const text = (p: { bold?: boolean; italic?: boolean }) => ({
      setBold: (b: boolean) => {
        p.bold = b;
      },
      setItalic: (b: boolean) => {
        p.italic = b;
      },
    });
    return {
      appendParagraph(t: string) {
        const p: FakeDocument["paragraphs"][number] = { text: t };
        doc.paragraphs.push(p);
        const api = {
          setHeading: (h: string) => {
            p.heading = h;
            return api;
          },
          setAlignment: (a: string) => {
            p.align = a;
            return api;
          },
          editAsText: () => text(p),
        };
        return api;
      },
      appendTable(cells: string[][]) {
        doc.tables.push(cells.map((r) => [...r]));
        return {
          getRow: (i: number) => ({
            getNumCells: () => cells[i]!.length,
            getCell: (_c: number) => ({ editAsText: () => text({}) }),
          }),
        };
      },
      appendPageBreak() {
        doc.pageBreaks++;
      },
    };
  }
}

// ------------------------------------------------------------------ the whole environment

export interface GasOptions {
  /** Directory of the HTML files (createTemplateFromFile). */
  htmlDir: string;
}

export class GasDouble {
  readonly counter = new Counter();
  readonly ui = new FakeUi(this.counter);
  readonly spreadsheets = new Map<string, FakeSpreadsheet>();
  active: FakeSpreadsheet | null = null;
  readonly userProperties = new FakeProperties();
  readonly scriptProperties = new FakeProperties();
  readonly requests: FetchRequest[] = [];
  /** Milliseconds of each Utilities.sleep call, in order. */
  readonly sleeps: number[] = [];
  fetchHandler: FetchHandler = () => {
    throw new Error("Address unavailable: no fetch handler in this test");
  };
  readonly triggers: FakeTrigger[] = [];
  readonly documents: FakeDocument[] = [];
  private seq = 0;

  constructor(readonly opts: GasOptions) {}

  /** A new spreadsheet; the first one becomes the active one. */
  spreadsheet(name = "Báo cáo Tổ Dân vận", id = `ss-${++this.seq}`): FakeSpreadsheet {
    const ss = new FakeSpreadsheet(this, id, name);
    counted(ss, "Spreadsheet", this.counter);
    this.spreadsheets.set(id, ss);
    if (!this.active) this.active = ss;
    return ss;
  }

  /** The global objects of an Apps Script project, for a vm context. */
  globals(): Record<string, unknown> {
    const c = this.counter;
    const SpreadsheetApp = {
      getActiveSpreadsheet: () => (this.active ? proxyOf(this.active) : null),
      getActive: () => (this.active ? proxyOf(this.active) : null),
      openById: (id: string) => {
        const ss = this.spreadsheets.get(id);
        if (!ss) throw new Error(`Không tìm thấy bảng tính ${id}`);
        return proxyOf(ss);
      },
      getUi: () => this.ui,
      newDataValidation: () => counted(new FakeDataValidationBuilder(), "DataValidationBuilder", c),
      flush: () => undefined,
      ProtectionType: { RANGE: "RANGE", SHEET: "SHEET" },
      DataValidationCriteria: {
        VALUE_IN_LIST: "VALUE_IN_LIST",
        VALUE_IN_RANGE: "VALUE_IN_RANGE",
        NUMBER_BETWEEN: "NUMBER_BETWEEN",
        DATE_BETWEEN: "DATE_BETWEEN",
      },
    };
    const PropertiesService = {
      getDocumentProperties: () => (this.active ? counted(this.active.documentProperties, "Properties", c) : null),
      getUserProperties: () => counted(this.userProperties, "Properties", c),
      getScriptProperties: () => counted(this.scriptProperties, "Properties", c),
    };
    const UrlFetchApp = {
      fetch: (url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {}) => {
        const req: FetchRequest = {
          url,
          method: String(params.method ?? "get").toLowerCase(),
          contentType: String(params.contentType ?? ""),
          headers: { ...(params.headers as Record<string, string> | undefined) },
          payload: String(params.payload ?? ""),
          muteHttpExceptions: !!params.muteHttpExceptions,
        };
        this.requests.push(req);
        const res = this.fetchHandler(req);
        if (!req.muteHttpExceptions && res.status >= 400) throw new Error(`Request failed for ${url} returned code ${res.status}`);
        return {
          getResponseCode: () => res.status,
          getContentText: () => res.body,
          getHeaders: () => res.headers ?? {},
        };
      },
    };
    const readHtml = (name: string) => readFileSync(path.join(this.opts.htmlDir, name.endsWith(".html") ? name : `${name}.html`), "utf8");
    const HtmlService = {
      createHtmlOutput: (html = "") => new FakeHtmlOutput(html),
      createHtmlOutputFromFile: (name: string) => new FakeHtmlOutput(readHtml(name)),
      createTemplateFromFile: (name: string) => {
        const raw = readHtml(name);
        const t: Record<string, unknown> = {
          getRawContent: () => raw,
          evaluate: () =>
            new FakeHtmlOutput(
              raw
                .replace(/<\?!=\s*([\w$]+)\s*\?>/g, (_m, k: string) => String(t[k]))
                .replace(/<\?=\s*([\w$]+)\s*\?>/g, (_m, k: string) => String(t[k]).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)),
            ),
        };
        return t;
      },
      SandboxMode: { IFRAME: "IFRAME" },
    };
    const Utilities = {
      getUuid: () => randomUUID(),
      formatDate: (d: Date, tz: string, fmt: string) => {
        const p: Record<string, string> = {};
        for (const x of new Intl.DateTimeFormat("en-GB", {
          timeZone: tz,
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
          second: "2-digit",
          hourCycle: "h23",
        }).formatToParts(d))
          p[x.type] = x.value;
        return fmt
          .replace("yyyy", p.year!)
          .replace("MM", p.month!)
          .replace("dd", p.day!)
          .replace("HH", p.hour!)
          .replace("mm", p.minute!)
          .replace("ss", p.second!);
      },
      sleep: (ms: number) => void this.sleeps.push(ms),
    };
    const WeekDay = {
      MONDAY: "MONDAY",
      TUESDAY: "TUESDAY",
      WEDNESDAY: "WEDNESDAY",
      THURSDAY: "THURSDAY",
      FRIDAY: "FRIDAY",
      SATURDAY: "SATURDAY",
      SUNDAY: "SUNDAY",
    };
    const ScriptApp = {
      WeekDay,
      AuthMode: { NONE: "NONE", LIMITED: "LIMITED", FULL: "FULL" },
      EventType: { CLOCK: "CLOCK" },
      newTrigger: (handler: string) => {
        const spec: { kind: string; weekDay?: string; hour?: number } = { kind: "" };
        const clock = {
          onWeekDay: (d: string) => {
            spec.weekDay = d;
            return clock;
          },
          atHour: (h: number) => {
            spec.hour = h;
            return clock;
          },
          everyWeeks: () => clock,
          create: () => {
            const t = new FakeTrigger(`trigger-${++this.seq}`, handler, spec);
            this.triggers.push(t);
            return t;
          },
        };
        return {
          timeBased: () => {
            spec.kind = "clock";
            return clock;
          },
        };
      },
      getProjectTriggers: () => [...this.triggers],
      deleteTrigger: (t: FakeTrigger) => {
        const i = this.triggers.findIndex((x) => x.id === t.getUniqueId());
        if (i >= 0) this.triggers.splice(i, 1);
      },
    };
    const DocumentApp = {
      create: (name: string) => {
        const d = new FakeDocument(`doc-${++this.seq}`, name);
        this.documents.push(d);
        return d;
      },
      ParagraphHeading: { TITLE: "TITLE", HEADING1: "HEADING1", HEADING2: "HEADING2", NORMAL: "NORMAL" },
      HorizontalAlignment: { LEFT: "LEFT", CENTER: "CENTER", RIGHT: "RIGHT", JUSTIFY: "JUSTIFY" },
    };
    const logs: unknown[] = [];
    return {
      SpreadsheetApp: counted(SpreadsheetApp, "SpreadsheetApp", c),
      PropertiesService: counted(PropertiesService, "PropertiesService", c),
      UrlFetchApp: counted(UrlFetchApp, "UrlFetchApp", c),
      HtmlService: counted(HtmlService, "HtmlService", c),
      Utilities: counted(Utilities, "Utilities", c),
      ScriptApp: counted(ScriptApp, "ScriptApp", c),
      DocumentApp: counted(DocumentApp, "DocumentApp", c),
      Logger: { log: (...a: unknown[]) => void logs.push(a) },
      console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    };
  }
}
