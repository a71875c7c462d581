/**
 * Menu "Thiết lập mẫu": ask for the commune, then create or repair every template sheet; ends with the
 * privacy notice. A code of today's communes (shared/communes.ts, the GSO list of 1 July 2025) gives
 * the unit's name and province: the clerk confirms them and never types a unit name. Any other code (a
 * commune before the 2025 reform, sending its history) is accepted with a warning and its name asked.
 */
import { type CurrentCommune, findCurrentCommune } from "../../../shared/communes";
import { CRITERIA_SHEET } from "../../../shared/evaluation/criteria";
import { privacyNoticeText } from "../../../shared/privacy";
import { PROP } from "../config";
import { syncAutoSettings } from "../gas/auto";
import { documentKV, readSettings } from "../gas/props";
import { ensureCriteriaSheet, ensureSettingsSheet, ensureTemplates, setupText } from "../gas/setup";
import { alert, confirm, prompt } from "../gas/ui";
import { active, guard } from "./guard";

function askCommuneCode(current: string): string | null {
  for (let attempt = 0; attempt < 3; attempt++) {
    const keep = current ? `\nĐể trống để giữ mã hiện tại: ${current}.` : "";
    const again = attempt > 0 ? "Mã xã phải gồm đúng 5 chữ số, ví dụ 07576.\n" : "";
    const answer = prompt("Thiết lập mẫu: mã xã", `${again}Nhập mã xã (mã đơn vị hành chính, 5 chữ số).${keep}`);
    if (answer === null) return null;
    const v = answer.trim();
    if (!v && current) return current;
    if (/^\d{5}$/.test(v)) return v;
  }
  alert("Chưa thiết lập", "Mã xã không hợp lệ (cần 5 chữ số). Hãy chạy lại Thiết lập mẫu.");
  return null;
}

/** Today's commune of this code, confirmed by the clerk (Yes); No or closing the dialog: not confirmed. */
function confirmCurrent(c: CurrentCommune): boolean {
  return confirm("Thiết lập mẫu: xác nhận xã", `Mã ${c.code} là ${c.full_name}.\nĐúng xã của anh/chị?`);
}

function askCommuneName(current: string, code: string): string | null {
  const keep = current ? `\nĐể trống để giữ tên hiện tại: ${current}.` : "";
  const old =
    `Mã ${code} không có trong danh sách xã, phường hiện nay (từ 01/07/2025). Nếu đây là xã trước sắp xếp ` +
    "(gửi số liệu cũ), hãy nhập tên xã; nếu không, bấm Hủy và kiểm tra lại mã.\n";
  const answer = prompt("Thiết lập mẫu: tên xã", `${old}Nhập tên xã, ví dụ: Xã Quý Sơn.${keep}`);
  if (answer === null) return null;
  return answer.trim().replace(/\s+/g, " ") || current;
}

export function menuSetup(): void {
  guard("Thiết lập mẫu", () => {
    const ss = active();
    const kv = documentKV();
    const cur = readSettings(kv);
    const code = askCommuneCode(cur.communeCode);
    if (code === null) return;
    const today = findCurrentCommune(code);
    let name: string | null;
    if (today) {
      if (!confirmCurrent(today)) {
        alert("Chưa thiết lập", "Hãy chạy lại Thiết lập mẫu và nhập đúng mã xã (mã đơn vị hành chính, 5 chữ số).");
        return;
      }
      name = today.name;
    } else {
      name = askCommuneName(cur.communeName, code);
    }
    if (name === null) return;
    kv.set(PROP.communeCode, code);
    kv.set(PROP.communeName, name);
    ensureSettingsSheet(ss, { communeCode: code, communeName: name });
    const criteria = ensureCriteriaSheet(ss);
    const report = ensureTemplates(ss);
    if (criteria.created) report.created.push(CRITERIA_SHEET);
    syncAutoSettings(ss, readSettings(kv));
    // The privacy notice after every setup: the clerk reads it before the first row is typed (shared/privacy.ts).
    alert("Đã thiết lập mẫu", `Xã: ${name || "(chưa có tên)"} — mã ${code}.\n${setupText(report)}\n\n${privacyNoticeText()}`);
  });
}
