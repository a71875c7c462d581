/**
 * Closings for the national rollup (../rollup/national.ts): each province's page shows its communes'
 * closed figures of a month or quarter (./overlay.ts), so the national row of that province does too.
 * Here because the closing layer reads the rollup, never the other way round.
 */
import { perShard, type ShardGroups } from "../db/shard";
import type { Closings } from "../rollup/national";
import { applyClosings } from "./overlay";
import { closingsFor } from "./store";

/** `shards`: where the communes' data (their closings) is (../db/shard.ts). */
export const nationalClosings = (shards: ShardGroups): Closings => ({
  apply: (r) => applyClosings(shards, r),
  async closedOf(communeIds, period) {
    const rows = await perShard(shards, communeIds, (db, ids) => closingsFor(db, ids, period));
    return new Set(rows.flat().map((c) => c.commune_id));
  },
});
