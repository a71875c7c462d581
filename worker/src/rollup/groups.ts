/**
 * Where each row of a rollup goes: the commune it is shown under (its group) in the mode — the
 * commune that sent it (as_was), or the commune it is part of today (current). A commune the 2025
 * reform split between several successors goes by village in current mode: a row of a team goes
 * with the team's village to the successor that village was mapped to (`village_successors`,
 * "Chuyển đổi thôn"), and to the pseudo-group UNDETERMINED ("Chưa xác định đơn vị mới") while that is
 * not known — as does a row of the commune as a whole (no village). Every row goes to exactly one
 * group, so the sum over current units equals the sum over as-was units; a row outside the rollup
 * (another successor's villages on a commune's own link, another group in a drill-down) goes nowhere.
 */
import { type RollupMode, UNDETERMINED } from "./types";
import type { UnitRow, UnitTree } from "./units";

export interface Grouping {
  /** The communes whose rows are read. */
  communes: UnitRow[];
  /** Of these, the split communes whose rows go by village (./read.ts reads them per team). */
  byVillage: string[];
  /**
   * The group of a row of commune `communeId` in village `village` (null: a row of the commune as a
   * whole, or of a team no longer in its register), or null when the row is not part of this rollup.
   */
  place(communeId: string, village: string | null): string | null;
  /** Group id → the communes that may have rows in it: the breakdown's rows, and what a drill-down may ask for. */
  groups: Map<string, UnitRow[]>;
}

/**
 * The grouping of a rollup of `unitId`; with `only`, limited to one of its groups (a drill-down). On
 * a link above commune level, a split commune's villages show under the successors they went to; the
 * unknown ones under UNDETERMINED when the commune was under the link's unit, or (a link on a new unit)
 * when the first of its successors is — so they are counted on one link of each level, not on two.
 */
export function grouping(tree: UnitTree, unitId: string, mode: RollupMode, today: string, only?: string): Grouping {
  const unit = tree.get(unitId);
  const all = unit ? tree.communesOf(unitId, mode, today) : [];
  const split = new Set(mode === "current" ? all.filter((c) => tree.splitOf(c.id, today)).map((c) => c.id) : []);

  const inside = (communeId: string, group: string): boolean => {
    if (!unit) return false;
    // The link's own data (the split commune's own link included) in every group.
    if (tree.asWasAt(communeId, unit.level, today) === unit.id) return true;
    // A successor's own link: only the villages mapped to it, never "not determined" (issue 16 point 5).
    if (unit.level === "commune") return group === unit.id;
    const at = group === UNDETERMINED.id ? tree.currentAt(communeId, unit.level, today) : tree.asWasAt(group, unit.level, today);
    return at === unit.id;
  };
  /** A split commune's group for a village (or its commune-wide rows), whether or not inside the rollup. */
  const byVillage = (communeId: string, village: string | null) =>
    (village === null ? undefined : tree.villageTarget(communeId, village, today)?.id) ?? UNDETERMINED.id;
  /** place() of a split commune's rows, once per village: it is asked for every row read. */
  const placed = new Map<string, string | null>();
  const placeSplit = (communeId: string, village: string | null): string | null => {
    const key = `${communeId}|${village ?? ""}`;
    let g = placed.get(key);
    if (g === undefined) {
      const to = byVillage(communeId, village);
      g = inside(communeId, to) ? to : null;
      placed.set(key, g);
    }
    return g;
  };

  const groups = new Map<string, UnitRow[]>();
  const add = (g: string, c: UnitRow) => {
    if (only === undefined || g === only) groups.set(g, [...(groups.get(g) ?? []), c]);
  };
  for (const c of all) {
    if (!split.has(c.id)) {
      add(tree.groupOf(c.id, mode, today)?.id ?? c.id, c);
      continue;
    }
    for (const g of new Set([...tree.mappedTargets(c.id, today), UNDETERMINED.id])) if (inside(c.id, g)) add(g, c);
  }
  const communes = [...new Map([...groups.values()].flat().map((c) => [c.id, c])).values()];

  return {
    communes,
    byVillage: communes.filter((c) => split.has(c.id)).map((c) => c.id),
    groups,
    place(communeId, village) {
      const g = split.has(communeId) ? placeSplit(communeId, village) : (tree.groupOf(communeId, mode, today)?.id ?? communeId);
      return g !== null && (only === undefined || g === only) ? g : null;
    },
  };
}

/** Group id → the communes whose data it may hold, in a rollup of `unitId` (see `grouping`). */
export function communeGroups(tree: UnitTree, unitId: string, mode: RollupMode, today: string): Map<string, UnitRow[]> {
  return grouping(tree, unitId, mode, today).groups;
}

/**
 * The group a requested commune id stands for in a rollup of `unitId`: a group itself, or the one
 * group a commune's data is in (e.g. a merged commune after switching to "current"); null for
 * anything outside the unit, and for a split commune (its villages are in several groups).
 */
export function resolveCommune(tree: UnitTree, unitId: string, mode: RollupMode, today: string, requested: string): string | null {
  const { groups } = grouping(tree, unitId, mode, today);
  if (groups.has(requested)) return requested;
  const holding = [...groups].filter(([, members]) => members.some((c) => c.id === requested)).map(([id]) => id);
  return holding.length === 1 ? holding[0]! : null;
}
