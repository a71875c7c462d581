import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// One migrations directory for every database (README, "Scale"): the control database, both shards, and
// the single database the same requests are compared against.
for (const db of [env.DB, env.DB_24, env.DB_20, env.SINGLE]) await applyD1Migrations(db, env.TEST_MIGRATIONS);
