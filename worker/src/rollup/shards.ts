/**
 * Rollups over communes whose data is in several databases (one per province: ../db/shard.ts): the
 * communes grouped by database, the per-commune reader (./read.ts) run once per database in parallel,
 * and the rows concatenated. Every row the reader returns is per commune or a partial sum that the
 * rollup adds up again (./summaries.ts), so concatenating is merging. A thin wrapper on purpose: the
 * reader keeps its own queries.
 */
import { perShard, type ShardGroups } from "../db/shard";
import { type AggregateRows, lastWeekWithData, type ReadRequest, readAggregates } from "./read";

/** `readAggregates` over the databases holding `r.communes`; `db` answers when none holds any. */
export async function readAcrossShards(db: D1Database, shards: ShardGroups, r: ReadRequest): Promise<AggregateRows> {
  const byId = new Map(r.communes.map((c) => [c.id, c]));
  const parts = await perShard(shards, [...byId.keys()], (shard, ids) => {
    // Every commune in one database (no shard bound): the request as it is.
    if (ids.length === byId.size) return readAggregates(shard, r);
    const here = new Set(ids);
    return readAggregates(shard, {
      ...r,
      communes: ids.map((id) => byId.get(id)!),
      split: r.split.filter((id) => here.has(id)),
      ...(r.summarised ? { summarised: r.summarised.filter((id) => here.has(id)) } : {}),
    });
  });
  if (parts.length === 1) return parts[0]!;
  if (!parts.length) return readAggregates(db, { ...r, communes: [], split: [], summarised: [] });
  const rows = concat(parts) as AggregateRows;
  // The two lists the reader orders (open ad-hoc reports, weekly notes), in the same order again.
  rows.open.sort((a, b) => cmp(a.report_date, b.report_date) || cmp(a.report_code, b.report_code));
  rows.notes.sort((a, b) => cmp(a.week, b.week) || cmp(a.team_code, b.team_code));
  return rows;
}

/** Lists concatenated, key by key, at any depth (the flat summaries are an object of lists: ./monthly.ts). */
function concat(parts: readonly object[]): object {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parts[0]!)) {
    const all = parts.map((p) => (p as Record<string, unknown>)[k]);
    out[k] = Array.isArray(v) ? all.flatMap((x) => x as unknown[]) : concat(all as object[]);
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The last week up to `upTo` with a weekly report among the communes, over their databases. */
export async function lastWeekAcrossShards(shards: ShardGroups, communeIds: string[], upTo: string): Promise<string | null> {
  const weeks = await perShard(shards, communeIds, (db, ids) => lastWeekWithData(db, ids, upTo));
  return weeks.reduce<string | null>((max, w) => (w !== null && (max === null || w > max) ? w : max), null);
}
