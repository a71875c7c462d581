/**
 * Validation throughput of the shared rules in Node: `checkWorkbook` (every cell through its zod
 * schema, then the cross-row rules) in rows/s, on the workbooks as the worker receives them (JSON
 * text parsed). Baseline measured on the same rows in the same run: a JSON parse of the same
 * workbook text — one plain pass over every cell, the least any check must do.
 */
import { checkRules, checkWorkbook } from "../shared/rules/index";
import type { Workbook } from "../shared/schemas";
import { rowCount } from "./data";

export interface ValidationResult {
  workbooks: number;
  rows: number;
  /** Rounds over all the workbooks (repeated until ≥ 1.5 s); the figures are per round. */
  rounds: number;
  check_ms: number;
  rows_per_s: number;
  /** Of which the cross-row rules (checkRules on the parsed rows). */
  rules_ms: number;
  baseline_json_parse_ms: number;
  baseline_rows_per_s: number;
  all_ok: boolean;
  issues: number;
}

/** Repeat `fn` until at least `minMs` passed (at least once); answers iterations and ms. */
function timed(fn: () => void, minMs: number): { n: number; ms: number } {
  let n = 0;
  const t = performance.now();
  do {
    fn();
    n++;
  } while (performance.now() - t < minMs);
  return { n, ms: performance.now() - t };
}

export function measureValidation(workbooks: Workbook[], today: string, minMs = 1500): ValidationResult {
  const texts = workbooks.map((wb) => JSON.stringify(wb));
  const rows = workbooks.reduce((n, wb) => n + rowCount(wb), 0);
  // Warm-up, so JIT state is comparable for both measures.
  for (let i = 0; i < 2; i++) checkWorkbook(JSON.parse(texts[0]!), { today });

  const base = timed(() => {
    for (const s of texts) JSON.parse(s);
  }, minMs / 4);

  let allOk = true;
  let issues = 0;
  let clean: Workbook[] = [];
  // Inputs are parsed outside the timed part: checkWorkbook gets fresh objects each round.
  let checkMs = 0;
  let rounds = 0;
  do {
    const inputs = texts.map((s) => JSON.parse(s) as Record<string, unknown>);
    const out: Workbook[] = [];
    allOk = true;
    issues = 0;
    const t = performance.now();
    for (const input of inputs) {
      const r = checkWorkbook(input, { today });
      allOk &&= r.ok;
      issues += r.issues.length;
      out.push(r.workbook);
    }
    checkMs += performance.now() - t;
    rounds++;
    clean = out;
  } while (checkMs < minMs);

  const rules = timed(() => {
    for (const wb of clean) checkRules(wb, { today });
  }, minMs / 4);

  const perRound = checkMs / rounds;
  const baseMs = base.ms / base.n;
  return {
    workbooks: workbooks.length,
    rows,
    rounds,
    check_ms: Math.round(perRound),
    rows_per_s: Math.round(rows / (perRound / 1000)),
    rules_ms: Math.round(rules.ms / rules.n),
    baseline_json_parse_ms: Math.round(baseMs * 10) / 10,
    baseline_rows_per_s: Math.round(rows / (baseMs / 1000)),
    all_ok: allOk,
    issues,
  };
}
