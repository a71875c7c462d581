/** Menu "Nhập danh sách có sẵn": a dialog to pick the sheet (and, for mẫu 02, the village), then the import. */
import { type ImportReport, importFromSheet, importSources, knownVillages } from "../gas/import";
import { alert, showImportDialog } from "../gas/ui";
import type { Mau02Target } from "../import-plan";
import { active, guard } from "./guard";

/** Dialog data: the sheets a list can come from, and the villages already known. */
export function getImportOptions(): { sources: string[]; villages: { code: string; name: string }[] } {
  const ss = active();
  return { sources: importSources(ss), villages: knownVillages(ss) };
}

export function menuImport(): void {
  guard("Nhập danh sách có sẵn", () => {
    const options = getImportOptions();
    if (!options.sources.length) {
      alert(
        "Nhập danh sách có sẵn",
        "Hãy dán (hoặc sao chép) danh sách theo mẫu 01 hoặc mẫu 02 vào một trang mới của bảng tính này, rồi chạy lại.",
      );
      return;
    }
    showImportDialog(options);
  });
}

/** Dialog: import the list on sheet `source`. */
export function importList(source: string, target?: Mau02Target): ImportReport {
  return importFromSheet(active(), source, target ?? {});
}
