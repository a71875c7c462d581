/**
 * Driving the console (/admin) as a browser would, inside workerd: the development sign-in (a signed
 * cookie), pages with that cookie, forms posted from the console's own origin (hono/csrf checks it),
 * a CSV uploaded as multipart. Units: the national list's units are loaded by the tests that need them.
 */
import { env } from "cloudflare:workers";
import VN from "../../shared/data/vn/units.json";
import { isoWeekKey, todayVi } from "../../shared/periods";
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import type { Unit } from "../../shared/units";
import { upsertUnitStatements } from "../../worker/src/db/units";
import { ADMIN, call } from "./helpers";

export const ORIGIN = "http://127.0.0.1:8787";

/** Sign in with ADMIN_SECRET (as `email`, an operator, or the development admin); the session cookie. */
export async function signIn(email = ""): Promise<string> {
  const res = await call("/admin/dang-nhap", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    body: new URLSearchParams({ secret: ADMIN, email, tiep: "/admin/tuan" }).toString(),
    redirect: "manual",
  });
  if (res.status !== 303) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie") ?? "";
  const m = /^(dv_console=[^;]+)/.exec(cookie);
  if (!m) throw new Error(`sign-in set no cookie: ${cookie}`);
  return m[1]!;
}

export function page(path: string, cookie: string, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, { headers: { cookie, ...headers }, redirect: "manual" });
}

/** POST a form from the console's origin (or `origin`, to test CSRF). */
export function form(
  path: string,
  fields: Record<string, string | string[]>,
  cookie: string,
  origin: string | null = ORIGIN,
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...(origin ? { origin } : {}) },
    body: body.toString(),
    redirect: "manual",
  });
}

/** Upload a file to the commune list's dry run. */
export function upload(bytes: Uint8Array | string, cookie: string, unitId = "", name = "xa.csv"): Promise<Response> {
  const fd = new FormData();
  fd.set("don-vi", unitId);
  fd.set("tep", new File([typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes], name, { type: "text/csv" }));
  return call("/admin/xa/tai-len", { method: "POST", headers: { cookie, origin: ORIGIN }, body: fd, redirect: "manual" });
}

/** The attribute values of every element matching a simple `tag[attr=value]`-free regex: small HTML reader for tests. */
export function attrs(html: string, attr: string): string[] {
  return [...html.matchAll(new RegExp(`${attr}="([^"]*)"`, "g"))].map((m) => m[1]!);
}

/** Text of the page without tags, entities decoded (enough for Vietnamese messages). */
export function text(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

export { ADMIN };

export const NATIONAL = VN as Unit[];

/** The whole country's unit history in D1 (without the admin API's checks: the data is the project's own). */
export async function loadNational(): Promise<void> {
  await env.DB.batch(upsertUnitStatements(env.DB, NATIONAL));
}

/** Today's commune with this GSO code. */
export function current(code: string): Unit {
  const today = todayVi();
  const u = NATIONAL.find((x) => x.level === "commune" && x.code === code && x.valid_from <= today && (!x.valid_to || today < x.valid_to));
  if (!u) throw new Error(`no current commune ${code}`);
  return u;
}

/**
 * A commune of today founded after the reform, with `teams` teams, and this week's report from the
 * first `reporting` of them (all by default).
 */
export function thisWeekWorkbook(code: string, name: string, teams = 2, reporting = teams): Workbook {
  const today = todayVi();
  const wb = generateCommune({
    seed: Number(code),
    commune_code: code,
    commune_name: name,
    villages: [{ village_code: "V1", village_name: "Thôn Một", ethnic_identity: false, teams }],
    founded_on: "2025-08-04",
    until: today,
    registerOnly: true,
  });
  const week = isoWeekKey(today);
  wb.weekly = wb.teams.slice(0, reporting).map((t) => ({
    week,
    team_code: t.team_code,
    reporter: wb.members.find((m) => m.team_code === t.team_code)!.full_name,
    submitted_on: today,
    broadcasts: 2,
    zalo_posts: 3,
    households_visited: 10,
  }));
  return wb;
}

/** Every row of the tables the console writes or guards. */
export async function consoleSnapshot(): Promise<Record<string, unknown[]>> {
  const tables = ["operators", "commune_records", "console_uploads", "tokens", "audit_log", "submission_refusals", "submissions"];
  const results = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`)));
  return Object.fromEntries(tables.map((t, i) => [t, results[i]!.results]));
}
