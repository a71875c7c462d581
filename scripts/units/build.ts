/**
 * `npm run units:build [-- --from <dir>]`: the unit history of the whole country from the statistics
 * office's files (--from, UNITS_SOURCE_DIR, or ../shared/reference/units beside the repository),
 * written to shared/data/vn/ (see ./make.ts):
 *   units.json          every province, district and commune version (one a line)
 *   communes-2025.ts    today's provinces and communes, compact, for shared/communes.ts
 *   report.md           counts, corrections of the conversion table, units ended without known successor
 * The same files give the same output. A malformed source stops the build with the file and line.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../root";
import { SourceError } from "./csv";
import { findSourceDir, makeUnitFiles, OUT_DIR } from "./make";

const ROOT = projectRoot();

function sourceDir(): string {
  const i = process.argv.indexOf("--from");
  if (i > 0 && process.argv[i + 1]) return path.resolve(process.argv[i + 1]!);
  if (process.env.UNITS_SOURCE_DIR) return path.resolve(process.env.UNITS_SOURCE_DIR);
  const found = findSourceDir(ROOT);
  if (!found) throw new Error("Không tìm thấy thư mục nguồn (shared/reference/units): dùng --from <thư mục> hoặc UNITS_SOURCE_DIR.");
  return found;
}

try {
  const { units, report, files } = makeUnitFiles(sourceDir());
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(ROOT, OUT_DIR, name), text);
  const size = (name: keyof typeof files) => `${(Buffer.byteLength(files[name]) / 1024).toFixed(0)} KiB`;
  const byLevel = ["province", "district", "commune"].map((l) => `${units.filter((u) => u.level === l).length} ${l}`).join(", ");
  console.log(
    `units: ${units.length} versions (${byLevel}) → ${OUT_DIR}/units.json ${size("units.json")}, communes-2025.ts ${size("communes-2025.ts")}; ` +
      `${report.corrections.length} corrections, ${report.notes.length} notes (report.md)`,
  );
} catch (e) {
  console.error(e instanceof SourceError ? `Lỗi nguồn: ${e.message}` : e instanceof Error ? e.message : e);
  process.exit(1);
}
