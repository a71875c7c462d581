/**
 * Check a submission's sheets and plan its writes, against the commune's state as read for this attempt
 * (./ingest.ts plans again if another write got in first). Two ways, same result:
 *   - against what the commune holds (./delta.ts): unchanged sheets skipped, the changed chunks of log sheets only;
 *   - whole: every cell and rule (shared/envelope.ts `checkEnvelopeSheets`), every stored row read and
 *     compared (./plan.ts) — the first submission, a register that changed, a commune with an end date.
 * Either way the new sheet states (./sheet-state.ts) are what was checked and written.
 */
import type { DeletionCounts, RegisterSheetKey } from "../../../shared/contract";
import { checkEnvelopeSheets, type EnvelopeCheck, type EnvelopeHead } from "../../../shared/envelope";
import type { Issue } from "../../../shared/issues";
import type { RuleOptions } from "../../../shared/rules/index";
import { outsideValidity, type UnitValidity } from "../../../shared/rules/validity";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../../../shared/templates";
import type { DbValue } from "../db/sql";
import { sentChunks } from "./chunks";
import { guardDeletions } from "./deletions";
import { checkDelta, deltaApplies, type LogDelta } from "./delta";
import { emptyPlan, isWithdrawn, planSheet, type SheetPlan, type StoredRow } from "./plan";
import { type Refusal, refuseEnvelope } from "./refusal";
import type { SheetStates, StateUpdate } from "./sheet-state";
import { naturalKeyOf, sameRow, TABLE_OF } from "./tables";

export interface CheckRequest {
  head: EnvelopeHead;
  rules: RuleOptions;
  unit: UnitValidity;
  communeId: string;
  /** The envelope's deletions confirmation, if any. */
  confirmed: DeletionCounts | undefined;
}

export interface Planned {
  ok: true;
  how: "whole" | "delta";
  plans: Record<SheetKey, SheetPlan>;
  warnings: Issue[];
  states: StateUpdate[];
}

/** The whole check does not depend on the stored state: made once per request, kept across attempts. */
export type WholeCache = { check?: EnvelopeCheck };

export async function checkAndPlan(db: D1Database, req: CheckRequest, states: SheetStates, cache: WholeCache): Promise<Planned | Refusal> {
  if (deltaApplies(req.head, states, req.unit)) {
    // The chunks of the log sheets that changed, hashed all at once here.
    const changed = [...req.head.present].filter((s) => SHEETS[s].part === "log" && states[s]?.hash !== req.head.hashes.sheet_hashes[s]);
    const chunks = await sentChunks(changed, req.head.sheets, req.head.rowTexts);
    const delta = checkDelta(req.head, states, req.rules, req.unit, chunks);
    if (delta && !delta.ok) return refuseEnvelope(delta);
    const planned = delta && (await planDelta(db, req, delta.logs, delta.issues));
    if (planned) return planned;
  }
  return planWhole(db, req, cache);
}

async function planWhole(db: D1Database, req: CheckRequest, cache: WholeCache): Promise<Planned | Refusal> {
  cache.check ??= checkEnvelopeSheets(req.head, req.rules);
  const check = cache.check;
  if (!check.ok) return refuseEnvelope(check);
  // Rows of periods when the commune did not exist (a merged commune's late corrections included).
  const outside = outsideValidity(check.envelope.sheets, req.unit);
  if (outside.length) return refuseEnvelope({ code: "rule_violation", issues: outside });
  const stored = await db.batch<Record<string, DbValue>>(
    SHEET_KEYS.map((s) => db.prepare(`SELECT * FROM ${TABLE_OF[s]} WHERE commune_id = ?`).bind(req.communeId)),
  );
  const sent = check.envelope.sheets as Record<SheetKey, Record<string, unknown>[]>;
  const plans = Object.fromEntries(
    SHEET_KEYS.map((s, i) => [s, planSheet(s, stored[i]!.results, check.present.has(s) ? sent[s] : undefined)]),
  ) as Record<SheetKey, SheetPlan>;
  const counts = Object.fromEntries(
    SHEET_KEYS.flatMap((s, i) => (SHEETS[s].part === "register" ? [[s, stored[i]!.results.length]] : [])),
  ) as DeletionCounts;
  const unconfirmed = guardDeletions(plans as Record<RegisterSheetKey, SheetPlan>, counts, req.confirmed);
  if (unconfirmed) return unconfirmed;
  const logs = [...check.present].filter((s) => SHEETS[s].part === "log");
  const chunks = await sentChunks(logs, req.head.sheets, req.head.rowTexts);
  const states = [...check.present].map((s) => ({
    sheet: s,
    hash: req.head.hashes.sheet_hashes[s]!,
    chunks:
      SHEETS[s].part === "log"
        ? new Map([...chunks[s]!].map(([id, c]) => [id, { hash: c.hash, keys: c.rows.map((i) => naturalKeyOf(s, plans[s].rows[i]!)) }]))
        : null,
  }));
  return { ok: true, how: "whole", plans, warnings: check.issues.filter((i) => i.severity === "warning"), states };
}

/** The stored rows (withdrawn or not) of some keys of a log sheet, by natural key. */
async function storedByKey(db: D1Database, communeId: string, deltas: readonly LogDelta[]): Promise<Map<string, StoredRow>[]> {
  const statements = deltas.map((d) => {
    const cols = SHEETS[d.sheet].naturalKey as readonly string[];
    const keys = [...new Set([...d.changed.map((c) => c.key), ...d.gone])];
    const on = cols.map((c, i) => `t.${c} = json_extract(k.value, '$[${i}]')`).join(" AND ");
    return db
      .prepare(`SELECT t.* FROM json_each(?) k CROSS JOIN ${TABLE_OF[d.sheet]} t ON t.commune_id = ? AND ${on}`)
      .bind(`[${keys.join(",")}]`, communeId);
  });
  const results = statements.length ? await db.batch<StoredRow>(statements) : [];
  return deltas.map((d, i) => new Map(results[i]!.results.map((r) => [naturalKeyOf(d.sheet, r), r])));
}

async function planDelta(db: D1Database, req: CheckRequest, deltas: LogDelta[], issues: Issue[]): Promise<Planned | null> {
  const stored = await storedByKey(db, req.communeId, deltas);
  const plans = Object.fromEntries(SHEET_KEYS.map((s) => [s, emptyPlan(s)])) as Record<SheetKey, SheetPlan>;
  const sent = req.head.sheets as Record<string, unknown[]>;
  for (const s of req.head.present) plans[s].unchanged = sent[s]!.length;
  deltas.forEach((d, i) => {
    const byKey = stored[i]!;
    const plan = plans[d.sheet];
    plan.unchanged = d.unchanged;
    for (const { row, key } of d.changed) {
      const old = byKey.get(key);
      if (!old) plan.inserted.push(row);
      else if (!isWithdrawn(old) && sameRow(d.sheet, old, row)) plan.unchanged++;
      else plan.updated.push({ old, row, key });
    }
    for (const key of d.gone) {
      const old = byKey.get(key);
      if (old && !isWithdrawn(old)) plan.withdrawn.push({ old, key });
    }
  });
  // Every key of a state is a stored row, written in the same batch; if one were not, check whole.
  if (deltas.some((d, i) => d.gone.some((k) => !stored[i]!.has(k)))) return null;
  const states = deltas.map((d) => ({ sheet: d.sheet, hash: req.head.hashes.sheet_hashes[d.sheet]!, chunks: d.chunks }));
  return { ok: true, how: "delta", plans, warnings: issues.filter((i) => i.severity === "warning"), states };
}
