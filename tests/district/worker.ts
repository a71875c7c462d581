/**
 * The real worker for the district tests, as tests/addon/e2e.test.ts runs it: bundled with esbuild,
 * served by Miniflare on 127.0.0.1 with its own D1 and every migration applied; plus the admin
 * calls the tests need (units, commune tokens, a district link).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_splitSqlQuery } from "wrangler";
import type { Unit } from "../../shared/units";
import { ROOT } from "../e2e/server";

export const ADMIN_SECRET = "district-test-admin-secret-0123456789";

let bundled: Promise<string> | null = null;
function workerScript(): Promise<string> {
  bundled ??= build({
    entryPoints: [path.join(ROOT, "worker/src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser", "import"],
    mainFields: ["module", "main"],
    external: ["node:*", "cloudflare:*"],
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    write: false,
    logLevel: "silent",
  }).then((r) => r.outputFiles[0]!.text);
  return bundled;
}

/** The worker's SQL migrations, statement by statement, split as wrangler splits them (triggers hold `;`). */
function migrationStatements(): string[] {
  const dir = path.join(ROOT, "worker/migrations");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .flatMap((f) => unstable_splitSqlQuery(readFileSync(path.join(dir, f), "utf8")));
}

export interface TestWorker {
  url: string;
  mf: Miniflare;
  admin<T = any>(path: string, body: unknown): Promise<T>;
  get(path: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestWorker(units: Unit[]): Promise<TestWorker> {
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      modules: true,
      script: await workerScript(),
      compatibilityDate: "2026-08-01",
      compatibilityFlags: ["nodejs_compat"],
      d1Databases: ["DB"],
      r2Buckets: ["PAYLOADS"],
      bindings: { ADMIN_SECRET, PUBLIC_BASE_URL: "http://127.0.0.1" },
    }),
  );
  const url = (await mf.ready).toString().replace(/\/$/, "");
  const db = await mf.getD1Database("DB");
  for (const sql of migrationStatements()) await db.prepare(sql).run();
  const admin = async (p: string, body: unknown) => {
    const res = await fetch(`${url}/api/admin${p}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_SECRET}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`admin ${p}: ${res.status} ${text}`);
    return JSON.parse(text);
  };
  await admin("/units", { units });
  return { url, mf, admin, get: (p) => fetch(`${url}${p}`), close: () => mf.dispose() };
}

export { blockingFetch } from "../addon/blocking-fetch";
