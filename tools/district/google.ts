/**
 * The Google calls the tool makes, each one request through googleapis (Drive v3, Sheets v4) with
 * our retry policy (./retry.ts; googleapis' own retry is off so nothing is retried twice).
 * Only what provision and pull need: files.create/copy/list, permissions.create/list,
 * spreadsheets.get/batchUpdate, values.batchGet. `rootUrl` points googleapis elsewhere (tests).
 */

import type { JWT, OAuth2Client } from "google-auth-library";
import { type drive_v3, google, type sheets_v4 } from "googleapis";
import { DEFAULT_RETRY, type RetryEvents, type RetryPolicy, retrying } from "./retry";

export const SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet";
/** appProperties key that marks a spreadsheet as a commune's, with the commune's unit id as value. */
export const COMMUNE_PROPERTY = "danVanCommune";

export interface GoogleOptions {
  auth: JWT | OAuth2Client;
  rootUrl?: string;
  retry?: RetryPolicy;
  events?: RetryEvents;
}

export interface CommuneFile {
  id: string;
  name: string;
  unitId: string;
  webViewLink?: string;
}

export type Google = ReturnType<typeof googleApi>;

/** Requests sent, by operation ("sheets.batchUpdate", "drive.files.create", …), retries included. */
export type RequestCounts = Map<string, number>;

export function googleApi(o: GoogleOptions) {
  const common = { auth: o.auth, retry: false, ...(o.rootUrl ? { rootUrl: o.rootUrl.replace(/\/?$/, "/") } : {}) };
  const drive = google.drive({ version: "v3", ...common });
  const sheets = google.sheets({ version: "v4", ...common });
  const counts: RequestCounts = new Map();
  const count = (op: string) => counts.set(op, (counts.get(op) ?? 0) + 1);
  const call = <T>(op: string, fn: () => Promise<{ data: T }>) =>
    retrying(
      async () => {
        count(op);
        return (await fn()).data;
      },
      o.retry ?? DEFAULT_RETRY,
      o.events ?? {},
    );

  return {
    counts,
    /** Every commune spreadsheet the tool made (under `drive.file` Drive lists only those), by unit id. */
    async listCommuneFiles(folderId?: string): Promise<CommuneFile[]> {
      const out: CommuneFile[] = [];
      let pageToken: string | undefined;
      const q = [`mimeType = '${SPREADSHEET_MIME}'`, "trashed = false", ...(folderId ? [`'${folderId}' in parents`] : [])].join(" and ");
      do {
        const page: drive_v3.Schema$FileList = await call("drive.files.list", () =>
          drive.files.list({
            q,
            pageSize: 1000,
            fields: "nextPageToken,files(id,name,webViewLink,appProperties)",
            supportsAllDrives: true,
            includeItemsFromAllDrives: true,
            ...(pageToken ? { pageToken } : {}),
          }),
        );
        for (const f of page.files ?? []) {
          const unitId = f.appProperties?.[COMMUNE_PROPERTY];
          if (f.id && unitId) out.push({ id: f.id, name: f.name ?? "", unitId, ...(f.webViewLink ? { webViewLink: f.webViewLink } : {}) });
        }
        pageToken = page.nextPageToken ?? undefined;
      } while (pageToken);
      return out;
    },

    /** The files marked with this commune's unit id (normally none or one). */
    async findCommuneFiles(unitId: string): Promise<CommuneFile[]> {
      const page = await call("drive.files.list", () =>
        drive.files.list({
          q: `appProperties has { key='${COMMUNE_PROPERTY}' and value='${unitId.replace(/'/g, "\\'")}' } and trashed = false`,
          pageSize: 10,
          fields: "files(id,name,webViewLink,appProperties)",
          supportsAllDrives: true,
          includeItemsFromAllDrives: true,
        }),
      );
      return (page.files ?? []).map((f) => ({
        id: f.id!,
        name: f.name ?? "",
        unitId,
        ...(f.webViewLink ? { webViewLink: f.webViewLink } : {}),
      }));
    },

    /** A new spreadsheet file (or a copy of a template) marked with the commune's unit id. Not retried: see provision.ts. */
    async createCommuneFile(p: { name: string; unitId: string; folderId?: string; templateId?: string }): Promise<CommuneFile> {
      const requestBody = {
        name: p.name,
        appProperties: { [COMMUNE_PROPERTY]: p.unitId },
        ...(p.folderId ? { parents: [p.folderId] } : {}),
      };
      const fields = "id,name,webViewLink";
      count(p.templateId ? "drive.files.copy" : "drive.files.create");
      const res = p.templateId
        ? await drive.files.copy({ fileId: p.templateId, requestBody, fields, supportsAllDrives: true })
        : await drive.files.create({ requestBody: { ...requestBody, mimeType: SPREADSHEET_MIME }, fields, supportsAllDrives: true });
      return {
        id: res.data.id!,
        name: res.data.name ?? p.name,
        unitId: p.unitId,
        ...(res.data.webViewLink ? { webViewLink: res.data.webViewLink } : {}),
      };
    },

    /** Emails the file is shared with as writer. */
    async writers(fileId: string): Promise<string[]> {
      const r = await call("drive.permissions.list", () =>
        drive.permissions.list({ fileId, fields: "permissions(id,type,role,emailAddress)", supportsAllDrives: true }),
      );
      return (r.permissions ?? [])
        .filter((p) => p.role === "writer" || p.role === "owner" || p.role === "organizer" || p.role === "fileOrganizer")
        .map((p) => (p.emailAddress ?? "").toLowerCase());
    },

    /** Share with a user as writer. Drive keeps one permission per user, so a repeat is harmless. */
    share(fileId: string, email: string, notify: { message: string } | null) {
      return call("drive.permissions.create", () =>
        drive.permissions.create({
          fileId,
          requestBody: { type: "user", role: "writer", emailAddress: email },
          sendNotificationEmail: notify !== null,
          ...(notify ? { emailMessage: notify.message } : {}),
          supportsAllDrives: true,
          fields: "id",
        }),
      );
    },

    /** Sheets, their grid sizes and protected ranges (no cell data). */
    getLayout(spreadsheetId: string): Promise<sheets_v4.Schema$Spreadsheet> {
      return call("sheets.get", () =>
        sheets.spreadsheets.get({
          spreadsheetId,
          fields:
            "spreadsheetId,sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount,frozenRowCount)),protectedRanges(protectedRangeId,description,range))",
        }),
      );
    },

    /** One batchUpdate: all requests are applied or none (Sheets API semantics). Not retried: see provision.ts. */
    async batchUpdate(spreadsheetId: string, requests: sheets_v4.Schema$Request[]) {
      count("sheets.batchUpdate");
      return (await sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests } })).data;
    },

    /** Several ranges in one read; dates as day numbers, numbers as numbers, as Apps Script's getValues. */
    readRanges(spreadsheetId: string, ranges: string[]): Promise<sheets_v4.Schema$BatchGetValuesResponse> {
      return call("sheets.values.batchGet", () =>
        sheets.spreadsheets.values.batchGet({
          spreadsheetId,
          ranges,
          valueRenderOption: "UNFORMATTED_VALUE",
          dateTimeRenderOption: "SERIAL_NUMBER",
          majorDimension: "ROWS",
        }),
      );
    },
  };
}

/** A sheet title as an A1 range of the whole sheet: 'Hộ gia đình (mẫu 02)'. */
export const sheetRange = (title: string) => `'${title.replace(/'/g, "''")}'`;
