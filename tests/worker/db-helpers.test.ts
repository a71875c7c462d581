/** The small pure pieces of the ingest: many rows inserted through one bound JSON text, payload parts, plans. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { insertRows, MAX_JSON_UNITS } from "../../worker/src/db/sql";
import { splitPayload } from "../../worker/src/ingest/payload";
import { planSheet } from "../../worker/src/ingest/plan";

describe("insertRows", () => {
  it("inserts every row in one statement bound to one JSON text, values as D1 binds them", async () => {
    await env.DB.prepare("CREATE TABLE t_chunk (a TEXT, b INTEGER, c TEXT)").run();
    const rows = Array.from({ length: 250 }, (_, i) => [`a${i}`, i, null]);
    const stmts = insertRows(env.DB, "t_chunk", ["a", "b", "c"], rows);
    expect(stmts).toHaveLength(1);
    await env.DB.batch(stmts);
    expect(await env.DB.prepare("SELECT count(*) AS n, sum(b) AS s FROM t_chunk").first()).toEqual({ n: 250, s: (249 * 250) / 2 });
    expect(await env.DB.prepare("SELECT typeof(a) AS a, typeof(b) AS b, typeof(c) AS c FROM t_chunk LIMIT 1").first()).toEqual({
      a: "text",
      b: "integer",
      c: "null",
    });
  });

  // Every column the ingest writes is declared TEXT or INTEGER (worker/migrations).
  it.each<[string, "s" | "n", string | number]>([
    ["Vietnamese text", "s", "Tổ Dân vận “Thôn Một” — 😀"],
    ["quotes, backslashes and brackets", "s", `a "b" \\ [c], {d}`],
    ["a text that looks like a number", "s", "007"],
    ["a negative number", "n", -12],
    ["zero", "n", 0],
    ["a large count", "n", 2_147_483_648],
  ])("%s: stored as a bound parameter stores it", async (_label, col, value) => {
    await env.DB.prepare("CREATE TABLE IF NOT EXISTS t_values (k INTEGER, s TEXT, n INTEGER)").run();
    await env.DB.prepare("DELETE FROM t_values").run();
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO t_values (k, ${col}) VALUES (1, ?)`).bind(value),
      ...insertRows(env.DB, "t_values", ["k", col], [[2, value]]),
    ]);
    const got = await env.DB.prepare(`SELECT k, ${col} AS v, typeof(${col}) AS t FROM t_values ORDER BY k`).all<{
      k: number;
      v: unknown;
      t: string;
    }>();
    expect(got.results[1]).toEqual({ ...got.results[0], k: 2 });
    expect(got.results[1]!.v).toBe(value);
  });

  it("a lone surrogate is stored as U+FFFD, never as such", async () => {
    await env.DB.prepare("CREATE TABLE t_lone (k INTEGER, v TEXT)").run();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO t_lone (k, v) VALUES (1, ?)").bind("a\ud800b\udc00c"),
      ...insertRows(env.DB, "t_lone", ["k", "v"], [[2, "a\ud800b\udc00c"]]),
    ]);
    const got = await env.DB.prepare("SELECT v FROM t_lone ORDER BY k").all<{ v: string }>();
    // A bound text comes back with three U+FFFD per lone surrogate in local D1 (the bytes of its
    // surrogate encoding, each replaced); here one, as TextEncoder has it. Neither stores a lone surrogate.
    expect(got.results.map((r) => r.v)).toEqual(["a\ufffd\ufffd\ufffdb\ufffd\ufffd\ufffdc", "a\ufffdb\ufffdc"]);
  });

  it("splits rows over statements of at most MAX_JSON_UNITS of JSON, all inserted, in order", async () => {
    await env.DB.prepare("CREATE TABLE t_big (i INTEGER PRIMARY KEY, v TEXT)").run();
    const long = "x".repeat(40_000);
    const rows = Array.from({ length: 30 }, (_, i) => [i, long]);
    const stmts = insertRows(env.DB, "t_big", ["i", "v"], rows);
    expect(stmts.length).toBe(Math.ceil((30 * (long.length + 10)) / MAX_JSON_UNITS));
    await env.DB.batch(stmts);
    expect(await env.DB.prepare("SELECT count(*) AS n, sum(length(v)) AS l FROM t_big").first()).toEqual({ n: 30, l: 30 * long.length });
  });

  it("takes an upsert clause", async () => {
    await env.DB.prepare("CREATE TABLE t_up (k TEXT PRIMARY KEY, n INTEGER)").run();
    await env.DB.batch(insertRows(env.DB, "t_up", ["k", "n"], [["a", 1]]));
    await env.DB.batch(
      insertRows(
        env.DB,
        "t_up",
        ["k", "n"],
        [
          ["a", 5],
          ["b", 2],
        ],
        "ON CONFLICT (k) DO UPDATE SET n = t_up.n + excluded.n",
      ),
    );
    expect((await env.DB.prepare("SELECT k, n FROM t_up ORDER BY k").all()).results).toEqual([
      { k: "a", n: 6 },
      { k: "b", n: 2 },
    ]);
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
