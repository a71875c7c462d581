-- Which database holds each commune's data (worker/src/db/shard.ts, README "Scale: one database per
-- province"). Read and written in the control database only; every database gets the table because
-- one migrations directory applies to all of them (the table stays empty in a shard).
-- `shard` is the binding ('DB_24', or 'DB' for the control database) recorded when the commune's
-- first data arrived, and never changes: a commune's data lives in exactly one database forever.
-- `province_code` is the province that choice was made from (NULL: recorded by this migration).
CREATE TABLE commune_shards (
  commune_id TEXT PRIMARY KEY REFERENCES units(id),
  province_code TEXT,
  shard TEXT NOT NULL,
  assigned_at TEXT NOT NULL
) WITHOUT ROWID;

-- Data written before shards existed is in this database: record it so, so that adding shard bindings
-- later never moves a commune away from its data (in a new shard these tables are empty: no rows).
INSERT OR IGNORE INTO commune_shards (commune_id, province_code, shard, assigned_at)
  SELECT commune_id, NULL, 'DB', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM (
    SELECT commune_id FROM submissions
    UNION SELECT commune_id FROM teams
    UNION SELECT commune_id FROM households
    UNION SELECT commune_id FROM agg_teams
    UNION SELECT commune_id FROM submission_refusals WHERE commune_id IS NOT NULL
  ) WHERE commune_id IN (SELECT id FROM units);
