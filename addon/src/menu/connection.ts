/** Menu "Cài đặt kết nối": the worker's address and the commune's token, kept in document properties. */
import { COMMUNE_TOKEN_PATTERN } from "../../../shared/contract";
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

/** Dialog: save the worker URL and (when given) a new token. An empty token keeps the old one. */
export function saveConnectionSettings(form: { url?: string; token?: string }): { ok: boolean; message: string } {
  const url = String(form?.url ?? "").trim();
  const token = String(form?.token ?? "").trim();
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

export function menuConnection(): void {
  guard("Cài đặt kết nối", () => showSettingsDialog(getConnectionSettings()));
}
