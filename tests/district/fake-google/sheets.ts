/**
 * The Sheets v4 part of the fake: spreadsheets in memory and exactly the methods tools/district
 * uses — spreadsheets.get, spreadsheets.batchUpdate (the request kinds the layout builder sends)
 * and spreadsheets.values.batchGet. A batchUpdate is atomic, as the real one: it is applied to a
 * copy and kept only when every request succeeds; a failing request answers 400
 * `Invalid requests[i].<kind>: …` and changes nothing.
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/batchUpdate
 */
import { sheetsError } from "./errors";
import { applyMask, pick } from "./fields";

export interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}
export type CellData = Record<string, any>;
export interface ProtectedRange {
  protectedRangeId: number;
  range: GridRange;
  description?: string;
  warningOnly?: boolean;
}
/** A write over a range (repeatCell, setDataValidation), kept as one entry instead of a copy per cell. */
export interface RangeLayer {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  data: CellData;
  mask: string;
}
export interface FakeGridSheet {
  properties: {
    sheetId: number;
    title: string;
    index: number;
    sheetType: "GRID";
    gridProperties: { rowCount: number; columnCount: number; frozenRowCount?: number };
  };
  /** "row,col" (0-based) → what was written to that cell itself (updateCells, and range writes made after it). */
  cells: Map<string, CellData>;
  /** Range writes in order; a cell's own data (above) wins over them. */
  layers: RangeLayer[];
  /** 0-based column → pixel width (absent: 100, the default). */
  columnWidths: Map<number, number>;
  protectedRanges: ProtectedRange[];
}
export interface FakeSpreadsheetModel {
  spreadsheetId: string;
  properties: { title: string; locale: string; timeZone: string };
  sheets: FakeGridSheet[];
  nextProtectedRangeId: number;
}

export function newSpreadsheet(id: string, title: string): FakeSpreadsheetModel {
  return {
    spreadsheetId: id,
    properties: { title, locale: "vi_VN", timeZone: "Asia/Ho_Chi_Minh" },
    sheets: [newSheet(0, "Trang tính1", 0)],
    nextProtectedRangeId: 1,
  };
}

function newSheet(
  sheetId: number,
  title: string,
  index: number,
  grid?: { rowCount?: number; columnCount?: number; frozenRowCount?: number },
): FakeGridSheet {
  return {
    properties: {
      sheetId,
      title,
      index,
      sheetType: "GRID",
      gridProperties: {
        rowCount: grid?.rowCount ?? 1000,
        columnCount: grid?.columnCount ?? 26,
        ...(grid?.frozenRowCount ? { frozenRowCount: grid.frozenRowCount } : {}),
      },
    },
    cells: new Map(),
    layers: [],
    columnWidths: new Map(),
    protectedRanges: [],
  };
}

const isObj = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);

function merge(base: CellData, top: CellData): CellData {
  const out: CellData = { ...base };
  for (const [k, v] of Object.entries(top)) out[k] = isObj(v) && isObj(out[k]) ? merge(out[k], v) : v;
  return out;
}

/** A cell as the API sees it: the range writes covering it, in order, then its own data. */
export function cellAt(sheet: FakeGridSheet, r: number, c: number): CellData {
  let eff: CellData = {};
  for (const l of sheet.layers) if (r >= l.r0 && r < l.r1 && c >= l.c0 && c < l.c1) applyMask(eff, l.data, l.mask);
  const own = sheet.cells.get(`${r},${c}`);
  if (own) eff = merge(eff, own);
  return eff;
}

export function cloneSpreadsheet(ss: FakeSpreadsheetModel, id: string, title: string): FakeSpreadsheetModel {
  const copy = structuredClone(ss);
  copy.spreadsheetId = id;
  copy.properties.title = title;
  return copy;
}

const reindex = (ss: FakeSpreadsheetModel) =>
  ss.sheets.forEach((s, i) => {
    s.properties.index = i;
  });

/** The A1 column letters of a 0-based index. */
export function letters(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

class RequestError extends Error {}

function sheetOf(ss: FakeSpreadsheetModel, sheetId: number | undefined): FakeGridSheet {
  const s = ss.sheets.find((x) => x.properties.sheetId === (sheetId ?? 0));
  if (!s) throw new RequestError(`No grid with id: ${sheetId ?? 0}`);
  return s;
}

/** A GridRange with its open ends closed, checked against the grid. */
function bounds(ss: FakeSpreadsheetModel, r: GridRange): { sheet: FakeGridSheet; r0: number; r1: number; c0: number; c1: number } {
  const sheet = sheetOf(ss, r.sheetId);
  const g = sheet.properties.gridProperties;
  const b = {
    sheet,
    r0: r.startRowIndex ?? 0,
    r1: r.endRowIndex ?? g.rowCount,
    c0: r.startColumnIndex ?? 0,
    c1: r.endColumnIndex ?? g.columnCount,
  };
  if (b.r0 < 0 || b.c0 < 0 || b.r1 > g.rowCount || b.c1 > g.columnCount || b.r0 > b.r1 || b.c0 > b.c1) {
    throw new RequestError(
      `Range ('${sheet.properties.title}'!${letters(b.c0)}${b.r0 + 1}:${letters(Math.max(b.c1 - 1, 0))}${b.r1}) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`,
    );
  }
  return b;
}

/** A range write: one layer, also applied to the cells that have data of their own (it came after theirs). */
function rangeWrite(ss: FakeSpreadsheetModel, r: GridRange, data: CellData, mask: string): void {
  const { sheet, r0, r1, c0, c1 } = bounds(ss, r);
  sheet.layers.push({ r0, r1, c0, c1, data, mask });
  for (const [key, cell] of sheet.cells) {
    const [row, col] = key.split(",").map(Number) as [number, number];
    if (row >= r0 && row < r1 && col >= c0 && col < c1) applyMask(cell, data, mask);
  }
}

function eachCell(ss: FakeSpreadsheetModel, r: GridRange, fn: (cell: CellData, row: number, col: number) => void): void {
  const { sheet, r0, r1, c0, c1 } = bounds(ss, r);
  for (let row = r0; row < r1; row++)
    for (let col = c0; col < c1; col++) {
      const key = `${row},${col}`;
      const cell = sheet.cells.get(key) ?? {};
      fn(cell, row, col);
      if (Object.keys(cell).length) sheet.cells.set(key, cell);
      else sheet.cells.delete(key);
    }
}

type Req = Record<string, any>;

/** Apply one request; returns its reply. */
function apply(ss: FakeSpreadsheetModel, kind: string, req: Req): Record<string, unknown> {
  switch (kind) {
    case "addSheet": {
      const p = req.properties ?? {};
      const title = p.title ?? `Trang tính${ss.sheets.length + 1}`;
      if (ss.sheets.some((s) => s.properties.title === title))
        throw new RequestError(`A sheet with the name "${title}" already exists. Please enter another name.`);
      const id = p.sheetId ?? Math.max(0, ...ss.sheets.map((s) => s.properties.sheetId)) + 1;
      if (ss.sheets.some((s) => s.properties.sheetId === id)) throw new RequestError(`Sheet with id ${id} already exists.`);
      const sheet = newSheet(id, title, 0, p.gridProperties);
      ss.sheets.splice(Math.min(p.index ?? ss.sheets.length, ss.sheets.length), 0, sheet);
      reindex(ss);
      return { addSheet: { properties: structuredClone(sheet.properties) } };
    }
    case "deleteSheet": {
      const sheet = sheetOf(ss, req.sheetId);
      if (ss.sheets.length === 1) throw new RequestError("You can't remove all the sheets in a document.");
      ss.sheets.splice(ss.sheets.indexOf(sheet), 1);
      reindex(ss);
      return {};
    }
    case "updateSheetProperties": {
      const sheet = sheetOf(ss, req.properties?.sheetId);
      applyMask(sheet.properties as unknown as Record<string, unknown>, req.properties, req.fields);
      return {};
    }
    case "appendDimension": {
      const g = sheetOf(ss, req.sheetId).properties.gridProperties;
      if (req.dimension === "COLUMNS") g.columnCount += req.length;
      else g.rowCount += req.length;
      return {};
    }
    case "updateCells": {
      if (!req.fields) throw new RequestError("At least one field must be specified.");
      const rows: { values?: CellData[] }[] = req.rows ?? [];
      const start = req.start ?? {};
      const range: GridRange = req.range ?? {
        sheetId: start.sheetId,
        startRowIndex: start.rowIndex ?? 0,
        endRowIndex: (start.rowIndex ?? 0) + rows.length,
        startColumnIndex: start.columnIndex ?? 0,
        endColumnIndex: (start.columnIndex ?? 0) + Math.max(0, ...rows.map((r) => r.values?.length ?? 0)),
      };
      const r0 = range.startRowIndex ?? 0;
      const c0 = range.startColumnIndex ?? 0;
      eachCell(ss, range, (cell, row, col) => applyMask(cell, rows[row - r0]?.values?.[col - c0] ?? {}, req.fields));
      return {};
    }
    case "repeatCell":
      if (!req.fields) throw new RequestError("At least one field must be specified.");
      rangeWrite(ss, req.range, req.cell ?? {}, req.fields);
      return {};
    case "updateDimensionProperties": {
      const r = req.range;
      if (r.dimension !== "COLUMNS") throw new RequestError("The fake only sizes columns.");
      const sheet = sheetOf(ss, r.sheetId);
      if (r.endIndex > sheet.properties.gridProperties.columnCount)
        throw new RequestError(`Invalid dimension range: endIndex ${r.endIndex} is after the last column.`);
      for (let c = r.startIndex; c < r.endIndex; c++) sheet.columnWidths.set(c, req.properties.pixelSize);
      return {};
    }
    case "setDataValidation":
      rangeWrite(ss, req.range, req.rule ? { dataValidation: req.rule } : {}, "dataValidation");
      return {};
    case "addProtectedRange": {
      const p = req.protectedRange;
      const { sheet } = bounds(ss, p.range);
      const pr: ProtectedRange = { ...structuredClone(p), protectedRangeId: ss.nextProtectedRangeId++ };
      sheet.protectedRanges.push(pr);
      return { addProtectedRange: { protectedRange: structuredClone(pr) } };
    }
    case "updateProtectedRange": {
      const p = req.protectedRange;
      const found = ss.sheets.flatMap((s) => s.protectedRanges).find((x) => x.protectedRangeId === p.protectedRangeId);
      if (!found) throw new RequestError(`No protected range with id: ${p.protectedRangeId}`);
      applyMask(found as unknown as Record<string, unknown>, p, req.fields);
      return {};
    }
    default:
      throw new RequestError(`The fake does not support ${kind}.`);
  }
}

/** spreadsheets.batchUpdate: all requests or none. */
export function batchUpdate(store: Map<string, FakeSpreadsheetModel>, id: string, body: { requests?: Req[] }) {
  const current = store.get(id)!;
  const next = structuredClone(current);
  const replies: Record<string, unknown>[] = [];
  (body.requests ?? []).forEach((r, i) => {
    const kinds = Object.keys(r);
    if (kinds.length !== 1) throw sheetsError(400, "INVALID_ARGUMENT", `Invalid requests[${i}]: exactly one kind of request must be set.`);
    try {
      replies.push(apply(next, kinds[0]!, r[kinds[0]!]));
    } catch (e) {
      if (e instanceof RequestError) throw sheetsError(400, "INVALID_ARGUMENT", `Invalid requests[${i}].${kinds[0]}: ${e.message}`);
      throw e;
    }
  });
  store.set(id, next);
  return { spreadsheetId: id, replies };
}

/** spreadsheets.get (no grid data). */
export function getSpreadsheet(ss: FakeSpreadsheetModel, fields: string | undefined) {
  const full = {
    spreadsheetId: ss.spreadsheetId,
    properties: structuredClone(ss.properties),
    sheets: ss.sheets.map((s) => ({
      properties: structuredClone(s.properties),
      ...(s.protectedRanges.length ? { protectedRanges: structuredClone(s.protectedRanges) } : {}),
    })),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.spreadsheetId}/edit`,
  };
  return pick(full, fields);
}
