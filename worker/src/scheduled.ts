/**
 * The worker's cron trigger (wrangler.toml [triggers]): the retention job, once a day. Locally:
 * `wrangler dev --test-scheduled`, then GET /__scheduled (README, "Personal data").
 * https://developers.cloudflare.com/workers/runtime-apis/handlers/scheduled/
 */
import { retentionMonths } from "../../shared/privacy";
import { dbFor } from "./db/shard";
import { pruneExpired } from "./retention/prune";

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const result = await pruneExpired(dbFor(env), retentionMonths(env.RETENTION_MONTHS), new Date(controller.scheduledTime));
  // Counts only: what the job removed, for Workers Logs.
  console.log(JSON.stringify({ job: "retention", ...result }));
};
