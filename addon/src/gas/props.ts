/** Settings and state kept in properties (never in cells). */
import { PROP } from "../config";

/** A small key-value store: document properties, or a per-spreadsheet slice of user properties. */
export interface KV {
  get(key: string): string | null;
  set(key: string, value: string): void;
  del(key: string): void;
  all(): Record<string, string>;
}

export function fromProperties(p: GoogleAppsScript.Properties.Properties, prefix = ""): KV {
  return {
    get: (k) => p.getProperty(prefix + k),
    set: (k, v) => void p.setProperty(prefix + k, v),
    del: (k) => void p.deleteProperty(prefix + k),
    all: () => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(p.getProperties())) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
      return out;
    },
  };
}

export function documentKV(): KV {
  return fromProperties(PropertiesService.getDocumentProperties());
}

export interface Settings {
  communeCode: string;
  communeName: string;
  workerUrl: string;
  token: string;
}

export function readSettings(kv: KV): Settings {
  const all = kv.all();
  return {
    communeCode: all[PROP.communeCode] ?? "",
    communeName: all[PROP.communeName] ?? "",
    workerUrl: all[PROP.workerUrl] ?? "",
    token: all[PROP.token] ?? "",
  };
}

/** What is missing before a submission can be sent, in Vietnamese; empty when nothing is. */
export function missingSettings(s: Settings): string[] {
  const out: string[] = [];
  if (!/^\d{5}$/.test(s.communeCode)) out.push("Mã xã chưa được thiết lập (menu Dân vận → Thiết lập mẫu).");
  if (!s.workerUrl) out.push("Chưa nhập địa chỉ máy chủ (menu Dân vận → Cài đặt kết nối).");
  if (!s.token) out.push("Chưa nhập mã truy cập của xã (menu Dân vận → Cài đặt kết nối).");
  return out;
}
