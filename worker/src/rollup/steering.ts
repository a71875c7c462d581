/**
 * The plan's steering bodies on a rollup page (shared/steering.ts): the Ban Chỉ đạo of each
 * commune shown, with the plan's composition checked, and the Tổ hướng dẫn và giám sát of the
 * nearest supervising unit (the link's unit or a parent). District and province (aggregate) links
 * get counts and fixed vocabulary only, from agg_steering; a commune's own (detail) link also gets
 * names and positions. Two reads whatever the number of communes (one batch per database holding them).
 */
import {
  type CompositionMember,
  checkComposition,
  GUIDANCE_COMPOSITION,
  membersOfCounts,
  STEERING_COMPOSITION,
} from "../../../shared/steering";
import { oneDatabase, perShard, type ShardGroups } from "../db/shard";
import type { BodySummary, SteeringPerson, SteeringSummary } from "./steering-types";
import type { Rollup, RollupScope } from "./types";

export type { BodySummary, SteeringSummary } from "./steering-types";

type CountRow = CompositionMember & { unit_id: string; n: number };

/** `db` holds the guidance teams (control data); the communes' bodies are where `shards` says (../db/shard.ts). */
export async function loadSteering(
  db: D1Database,
  r: Rollup,
  scope: RollupScope,
  shards: ShardGroups = oneDatabase(db),
): Promise<SteeringSummary> {
  const shown = new Map<string, string>();
  // A split commune's Ban Chỉ đạo is the old commune's as a whole: never under one of its successors.
  const split = new Set(r.split_communes ?? []);
  for (const c of r.communes) for (const s of c.sources) if (c.undetermined || !split.has(s.id)) shown.set(s.id, s.label_vi);
  const self = r.commune ?? r.unit;
  if (self.level === "commune" && !shown.size) shown.set(self.id, self.label_vi);
  const supervisors = [r.unit, ...r.unit.parents.slice().reverse()].filter((u) => u.level !== "commune" && u.level !== "village");
  const sup = JSON.stringify(supervisors.map((u) => u.id));
  const detail = scope === "detail";
  const people = (table: string, key: string) =>
    `SELECT ${key} AS unit_id, member_no, full_name, current_position, seat, role FROM ${table}
     WHERE ${key} IN (SELECT value FROM json_each(?1)) ORDER BY member_no`;
  const communeIds = [...shown.keys()];
  const [guidance, parts] = await Promise.all([
    db
      .prepare(
        `SELECT unit_id, role, seat, count(*) AS n FROM guidance_members WHERE unit_id IN (SELECT value FROM json_each(?1)) GROUP BY unit_id, role, seat`,
      )
      .bind(sup)
      .all(),
    perShard(shards, communeIds, (d, part) => {
      const ids = JSON.stringify(part);
      return d.batch<Record<string, unknown>>([
        d
          .prepare(`SELECT commune_id AS unit_id, role, seat, n FROM agg_steering WHERE commune_id IN (SELECT value FROM json_each(?1))`)
          .bind(ids),
        d.prepare(detail ? people("steering_members", "commune_id") : "SELECT NULL WHERE 0").bind(...(detail ? [ids] : [])),
      ]);
    }),
  ]);
  const counts = { results: parts.flatMap(([c]) => c!.results) };
  const steeringPeople = { results: parts.flatMap(([, p]) => p!.results) };
  const guidancePeople = detail ? (await db.prepare(people("guidance_members", "unit_id")).bind(sup).all()).results : [];
  // Rows by unit, read once (a province has a hundred communes of a few rows each).
  const byUnit = new Map<CountRow[], Map<string, CountRow[]>>();
  const rowsOf = (rows: CountRow[], unitId: string) => {
    let m = byUnit.get(rows);
    if (!m) {
      m = new Map();
      for (const x of rows) m.set(x.unit_id, [...(m.get(x.unit_id) ?? []), x]);
      byUnit.set(rows, m);
    }
    return m.get(unitId) ?? [];
  };
  const checks = new Map<string, { members: number; warnings: ReturnType<typeof checkComposition> }>();
  const body = (
    unit_id: string,
    unit: string,
    rows: CountRow[],
    spec: typeof STEERING_COMPOSITION | typeof GUIDANCE_COMPOSITION,
    named: Record<string, unknown>[],
  ): BodySummary => {
    const composition = rowsOf(rows, unit_id).map(({ role, seat, n }) => ({ role, seat, n }));
    // Communes mostly share a composition: each one checked once.
    const key = `${spec === STEERING_COMPOSITION ? "s" : "g"}${JSON.stringify(composition)}`;
    let checked = checks.get(key);
    if (!checked) {
      const members = membersOfCounts(composition);
      checked = { members: members.length, warnings: members.length ? checkComposition(spec, members) : [] };
      checks.set(key, checked);
    }
    return {
      unit_id,
      unit,
      members: checked.members,
      composition,
      warnings: checked.warnings.map((w) => ({ ...w })),
      ...(detail
        ? { people: named.filter((p) => p.unit_id === unit_id).map(({ unit_id: _, ...p }) => p as unknown as SteeringPerson) }
        : {}),
    };
  };
  const cr = counts.results as unknown as CountRow[];
  const gr = guidance.results as unknown as CountRow[];
  const nearest = supervisors.find((u) => gr.some((g) => g.unit_id === u.id));
  return {
    communes: [...shown].map(([id, label]) => body(id, label, cr, STEERING_COMPOSITION, steeringPeople.results)),
    guidance: nearest ? body(nearest.id, nearest.label_vi, gr, GUIDANCE_COMPOSITION, guidancePeople) : null,
  };
}
