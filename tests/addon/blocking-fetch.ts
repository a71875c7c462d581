/**
 * UrlFetchApp for tests that run the built add-on against a real worker: Apps Script's fetch is
 * synchronous, so the request runs in a child process the test waits for. One copy for every such
 * test (add-on, teams, district pull, console e2e).
 */
import { execFileSync } from "node:child_process";
import type { FetchHandler } from "./double/url-fetch";

const FETCH_SCRIPT = `
let input = "";
// Decoded as a stream: a character split between two chunks must not become U+FFFD.
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  const req = JSON.parse(input);
  try {
    const get = req.method === "get";
    const headers = { ...req.headers, ...(req.contentType ? { "content-type": req.contentType } : {}) };
    const res = await fetch(req.url, { method: req.method.toUpperCase(), headers, body: get ? undefined : req.payload });
    process.stdout.write(JSON.stringify({ status: res.status, body: await res.text() }));
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: String(e && e.message || e) }));
  }
});`;

/** UrlFetchApp is synchronous: do the HTTP request in a child process and wait for it. */
export const blockingFetch: FetchHandler = (req) => {
  const out = JSON.parse(
    execFileSync(process.execPath, ["-e", FETCH_SCRIPT], { input: JSON.stringify(req), maxBuffer: 64 * 1024 * 1024 }).toString(),
  ) as { status: number; body: string } | { error: string };
  if ("error" in out) throw new Error(out.error);
  return out;
};
