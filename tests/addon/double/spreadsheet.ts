/** Spreadsheet: its sheets (in order), the active sheet and range, its document properties and time zone. */
import { type Counter, counted, proxyOf } from "./counting";
import { FakeProperties } from "./properties";
import type { FakeRange } from "./range";
import { FakeSheet } from "./sheet";

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class FakeSpreadsheet implements Partial<GSpreadsheet> {
  sheets: FakeSheet[] = [];
  activeSheet: FakeSheet | null = null;
  activeRange: FakeRange | null = null;
  toasts: string[] = [];
  private nextSheetId = 1;
  readonly documentProperties = new FakeProperties();

  constructor(
    readonly _gas: { readonly counter: Counter },
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
