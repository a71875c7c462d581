/**
 * The console's national page over HTTP for bench/scale-rollup.ts: the development sign-in
 * (worker/src/console/session.ts, as `npm start` allows on 127.0.0.1), timed GETs carrying its cookie
 * with the page's `Server-Timing` (rollup vs render), and the province table read back from the HTML
 * (worker/src/views/rollup/provinces.tsx) so the bench checks the figures, not only a row count.
 */
import { type Latency, latency } from "./stats";

/** Signs in as the development admin (the whole country); the session cookie. */
export async function consoleSession(base: string, adminSecret: string): Promise<string> {
  const res = await fetch(`${base}/admin/dang-nhap`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ secret: adminSecret, email: "", tiep: "/admin/tong-hop" }).toString(),
  });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 303 || !cookie) throw new Error(`console sign-in: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return cookie;
}

export interface TimedPage extends Latency {
  bytes: number;
  /** Medians of the page's Server-Timing entries (ms; coarse where the runtime's clock moves only across I/O). */
  server: Record<string, number>;
  html: string;
}

/** `samples` sequential GETs of `path` with the cookie, after `warmup`. */
export async function timedPage(base: string, cookie: string, path: string, samples: number, warmup = 1): Promise<TimedPage> {
  const get = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { cookie }, signal: AbortSignal.timeout(120_000) });
    const html = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${html.slice(0, 300)}`);
    return { ms, html, timing: res.headers.get("server-timing") ?? "" };
  };
  for (let i = 0; i < warmup; i++) await get();
  const runs = [];
  for (let i = 0; i < samples; i++) runs.push(await get());
  const server: Record<string, number[]> = {};
  for (const r of runs)
    for (const m of r.timing.matchAll(/([\w-]+);dur=([\d.]+)/g)) server[m[1]!] = [...(server[m[1]!] ?? []), Number(m[2])];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  const html = runs.at(-1)!.html;
  return {
    ...latency(runs.map((r) => r.ms)),
    bytes: Buffer.byteLength(html),
    server: Object.fromEntries(Object.entries(server).map(([k, v]) => [k, median(v)])),
    html,
  };
}

export interface PageRow {
  name: string;
  /** The table's integer columns in order (a percentage is NaN). */
  cells: number[];
}

/** Rows of `<tr class="…">` in the page: the name cell's text and each figure cell as an integer. */
export function rowsOf(html: string, cls: string): PageRow[] {
  const out: PageRow[] = [];
  for (const m of html.matchAll(new RegExp(`<tr class="${cls}">(.*?)</tr>`, "gs"))) {
    const cells = [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, "").trim());
    out.push({ name: cells[0] ?? "", cells: cells.slice(1).map((c) => (/%$/.test(c) ? NaN : Number(c.replace(/\D/g, "")))) });
  }
  return out;
}
