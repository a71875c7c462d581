/**
 * The demo's closings (issue 13, "Chốt số liệu kỳ"), after the pilot data is loaded: xã Quý Sơn closes
 * every month and quarter of 2022 up to quý III with its write token (as the add-on's menu does), the
 * district accepts quý I through a link with the acceptance right, then one later submission corrects
 * September 2022 (3 more of the first propaganda count, loudspeaker announcements, in a report of that month): the district's page for
 * 09/2022 keeps the closed figures and marks "có điều chỉnh sau khi chốt". Closings are made only when
 * the commune has none yet, and the correction has a submission id derived from its content, so a
 * second `npm start` changes nothing.
 */
import { buildEnvelope } from "../../shared/envelope";
import { contentHash, sha256Hex } from "../../shared/hash";
import { weeksInPeriod } from "../../shared/periods";
import type { PilotCommune } from "../../shared/sample/pilot";
import type { Workbook } from "../../shared/schemas";
import { WEEKLY_COUNT_GROUPS } from "../../shared/weekly-counts";

export const DEMO_CLOSED = [
  ...Array.from({ length: 9 }, (_, i) => `2022-${String(i + 1).padStart(2, "0")}`),
  "2022-Q1",
  "2022-Q2",
  "2022-Q3",
];
export const DEMO_ACCEPTED = "2022-Q1";
export const DEMO_CORRECTED = "2022-09";

export interface DemoClosings {
  /** Closed on this run (false: they were there from an earlier run). */
  closed: boolean;
  correction: "sent" | "duplicate";
}

/** The count corrected: the first propaganda count of the weekly sheet (loudspeaker announcements). */
export const DEMO_CORRECTED_COUNT = WEEKLY_COUNT_GROUPS.propaganda[0]!.key;

/** The workbook with 3 more of that count in the first report of the corrected month. */
export function corrected(wb: Workbook): Workbook {
  const out = structuredClone(wb);
  const weeks = new Set(weeksInPeriod(DEMO_CORRECTED));
  const row = out.weekly.find((w) => weeks.has(w.week)) as Record<string, unknown> | undefined;
  if (!row) throw new Error(`no weekly report in ${DEMO_CORRECTED}`);
  row[DEMO_CORRECTED_COUNT] = Number(row[DEMO_CORRECTED_COUNT] ?? 0) + 3;
  return out;
}

export async function loadClosings(
  baseUrl: string,
  c: PilotCommune,
  latest: Workbook,
  writeToken: string,
  acceptLink: string,
): Promise<DemoClosings> {
  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${writeToken}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json().catch(() => null)) as any;
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${json?.error?.code ?? ""} ${json?.error?.message ?? ""}`);
    return { status: res.status, json };
  };
  const existing = (await api("/api/closings")).json.closings as unknown[];
  const closed = existing.length === 0;
  if (closed) {
    for (const period of DEMO_CLOSED) await api("/api/closings", { period, closed_by: "Văn phòng Ban Chỉ đạo xã (dữ liệu mẫu)" });
    // The district accepts quý I from its page (a form post, same origin, as a browser sends it).
    const res = await fetch(`${baseUrl}/r/${acceptLink}/chot`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(baseUrl).origin },
      body: new URLSearchParams({ commune: c.unit_id, period: DEMO_ACCEPTED, action: "accept", mode: "as_was" }).toString(),
      redirect: "manual",
    });
    if (res.status !== 303) throw new Error(`accept ${DEMO_ACCEPTED}: ${res.status}`);
  }
  const sheets = corrected(latest);
  const h = sha256Hex(`dan-van demo correction|${c.unit_id}|${contentHash(sheets)}`);
  const envelope = buildEnvelope(
    {
      commune_code: c.commune_code,
      commune_name: c.commune_name,
      spreadsheet_id: `demo-${c.commune_code}`,
      submission_id: `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`,
      generated_at: new Date().toISOString(),
    },
    sheets,
  );
  const sent = await api("/api/submissions", envelope);
  return { closed, correction: sent.json.receipt.duplicate ? "duplicate" : "sent" };
}
