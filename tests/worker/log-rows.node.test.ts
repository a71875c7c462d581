/**
 * The summarised communes' logs as the rollup takes them (worker/src/rollup/log-rows.ts): ad-hoc
 * counts added to the totals only under the vocabulary's keys, changes as one row per type with
 * changes (an empty row for a commune whose changes are all of types not counted, so it is still
 * placed), and whether teams had changes.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LOG_COLUMNS } from "../../worker/src/db/log-columns";
import { addAdhocCounts, type ChangeMonthRow, changesOf } from "../../worker/src/rollup/log-rows";

/** The columns of a table as 0041_log_summaries.sql creates it. */
function migrationColumns(table: string): string[] {
  const sql = readFileSync(new URL("../../worker/migrations/0041_log_summaries.sql", import.meta.url), "utf8");
  const body = sql.match(new RegExp(`CREATE TABLE ${table} \\(([\\s\\S]*?)\\n\\);`))?.[1] ?? "";
  return [...body.matchAll(/^\s+([a-z_]+) INTEGER/gm)].map((m) => m[1]!);
}

it.each([
  ["agg_commune_changes", LOG_COLUMNS.changes],
  ["agg_commune_adhoc", LOG_COLUMNS.adhoc],
])("the vocabulary columns (ingest writes, rollup reads) are %s's in the migration", (table, columns) => {
  expect(columns.length).toBeGreaterThan(0);
  expect(migrationColumns(table).filter((c) => columns.includes(c))).toEqual(columns);
  expect(migrationColumns(table).filter((c) => !columns.includes(c))).toEqual(
    table === "agg_commune_changes" ? ["teams_changed", "ethnic_teams_changed"] : ["n"],
  );
});

describe("addAdhocCounts", () => {
  it("adds every database's row to the totals; a missing column or NULL counts 0", () => {
    const adhoc = {
      total: 1,
      by_area: { covid: 1, antt: 0, env: 0, ethnic: 0 },
      by_urgency: { normal: 1, urgent: 0, critical: 0 },
      by_status: { open: 1, in_progress: 0, resolved: 0 },
    };
    addAdhocCounts(adhoc, [
      { n: 5, area_covid: 2, area_env: 3, urgency_normal: 4, urgency_critical: 1, status_resolved: 5, area_unknown: 9 },
      { n: null, area_covid: null },
      { n: 1, area_antt: 1, urgency_urgent: 1, status_in_progress: 1 },
    ]);
    expect(adhoc).toEqual({
      total: 7,
      by_area: { covid: 3, antt: 1, env: 3, ethnic: 0 },
      by_urgency: { normal: 5, urgent: 1, critical: 1 },
      by_status: { open: 1, in_progress: 1, resolved: 5 },
    });
  });
});

describe("changesOf", () => {
  const row = (commune_id: string, sums: Record<string, number>, teams: number, ethnic: number): ChangeMonthRow => ({
    commune_id,
    teams_changed: teams,
    ethnic_teams_changed: ethnic,
    ...sums,
  });
  it.each([
    [
      "types with changes, in the vocabulary's order",
      row("A", { death_events: 2, death_people: 2, birth_events: 3, birth_people: 3, split_events: 0, split_people: 0 }, 4, 0),
      [
        { change_type: "birth", events: 3, people: 3 },
        { change_type: "death", events: 2, people: 2 },
      ],
      { any: true, ethnic: false },
    ],
    [
      "only changes of no team of the register",
      row("B", { move_in_events: 1, move_in_people: 4 }, 0, 0),
      [{ change_type: "move_in", events: 1, people: 4 }],
      { any: false, ethnic: false },
    ],
    ["no counted type: one empty row", row("C", {}, 1, 1), [{ change_type: "birth", events: 0, people: 0 }], { any: true, ethnic: true }],
  ])("%s", (_, r, changes, changed) => {
    const out = changesOf([r]);
    expect(out.changes).toEqual(changes.map((c) => ({ commune_id: r.commune_id, team_code: null, ...c })));
    expect(out.changed.get(r.commune_id)).toEqual(changed);
  });
});
