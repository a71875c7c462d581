/**
 * The worker side of the bench, all over HTTP to `wrangler dev` on 127.0.0.1 (tests/e2e/server.ts):
 * units and tokens through the admin API, submissions POSTed one after another with each commune's
 * write token, rollup links and their latency, and the page weight of the rollup page.
 */
import { randomUUID } from "node:crypto";
import { buildEnvelope } from "../shared/envelope";
import type { Workbook } from "../shared/schemas";
import type { Unit } from "../shared/units";
import { hasChromium, isLoopback, launchChromium, watchPage } from "../tests/e2e/chromium";
import { call } from "../tests/e2e/server";
import { rowCount } from "./data";
import { type Latency, latency } from "./stats";

export class BenchWorker {
  constructor(
    readonly base: string,
    readonly adminSecret: string,
  ) {}

  private async admin(route: string, body: unknown, ok = [200, 201]) {
    const r = await call(this.base, `/api/admin${route}`, { token: this.adminSecret, body });
    if (!ok.includes(r.status)) throw new Error(`POST /api/admin${route}: ${r.status} ${r.text.slice(0, 500)}`);
    return r.json;
  }

  async loadUnits(units: Unit[]): Promise<void> {
    await this.admin("/units", { units });
  }

  async writeToken(unitId: string): Promise<string> {
    return (await this.admin("/tokens", { unit_id: unitId, label: "bench" })).token as string;
  }

  async link(unitId: string, scope: "aggregate" | "detail"): Promise<{ token: string; url: string; json_url: string; csv_url: string }> {
    return this.admin("/links", { unit_id: unitId, scope, label: "bench" });
  }

  /** POST one commune's workbook; returns rows sent, rows the receipt counts as written, and ms. */
  async submit(token: string, commune: Unit, workbook: Workbook): Promise<{ rows: number; written: number; ms: number; bytes: number }> {
    const envelope = buildEnvelope(
      {
        commune_code: commune.code,
        commune_name: commune.name,
        spreadsheet_id: `bench-${commune.code}`,
        submission_id: randomUUID(),
        generated_at: new Date().toISOString(),
      },
      workbook,
    );
    const body = JSON.stringify(envelope);
    const r = await call(this.base, "/api/submissions", { token, body, timeoutMs: 300_000 });
    if (r.status !== 201) throw new Error(`POST /api/submissions (${commune.code}): ${r.status} ${r.text.slice(0, 800)}`);
    const counts = (r.json?.receipt?.counts ?? {}) as Record<string, { inserted?: number; updated?: number; unchanged?: number }>;
    const written = Object.values(counts).reduce((n, c) => n + (c.inserted ?? 0) + (c.updated ?? 0) + (c.unchanged ?? 0), 0);
    return { rows: rowCount(workbook), written, ms: r.ms, bytes: Buffer.byteLength(body) };
  }

  /** Latency of GET `path` over `samples` requests after `warmup` (sequential). */
  async latency(path: string, samples: number, warmup = 2): Promise<Latency & { bytes: number; status: number }> {
    let bytes = 0;
    let status = 0;
    for (let i = 0; i < warmup; i++) await call(this.base, path, { timeoutMs: 60_000 });
    const ms: number[] = [];
    for (let i = 0; i < samples; i++) {
      const r = await call(this.base, path, { timeoutMs: 60_000 });
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text.slice(0, 300)}`);
      ms.push(r.ms);
      bytes = Buffer.byteLength(r.text);
      status = r.status;
    }
    return { ...latency(ms), bytes, status };
  }
}

export interface PageWeight {
  method: "chromium" | "static-scan";
  url_path: string;
  html_bytes: number;
  requests: number;
  request_urls: string[];
  external_requests: string[];
  console_errors: string[];
}

/**
 * Page weight of a rollup page: bytes of the HTML and the requests a browser makes to show it
 * (Chromium when installed; otherwise a scan of the HTML for anything it would fetch).
 */
export async function pageWeight(base: string, path: string): Promise<PageWeight> {
  const html = (await call(base, path)).text;
  const htmlBytes = Buffer.byteLength(html);
  if (!hasChromium()) {
    const refs = [...html.matchAll(/\b(?:src|href|srcset|poster|data)\s*=\s*["']?([^"'\s>]+)/gi)]
      .map((m) => m[1]!)
      .filter((u) => !u.startsWith("#") && !u.startsWith("data:"));
    const fetched = [
      ...html.matchAll(/<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi),
      ...html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)/gi),
      ...html.matchAll(/url\(\s*["']?([^"')]+)/gi),
      ...html.matchAll(/@import\s+["']([^"']+)/gi),
    ]
      .map((m) => m[1]!)
      .filter((u) => !u.startsWith("data:"));
    return {
      method: "static-scan",
      url_path: path.replace(/dvl_[0-9a-f]+/, "dvl_…"),
      html_bytes: htmlBytes,
      requests: 1 + fetched.length,
      request_urls: fetched,
      external_requests: refs.filter((u) => /^https?:/i.test(u) && !isLoopback(u)),
      console_errors: [],
    };
  }
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const w = watchPage(page);
    await page.goto(`${base}${path}`, { waitUntil: "networkidle", timeout: 60_000 });
    return {
      method: "chromium",
      url_path: path.replace(/dvl_[0-9a-f]+/, "dvl_…"),
      html_bytes: htmlBytes,
      requests: w.requests.length,
      request_urls: w.requests.map((r) => r.url.replace(/dvl_[0-9a-f]+/, "dvl_…")),
      external_requests: w.external().map((r) => r.url),
      console_errors: w.consoleErrors,
    };
  } finally {
    await browser.close();
  }
}
