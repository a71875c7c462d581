/**
 * The Drive v3 part of the fake: files.create (a Google Sheets file from metadata), files.copy,
 * files.list (the query terms tools/district sends), permissions.create and permissions.list.
 * Under the `drive.file` scope a caller sees only files its app created (or that were opened with
 * it): other files answer 404 notFound, as Drive does. https://developers.google.com/drive/api/guides/api-specific-auth
 */
import { randomBytes } from "node:crypto";
import { SCOPES } from "./auth";
import { driveError } from "./errors";
import { pick } from "./fields";
import { cloneSpreadsheet, type FakeSpreadsheetModel, newSpreadsheet } from "./sheets";

export const SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet";
export const FOLDER_MIME = "application/vnd.google-apps.folder";

export interface FakePermission {
  kind: "drive#permission";
  id: string;
  type: string;
  role: string;
  emailAddress?: string;
}
export interface FakeFile {
  kind: "drive#file";
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  appProperties?: Record<string, string>;
  trashed: boolean;
  createdTime: string;
  webViewLink: string;
  /** Created through the API by the tool (visible under drive.file). */
  byApp: boolean;
  permissions: FakePermission[];
}

export const newId = () => `1${randomBytes(21).toString("base64url").replace(/[^\w]/g, "x")}`;

type Body = Record<string, any>;

export class FakeDrive {
  readonly files = new Map<string, FakeFile>();
  /** Notification emails Drive would have sent. */
  readonly emails: { to: string; message?: string }[] = [];

  constructor(private readonly spreadsheets: Map<string, FakeSpreadsheetModel>) {}

  /** Test helper: a folder (or Shared Drive root) the tool's account can create files in. */
  addFolder(name: string, id = newId()): string {
    this.files.set(id, this.file({ id, name, mimeType: FOLDER_MIME, parents: [], byApp: true }));
    return id;
  }

  private file(f: Pick<FakeFile, "id" | "name" | "mimeType" | "parents" | "byApp"> & { appProperties?: Record<string, string> }): FakeFile {
    return {
      kind: "drive#file",
      trashed: false,
      createdTime: new Date().toISOString(),
      webViewLink:
        f.mimeType === SPREADSHEET_MIME
          ? `https://docs.google.com/spreadsheets/d/${f.id}/edit?usp=drivesdk`
          : `https://drive.google.com/drive/folders/${f.id}`,
      permissions: [],
      ...f,
    };
  }

  /** The file when the caller may see it, else Drive's 404. */
  visible(id: string, scopes: Set<string>, location = "fileId"): FakeFile {
    const f = this.files.get(id);
    const full = scopes.has(SCOPES.drive);
    if (!f || (!full && !f.byApp)) throw driveError(404, "notFound", `File not found: ${id}.`, { location, locationType: "parameter" });
    return f;
  }

  private checkParents(parents: unknown, scopes: Set<string>): string[] {
    const list = Array.isArray(parents) ? (parents as string[]) : [];
    if (list.length > 1) throw driveError(403, "cannotAddParent", "Increasing the number of parents is not allowed");
    for (const p of list) {
      const f = this.visible(p, scopes, "parents");
      if (f.mimeType !== FOLDER_MIME)
        throw driveError(400, "invalid", "The specified parent is not a folder.", { location: "parents", locationType: "parameter" });
    }
    return list;
  }

  create(body: Body, params: URLSearchParams, scopes: Set<string>) {
    if (body.mimeType !== SPREADSHEET_MIME && body.mimeType !== FOLDER_MIME) {
      throw driveError(400, "badRequest", "The fake creates Google Sheets files and folders only.");
    }
    const parents = this.checkParents(body.parents, scopes);
    const id = newId();
    const f = this.file({
      id,
      name: String(body.name ?? "Untitled"),
      mimeType: body.mimeType,
      parents,
      byApp: true,
      ...(body.appProperties ? { appProperties: { ...body.appProperties } } : {}),
    });
    this.files.set(id, f);
    if (f.mimeType === SPREADSHEET_MIME) this.spreadsheets.set(id, newSpreadsheet(id, f.name));
    return pick(this.view(f), params.get("fields") ?? "kind,id,name,mimeType");
  }

  copy(id: string, body: Body, params: URLSearchParams, scopes: Set<string>) {
    const src = this.visible(id, scopes);
    const parents = body.parents ? this.checkParents(body.parents, scopes) : src.parents;
    const nid = newId();
    const f = this.file({
      id: nid,
      name: String(body.name ?? `Bản sao của ${src.name}`),
      mimeType: src.mimeType,
      parents,
      byApp: true,
      ...(body.appProperties ? { appProperties: { ...body.appProperties } } : {}),
    });
    this.files.set(nid, f);
    const ss = this.spreadsheets.get(id);
    if (ss) this.spreadsheets.set(nid, cloneSpreadsheet(ss, nid, f.name));
    return pick(this.view(f), params.get("fields") ?? "kind,id,name,mimeType");
  }

  /** files.list with `q` terms joined by `and`: trashed = false, '<id>' in parents, mimeType = '…', appProperties has { key='…' and value='…' }. */
  list(params: URLSearchParams, scopes: Set<string>) {
    const q = params.get("q") ?? "";
    const tests: ((f: FakeFile) => boolean)[] = [];
    const term =
      /\s*(?:(trashed\s*=\s*(true|false))|('([^']+)'\s+in\s+parents)|(mimeType\s*=\s*'([^']+)')|(appProperties\s+has\s+\{\s*key\s*=\s*'([^']+)'\s+and\s+value\s*=\s*'([^']*)'\s*\}))\s*(?:and\b|$)/y;
    let at = 0;
    while (at < q.length) {
      term.lastIndex = at;
      const m = term.exec(q);
      if (!m) throw driveError(400, "invalid", "Invalid Value", { location: "q", locationType: "parameter" });
      if (m[1]) tests.push((f) => f.trashed === (m[2] === "true"));
      else if (m[3]) tests.push((f) => f.parents.includes(m[4]!));
      else if (m[5]) tests.push((f) => f.mimeType === m[6]);
      else tests.push((f) => f.appProperties?.[m[8]!] === m[9]);
      at = term.lastIndex;
    }
    const size = Math.min(Math.max(Number(params.get("pageSize") ?? 100), 1), 1000);
    const all = [...this.files.values()].filter((f) => (scopes.has(SCOPES.drive) || f.byApp) && tests.every((t) => t(f)));
    const start = Number(params.get("pageToken") ?? 0);
    const page = all.slice(start, start + size);
    const next = start + size < all.length ? String(start + size) : undefined;
    return pick(
      { kind: "drive#fileList", incompleteSearch: false, files: page.map((f) => this.view(f)), ...(next ? { nextPageToken: next } : {}) },
      params.get("fields") ?? "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)",
    );
  }

  createPermission(id: string, body: Body, params: URLSearchParams, scopes: Set<string>) {
    const f = this.visible(id, scopes);
    if (body.type !== "user" || !["reader", "commenter", "writer"].includes(body.role)) {
      throw driveError(400, "invalidSharingRequest", "The fake shares with users as reader, commenter or writer only.");
    }
    const email = String(body.emailAddress ?? "").toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      throw driveError(400, "invalid", "Invalid Value", { location: "permission.emailAddress", locationType: "parameter" });
    // Drive keeps one permission per user: sharing again returns it (with the new role).
    let p = f.permissions.find((x) => x.emailAddress === email);
    if (p) p.role = body.role;
    else {
      p = { kind: "drive#permission", id: `0${randomBytes(9).toString("hex")}`, type: "user", role: body.role, emailAddress: email };
      f.permissions.push(p);
    }
    if (params.get("sendNotificationEmail") !== "false")
      this.emails.push({ to: email, ...(params.get("emailMessage") ? { message: params.get("emailMessage")! } : {}) });
    return pick({ ...p }, params.get("fields") ?? "kind,id,type,role");
  }

  listPermissions(id: string, params: URLSearchParams, scopes: Set<string>) {
    const f = this.visible(id, scopes);
    return pick(
      { kind: "drive#permissionList", permissions: f.permissions.map((p) => ({ ...p })) },
      params.get("fields") ?? "kind,permissions(kind,id,type,role)",
    );
  }

  private view(f: FakeFile) {
    const { byApp: _b, permissions: _p, ...rest } = f;
    return rest;
  }
}
