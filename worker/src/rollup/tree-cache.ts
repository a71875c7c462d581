/**
 * A worker isolate keeps the unit trees it loaded (./units.ts `readUnitTree`: a few rounds of queries,
 * 0.2–0.5 s for the national tree) until the units change: each request reads the units' version
 * (0040_unit_version.sql, a random token the triggers replace on every write to units,
 * unit_successors or village_successors) and reuses the tree loaded under that version. An isolate's
 * globals live across requests (https://developers.cloudflare.com/workers/reference/how-workers-works/);
 * a tree is never changed once built, so sharing it between requests is safe.
 */
import { readUnitTree, type UnitTree } from "./units";

/** Trees kept per isolate: links of a few dozen units at a time; the oldest goes first. */
const MAX_TREES = 64;
const trees = new Map<string, UnitTree>();

/** The units' version (0040_unit_version.sql); null if its row is missing. */
export async function unitVersion(db: D1Database): Promise<string | null> {
  const row = await db.prepare("SELECT version FROM unit_version WHERE id = 1").first<{ version: string }>();
  return row?.version ?? null;
}

/**
 * The unit tree of `unitId` as the units are now: from this isolate's cache when their version has not
 * changed. `version`: the version read by the caller beside another query (a link page reads it while
 * it looks up the token), else read here.
 */
export async function loadUnitTree(db: D1Database, unitId: string, version?: Promise<string | null>): Promise<UnitTree> {
  return treeAt(db, unitId, await (version ?? unitVersion(db)));
}

async function treeAt(db: D1Database, unitId: string, version: string | null): Promise<UnitTree> {
  if (version === null) return readUnitTree(db, unitId);
  const key = `${version}|${unitId}`;
  const kept = trees.get(key);
  if (kept) return kept;
  const tree = await readUnitTree(db, unitId);
  // A version read before a write that lands while the tree loads names the older units: the tree
  // is kept only if the version is still the one it was read under.
  if ((await unitVersion(db)) === version) {
    if (trees.size >= MAX_TREES) trees.delete(trees.keys().next().value!);
    trees.set(key, tree);
  }
  return tree;
}

/** The trees of several units under ONE read of the units' version (the national page: every province). */
export async function loadUnitTrees(db: D1Database, unitIds: readonly string[]): Promise<UnitTree[]> {
  const version = await unitVersion(db);
  return Promise.all(unitIds.map((id) => (version !== null && trees.get(`${version}|${id}`)) || loadUnitTree(db, id)));
}
