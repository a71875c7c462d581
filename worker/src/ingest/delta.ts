/**
 * The check of a submission against what the commune already has — the cost of what changed, not of
 * the workbook (issue 10). It applies only when every register sheet, and a roster sheet sent (the
 * steering committee), is the one the worker accepted last (same hash, computed here) under the same
 * checks (CHECK_VERSION): then a log row's validity depends on the register, on today (rules only get
 * more lenient as days pass: a week no longer in the future, a birth year no longer ahead) and on its
 * own sheet's keys, so
 *   - a sheet whose hash is the stored one is skipped: nothing parsed, nothing written;
 *   - in a changed log sheet, a chunk (./chunks.ts: a week of reports, a month of meetings) whose hash
 *     is the stored one holds the stored rows: not parsed again; every row of the other chunks is
 *     parsed (zod) and put through every cross-row rule with the register (`checkRules` on the register
 *     and those rows; their issues kept), and its key is compared with the keys of the rows not parsed
 *     (duplicates across both). Which of them differ from the stored rows is for ./check.ts to find.
 * Anything else (a register or roster sheet changed, a sheet never seen, other checks, a commune with an
 * end date) is checked whole by ./check.ts. Pure: the states come from ./sheet-state.ts.
 */
import type { EnvelopeHead, EnvelopeRefusal } from "../../../shared/envelope";
import { type Issue, rowIssues, sheetRow } from "../../../shared/issues";
import { CHECK_VERSION, checkRules, type RuleOptions } from "../../../shared/rules/index";
import { duplicateColumn, duplicateMessage, keyText } from "../../../shared/rules/keys";
import { outsideValidity, type UnitValidity } from "../../../shared/rules/validity";
import { MAX_ROWS_PER_SHEET, ROW_SCHEMAS, type Workbook } from "../../../shared/schemas";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../../../shared/templates";
import type { Chunks, SentChunk } from "./chunks";
import type { SheetStates } from "./sheet-state";
import { dbRow, naturalKeyOf } from "./tables";

/** A changed log sheet: its rows sorted into those the commune holds and those to write. */
export interface LogDelta {
  sheet: SheetKey;
  /** Rows of the chunks the commune holds (nothing to write). */
  unchanged: number;
  /** The rows of the other chunks, parsed, as D1 values, with their natural keys. */
  changed: { row: Record<string, string | number | null>; key: string }[];
  /** Stored rows (not withdrawn) whose key is no longer on the sheet: to withdraw. */
  gone: string[];
  /** The sheet's new state: each chunk's hash and keys. */
  chunks: Chunks;
}

export type DeltaCheck = { ok: true; logs: LogDelta[]; issues: Issue[] } | EnvelopeRefusal;

const REGISTER_CONTEXT = ["villages", "teams", "members"] as const;

/** Whether the submission can be checked against the stored state (else: whole). */
export function deltaApplies(head: EnvelopeHead, states: SheetStates, unit: UnitValidity): boolean {
  if (unit.valid_to) return false;
  for (const sheet of head.present) {
    const st = states[sheet];
    const rows = head.sheets[sheet];
    if (!st || st.checkVersion !== CHECK_VERSION || !Array.isArray(rows) || rows.length > MAX_ROWS_PER_SHEET) return false;
    // A register or roster sheet (replaced whole) must be the one stored; a log sheet needs its chunks.
    if (SHEETS[sheet].part !== "log" ? st.hash !== head.hashes.sheet_hashes[sheet] : !st.chunks) return false;
  }
  return true;
}

/**
 * Check the rows of the changed chunks (`sent`: the chunks of each changed log sheet, ./chunks.ts
 * `sentChunks`); null when the stored register does not parse as it did (then check whole).
 */
export function checkDelta(
  head: EnvelopeHead,
  states: SheetStates,
  opts: RuleOptions,
  unit: UnitValidity,
  sent: Partial<Record<SheetKey, Map<string, SentChunk>>>,
): DeltaCheck | null {
  const sheets = head.sheets as Record<string, unknown[]>;
  const cellIssues: Issue[] = [];
  const logs: (LogDelta & { parsed: Record<string, unknown>[]; keptAt: Map<string, number> })[] = [];
  for (const sheet of head.present) {
    const st = states[sheet]!;
    if (SHEETS[sheet].part !== "log" || st.hash === head.hashes.sheet_hashes[sheet]) continue;
    const stored = st.chunks!;
    const d = { sheet, unchanged: 0, changed: [], gone: [], chunks: new Map(), parsed: [], keptAt: new Map() } as (typeof logs)[number];
    const raw = sheets[sheet]!;
    for (const [id, chunk] of sent[sheet]!) {
      const kept = stored.get(id);
      if (kept && kept.hash === chunk.hash && kept.keys.length === chunk.rows.length) {
        for (const [j, i] of chunk.rows.entries()) d.keptAt.set(kept.keys[j]!, i);
        d.unchanged += chunk.rows.length;
        d.chunks.set(id, kept);
        continue;
      }
      const keys: string[] = [];
      for (const i of chunk.rows) {
        const r = ROW_SCHEMAS[sheet].safeParse(raw[i]);
        if (!r.success) {
          cellIssues.push(...rowIssues(r.error, sheet, sheetRow(raw[i], i)));
          continue;
        }
        const row = dbRow(sheet, r.data);
        const k = naturalKeyOf(sheet, row);
        keys.push(k);
        d.changed.push({ row, key: k });
        d.parsed.push({ ...r.data, _row: sheetRow(raw[i], i) });
      }
      d.chunks.set(id, { hash: chunk.hash, keys });
    }
    // The stored rows of the chunks not kept whose key is sent nowhere on the sheet.
    const sentKeys = new Set([...d.keptAt.keys(), ...d.changed.map((c) => c.key)]);
    for (const [id, s] of stored) if (d.chunks.get(id) !== s) d.gone.push(...s.keys.filter((k) => !sentKeys.has(k)));
    logs.push(d);
  }
  if (cellIssues.length) return { ok: false, code: "invalid_envelope", issues: cellIssues };

  // The register the changed rows refer to: parsed as accepted before (it has the stored hash); of
  // the households only their codes (the rules ask only whether one exists).
  const wb = Object.fromEntries(SHEET_KEYS.map((k) => [k, []])) as unknown as Workbook;
  for (const sheet of REGISTER_CONTEXT) {
    const parsed = (sheets[sheet] ?? []).map((r) => ROW_SCHEMAS[sheet].safeParse(r));
    if (parsed.some((p) => !p.success)) return null;
    (wb as Record<string, unknown[]>)[sheet] = parsed.map((p) => p.data);
  }
  const codeSchema = SHEETS.households.columns.household_code.schema;
  const households = (sheets.households ?? []).map((h) => ({
    household_code: codeSchema.safeParse((h as Record<string, unknown>)?.household_code).data,
  }));
  for (const d of logs) (wb as Record<string, unknown[]>)[d.sheet] = d.parsed;
  const changedSheets = new Set<string>(logs.map((d) => d.sheet));
  const issues = [
    ...checkRules(wb, opts, { households }).filter((i) => i.sheet !== null && changedSheets.has(i.sheet)),
    ...outsideValidity(wb, unit),
    ...logs.flatMap((d) => duplicatesOfKept(d, sheets[d.sheet]!)),
  ];
  if (issues.some((i) => i.severity === "error")) return { ok: false, code: "rule_violation", issues };
  return { ok: true, logs: logs.map(({ parsed: _p, keptAt: _k, ...d }) => d), issues };
}

/** A changed row with the key of a row not parsed again (the clerk typed a week that is already there). */
function duplicatesOfKept(d: LogDelta & { parsed: Record<string, unknown>[]; keptAt: Map<string, number> }, raw: unknown[]): Issue[] {
  if (!d.parsed.length) return [];
  const cols = SHEETS[d.sheet].naturalKey as readonly string[];
  const kept = new Map<string, number>();
  for (const [key, i] of d.keptAt) {
    const values = JSON.parse(key) as unknown[];
    kept.set(keyText(d.sheet, Object.fromEntries(cols.map((c, j) => [c, values[j]]))), sheetRow(raw[i], i));
  }
  return d.parsed.flatMap((row) => {
    const first = kept.get(keyText(d.sheet, row));
    if (first === undefined) return [];
    return [
      {
        sheet: d.sheet,
        row: row._row as number,
        column: duplicateColumn(d.sheet),
        code: "duplicate_key",
        severity: "error" as const,
        message_vi: duplicateMessage(d.sheet, first),
      },
    ];
  });
}
