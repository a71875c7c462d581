declare namespace Cloudflare {
  interface Env {
    /** The shards of the tests' shard map (vitest.config.ts, project "shards"). */
    DB_24: D1Database;
    DB_20: D1Database;
    /** A database with everything in it, for the same requests without shards. */
    SINGLE: D1Database;
  }
}
