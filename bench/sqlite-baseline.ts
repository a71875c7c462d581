/**
 * Ingest baseline: the same rows the worker receives, inserted straight into SQLite with
 * better-sqlite3 — the worker's D1 schema (worker/migrations), one prepared INSERT per table, all
 * rows of a stage in ONE transaction. No HTTP, no validation, no upsert planning, no revisions,
 * no payload copy, no aggregates: the floor the worker's rows/s is compared against.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Workbook } from "../shared/schemas";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../shared/templates";
import type { Unit } from "../shared/units";

/** Sheet → table as worker/src/ingest/tables.ts maps them (that module needs the Workers types). */
const RENAMED: Partial<Record<SheetKey, string>> = { weekly: "weekly_reports", adhoc: "adhoc_reports", steering: "steering_members" };
const TABLE_OF = Object.fromEntries(SHEET_KEYS.map((k) => [k, RENAMED[k] ?? k])) as Record<SheetKey, string>;

const toDb = (v: unknown) =>
  v === undefined || v === null
    ? null
    : typeof v === "boolean"
      ? v
        ? 1
        : 0
      : typeof v === "string" || typeof v === "number"
        ? v
        : JSON.stringify(v);

export class SqliteBaseline {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), "dan-van-bench-sqlite-"));
  readonly db: Database.Database;
  private readonly inserts = new Map<SheetKey, { stmt: Database.Statement; cols: string[]; log: boolean }>();

  constructor(root: string, units: Unit[]) {
    try {
      this.db = new Database(path.join(this.dir, "baseline.sqlite"));
    } catch (e) {
      rmSync(this.dir, { recursive: true, force: true });
      throw e;
    }
    this.db.pragma("foreign_keys = ON"); // as D1 does
    const migrations = path.join(root, "worker", "migrations");
    for (const f of readdirSync(migrations)
      .filter((x) => x.endsWith(".sql"))
      .sort()) {
      this.db.exec(readFileSync(path.join(migrations, f), "utf8"));
    }
    const u = this.db.prepare(
      "INSERT INTO units (id, code, level, kind_vi, name, parent_id, valid_from, valid_to, successor_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.db.transaction(() => {
      for (const x of units)
        u.run(x.id, x.code, x.level, x.kind_vi ?? null, x.name, x.parent_id, x.valid_from, x.valid_to, JSON.stringify(x.successor_ids));
    })();
    for (const sheet of SHEET_KEYS) {
      const log = SHEETS[sheet].part === "log";
      const cols = Object.keys(SHEETS[sheet].columns);
      const all = ["commune_id", ...cols, ...(log ? ["first_received_at", "submission_id"] : [])];
      const stmt = this.db.prepare(`INSERT INTO ${TABLE_OF[sheet]} (${all.join(", ")}) VALUES (${all.map(() => "?").join(", ")})`);
      this.inserts.set(sheet, { stmt, cols, log });
    }
  }

  /** Insert every row of these communes' workbooks in one transaction; returns rows and ms. */
  insert(batch: { communeId: string; submissionId: string; workbook: Workbook }[]): { rows: number; ms: number } {
    const receivedAt = new Date().toISOString();
    let rows = 0;
    const t0 = performance.now();
    this.db.transaction(() => {
      for (const { communeId, submissionId, workbook } of batch) {
        for (const sheet of SHEET_KEYS) {
          const { stmt, cols, log } = this.inserts.get(sheet)!;
          for (const row of workbook[sheet] as Record<string, unknown>[]) {
            const values = [communeId, ...cols.map((k) => toDb(row[k]))];
            if (log) values.push(receivedAt, submissionId);
            stmt.run(values);
            rows++;
          }
        }
      }
    })();
    return { rows, ms: performance.now() - t0 };
  }

  close() {
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
