/**
 * The demo loader of `npm start` (../start.mjs bundles and runs it): loads the pilot data into a
 * running worker through the admin API, and makes the links to look at it.
 *
 * - Units: the whole country's unit history (shared/data/vn/units.json, `npm run units:load` does the
 *   same), once — the state file remembers the hash of what was loaded — then the pilot's units with
 *   their villages (shared/data/units.ts), both through `POST /api/admin/units`.
 * - Data: each pilot commune's workbook is imported as it stood on each day a weekly report came in
 *   (`POST /api/admin/import` with `received_at` that evening), so every report keeps its original
 *   timeliness. Submission ids derive from the commune, the day and the content, so loading again
 *   re-sends the same ids and the worker counts nothing twice.
 * - Links and commune write tokens are kept in `.wrangler/demo-links.json` (git-ignored) and reused
 *   while the worker still knows them.
 * - The pilot communes are registered for the roll-out console (`commune_records`), so its pages
 *   (/admin) show them: the provinces overview lists the old Tỉnh Bắc Giang.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PILOT, UNITS } from "../../shared/data/units";
import { buildEnvelope } from "../../shared/envelope";
import { contentHash, sha256Hex } from "../../shared/hash";
import { parsePeriodKey } from "../../shared/periods";
import { PILOT_GUIDANCE, PILOT_TODAY, type PilotCommune, pilotWorkbooks } from "../../shared/sample/pilot";
import type { Workbook } from "../../shared/schemas";
import { projectRoot } from "../root";
import { nationalUnitsText, sendUnits } from "../units/send";
import { DEMO_CORRECTED, type DemoClosings, loadClosings } from "./closings";

export interface DemoOptions {
  baseUrl: string;
  adminSecret: string;
  /** Where links and tokens are kept between runs. */
  stateFile: string;
}

interface Link {
  token: string;
  url: string;
  json_url: string;
  csv_url: string;
}

export interface DemoResult {
  baseUrl: string;
  district: { name: string; link: Link; accepting: Link };
  communes: { name: string; unit_id: string; link: Link; write_token: string }[];
  imports: { created: number; duplicate: number };
  /** The national unit history: sent on this run (with its time), or already loaded before. */
  units: { sent: boolean; ms: number };
  /** Xã Quý Sơn's closed periods and its correction after closing (./closings.ts). */
  closings: DemoClosings & { commune: string };
}

interface State {
  links: Record<string, string>;
  write_tokens: Record<string, string>;
  /** sha256 of the units.json last loaded into this worker. */
  units_loaded?: string;
}

/** Evening (19:00 Vietnam time, UTC+7) of a day, as an ISO instant. */
const evening = (day: string) => new Date(`${day}T19:00:00+07:00`).toISOString();

/** A name-based UUID (version 5 layout) from a text: the same text gives the same id. */
function stableUuid(text: string): string {
  const h = sha256Hex(text);
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The workbook as it stood on `day`: the register (a team's dissolution only from its date: the
 * commune writes it when it decides it), and the log rows dated on or before it.
 */
export function asOf(wb: Workbook, day: string): Workbook {
  return {
    ...wb,
    teams: wb.teams.map(({ dissolved_on, ...team }) => (dissolved_on && dissolved_on <= day ? { ...team, dissolved_on } : team)),
    changes: wb.changes.filter((r) => r.change_date <= day),
    weekly: wb.weekly.filter((r) => r.submitted_on <= day),
    adhoc: wb.adhoc.filter((r) => r.report_date <= day),
    meetings: wb.meetings.filter((r) => r.meeting_date <= day),
    evaluations: wb.evaluations.filter((r) => (parsePeriodKey(r.period)?.end ?? r.period) <= day),
    milestones: wb.milestones.filter((r) => (r.done_on ?? r.due_on) <= day),
    period_reports: wb.period_reports.filter((r) => (parsePeriodKey(r.period)?.end ?? r.period) <= day),
  };
}

/** The days a commune sent something: each day a weekly report came in, each team's dissolution, then the last day. */
export function sendingDays(wb: Workbook, until: string): string[] {
  const days = new Set(wb.weekly.map((r) => r.submitted_on).filter((d) => d <= until));
  for (const t of wb.teams) if (t.dissolved_on && t.dissolved_on <= until) days.add(t.dissolved_on);
  days.add(until);
  return [...days].sort();
}

function client(opts: DemoOptions) {
  return async function admin(route: string, body: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(`${opts.baseUrl}/api/admin${route}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${opts.adminSecret}` },
      body: JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    return { status: res.status, json };
  };
}

function readState(file: string): State {
  try {
    const s = JSON.parse(readFileSync(file, "utf8")) as Partial<State>;
    return { links: s.links ?? {}, write_tokens: s.write_tokens ?? {}, ...(s.units_loaded ? { units_loaded: s.units_loaded } : {}) };
  } catch {
    return { links: {}, write_tokens: {} };
  }
}

export async function loadDemo(opts: DemoOptions): Promise<DemoResult> {
  const admin = client(opts);
  const must = async (route: string, body: unknown, ok: number[]) => {
    const r = await admin(route, body);
    if (!ok.includes(r.status)) throw new Error(`${route}: ${r.status} ${r.json?.error?.code ?? ""} ${r.json?.error?.message ?? ""}`);
    return r.json;
  };

  const state = readState(opts.stateFile);
  const national = nationalUnitsText(projectRoot());
  const nationalHash = sha256Hex(national);
  const units = { sent: false, ms: 0 };
  if (state.units_loaded !== nationalHash) {
    const r = await sendUnits(opts.baseUrl, opts.adminSecret, national);
    if (r.error) throw new Error(`/units (shared/data/vn/units.json): ${r.status} ${r.error.code} ${r.error.messages.join("; ")}`);
    Object.assign(units, { sent: true, ms: r.ms });
    state.units_loaded = nationalHash;
  }
  await must("/units", { units: UNITS }, [200]);

  const imports = { created: 0, duplicate: 0 };
  const communes = pilotWorkbooks();
  // Communes are independent: load them side by side, each day after day.
  await Promise.all(
    communes.map(async (c) => {
      for (const day of sendingDays(c.workbook, PILOT_TODAY)) {
        const sheets = asOf(c.workbook, day);
        const received_at = evening(day);
        const envelope = buildEnvelope(
          {
            commune_code: c.commune_code,
            commune_name: c.commune_name,
            spreadsheet_id: `demo-${c.commune_code}`,
            submission_id: stableUuid(`dan-van demo|${c.unit_id}|${day}|${contentHash(sheets)}`),
            generated_at: received_at,
          },
          sheets,
        );
        const r = await must("/import", { commune_id: c.unit_id, received_at, envelope }, [200, 201]);
        if (r.receipt.duplicate) imports.duplicate++;
        else imports.created++;
      }
    }),
  );

  // The district's Tổ hướng dẫn và giám sát (no commune workbook holds it), replaced whole: idempotent.
  await must("/guidance-teams", { unit_id: PILOT.lucNgan, members: PILOT_GUIDANCE }, [200]);

  /** A stored token if the worker still has it active for that unit and scope, else a new one. */
  async function reuse(stored: string | undefined, unit_id: string, scope: string): Promise<string | null> {
    if (!stored) return null;
    const r = await admin("/tokens/lookup", { token: stored });
    return r.status === 200 && r.json.active && r.json.unit_id === unit_id && r.json.scope === scope ? stored : null;
  }
  async function link(key: string, unit_id: string, scope: "aggregate" | "detail", label: string, can_accept = false): Promise<Link> {
    const token =
      (await reuse(state.links[key], unit_id, scope)) ??
      (await must("/links", { unit_id, scope, label, ...(can_accept ? { can_accept } : {}) }, [201])).token;
    state.links[key] = token;
    const url = `${opts.baseUrl}/r/${token}`;
    return { token, url, json_url: `${url}.json`, csv_url: `${url}.csv` };
  }
  async function writeToken(c: PilotCommune): Promise<string> {
    const token =
      (await reuse(state.write_tokens[c.unit_id], c.unit_id, "write")) ??
      (await must("/tokens", { unit_id: c.unit_id, label: "Dữ liệu mẫu", late_corrections: true }, [201])).token;
    state.write_tokens[c.unit_id] = token;
    return token;
  }

  await must("/commune-records", { records: communes.map((c) => ({ unit_id: c.unit_id })) }, [200]);

  const district = UNITS.find((u) => u.id === PILOT.lucNgan)!;
  const result: DemoResult = {
    baseUrl: opts.baseUrl,
    district: {
      name: district.name,
      link: await link("district", district.id, "aggregate", "Huyện (dữ liệu mẫu)"),
      accepting: await link("district-accept", district.id, "aggregate", "Ban Dân vận huyện: chấp nhận số liệu (dữ liệu mẫu)", true),
    },
    communes: [],
    imports,
    units,
    closings: { commune: "", closed: false, correction: "duplicate" },
  };
  for (const c of communes) {
    result.communes.push({
      name: UNITS.find((u) => u.id === c.unit_id)?.name ?? c.commune_name,
      unit_id: c.unit_id,
      link: await link(`commune:${c.unit_id}`, c.unit_id, "detail", `${c.commune_name} (dữ liệu mẫu)`),
      write_token: await writeToken(c),
    });
  }
  const first = communes[0]!;
  result.closings = {
    commune: result.communes[0]!.name,
    ...(await loadClosings(
      opts.baseUrl,
      first,
      asOf(first.workbook, PILOT_TODAY),
      result.communes[0]!.write_token,
      result.district.accepting.token,
    )),
  };
  if (!existsSync(path.dirname(opts.stateFile))) mkdirSync(path.dirname(opts.stateFile), { recursive: true });
  writeFileSync(opts.stateFile, `${JSON.stringify(state, null, 2)}\n`);
  return result;
}

/** The console's address on a worker. */
export const consoleUrl = (baseUrl: string) => `${baseUrl.replace(/\/+$/, "")}/admin`;

export function printLinks(r: DemoResult, ms: number): void {
  const pad = Math.max(...r.communes.map((c) => c.name.length));
  const lines = [
    "",
    "────────────────────────────────────────────────────────────────────────",
    ` Dân Vận đang chạy tại ${r.baseUrl}   (Ctrl-C để dừng)`,
    ` Dữ liệu mẫu thí điểm: ${r.communes.length} xã, ${r.imports.created + r.imports.duplicate} lần gửi ` +
      `(${r.imports.created} mới, ${r.imports.duplicate} đã có) — ${(ms / 1000).toFixed(1)} giây.`,
    ` Đơn vị hành chính cả nước: ${r.units.sent ? `đã nạp (${(r.units.ms / 1000).toFixed(1)} giây)` : "đã có từ lần trước"}.`,
    "",
    " Bảng điều khiển triển khai (thêm xã, in phiếu cài đặt, theo dõi tuần, đường dẫn, nhật ký):",
    `   ${consoleUrl(r.baseUrl)}   — đăng nhập thử bằng ADMIN_SECRET trong .dev.vars`,
    "",
    ` Đường dẫn ${r.district.name} (số liệu tổng hợp):`,
    `   ${r.district.link.url}`,
    "",
    " Đường dẫn xã (chi tiết, có danh sách hộ) và trang in mẫu 01 (danh sách thành viên), mẫu 02 (hộ phụ trách):",
    ...r.communes.flatMap((c) => [
      `   ${c.name.padEnd(pad)}  ${c.link.url}`,
      `   ${"".padEnd(pad)}  ${c.link.url}/mau-01`,
      `   ${"".padEnd(pad)}  ${c.link.url}/mau-02`,
    ]),
    "",
    ` Chốt số liệu kỳ: ${r.closings.commune} đã chốt các tháng 01–09/2022 và quý I–III/2022 (quý I/2022 huyện đã chấp nhận);`,
    ` tháng 09/2022 có điều chỉnh sau khi chốt${r.closings.closed ? " (vừa nạp)" : ""}. Trang huyện của tháng đó:`,
    `   ${r.district.link.url}?period=${DEMO_CORRECTED}#chot-so-lieu`,
    ` Đường dẫn huyện có quyền chấp nhận, mở lại số liệu đã chốt của các xã:`,
    `   ${r.district.accepting.url}?period=${DEMO_CORRECTED}`,
    "",
    " Báo cáo tổng kết (in A4, tải Word; ky=P1, P2: sơ kết đợt 1, đợt 2):",
    `   ${r.district.name.padEnd(pad)}  ${r.district.link.url}/bao-cao?ky=P3`,
    ...r.communes.map((c) => `   ${c.name.padEnd(pad)}  ${c.link.url}/bao-cao?ky=P3`),
    "",
    " Mã truy cập để tiện ích gửi báo cáo (Dân vận → Cài đặt kết nối):",
    ...r.communes.map((c) => `   ${c.name.padEnd(pad)}  ${c.write_token}`),
    "",
    " Các đường dẫn được giữ trong .wrangler/demo-links.json.",
    "────────────────────────────────────────────────────────────────────────",
    "",
  ];
  console.log(lines.join("\n"));
}
