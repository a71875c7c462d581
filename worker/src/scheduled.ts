/**
 * The worker's cron trigger (wrangler.toml [triggers]): the retention job, once a day. Locally:
 * `wrangler dev --test-scheduled`, then GET /__scheduled (README, "Personal data").
 * https://developers.cloudflare.com/workers/runtime-apis/handlers/scheduled/
 */
import { retentionMonths } from "../../shared/privacy";
import { allShards } from "./db/shard";
import { pruneExpired } from "./retention/prune";

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  // Every database: payloads and revisions are in the shards, the access log in the control database.
  const at = new Date(controller.scheduledTime);
  const runs = await Promise.all(allShards(env).map((db) => pruneExpired(db, retentionMonths(env.RETENTION_MONTHS), at)));
  const sum = (k: "payloads" | "revisions" | "ips") => runs.reduce((n, r) => n + r[k], 0);
  const result = { before: runs[0]!.before, payloads: sum("payloads"), revisions: sum("revisions"), ips: sum("ips") };
  // Counts only: what the job removed, for Workers Logs.
  console.log(JSON.stringify({ job: "retention", ...result }));
};
