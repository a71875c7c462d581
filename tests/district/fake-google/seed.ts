/** Test helpers that put files into the fake directly, as if made earlier (no request is logged). */
import { type FakeDrive, newId, SPREADSHEET_MIME } from "./drive";
import type { FakeGoogle } from "./server";
import { newSpreadsheet } from "./sheets";
import { putValues } from "./values";

/**
 * A spreadsheet in `folderId` with `appProperties`, holding the default sheet and then one sheet
 * per entry of `sheets` (title → values from A1). `byApp`: made by the tool (visible under drive.file).
 */
export function seedSpreadsheet(
  fake: FakeGoogle,
  o: { name: string; folderId: string; appProperties?: Record<string, string>; sheets?: Record<string, unknown[][]>; byApp?: boolean },
): string {
  const id = newId();
  const drive: FakeDrive = fake.drive;
  drive.files.set(id, {
    kind: "drive#file",
    id,
    name: o.name,
    mimeType: SPREADSHEET_MIME,
    parents: [o.folderId],
    ...(o.appProperties ? { appProperties: { ...o.appProperties } } : {}),
    trashed: false,
    createdTime: new Date().toISOString(),
    webViewLink: `https://docs.google.com/spreadsheets/d/${id}/edit?usp=drivesdk`,
    byApp: o.byApp ?? true,
    permissions: [],
  });
  const ss = newSpreadsheet(id, o.name);
  let nextId = 1;
  for (const [title, values] of Object.entries(o.sheets ?? {})) {
    const base = structuredClone(ss.sheets[0]!);
    base.properties = { ...base.properties, sheetId: nextId++, title, index: ss.sheets.length };
    base.cells = new Map();
    ss.sheets.push(base);
    putValues(ss, title, values);
  }
  fake.spreadsheets.set(id, ss);
  return id;
}
