/**
 * The worker's cron trigger (wrangler.toml [triggers]), once a day: the retention job, then the
 * payload jobs — payloads still in D1 moved to R2 (0033, ./db/payload-move.ts) and R2 objects no
 * submission names swept (./retention/orphans.ts); each does a bounded share and the next day goes on.
 * Locally: `wrangler dev --test-scheduled`, then GET /__scheduled (README, "Personal data").
 * https://developers.cloudflare.com/workers/runtime-apis/handlers/scheduled/
 */
import { retentionMonths } from "../../shared/privacy";
import { movePayloadsToR2 } from "./db/payload-move";
import { allShards } from "./db/shard";
import { sweepOrphanPayloads } from "./retention/orphans";
import { pruneExpired } from "./retention/prune";

/** Payloads moved to R2 per scheduled run (each one R2 put and one D1 batch). */
const MOVE_PER_RUN = 200;

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env) => {
  const now = new Date(controller.scheduledTime);
  // Every database: payloads and revisions are in the shards, the access log in the control database.
  const runs = await Promise.all(
    allShards(env).map(async (db) => ({
      prune: await pruneExpired(db, env.PAYLOADS, retentionMonths(env.RETENTION_MONTHS), now),
      move: await movePayloadsToR2(db, env.PAYLOADS, MOVE_PER_RUN),
    })),
  );
  const sum = (f: (r: (typeof runs)[number]) => number) => runs.reduce((n, r) => n + f(r), 0);
  const result = {
    before: runs[0]!.prune.before,
    payloads: sum((r) => r.prune.payloads),
    revisions: sum((r) => r.prune.revisions),
    ips: sum((r) => r.prune.ips),
  };
  const move = { moved: sum((r) => r.move.moved), left: sum((r) => r.move.left) };
  const sweep = await sweepOrphanPayloads(env, now);
  // Counts only: what the jobs did, for Workers Logs.
  console.log(JSON.stringify({ job: "retention", ...result, payloads_moved: move, orphans: sweep }));
};
