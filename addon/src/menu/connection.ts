/**
 * Menu "Cài đặt kết nối": the worker's address and the commune's token, kept in document properties —
 * pasted as one connection code from the commune's setup sheet (shared/contract.ts, printed by the
 * console), or typed as address and token.
 */
import { COMMUNE_TOKEN_PATTERN, parseConnectionCode } from "../../../shared/contract";
import { PROP } from "../config";
import { isAutoEnabled, syncAutoSettings } from "../gas/auto";
import { documentKV, readSettings } from "../gas/props";
import { showSettingsDialog } from "../gas/ui";
import { submissionsUrl, validWorkerUrl } from "../submit";
import { active, guard } from "./guard";

export interface ConnectionView {
  url: string;
  hasToken: boolean;
  tokenHint: string;
  communeCode: string;
  communeName: string;
  endpoint: string;
  auto: boolean;
}

/** Dialog data: the settings as the clerk may see them (the token only by its last 4 characters). */
export function getConnectionSettings(): ConnectionView {
  const s = readSettings(documentKV());
  let auto = false;
  try {
    auto = isAutoEnabled(active());
  } catch {
    auto = false;
  }
  return {
    url: s.workerUrl,
    hasToken: !!s.token,
    tokenHint: s.token ? `…${s.token.slice(-4)}` : "",
    communeCode: s.communeCode,
    communeName: s.communeName,
    endpoint: s.workerUrl ? submissionsUrl(s.workerUrl) : "",
    auto,
  };
}

/** Dialog: save a connection code, or the worker URL and (when given) a new token. An empty token keeps the old one. */
export function saveConnectionSettings(form: { code?: string; url?: string; token?: string }): { ok: boolean; message: string } {
  const code = String(form?.code ?? "").trim();
  if (code) return saveConnectionCode(code);
  const url = String(form?.url ?? "").trim();
  const token = String(form?.token ?? "").trim();
  if (!url && !token) return { ok: false, message: "Hãy dán mã kết nối trên phiếu cài đặt của xã (bắt đầu bằng DV1)." };
  if (!validWorkerUrl(url))
    return { ok: false, message: "Địa chỉ máy chủ phải bắt đầu bằng https:// (ví dụ https://dan-van.example.workers.dev)." };
  const kv = documentKV();
  if (!token && !kv.get(PROP.token)) return { ok: false, message: "Hãy nhập mã truy cập của xã (do huyện cấp)." };
  if (token && !COMMUNE_TOKEN_PATTERN.test(token)) {
    return {
      ok: false,
      message:
        'Mã truy cập không đúng dạng: mã của xã bắt đầu bằng "dvc_" và có thêm 32 chữ số/chữ cái. Hãy dán đúng và đủ mã do huyện cấp.',
    };
  }
  kv.set(PROP.workerUrl, url.replace(/\/+$/, ""));
  if (token) kv.set(PROP.token, token);
  syncAutoSettings(active(), readSettings(kv));
  return { ok: true, message: "Đã lưu cài đặt kết nối. Mã truy cập được giữ kín, không ghi vào bảng tính." };
}

/** A connection code: read with the shared contract, checked against the commune this spreadsheet is set up for. */
function saveConnectionCode(code: string): { ok: boolean; message: string } {
  const parsed = parseConnectionCode(code);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const c = parsed.connection;
  const kv = documentKV();
  const s = readSettings(kv);
  if (s.communeCode && s.communeCode !== c.commune_code) {
    return {
      ok: false,
      message: `Mã kết nối này của xã mã ${c.commune_code}, nhưng bảng tính được thiết lập cho ${s.communeName || "xã"} (mã ${s.communeCode}). Hãy dán mã kết nối trên phiếu của xã mình; chưa lưu gì.`,
    };
  }
  kv.set(PROP.workerUrl, c.worker_url);
  kv.set(PROP.token, c.token);
  syncAutoSettings(active(), readSettings(kv));
  const next = s.communeCode ? "" : ` Tiếp theo: Dân vận → Thiết lập mẫu, nhập mã xã ${c.commune_code}.`;
  return { ok: true, message: `Đã lưu kết nối của xã mã ${c.commune_code} với máy chủ ${c.worker_url}. Mã truy cập được giữ kín.${next}` };
}

export function menuConnection(): void {
  guard("Cài đặt kết nối", () => showSettingsDialog(getConnectionSettings()));
}
