/** The small pure pieces of the ingest: statement chunking under D1's parameter limit, payload parts, plans. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { insertRows, MAX_BOUND_PARAMETERS } from "../../worker/src/db/sql";
import { splitPayload } from "../../worker/src/ingest/payload";
import { planSheet } from "../../worker/src/ingest/plan";

describe("insertRows", () => {
  it("binds at most 100 parameters per statement and inserts every row in one batch", async () => {
    await env.DB.prepare("CREATE TABLE t_chunk (a TEXT, b INTEGER, c TEXT)").run();
    const rows = Array.from({ length: 250 }, (_, i) => [`a${i}`, i, null]);
    const stmts = insertRows(env.DB, "t_chunk", ["a", "b", "c"], rows);
    expect(stmts).toHaveLength(Math.ceil(250 / Math.floor(MAX_BOUND_PARAMETERS / 3)));
    await env.DB.batch(stmts);
    expect(await env.DB.prepare("SELECT count(*) AS n, sum(b) AS s FROM t_chunk").first()).toEqual({ n: 250, s: (249 * 250) / 2 });
  });
  it("returns no statement for no rows", () => {
    expect(insertRows(env.DB, "t", ["a"], [])).toEqual([]);
  });
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("splitPayload", () => {
  it("splits long text into parts that join back, never inside a surrogate pair", () => {
    const text = "Tổ 😀 ".repeat(1000);
    for (const size of [7, 8, 100, 5000]) {
      const parts = splitPayload(text, size);
      expect(parts.join("")).toBe(text);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(size);
        expect(p).not.toMatch(LONE_SURROGATE);
      }
    }
    expect(splitPayload("")).toEqual([""]);
  });
});

describe("planSheet", () => {
  it("sorts log rows into inserted, updated, unchanged and withdrawn by natural key", () => {
    const stored = [
      { week: "2022-W01", team_code: "A", reporter: "An", submitted_on: "2022-01-10", broadcasts: 1, revision: 1 },
      { week: "2022-W01", team_code: "B", reporter: "Bình", submitted_on: "2022-01-10", broadcasts: 2, revision: 1 },
      { week: "2022-W02", team_code: "A", reporter: "An", submitted_on: "2022-01-17", broadcasts: 3, revision: 1 },
    ];
    const plan = planSheet("weekly", stored, [
      { week: "2022-W01", team_code: "A", reporter: "An", submitted_on: "2022-01-10", broadcasts: 1, _row: 2 },
      { week: "2022-W01", team_code: "B", reporter: "Bình", submitted_on: "2022-01-10", broadcasts: 5 },
      { week: "2022-W03", team_code: "A", reporter: "An", submitted_on: "2022-01-24" },
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.updated.map((u) => u.key)).toEqual([JSON.stringify(["2022-W01", "B"])]);
    expect(plan.inserted.map((r) => r.week)).toEqual(["2022-W03"]);
    expect(plan.withdrawn.map((w) => w.old.week)).toEqual(["2022-W02"]);
    expect(plan.missing).toEqual([]); // a log never deletes
  });

  it("sends a withdrawn row back as an update, leaves withdrawn rows alone, and ignores a log sheet not sent", () => {
    const row = { week: "2022-W01", team_code: "A", reporter: "An", submitted_on: "2022-01-10", broadcasts: 1 };
    const stored = [
      { ...row, revision: 2, withdrawn_at: "2022-02-01T00:00:00.000Z" },
      { ...row, week: "2022-W02", revision: 2, withdrawn_at: "2022-02-01T00:00:00.000Z" },
    ];
    const plan = planSheet("weekly", stored, [row]);
    expect(plan.updated.map((u) => u.key)).toEqual([JSON.stringify(["2022-W01", "A"])]);
    expect(plan.unchanged).toBe(0);
    expect(plan.withdrawn).toEqual([]);
    const absent = planSheet("weekly", stored, undefined);
    expect([absent.inserted, absent.updated, absent.withdrawn, absent.missing]).toEqual([[], [], [], []]);
  });

  it("deletes register rows that are not sent", () => {
    const stored = [
      { village_code: "A", village_name: "Thôn A", ethnic_identity: 0 },
      { village_code: "B", village_name: "Thôn B", ethnic_identity: 0 },
    ];
    const plan = planSheet("villages", stored, [{ village_code: "A", village_name: "Thôn A", ethnic_identity: false }]);
    expect(plan.missing.map((r) => r.village_code)).toEqual(["B"]);
    expect(plan.withdrawn).toEqual([]);
  });
});
