/**
 * `npm run units:load [-- --url <worker> --file <units.json>]`: the unit history into a worker's D1
 * through `POST /api/admin/units`, in one request the worker checks whole and writes in one batch —
 * a refused file changes nothing. Units already stored as sent are not rewritten, so loading again
 * is cheap. The admin secret comes from ADMIN_SECRET or, for the local worker, .dev.vars.
 * Defaults: --url http://127.0.0.1:8787 (or DAN_VAN_URL), --file shared/data/vn/units.json.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../root";
import { nationalUnitsText, sendUnits } from "./send";

const ROOT = projectRoot();
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

function adminSecret(): string {
  if (process.env.ADMIN_SECRET) return process.env.ADMIN_SECRET;
  const file = path.join(ROOT, ".dev.vars");
  const found = existsSync(file) ? /^ADMIN_SECRET\s*=\s*"?([^"\r\n]+)"?\s*$/m.exec(readFileSync(file, "utf8"))?.[1] : undefined;
  if (!found) throw new Error("Thiếu ADMIN_SECRET (biến môi trường, hoặc .dev.vars do npm start tạo).");
  return found;
}

try {
  const url = arg("--url") ?? process.env.DAN_VAN_URL ?? "http://127.0.0.1:8787";
  const file = arg("--file");
  const text = file ? readFileSync(path.resolve(file), "utf8") : nationalUnitsText(ROOT);
  const r = await sendUnits(url, adminSecret(), text);
  if (r.error) {
    console.error(`Không nạp được (HTTP ${r.status}, ${r.error.code}); không có gì được ghi:\n  ${r.error.messages.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`Đã nạp ${r.upserted} đơn vị vào ${url} (${r.changed} thay đổi) — ${(r.bytes / 1e6).toFixed(1)} MB, ${Math.round(r.ms)} ms.`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
