/**
 * The weekly counts are listed once, in the weekly sheet's spec (shared/templates.ts): every other
 * list — aggregate columns, figure groups, CSV headers, page tables, rules — is derived through
 * shared/weekly-counts.ts. A scan finds any module that names a count by hand; a copy of the spec
 * with one more count derives it everywhere (tests/worker/weekly-counts.test.ts does the same for the
 * worker's SQL, figures, CSV and page, and checks the one migration a new count needs).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { count } from "../../shared/cells";
import { FIGURE_GROUPS, type FigureGroup } from "../../shared/enums";
import { weeklySheet } from "../../shared/templates";
import { countColumnsOf, groupCounts, WEEKLY_COUNT_COLUMNS, WEEKLY_COUNT_GROUPS, WEEKLY_COUNTS } from "../../shared/weekly-counts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Where product code lives. Tests are left out: their fixtures and oracles list counts on purpose, independently. */
const DIRS = ["shared", "worker/src", "addon/src", "tools", "scripts", "bench"];
/** Modules allowed to name counts, and why. */
const ALLOWED: Record<string, string> = {
  "shared/templates.ts": "the definition",
  // Sample data: the invented values of each count (ranges chosen per count); a new count is blank
  // in the sample until someone gives it values, which the rollup reads as 0.
  "shared/sample/generate.ts": "sample data",
};

function sources(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (name === "node_modules" || name === "dist") continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|mts|mjs|js)$/.test(name))
        out.push({ file: path.relative(ROOT, p).split(path.sep).join("/"), text: readFileSync(p, "utf8") });
    }
  };
  walk(path.join(ROOT, dir));
  return out;
}

/** What names a count in source text: its key as a word, its header, its short header as a literal or element text. */
function namesOf(columns: typeof WEEKLY_COUNT_COLUMNS): RegExp[] {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return columns.flatMap((c) => [
    new RegExp(`\\b${esc(c.key)}\\b`),
    new RegExp(esc(c.header)),
    ...(c.figure.short ? [new RegExp(`["'\`>]${esc(c.figure.short)}["'\`<]`)] : []),
  ]);
}

const handWritten = (text: string) => namesOf(WEEKLY_COUNT_COLUMNS).filter((re) => re.test(text));

describe("the weekly counts are listed only in the weekly sheet's spec", () => {
  it("no module of shared/, the worker, the add-on, the tools, scripts or bench names a count", () => {
    const found = DIRS.flatMap(sources)
      .filter((s) => !(s.file in ALLOWED))
      .flatMap((s) => handWritten(s.text).map((re) => `${s.file}: ${re.source}`));
    expect(found).toEqual([]);
  });

  it("the scan finds a hand-written list", () => {
    expect(handWritten('const C = ["broadcasts", "zalo_posts"];')).toHaveLength(2);
    expect(handWritten("SELECT sum(covid_new_cases) AS covid_new_cases")).toHaveLength(1);
    expect(handWritten("<th>Loa</th>")).toHaveLength(1);
    expect(handWritten('headerOf("weekly", "x") // "Môi trường: vi phạm"')).toHaveLength(1);
    expect(handWritten("const broadcastsTotal = 1; // no count here")).toEqual([]);
  });

  it("each allowed module still needs its exemption", () => {
    for (const file of Object.keys(ALLOWED)) expect(handWritten(readFileSync(path.join(ROOT, file), "utf8")), file).not.toEqual([]);
  });
});

describe("derived from the spec", () => {
  it("the counts are the weekly sheet's `count` columns, in order, each in a figure group", () => {
    const ints = Object.values(weeklySheet.columns).filter((c) => c.type === "int" && c.min === 0);
    expect(WEEKLY_COUNTS).toEqual(ints.map((c) => c.key));
    for (const c of WEEKLY_COUNT_COLUMNS) expect(Object.keys(FIGURE_GROUPS)).toContain(c.figure.group);
    expect(
      Object.values(WEEKLY_COUNT_GROUPS)
        .flat()
        .map((c) => c.key)
        .sort(),
    ).toEqual([...WEEKLY_COUNTS].sort());
  });

  it("every figure group has a count, and the ethnic group only the ethnic task's", () => {
    for (const g of Object.keys(FIGURE_GROUPS) as FigureGroup[]) expect(WEEKLY_COUNT_GROUPS[g].length, g).toBeGreaterThan(0);
    expect(WEEKLY_COUNT_GROUPS.ethnic.every((c) => c.header.startsWith("Bản sắc dân tộc"))).toBe(true);
  });

  it("a copy of the spec with one more count: the count is derived with its group, after the others", () => {
    const columns = { ...weeklySheet.columns, env_trees: count("env_trees", "Môi trường: cây xanh trồng mới", { group: "env" }) };
    const derived = countColumnsOf(columns);
    expect(derived.map((c) => c.key)).toEqual([...WEEKLY_COUNTS, "env_trees"]);
    const groups = groupCounts(derived);
    expect(groups.env.map((c) => c.key)).toEqual([...WEEKLY_COUNT_GROUPS.env.map((c) => c.key), "env_trees"]);
    expect(groups.covid).toEqual(WEEKLY_COUNT_GROUPS.covid);
  });
});
