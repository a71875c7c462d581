/**
 * Which D1 database a table lives in (README, "Scale: one database per province"). D1 holds 10 GB per
 * database (https://developers.cloudflare.com/d1/platform/limits/), so commune data is sharded by province:
 *
 * - the control database, binding `DB`: units (the authority), tokens, operators, console uploads,
 *   commune records, guidance members, village moves (part of the unit tree every rollup reads), the
 *   access log, the audit of control actions, and `commune_shards` (which shard holds each commune: 0036);
 * - one shard per province, binding `DB_<province code>` (`DB_24`, `DB_01`, … in wrangler.toml's
 *   [env.production]): every table written with a commune's data — submissions and their payloads,
 *   register, logs, aggregates, sheet states, refusals, erasures, period reports, the
 *   audit rows of submissions. Each shard also holds a copy of the units (foreign keys; the units load
 *   writes every database), read by nothing but the shard's own joins.
 *
 * A province without a binding lives in `DB`: one binding for everything (local dev, the tests, a
 * district) is the single-database setup. A commune lives in exactly ONE shard forever: the binding
 * recorded when its first data arrived (`commune_shards`); a commune without that row has no data.
 */
import { getUnit, type UnitRow } from "./units";

const PREFIX = "DB_";

/** The control database. */
export const controlDb = (env: Env): D1Database => env.DB;

/** The bindings of the shard map: `DB_<province code>` → database (empty: single database). */
export function shardMap(env: Env): Map<string, D1Database> {
  const map = new Map<string, D1Database>();
  for (const [name, value] of Object.entries(env as unknown as Record<string, unknown>)) {
    if (name.startsWith(PREFIX) && isD1(value)) map.set(name, value);
  }
  return map;
}

const isD1 = (v: unknown): v is D1Database =>
  typeof v === "object" && v !== null && typeof (v as D1Database).prepare === "function" && typeof (v as D1Database).batch === "function";

/** Every database a commune's data may be in: the shards, then `DB` (which holds communes of unmapped provinces). */
export function allShards(env: Env): D1Database[] {
  return [...shardMap(env).values(), env.DB];
}

/** The database behind a recorded binding name. A shard that is no longer bound is an error, never a silent move. */
function byName(env: Env, name: string): D1Database {
  const db = name === "DB" ? env.DB : shardMap(env).get(name);
  if (!db) throw new Error(`D1 binding ${name} is missing: a commune's data is there (commune_shards)`);
  return db;
}

/** Per control database, commune id → binding name once known (a commune never moves: kept for the isolate's life). */
const knownOf = new WeakMap<D1Database, Map<string, string>>();

/**
 * The province a commune's data belongs to: a current commune's province; an ended one's (pre-2025)
 * follows its successor — for a split commune the first whole successor in the unit list, else the
 * first partial one — and an old province its successor province. Null when the unit is unknown.
 */
export async function homeProvince(control: D1Database, communeId: string): Promise<string | null> {
  let id: string | null = communeId;
  for (let hop = 0; id !== null && hop < 12; hop++) {
    const u: UnitRow | null = await getUnit(control, id);
    if (!u) return null;
    const next = successorOf(u);
    if (u.level === "province") {
      if (!next) return u.code;
      id = next;
    } else id = u.level === "commune" && next ? next : u.parent_id;
  }
  return null;
}

function successorOf(u: UnitRow): string | null {
  const all = JSON.parse(u.successor_ids) as string[];
  const partial = new Set(JSON.parse(u.partial_successor_ids ?? "[]") as string[]);
  return all.find((s) => !partial.has(s)) ?? all[0] ?? null;
}

/**
 * The database that holds (or will hold) a commune's data. The first call for a commune records its
 * shard in the control database (race-safe: INSERT OR IGNORE, then read back), so it never changes
 * even when the unit list or the shard map does. Every write of commune data goes through here.
 */
export async function shardFor(env: Env, communeId: string): Promise<D1Database> {
  const control = controlDb(env);
  const known = knownOf.get(control) ?? knownOf.set(control, new Map()).get(control)!;
  const cached = known.get(communeId);
  if (cached) return byName(env, cached);
  const read = () => control.prepare("SELECT shard FROM commune_shards WHERE commune_id = ?").bind(communeId).first<string>("shard");
  let name = await read();
  if (!name) {
    const province = await homeProvince(control, communeId);
    // An unknown unit has no data and gets none (its rows would break the foreign keys): nothing recorded.
    if (province === null) return control;
    const wanted = province !== null && shardMap(env).has(PREFIX + province) ? PREFIX + province : "DB";
    await control
      .prepare("INSERT OR IGNORE INTO commune_shards (commune_id, province_code, shard, assigned_at) VALUES (?, ?, ?, ?)")
      .bind(communeId, province, wanted, new Date().toISOString())
      .run();
    name = (await read()) ?? wanted;
  }
  known.set(communeId, name);
  return byName(env, name);
}

/**
 * The communes grouped by the database holding their data, for reads over many communes (rollups,
 * console): one indexed read of `commune_shards`. Communes without a row have no data and are left out;
 * with no shard bound, every commune is in `DB` and nothing is read.
 */
export async function communesByShard(env: Env, communeIds: readonly string[]): Promise<[D1Database, string[]][]> {
  if (!communeIds.length) return [];
  if (!shardMap(env).size) return [[env.DB, [...communeIds]]];
  const rows = await controlDb(env)
    .prepare("SELECT commune_id, shard FROM commune_shards WHERE commune_id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(communeIds))
    .all<{ commune_id: string; shard: string }>();
  const groups = new Map<D1Database, string[]>();
  for (const r of rows.results) {
    const db = byName(env, r.shard);
    const list = groups.get(db) ?? [];
    list.push(r.commune_id);
    groups.set(db, list);
  }
  return [...groups];
}

/** Communes grouped by the database holding their data (`communesByShard`, or one database for all). */
export type ShardGroups = (communeIds: readonly string[]) => Promise<[D1Database, string[]][]>;

export const shardGroups =
  (env: Env): ShardGroups =>
  (ids) =>
    communesByShard(env, ids);

/** One database for every commune: the single-database setup, and callers that already chose it. */
export const oneDatabase =
  (db: D1Database): ShardGroups =>
  async (ids) =>
    ids.length ? [[db, [...ids]]] : [];

/** `read` run on each database over its communes, in parallel; the results in the groups' order. */
export async function perShard<T>(
  groups: ShardGroups,
  ids: readonly string[],
  read: (db: D1Database, ids: string[]) => Promise<T>,
): Promise<T[]> {
  return Promise.all((await groups(ids)).map(([db, part]) => read(db, part)));
}
