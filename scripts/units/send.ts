/**
 * Sending the unit history to a running worker: the whole of shared/data/vn/units.json in one
 * `POST /api/admin/units`, which the worker checks whole and writes in one batch (all or nothing).
 * Used by `npm run units:load`, the demo of `npm start` and the bench.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Unit } from "../../shared/units";
import { OUT_DIR } from "./make";

export function nationalUnitsText(root: string): string {
  return readFileSync(path.join(root, OUT_DIR, "units.json"), "utf8");
}

export interface SendResult {
  status: number;
  upserted?: number;
  changed?: number;
  /** The error body's code and first Vietnamese messages, when refused. */
  error?: { code: string; messages: string[] };
  ms: number;
  bytes: number;
}

/** POST `units` (an array, or its JSON text) to `${baseUrl}/api/admin/units`. */
export async function sendUnits(baseUrl: string, adminSecret: string, units: Unit[] | string, timeoutMs = 300_000): Promise<SendResult> {
  const body = `{"units":${typeof units === "string" ? units : JSON.stringify(units)}}`;
  const started = performance.now();
  const res = await fetch(`${baseUrl.replace(/\/$/, "")}/api/admin/units`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminSecret}` },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const json = (await res.json().catch(() => null)) as {
    upserted?: number;
    changed?: number;
    error?: { code: string; message: string; details?: { message_vi: string }[] };
  } | null;
  const ms = performance.now() - started;
  const bytes = Buffer.byteLength(body);
  if (res.ok) return { status: res.status, upserted: json?.upserted, changed: json?.changed, ms, bytes };
  const messages = [json?.error?.message ?? "", ...(json?.error?.details ?? []).slice(0, 10).map((d) => d.message_vi)].filter(Boolean);
  return { status: res.status, error: { code: json?.error?.code ?? "unknown", messages }, ms, bytes };
}
