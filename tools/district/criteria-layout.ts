/** The Sheets API requests of the evaluation rule table (./layout.ts places it after "Cài đặt"). Pure. */
import type { sheets_v4 } from "googleapis";
import { CRITERIA_SHEET, CRITERIA_WIDTHS, criteriaFormats, criteriaRows } from "../../shared/evaluation/criteria";
import { HEADER_BACKGROUND, HEADER_PROTECTION } from "../../shared/template-plan";
import { color, NEW_SHEET, numberFormat, range, text } from "./sheets-values";

type Request = sheets_v4.Schema$Request;

/**
 * The evaluation rule table with its defaults (shared/evaluation/criteria.ts), after the settings
 * sheet, as "Thiết lập mẫu" creates it; an existing one is the commune's and is not touched.
 */
export function addCriteriaSheet(requests: Request[], sheetId: number, index: number): void {
  const rows = criteriaRows();
  const formats = criteriaFormats();
  const width = rows[0]!.length;
  requests.push(
    { addSheet: { properties: { sheetId, title: CRITERIA_SHEET, index, gridProperties: { ...NEW_SHEET, frozenRowCount: 1 } } } },
    {
      updateCells: {
        range: range(sheetId, 0, rows.length, 0, width),
        rows: rows.map((r, i) => ({
          values: r.map((v, j) => ({ userEnteredValue: text(v), userEnteredFormat: { numberFormat: numberFormat(formats[i]![j]!) } })),
        })),
        fields: "userEnteredValue,userEnteredFormat.numberFormat",
      },
    },
    {
      repeatCell: {
        range: range(sheetId, 0, 1, 0, width),
        cell: { userEnteredFormat: { textFormat: { bold: true }, backgroundColor: color(HEADER_BACKGROUND) } },
        fields: "userEnteredFormat(textFormat.bold,backgroundColor)",
      },
    },
    ...CRITERIA_WIDTHS.map((px, i) => ({
      updateDimensionProperties: {
        range: { sheetId, dimension: "COLUMNS", startIndex: i, endIndex: i + 1 },
        properties: { pixelSize: px },
        fields: "pixelSize",
      },
    })),
    { addProtectedRange: { protectedRange: { range: range(sheetId, 0, 1, 0, width), description: HEADER_PROTECTION, warningOnly: true } } },
  );
}
