/**
 * Run a job for each commune with at most `concurrency` at a time (p-limit), counting progress;
 * a commune that fails is reported and the others go on.
 */
import pLimit from "p-limit";
import { type Progress, startProgress } from "./progress";

export interface Outcome<R> {
  key: string;
  ok: boolean;
  result?: R;
  error?: unknown;
}

export async function forEachLimited<T, R>(
  items: readonly T[],
  key: (t: T) => string,
  job: (t: T) => Promise<R>,
  o: { concurrency: number; label: string; isOk?: (r: R) => boolean; progress?: Progress },
): Promise<Outcome<R>[]> {
  const limit = pLimit(Math.max(1, o.concurrency));
  const progress = o.progress ?? startProgress(o.label, items.length);
  try {
    return await Promise.all(
      items.map((t) =>
        limit(async (): Promise<Outcome<R>> => {
          try {
            const result = await job(t);
            const ok = o.isOk ? o.isOk(result) : true;
            progress.tick(ok);
            return { key: key(t), ok, result };
          } catch (error) {
            progress.tick(false);
            return { key: key(t), ok: false, error };
          }
        }),
      ),
    );
  } finally {
    progress.stop();
  }
}
