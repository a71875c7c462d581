/**
 * Sheet: its cells (one Grid per cell property), size, frozen rows, column widths, protections, and
 * the ranges on it. Strings written into cells that are not plain-text formatted become numbers
 * when they are plain digits, as in Sheets.
 */
import { type Counter, counted, proxyOf } from "./counting";
import type { FakeDataValidation } from "./data-validation";
import { Grid, isEmpty } from "./grid";
import type { FakeProtection } from "./protection";
import { FakeRange, parseA1 } from "./range";

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GRange = GoogleAppsScript.Spreadsheet.Range;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What a sheet knows of its spreadsheet (./spreadsheet.ts is one): the counter, the active sheet and range. */
export interface SheetHost {
  readonly _gas: { readonly counter: Counter };
  activeSheet: FakeSheet | null;
  activeRange: FakeRange | null;
}

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
    readonly _ss: SheetHost,
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
