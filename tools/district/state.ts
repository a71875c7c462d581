/**
 * The state file: what the tool has done for each commune (spreadsheet id, steps done, last pull
 * and its submission id), so a run that stops half-way can be run again and picks up where it was.
 * Each change is written to a temporary file and renamed over the old one (an atomic replace on
 * POSIX), one write at a time, so a run killed at any moment leaves the previous or the next state.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as z from "../../shared/zod-vi";

const pending = z.object({ submission_id: z.uuid(), content_hash: z.string(), generated_at: z.string() });

export const communeState = z.object({
  unit_id: z.string(),
  code: z.string(),
  name: z.string(),
  spreadsheet_id: z.string().optional(),
  spreadsheet_url: z.string().optional(),
  /** Created (or found) by this tool. */
  created_at: z.string().optional(),
  /** Layout built (the batchUpdate went through, or it was already complete). */
  built_at: z.string().optional(),
  shared_with: z.string().optional(),
  shared_at: z.string().optional(),
  /** Everything done: created, built, shared, recorded. */
  provisioned_at: z.string().optional(),
  /** The worker's commune record holds the spreadsheet id (false: to send again). */
  worker_synced: z.boolean().optional(),
  last_pull_at: z.string().optional(),
  last_pull_result: z.enum(["accepted", "duplicate", "sheet_errors", "refused", "failed"]).optional(),
  last_accepted_at: z.string().optional(),
  last_submission_id: z.string().optional(),
  /** A submission sent but not acknowledged: a retry of the same content reuses its id (counted once). */
  pending: pending.optional(),
});
export type CommuneState = z.infer<typeof communeState>;

const stateFile = z.object({ version: z.literal(1), communes: z.record(z.string(), communeState) });

export class StateStore {
  private data: z.infer<typeof stateFile>;
  private chain: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {
    this.data = existsSync(path) ? stateFile.parse(JSON.parse(readFileSync(path, "utf8"))) : { version: 1, communes: {} };
  }

  get(unitId: string): CommuneState | undefined {
    return this.data.communes[unitId];
  }

  all(): CommuneState[] {
    return Object.values(this.data.communes);
  }

  /** Change one commune's state and write the file (writes are queued, never interleaved). */
  update(unitId: string, base: Pick<CommuneState, "code" | "name">, patch: Partial<CommuneState>): Promise<CommuneState> {
    const next = { ...(this.data.communes[unitId] ?? { unit_id: unitId, ...base }), ...patch, unit_id: unitId };
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete (next as Record<string, unknown>)[k];
    this.data.communes[unitId] = next;
    const json = `${JSON.stringify(this.data, null, 2)}\n`;
    this.chain = this.chain.then(() => {
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, json, { mode: 0o600 });
      renameSync(tmp, this.path);
    });
    return this.chain.then(() => next);
  }
}
