/**
 * The communes a rollup of a unit shows, as grouped in a mode: themselves (as_was), or today's
 * commune they are part of (current). These are the rows of the unit's breakdown, and the communes a
 * drill-down may ask for.
 */
import type { RollupMode } from "./types";
import type { UnitRow, UnitTree } from "./units";

/** Group id → the communes whose data it holds. */
export function communeGroups(tree: UnitTree, unitId: string, mode: RollupMode, today: string): Map<string, UnitRow[]> {
  const groups = new Map<string, UnitRow[]>();
  for (const c of tree.communesOf(unitId, mode, today)) {
    const g = tree.groupOf(c.id, mode, today)?.id ?? c.id;
    groups.set(g, [...(groups.get(g) ?? []), c]);
  }
  return groups;
}

/**
 * The group (see communeGroups) a requested commune id stands for in a rollup of `unitId`: a group
 * itself, or a commune whose data is grouped under one (e.g. a merged commune after switching to
 * "current"); null for anything outside the unit.
 */
export function resolveCommune(tree: UnitTree, unitId: string, mode: RollupMode, today: string, requested: string): string | null {
  const groups = communeGroups(tree, unitId, mode, today);
  if (groups.has(requested)) return requested;
  for (const [g, members] of groups) if (members.some((c) => c.id === requested)) return g;
  return null;
}
