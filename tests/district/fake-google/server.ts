/**
 * A local fake of exactly the Google endpoints tools/district uses, on 127.0.0.1, in memory:
 * Drive v3 (files.create/copy/list, permissions.create/list), Sheets v4 (spreadsheets.get,
 * batchUpdate, values.batchGet) and the OAuth token endpoint. googleapis reaches it through
 * `rootUrl`. It checks credentials and scopes, answers with Google's status codes and error
 * bodies, can answer 429 every n-th request and 500 once (optionally after doing the work, as a
 * real server that fails on the way back), and records every request.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Caller, FakeAuth, SCOPES } from "./auth";
import { FakeDrive } from "./drive";
import {
  driveInternal,
  driveRateLimit,
  HttpError,
  insufficientScopes,
  sheetsError,
  sheetsInternal,
  sheetsQuota,
  unauthenticated,
} from "./errors";
import { batchUpdate, type FakeSpreadsheetModel, getSpreadsheet } from "./sheets";
import { batchGet } from "./values";

export interface Faults {
  /** Every n-th API request answers 429 without doing anything (0: never). */
  rateLimitEvery?: number;
  /** The n-th mutating request (POST) — of operation `op` when given — answers 500 once; with `applied` the work is done first. */
  failOnce?: { at: number; applied: boolean; op?: string };
  /** Delay before each answer (ms), like a network round trip. */
  latencyMs?: number;
}

export interface LoggedRequest {
  method: string;
  op: string;
  path: string;
  status: number;
  user: string | null;
  /** The scopes the caller's credentials carried. */
  scopes?: string[];
  body?: any;
}

type Api = "drive" | "sheets";
interface Route {
  method: string;
  re: RegExp;
  op: string;
  api: Api;
  /** Scopes that allow the call (any one of them). */
  scopes: string[];
  run: (m: RegExpExecArray, q: URLSearchParams, body: any, caller: Caller) => unknown;
}

export class FakeGoogle {
  readonly auth = new FakeAuth();
  readonly spreadsheets = new Map<string, FakeSpreadsheetModel>();
  readonly drive = new FakeDrive(this.spreadsheets);
  readonly log: LoggedRequest[] = [];
  faults: Faults = {};
  private apiCount = 0;
  private postCount = 0;
  private failed = false;
  private server: Server | null = null;
  url = "";

  private readonly routes: Route[] = [
    {
      method: "POST",
      re: /^\/drive\/v3\/files$/,
      op: "drive.files.create",
      api: "drive",
      scopes: [SCOPES.driveFile, SCOPES.drive],
      run: (_m, q, b, c) => this.drive.create(b, q, c.scopes),
    },
    {
      method: "GET",
      re: /^\/drive\/v3\/files$/,
      op: "drive.files.list",
      api: "drive",
      scopes: [SCOPES.driveFile, SCOPES.drive],
      run: (_m, q, _b, c) => this.drive.list(q, c.scopes),
    },
    {
      method: "POST",
      re: /^\/drive\/v3\/files\/([\w-]+)\/copy$/,
      op: "drive.files.copy",
      api: "drive",
      scopes: [SCOPES.driveFile, SCOPES.drive],
      run: (m, q, b, c) => this.drive.copy(m[1]!, b, q, c.scopes),
    },
    {
      method: "POST",
      re: /^\/drive\/v3\/files\/([\w-]+)\/permissions$/,
      op: "drive.permissions.create",
      api: "drive",
      scopes: [SCOPES.driveFile, SCOPES.drive],
      run: (m, q, b, c) => this.drive.createPermission(m[1]!, b, q, c.scopes),
    },
    {
      method: "GET",
      re: /^\/drive\/v3\/files\/([\w-]+)\/permissions$/,
      op: "drive.permissions.list",
      api: "drive",
      scopes: [SCOPES.driveFile, SCOPES.drive],
      run: (m, q, _b, c) => this.drive.listPermissions(m[1]!, q, c.scopes),
    },
    {
      method: "GET",
      re: /^\/v4\/spreadsheets\/([\w-]+)$/,
      op: "sheets.get",
      api: "sheets",
      scopes: [SCOPES.driveFile, SCOPES.drive, SCOPES.spreadsheets, SCOPES.spreadsheetsReadonly],
      run: (m, q, _b, c) => getSpreadsheet(this.sheet(m[1]!, c), q.get("fields") ?? undefined),
    },
    {
      method: "POST",
      re: /^\/v4\/spreadsheets\/([\w-]+):batchUpdate$/,
      op: "sheets.batchUpdate",
      api: "sheets",
      scopes: [SCOPES.driveFile, SCOPES.drive, SCOPES.spreadsheets],
      run: (m, _q, b, c) => {
        this.sheet(m[1]!, c);
        return batchUpdate(this.spreadsheets, m[1]!, b);
      },
    },
    {
      method: "GET",
      re: /^\/v4\/spreadsheets\/([\w-]+)\/values:batchGet$/,
      op: "sheets.values.batchGet",
      api: "sheets",
      scopes: [SCOPES.driveFile, SCOPES.drive, SCOPES.spreadsheets, SCOPES.spreadsheetsReadonly],
      run: (m, q, _b, c) =>
        batchGet(
          this.sheet(m[1]!, c),
          q.getAll("ranges"),
          q.get("valueRenderOption") ?? undefined,
          q.get("dateTimeRenderOption") ?? undefined,
        ),
    },
  ];

  /** A spreadsheet the caller may open: under drive.file only those the tool created. */
  private sheet(id: string, c: Caller): FakeSpreadsheetModel {
    const ss = this.spreadsheets.get(id);
    if (!ss) throw sheetsError(404, "NOT_FOUND", "Requested entity was not found.");
    const byApp = this.drive.files.get(id)?.byApp ?? false;
    if (!byApp && !c.scopes.has(SCOPES.drive) && !c.scopes.has(SCOPES.spreadsheets) && !c.scopes.has(SCOPES.spreadsheetsReadonly)) {
      throw sheetsError(403, "PERMISSION_DENIED", "The caller does not have permission");
    }
    return ss;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(async ({ status, body }) => {
        if (this.faults.latencyMs) await new Promise((r) => setTimeout(r, this.faults.latencyMs));
        res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Requests of one operation (e.g. "sheets.batchUpdate"). */
  requests(op?: string): LoggedRequest[] {
    return op ? this.log.filter((l) => l.op === op) : this.log;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const method = req.method ?? "GET";
    if (url.pathname === "/token" && method === "POST") {
      const r = this.auth.token(new URLSearchParams(text));
      this.log.push({ method, op: "oauth.token", path: url.pathname, status: r.status, user: null });
      return r;
    }
    const route = this.routes.find((r) => r.method === method && r.re.test(url.pathname));
    const entry: LoggedRequest = { method, op: route?.op ?? "unknown", path: url.pathname, status: 0, user: null };
    this.log.push(entry);
    const done = (status: number, body: unknown) => {
      entry.status = status;
      return { status, body };
    };
    if (!route) return done(404, { error: { code: 404, message: `The fake has no ${method} ${url.pathname}.`, status: "NOT_FOUND" } });
    let body: any = {};
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return done(400, { error: { code: 400, message: "Invalid JSON payload received.", status: "INVALID_ARGUMENT" } });
      }
    }
    if (method === "POST") entry.body = body;
    const caller = this.auth.caller(req.headers.authorization);
    if (!caller) return done(401, unauthenticated().body);
    entry.user = caller.user;
    entry.scopes = [...caller.scopes].sort();
    if (!route.scopes.some((s) => caller.scopes.has(s)))
      return done(403, insufficientScopes(`${route.api === "drive" ? "drive" : "sheets"}.googleapis.com`).body);
    this.apiCount++;
    const every = this.faults.rateLimitEvery ?? 0;
    if (every > 0 && this.apiCount % every === 0) {
      return done(429, (route.api === "drive" ? driveRateLimit() : sheetsQuota(method === "GET" ? "Read" : "Write")).body);
    }
    let failNow = false;
    const f = this.faults.failOnce;
    if (method === "POST" && f && !this.failed && (!f.op || f.op === route.op) && ++this.postCount === f.at) {
      this.failed = true;
      failNow = true;
      if (!f.applied) return done(500, (route.api === "drive" ? driveInternal() : sheetsInternal()).body);
    }
    try {
      const m = route.re.exec(url.pathname)!;
      const out = route.run(m, url.searchParams, body, caller);
      if (failNow) return done(500, (route.api === "drive" ? driveInternal() : sheetsInternal()).body);
      return done(200, out);
    } catch (e) {
      if (e instanceof HttpError) return done(e.status, e.body);
      return done(500, { error: { code: 500, message: String(e), status: "INTERNAL" } });
    }
  }
}

export async function startFakeGoogle(faults: Faults = {}): Promise<FakeGoogle> {
  const g = new FakeGoogle();
  g.faults = faults;
  return g.start();
}
