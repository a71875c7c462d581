/**
 * The Sheets API builder of the commune templates: from what a spreadsheet already holds (its
 * sheets and their header rows) to the requests of ONE spreadsheets.batchUpdate that gives it
 * every template sheet exactly as the add-on's "Thiết lập mẫu" does (addon/src/gas/setup.ts) —
 * both follow the shared plan (shared/template-plan.ts): titles and order, header rows (unknown
 * columns kept, new ones added to the right), header notes and style, frozen header row,
 * warning-only protection, widths and number formats of new columns, data validation on every
 * row, and the "Cài đặt" sheet. Pure: no request is sent here.
 * https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request
 */
import type { sheets_v4 } from "googleapis";
import type { ColumnSpec } from "../../shared/cells";
import { CRITERIA_SHEET } from "../../shared/evaluation/criteria";
import { SCHEMA_VERSION } from "../../shared/schemas";
import {
  HEADER_BACKGROUND,
  HEADER_PROTECTION,
  headerNote,
  numberFormatOf,
  planHeaders,
  SETTINGS_FORMATS,
  SETTINGS_SHEET,
  SETTINGS_WIDTHS,
  settingsRows,
  validationOf,
} from "../../shared/template-plan";
import { columnsOf, SHEET_KEYS, SHEETS, type SheetKey } from "../../shared/templates";
import { addCriteriaSheet } from "./criteria-layout";
import { type Built, color, NEW_SHEET, numberFormat, range, text, validationRule } from "./sheets-values";

type Request = sheets_v4.Schema$Request;
type CellData = sheets_v4.Schema$CellData;

/** A sheet as spreadsheets.get describes it, with its first row's values when read. */
export interface ExistingSheet {
  sheetId: number;
  title: string;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  protections: { protectedRangeId: number; description: string }[];
  /** Row 1 (template sheets) or rows 1–7 (the settings sheet), as values.batchGet gives them. */
  values: unknown[][];
}

export interface LayoutInput {
  sheets: ExistingSheet[];
  commune: { code: string; name: string };
  /** Remove the spreadsheet's empty default sheet (a spreadsheet the tool has just created). */
  dropDefaultSheet: boolean;
}

export interface LayoutPlan {
  requests: Request[];
  created: string[];
  repaired: { title: string; added: string[] }[];
  /** Template-named sheets whose row 1 is not a template header: left alone, as the add-on does. */
  untouched: string[];
  /** Every template sheet and the settings sheet were already there, complete: nothing needs sending. */
  complete: boolean;
}

export { NEW_SHEET } from "./sheets-values";

function headerStyle(sheetId: number, width: number): Request {
  return {
    repeatCell: {
      range: range(sheetId, 0, 1, 0, width),
      cell: {
        userEnteredFormat: {
          textFormat: { bold: true },
          backgroundColor: color(HEADER_BACKGROUND),
          wrapStrategy: "WRAP",
          verticalAlignment: "MIDDLE",
        },
      },
      fields: "userEnteredFormat(textFormat.bold,backgroundColor,wrapStrategy,verticalAlignment)",
    },
  };
}

function protect(
  sheetId: number,
  r: sheets_v4.Schema$GridRange,
  existing: ExistingSheet | undefined,
  moveExisting: boolean,
): Request | null {
  const found = existing?.protections.find((p) => p.description === HEADER_PROTECTION);
  if (found)
    return moveExisting
      ? { updateProtectedRange: { protectedRange: { protectedRangeId: found.protectedRangeId, range: r }, fields: "range" } }
      : null;
  return { addProtectedRange: { protectedRange: { range: { ...r, sheetId }, description: HEADER_PROTECTION, warningOnly: true } } };
}

/** Every request that makes the spreadsheet hold the templates; none when it already does (but notes, styles and validations are re-applied, as the add-on does). */
export function planLayout(input: LayoutInput): LayoutPlan {
  const out: LayoutPlan = { requests: [], created: [], repaired: [], untouched: [], complete: false };
  let complete = true;
  const req = (r: Request | null) => {
    if (r) out.requests.push(r);
  };
  const byTitle = new Map(input.sheets.map((s) => [s.title, s]));
  const order = input.sheets.map((s) => s.title);
  let nextId = Math.max(0, ...input.sheets.map((s) => s.sheetId)) + 1;
  const built: Partial<Record<SheetKey, Built>> = {};
  const templateTitles = new Set([...SHEET_KEYS.map((k) => SHEETS[k].title), SETTINGS_SHEET, CRITERIA_SHEET]);
  const dropped =
    input.dropDefaultSheet && input.sheets.length === 1 && !templateTitles.has(input.sheets[0]!.title) ? input.sheets[0]! : null;

  // The settings sheet first, appended at the end, as "Thiết lập mẫu" does before the templates.
  const settings = byTitle.get(SETTINGS_SHEET);
  const settingsId = settings?.sheetId ?? nextId++;
  if (!settings) {
    req({
      addSheet: { properties: { sheetId: settingsId, title: SETTINGS_SHEET, index: order.length, gridProperties: { ...NEW_SHEET } } },
    });
    order.push(SETTINGS_SHEET);
  }
  const old = settings?.values ?? [];
  if (
    !settings ||
    old[1]?.[1] !== input.commune.code ||
    old[2]?.[1] !== input.commune.name ||
    !settings.protections.some((p) => p.description === HEADER_PROTECTION)
  )
    complete = false;
  const rows = settingsRows({
    communeCode: input.commune.code,
    communeName: input.commune.name,
    schemaVersion: SCHEMA_VERSION,
    lastSubmission: old[4]?.[1] ?? "",
    lastResult: old[5]?.[1] ?? "",
  });
  req({
    updateCells: {
      range: range(settingsId, 0, rows.length, 0, 2),
      rows: rows.map((r, i) => ({
        values: r.map((v, j) => ({
          userEnteredValue: text(v),
          userEnteredFormat: { numberFormat: numberFormat(SETTINGS_FORMATS[i]![j]!) },
        })),
      })),
      fields: "userEnteredValue,userEnteredFormat.numberFormat",
    },
  });
  req({
    repeatCell: {
      range: range(settingsId, 0, 1, 0, 2),
      cell: { userEnteredFormat: { textFormat: { bold: true }, backgroundColor: color(HEADER_BACKGROUND) } },
      fields: "userEnteredFormat(textFormat.bold,backgroundColor)",
    },
  });
  SETTINGS_WIDTHS.forEach((px, i) => {
    req({
      updateDimensionProperties: {
        range: { sheetId: settingsId, dimension: "COLUMNS", startIndex: i, endIndex: i + 1 },
        properties: { pixelSize: px },
        fields: "pixelSize",
      },
    });
  });
  if (!settings || settings.frozenRowCount < 1)
    req({
      updateSheetProperties: {
        properties: { sheetId: settingsId, gridProperties: { frozenRowCount: 1 } },
        fields: "gridProperties.frozenRowCount",
      },
    });
  req(protect(settingsId, range(settingsId, 0, 7, 0, 2), settings, false));
  if (!byTitle.has(CRITERIA_SHEET)) {
    complete = false;
    addCriteriaSheet(out.requests, nextId++, order.length);
    order.push(CRITERIA_SHEET);
  }

  SHEET_KEYS.forEach((key, i) => {
    const spec = SHEETS[key];
    const existing = byTitle.get(spec.title);
    const plan = planHeaders(key, existing?.values[0] ?? []);
    if (!plan.recognized) {
      out.untouched.push(spec.title);
      return;
    }
    const width = plan.headers.length;
    const sheetId = existing?.sheetId ?? nextId++;
    const rowCount = existing?.rowCount ?? NEW_SHEET.rowCount;
    if (!existing) {
      const index = Math.min(i, order.length);
      order.splice(index, 0, spec.title);
      req({
        addSheet: {
          properties: {
            sheetId,
            title: spec.title,
            index,
            gridProperties: { rowCount, columnCount: Math.max(NEW_SHEET.columnCount, width), frozenRowCount: 1 },
          },
        },
      });
    } else {
      if (width > existing.columnCount) req({ appendDimension: { sheetId, dimension: "COLUMNS", length: width - existing.columnCount } });
      if (existing.frozenRowCount < 1)
        req({
          updateSheetProperties: {
            properties: { sheetId, gridProperties: { frozenRowCount: 1 } },
            fields: "gridProperties.frozenRowCount",
          },
        });
    }
    // Header values and the notes of the template's columns; other columns' notes stay.
    const cols = columnsOf(key);
    const noteAt = new Map<number, string>(cols.map((c, j) => [plan.map.colOf[c.key]!, headerNote(key, c, j)]));
    let c = 0;
    while (c < width) {
      const start = c;
      const withNote = noteAt.has(c);
      while (c < width && noteAt.has(c) === withNote) c++;
      const values: CellData[] = plan.headers
        .slice(start, c)
        .map((h, j) => ({ userEnteredValue: text(h), ...(withNote ? { note: noteAt.get(start + j)! } : {}) }));
      req({
        updateCells: {
          range: range(sheetId, 0, 1, start, c),
          rows: [{ values }],
          fields: withNote ? "userEnteredValue,note" : "userEnteredValue",
        },
      });
    }
    req(headerStyle(sheetId, width));
    const specByKey = new Map<string, ColumnSpec>(cols.map((col) => [col.key, col]));
    for (const { key: colKey, col } of plan.added) {
      const spec2 = specByKey.get(colKey)!;
      req({
        updateDimensionProperties: {
          range: { sheetId, dimension: "COLUMNS", startIndex: col, endIndex: col + 1 },
          properties: { pixelSize: spec2.width },
          fields: "pixelSize",
        },
      });
      const fmt = numberFormatOf(spec2);
      if (fmt && rowCount > 1)
        req({
          repeatCell: {
            range: range(sheetId, 1, rowCount, col, col + 1),
            cell: { userEnteredFormat: { numberFormat: numberFormat(fmt) } },
            fields: "userEnteredFormat.numberFormat",
          },
        });
    }
    req(protect(sheetId, range(sheetId, 0, 1, 0, width), existing, true));
    built[key] = { sheetId, title: spec.title, rowCount, map: plan.map };
    if (rowCount > 1) {
      for (const col of cols) {
        const v = validationOf(key, col);
        const at = plan.map.colOf[col.key];
        const rule = v && at !== undefined ? validationRule(v, built) : null;
        if (rule) req({ setDataValidation: { range: range(sheetId, 1, rowCount, at!, at! + 1), rule } });
      }
    }
    if (!existing) out.created.push(spec.title);
    else if (plan.added.length) out.repaired.push({ title: spec.title, added: plan.added.map((a) => specByKey.get(a.key)!.header) });
    if (
      !existing ||
      plan.added.length ||
      existing.frozenRowCount < 1 ||
      !existing.protections.some((p) => p.description === HEADER_PROTECTION)
    )
      complete = false;
  });
  if (dropped) req({ deleteSheet: { sheetId: dropped.sheetId } });
  out.complete = complete && out.untouched.length === 0;
  return out;
}
