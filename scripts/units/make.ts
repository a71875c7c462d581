/**
 * From the statistics office's three files to the files of shared/data/vn/: parse, build the history,
 * check it with the shared unit schema and `validateUnits`, render. No writing here (see ./build.ts),
 * so a test can compare a fresh build with what is committed.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Unit, unitSchema, validateUnits } from "../../shared/units";
import { parseConversion } from "./conversion";
import { type BuildReport, buildHistory } from "./history";
import { parseCommuneList } from "./lists";
import { communesModule, reportMarkdown, unitsJson } from "./outputs";

export const SOURCE_FILES = {
  first: "communes-2021-02-03.csv",
  second: "communes-2025-01-04.csv",
  conversion: "conversion-2025-07-01.csv",
} as const;

/** Where the generated files go, relative to the repository's root. */
export const OUT_DIR = path.join("shared", "data", "vn");

/** The first `shared/reference/units` beside the repository (../shared in a checkout) or above it; null if none. */
export function findSourceDir(root: string): string | null {
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "shared", "reference", "units");
    if (existsSync(path.join(candidate, SOURCE_FILES.conversion))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

export interface UnitFiles {
  units: Unit[];
  report: BuildReport;
  /** File name in OUT_DIR → content. */
  files: Record<"units.json" | "communes-2025.ts" | "report.md", string>;
}

export function makeUnitFiles(dir: string): UnitFiles {
  const read = (f: string) => readFileSync(path.join(dir, f), "utf8");
  const { units, report } = buildHistory({
    first: parseCommuneList(SOURCE_FILES.first, read(SOURCE_FILES.first)),
    second: parseCommuneList(SOURCE_FILES.second, read(SOURCE_FILES.second)),
    conversion: { file: SOURCE_FILES.conversion, rows: parseConversion(SOURCE_FILES.conversion, read(SOURCE_FILES.conversion)) },
  });
  for (const u of units) {
    const r = unitSchema.safeParse(u);
    if (!r.success) throw new Error(`${u.id}: ${r.error.issues.map((x) => x.message).join("; ")}`);
  }
  const errors = validateUnits(units);
  if (errors.length) throw new Error(`${errors.length} lỗi trong lịch sử đơn vị:\n${errors.slice(0, 20).join("\n")}`);
  return {
    units,
    report,
    files: {
      "units.json": unitsJson(units),
      "communes-2025.ts": communesModule(units),
      "report.md": reportMarkdown(units, report, Object.values(SOURCE_FILES)),
    },
  };
}
