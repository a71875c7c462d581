/**
 * The worker's cron trigger (wrangler.toml [triggers]), once a day: the retention job, then the
 * payload jobs — payloads still in D1 moved to R2 (0033, ./db/payload-move.ts) and R2 objects no
 * submission names swept (./retention/orphans.ts); each does a bounded share and the next day goes on.
 * Locally: `wrangler dev --test-scheduled`, then GET /__scheduled (README, "Personal data").
 * https://developers.cloudflare.com/workers/runtime-apis/handlers/scheduled/
 */
import { retentionMonths } from "../../shared/privacy";
import { movePayloadsToR2 } from "./db/payload-move";
import { dbFor } from "./db/shard";
import { sweepOrphanPayloads } from "./retention/orphans";
import { pruneExpired } from "./retention/prune";

/** Payloads moved to R2 per scheduled run (each one R2 put and one D1 batch). */
const MOVE_PER_RUN = 200;

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const now = new Date(controller.scheduledTime);
  const result = await pruneExpired(dbFor(env), env.PAYLOADS, retentionMonths(env.RETENTION_MONTHS), now);
  const move = await movePayloadsToR2(dbFor(env), env.PAYLOADS, MOVE_PER_RUN);
  const sweep = await sweepOrphanPayloads(env, now);
  // Counts only: what the jobs did, for Workers Logs.
  console.log(JSON.stringify({ job: "retention", ...result, payloads_moved: move, orphans: sweep }));
};
