/**
 * Property-based fuzzing of `POST /api/submissions` with fast-check (https://fast-check.dev).
 * A valid envelope of a small generated workbook is mutated in ways that each make it malformed
 * by construction — fields dropped, added or given the wrong type, huge strings, NaN-like strings,
 * nested garbage, unicode, a wrong hash, cells changed without (or with) a new hash, rows that break
 * the cross-row rules — and next to those come random JSON bodies and bodies that are not JSON.
 * Every case must get a 4xx in the API's error format (`{error: {code, message, details}}`),
 * never a 5xx, and write nothing: the row count of every table in the database (read from
 * sqlite_master, so tables added later are covered) is the same after the request — but for the log
 * of refused submissions (0014, worker/src/http/refusals.ts), which gains exactly one row per refusal —
 * and at the end of each property every row of the domain tables is unchanged.
 *
 * Each case gets a fresh submission id, so no case is answered by the early "already accepted"
 * path; that path has its own property at the end. About 2,500 requests in 30–40 s (see RUNS); most go
 * to the Hono app directly (see `direct`), one property through the worker's entry. The seed is
 * new on each run, so every run tries new cases, and printed first; `FUZZ_SEED=<seed>` replays a
 * run (vitest.config.ts passes it into workerd). On a failure fast-check also prints the seed, the
 * path and the shrunk case.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "../../shared/hash";
import { generateCommune } from "../../shared/sample/generate";
import { MIN_SCHEMA_VERSION, SCHEMA_VERSION, type Workbook } from "../../shared/schemas";
import { SHEET_KEYS, SHEETS, type SheetKey } from "../../shared/templates";
import { app } from "../../worker/src/app";
import { communeToken, copy, type ErrorJson, envelope, pilot, seed, snapshot, submit } from "./helpers";

type Json = unknown;
type Obj = Record<string, Json>;

const { quySon } = pilot();
/**
 * A small valid workbook of Quý Sơn — one team of 30-odd households, ten weeks, at least one row in
 * every sheet — so that a case costs a few milliseconds.
 */
const WORKBOOK: Workbook = (() => {
  const wb = generateCommune({
    seed: 7,
    commune_code: quySon.commune_code,
    commune_name: quySon.commune_name,
    villages: [{ village_code: "QT", village_name: "Thôn Quý Thịnh", ethnic_identity: true, teams: 1 }],
    founded_on: "2022-03-01",
    until: "2022-05-15",
  });
  const referenced = new Set(wb.changes.map((c) => c.household_code));
  wb.households = wb.households.filter((h, i) => i < 30 || referenced.has(h.household_code));
  return wb;
})();

const TOP_KEYS = [
  "schema_version",
  "commune_code",
  "commune_name",
  "spreadsheet_id",
  "submission_id",
  "generated_at",
  "content_hash",
  "sheets",
] as const;
type TopKey = (typeof TOP_KEYS)[number];

let token: string;
let tables: string[] = [];

const BASE_ID = "00000000-0000-4000-8000-000000000000";
const BASE = JSON.stringify(envelope(quySon, WORKBOOK, BASE_ID));
/** A valid envelope as plain JSON, with a new submission id (the hash does not cover the id). */
const fresh = (): Obj => JSON.parse(BASE.replace(BASE_ID, crypto.randomUUID())) as Obj;

/** Row count of every table (sqlite_master), in one statement. */
let countAll: D1PreparedStatement;
async function counts(): Promise<Record<string, unknown>> {
  return (await countAll.first<Record<string, unknown>>())!;
}

/**
 * After a request: every table's row count as before, except the refusal log, which holds `logged`
 * more rows (written after the answer when the request went through the worker's entry, so waited
 * for). SQLite's own `sqlite_sequence` (AUTOINCREMENT bookkeeping) is left out.
 */
async function expectWritten(before: Record<string, unknown>, logged: 0 | 1, where: string): Promise<void> {
  const want = Number(before.submission_refusals) + logged;
  let after = await counts();
  for (let i = 0; i < 50 && Number(after.submission_refusals) !== want; i++) {
    await new Promise((r) => setTimeout(r, 20));
    after = await counts();
  }
  const expected: Record<string, unknown> = { ...before, submission_refusals: want };
  const got: Record<string, unknown> = { ...after };
  delete expected.sqlite_sequence;
  delete got.sqlite_sequence;
  expect(got, where).toEqual(expected);
}

/**
 * Requests go to the Hono app the worker exports (`worker/src/index.ts` is `fetch: app.fetch`) with
 * the test env: the same routes, middleware and error handlers. In this test pool a round trip
 * through `exports.default.fetch` costs ~15 ms against ~1.5 ms for `app.fetch`, which decides
 * whether a few thousand cases fit in a minute; one property sends its cases through
 * `exports.default.fetch` (the helpers' `submit`) to show both answer alike.
 */
const direct = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
  Promise.resolve(
    app.fetch(
      new Request("http://127.0.0.1:8787/api/submissions", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
        body,
      }),
      env,
    ),
  );

// ---------------------------------------------------------------- values

const NAN_LIKE = [
  "NaN",
  "nan",
  "Infinity",
  "-Infinity",
  "1e999",
  "-1e999",
  "0x1F",
  "1_000",
  "١٢٣",
  "１２３",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "💥",
  "𝟙𝟚𝟛",
];

/** Strings of every kind: unicode graphemes, NaN-like texts, lone surrogates and control characters. */
const weirdString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(...NAN_LIKE),
  fc.string({
    unit: fc.constantFrom("\u0000", "\u202E", "\uD800", "\uDFFF", "\u0301", "\u200B", "'", '"', "\\", "%", ";", "--"),
    maxLength: 20,
  }),
);

/**
 * Longer than any column allows (the longest is 3000) and never blank: invalid in every cell. NUL comes
 * with a visible character: the cell readers remove control characters (shared/text.ts), so a cell of
 * NULs alone reads as a blank cell.
 */
const hugeString = fc
  .tuple(fc.constantFrom("x", "9", "ệ", "💥", "\u0000x", "Nguyễn Văn "), fc.integer({ min: 10_001, max: 100_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

/** A plain object with at least one key, nested: no column takes one. */
const nestedObject: fc.Arbitrary<Obj> = fc
  .dictionary(
    fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "prototype", "_row", "toString")),
    fc.jsonValue({ maxDepth: 3 }),
    { minKeys: 1, maxKeys: 5 },
  )
  .filter((o) => Object.keys(o).length > 0);

const garbage: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 4 },
  { arbitrary: weirdString, weight: 4 },
  { arbitrary: nestedObject, weight: 2 },
  {
    arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, -0, Number.MAX_SAFE_INTEGER, 1e308, -1e308, [], {}, [null], [[[]]]),
    weight: 2,
  },
  { arbitrary: hugeString, weight: 1 },
);

const hex = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: n, maxLength: n });

/** Values that are invalid for a top-level field of the envelope (valid ones are filtered out). */
function invalidFor(key: TopKey): fc.Arbitrary<Json> {
  switch (key) {
    case "schema_version":
      return garbage.filter((v) => !(typeof v === "number" && Number.isInteger(v) && v >= MIN_SCHEMA_VERSION && v <= SCHEMA_VERSION));
    case "commune_code":
      return fc.oneof(garbage, fc.constantFrom("07561", "7576", "075760", " 07576", "07576 ")).filter((v) => v !== quySon.commune_code);
    case "commune_name":
      return fc.oneof(garbage, hugeString).filter((v) => !(typeof v === "string" && v.length <= 100));
    case "spreadsheet_id":
      return fc.oneof(garbage, fc.constant("")).filter((v) => !(typeof v === "string" && v.length >= 1 && v.length <= 200));
    case "submission_id":
      return fc
        .oneof(garbage, fc.constantFrom("00000000-0000-0000-0000-00000000000", "not-a-uuid", `{${crypto.randomUUID()}}`))
        .filter((v) => !(typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)));
    case "generated_at":
      return fc
        .oneof(garbage, fc.constantFrom("2022-13-01T00:00:00Z", "2022-02-30T10:00:00Z", "yesterday", "2022-05-01", "1651363200000"))
        .filter((v) => !(typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !/^(2022-13|2022-02-30)/.test(v)));
    case "content_hash":
      // A wrong hash of the right shape, the right hash in upper case, or garbage.
      return fc.oneof(hex(64), hex(63), fc.constant("UPPER"), garbage);
    case "sheets":
      return garbage;
  }
}

// ---------------------------------------------------------------- mutations

type Mutation = { label: string; apply: (e: Obj) => void };

const sheetKey = fc.constantFrom(...SHEET_KEYS);
const rowsOf = (e: Obj, s: SheetKey) => (e.sheets as Obj)[s] as Obj[];
const columnOf = (s: SheetKey) => fc.constantFrom(...Object.keys(SHEETS[s].columns));

/** Top level: drop a required field, add an unknown one, give one an invalid value. */
const topLevel: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .constantFrom(...TOP_KEYS.filter((k) => k !== "commune_name"))
    .map((k): Mutation => ({ label: `drop ${k}`, apply: (e) => delete e[k] })),
  fc
    .tuple(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.constantFrom("__proto__", "constructor", "Sheets", "content_Hash", "sheets "),
      ),
      garbage,
    )
    .filter(([k]) => !(TOP_KEYS as readonly string[]).includes(k))
    .map(
      ([k, v]): Mutation => ({
        label: `add ${JSON.stringify(k)}`,
        apply: (e) => Object.defineProperty(e, k, { value: v, enumerable: true, configurable: true, writable: true }),
      }),
    ),
  fc.constantFrom(...TOP_KEYS).chain((k) => invalidFor(k).map((v): Mutation => ({ label: `set ${k}`, apply: (e) => (e[k] = v) }))),
);

/**
 * Changes inside `sheets`, sent with the ORIGINAL content hash: whatever the change, the envelope
 * is refused (schema, or hash mismatch). Changes that leave the canonical JSON equal are skipped.
 */
const sheetsKeptHash: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(sheetKey, fc.nat(), garbage).chain(([s, i, v]) =>
    columnOf(s).map(
      (c): Mutation => ({
        label: `cell ${s}.${c} = garbage`,
        apply: (e) => {
          const r = rowsOf(e, s);
          if (r.length) r[i % r.length]![c] = v;
        },
      }),
    ),
  ),
  fc.tuple(sheetKey, fc.nat()).chain(([s, i]) =>
    columnOf(s).map(
      (c): Mutation => ({
        label: `drop cell ${s}.${c}`,
        apply: (e) => {
          const r = rowsOf(e, s);
          if (r.length) delete r[i % r.length]![c];
        },
      }),
    ),
  ),
  fc.tuple(sheetKey, fc.nat(), fc.constantFrom("NaN", "Infinity", "1e999", "-0", "0x10", " 4 ", "1.975", "4,5", "١")).chain(([s, i, v]) =>
    columnOf(s).map(
      (c): Mutation => ({
        label: `cell ${s}.${c} = ${JSON.stringify(v)}`,
        apply: (e) => {
          const r = rowsOf(e, s);
          if (r.length) r[i % r.length]![c] = v;
        },
      }),
    ),
  ),
  fc.tuple(sheetKey, fc.nat()).map(
    ([s, i]): Mutation => ({
      label: `drop row of ${s}`,
      apply: (e) => {
        const r = rowsOf(e, s);
        r.splice(i % Math.max(1, r.length), 1);
      },
    }),
  ),
  fc.tuple(sheetKey, garbage).map(([s, v]): Mutation => ({ label: `sheet ${s} = garbage`, apply: (e) => ((e.sheets as Obj)[s] = v) })),
  fc.tuple(sheetKey, fc.nat(), garbage).map(
    ([s, i, v]): Mutation => ({
      label: `row of ${s} = garbage`,
      apply: (e) => {
        const r = rowsOf(e, s);
        r[i % Math.max(1, r.length)] = v as Obj;
      },
    }),
  ),
  sheetKey.map((s): Mutation => ({ label: `drop sheet ${s}`, apply: (e) => delete (e.sheets as Obj)[s] })),
  fc.tuple(sheetKey, fc.nat(), weirdString).chain(([s, i, v]) =>
    columnOf(s).map(
      (c): Mutation => ({
        label: `cell ${s}.${c} = unicode`,
        apply: (e) => {
          const r = rowsOf(e, s);
          if (r.length) r[i % r.length]![c] = v;
        },
      }),
    ),
  ),
);

/**
 * Changes inside `sheets` sent WITH a matching new hash: each one is invalid by itself — an unknown
 * column or sheet, a cell holding an object, a huge text, a bad `_row`, a row that is not an
 * object, a sheet that is not a list, a duplicated natural key, a household of a team that does
 * not exist. This exercises the schema and the cross-row rules rather than the hash.
 */
const sheetsNewHash: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .tuple(sheetKey, fc.nat(), fc.string({ minLength: 1, maxLength: 12 }), garbage)
    .filter(([s, , k]) => !(k in SHEETS[s].columns) && k !== "_row")
    .map(
      ([s, i, k, v]): Mutation => ({
        label: `unknown column ${s}.${JSON.stringify(k)}`,
        apply: (e) => {
          const r = rowsOf(e, s);
          Object.defineProperty(r[i % r.length]!, k, { value: v, enumerable: true, configurable: true, writable: true });
        },
      }),
    ),
  fc.tuple(sheetKey, fc.nat(), nestedObject).chain(([s, i, v]) =>
    columnOf(s).map(
      (c): Mutation => ({
        label: `cell ${s}.${c} = object`,
        apply: (e) => {
          const r = rowsOf(e, s);
          r[i % r.length]![c] = v;
        },
      }),
    ),
  ),
  fc.tuple(sheetKey, fc.nat(), hugeString).chain(([s, i, v]) =>
    columnOf(s).map(
      (c): Mutation => ({
        label: `cell ${s}.${c} = huge (${v.length})`,
        apply: (e) => {
          const r = rowsOf(e, s);
          r[i % r.length]![c] = v;
        },
      }),
    ),
  ),
  fc.tuple(sheetKey, fc.nat(), fc.constantFrom<Json>(0, -1, 1.5, "2", "x", null, true, [], {}, "Infinity")).map(
    ([s, i, v]): Mutation => ({
      label: `_row of ${s} = ${JSON.stringify(v)}`,
      apply: (e) => {
        const r = rowsOf(e, s);
        r[i % r.length]!._row = v;
      },
    }),
  ),
  fc
    .tuple(
      sheetKey,
      fc.nat(),
      fc.oneof(
        fc.constantFrom<Json>(null, 0, "row", true, [], [1, 2]),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 3 }),
        weirdString,
      ),
    )
    .map(
      ([s, i, v]): Mutation => ({
        label: `row of ${s} = ${typeof v}`,
        apply: (e) => {
          const r = rowsOf(e, s);
          r[i % r.length] = v as Obj;
        },
      }),
    ),
  fc
    .tuple(sheetKey, fc.oneof(fc.constantFrom<Json>(null, 0, "", "rows", true, {}), nestedObject))
    .map(([s, v]): Mutation => ({ label: `sheet ${s} = ${typeof v}`, apply: (e) => ((e.sheets as Obj)[s] = v) })),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.array(garbage, { maxLength: 3 }))
    .filter(([k]) => !(SHEET_KEYS as string[]).includes(k))
    .map(
      ([k, v]): Mutation => ({
        label: `unknown sheet ${JSON.stringify(k)}`,
        apply: (e) => Object.defineProperty(e.sheets as Obj, k, { value: v, enumerable: true, configurable: true, writable: true }),
      }),
    ),
  fc.tuple(sheetKey, fc.nat()).map(
    ([s, i]): Mutation => ({
      label: `duplicate row of ${s}`,
      apply: (e) => {
        const r = rowsOf(e, s);
        r.push(copy(r[i % r.length]!));
      },
    }),
  ),
  fc.tuple(fc.nat(), fc.constantFrom("KHONG-CO", "QT-T9", "qt-t2", "")).map(
    ([i, t]): Mutation => ({
      label: `household of team ${JSON.stringify(t)}`,
      apply: (e) => {
        const r = rowsOf(e, "households");
        r[i % r.length]!.team_code = t;
      },
    }),
  ),
);

// ---------------------------------------------------------------- the check

interface Tally {
  cases: number;
  status: Record<string, number>;
  code: Record<string, number>;
}
const tally: Tally = { cases: 0, status: {}, code: {} };

/** Send a body; it must be refused with a 4xx in the error format and leave every table as it was. */
async function refusedAndNothingWritten(label: string, send: () => Promise<Response>): Promise<void> {
  const before = await counts();
  const res = await send();
  const text = await res.text();
  tally.cases++;
  tally.status[res.status] = (tally.status[res.status] ?? 0) + 1;
  const where = `${label} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status >= 400 && res.status < 500, where).toBe(true);
  expect(res.headers.get("content-type") ?? "", where).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorJson;
  expect(typeof body.error?.code === "string" && /^[a-z_]+$/.test(body.error.code), where).toBe(true);
  expect(typeof body.error.message, where).toBe("string");
  expect(Array.isArray(body.error.details), where).toBe(true);
  tally.code[body.error.code] = (tally.code[body.error.code] ?? 0) + 1;
  await expectWritten(before, 1, where);
}

/** Stringify with keys like "__proto__" kept as own properties (JSON.parse keeps them too). */
const toJson = (v: unknown) => JSON.stringify(v);

/** Cases per property: 2,550 in all; ~30 s alone on a 2-core machine, ~40 s while other test files run. */
/** One seed for every property of the run: FUZZ_SEED (an integer) replays a run; otherwise a new one. */
const SEED = (() => {
  const fixed = (env.FUZZ_SEED ?? "").trim();
  if (!fixed) return crypto.getRandomValues(new Int32Array(1))[0]!;
  if (!/^-?\d+$/.test(fixed) || Number(fixed) !== (Number(fixed) | 0))
    throw new Error(`FUZZ_SEED must be a 32-bit integer, not "${fixed}"`);
  return Number(fixed);
})();
console.info(
  `fuzz-submissions: seed ${SEED}${env.FUZZ_SEED ? " (from FUZZ_SEED)" : ""}; replay: FUZZ_SEED=${SEED} npx vitest run tests/worker/fuzz-submissions.test.ts`,
);
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

const RUNS = { topLevel: 600, keptHash: 600, newHash: 450, randomJson: 350, extreme: 50, notJson: 250, entry: 100, storedId: 150 };

describe("fuzzing POST /api/submissions: malformed envelopes get a 4xx and write nothing", () => {
  let domainBefore: Awaited<ReturnType<typeof snapshot>>;
  let accepted: Obj;
  const t0 = Date.now();

  beforeAll(async () => {
    await seed();
    token = await communeToken(quySon.unit_id);
    tables = (
      await env.DB.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY name",
      ).all<{ name: string }>()
    ).results.map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(["households", "submissions", "agg_teams", "audit_log", "commune_versions"]));
    countAll = env.DB.prepare(`SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(", ")}`);
    // The unmutated envelope is valid: accepted once, so "nothing written" also means "nothing changed".
    accepted = fresh();
    const res = await submit(accepted, token);
    expect(res.status, await res.clone().text()).toBe(201);
    for (const s of SHEET_KEYS) expect(WORKBOOK[s].length, s).toBeGreaterThan(0);
    domainBefore = await snapshot();
  });

  const unchanged = async () => expect(await snapshot()).toEqual(domainBefore);

  it(`top-level fields dropped, added, of the wrong type (${RUNS.topLevel} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(topLevel, async (m) => {
        const e = fresh();
        m.apply(e);
        await refusedAndNothingWritten(m.label, () => direct(toJson(e)));
      }),
      runs(RUNS.topLevel),
    );
    await unchanged();
  }, 60_000);

  it(`cells, rows and sheets changed under the original hash (${RUNS.keptHash} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(sheetsKeptHash, async (m) => {
        const e = fresh();
        const original = canonicalJson(e.sheets);
        m.apply(e);
        fc.pre(canonicalJson(e.sheets) !== original);
        await refusedAndNothingWritten(m.label, () => direct(toJson(e)));
      }),
      runs(RUNS.keptHash),
    );
    await unchanged();
  }, 60_000);

  it(`invalid cells, rows and sheets with a matching new hash (${RUNS.newHash} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(sheetsNewHash, async (m) => {
        const e = fresh();
        m.apply(e);
        e.content_hash = contentHash(e.sheets);
        await refusedAndNothingWritten(m.label, () => direct(toJson(e)));
      }),
      runs(RUNS.newHash),
    );
    await unchanged();
  }, 60_000);

  it(`random JSON bodies (${RUNS.randomJson} cases)`, async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      nestedObject,
      // Envelope-shaped objects: the right keys with random values.
      fc.record(Object.fromEntries(TOP_KEYS.map((k) => [k, garbage])) as Record<TopKey, fc.Arbitrary<Json>>, { requiredKeys: [] }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        await refusedAndNothingWritten(`json ${toJson(b)?.slice(0, 80)}`, () => direct(toJson(b) ?? "null"));
      }),
      runs(RUNS.randomJson),
    );
    await unchanged();
  }, 60_000);

  it(`pathological JSON: deep nesting, 20 001 rows, huge keys and numbers, prototype keys (${RUNS.extreme} cases)`, async () => {
    type Where = "body" | "field" | "sheet" | "cell";
    /** A JSON text as the whole body, as spreadsheet_id, as the villages sheet, or as a village's name (original hash kept). */
    const place = (where: Where, json: string) => {
      const valid = BASE.replace(BASE_ID, crypto.randomUUID());
      if (where === "body") return json;
      if (where === "field") return valid.replace(/"spreadsheet_id":"[^"]*"/, `"spreadsheet_id":${json}`);
      if (where === "sheet") return valid.replace(/"villages":\[[^\]]*\]/, `"villages":${json}`);
      return valid.replace(/"village_name":"[^"]*"/, `"village_name":${json}`);
    };
    const deep = fc
      .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom("[", '{"a":'))
      .map(([n, open]) => `${open.repeat(n)}1${(open === "[" ? "]" : "}").repeat(n)}`);
    const text = fc.oneof(
      deep,
      fc.integer({ min: 20_001, max: 21_000 }).map((n) => `[${Array.from({ length: n }, () => "{}").join(",")}]`),
      fc.integer({ min: 10_000, max: 200_000 }).map((n) => `{${JSON.stringify("k".repeat(n))}: 1}`),
      fc.constantFrom("1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-0", "0.1e1", "9007199254740993"),
      fc.constantFrom(
        '{"__proto__": {"polluted": 1}}',
        '{"constructor": {"prototype": {"polluted": 1}}}',
        '[{"__proto__": null}]',
        '{"__proto__": []}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Where>("body", "field", "sheet", "cell"), text, async (w, t) => {
        await refusedAndNothingWritten(`${w}: ${t.slice(0, 40)}… (${t.length} chars)`, () => direct(place(w, t)));
        expect(({} as Record<string, unknown>).polluted, "no prototype pollution").toBeUndefined();
      }),
      runs(RUNS.extreme),
    );
    await unchanged();
  }, 60_000);

  it(`bodies that are not JSON, or not sent as JSON (${RUNS.notJson} cases)`, async () => {
    const valid = toJson(fresh());
    const notJson = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }).filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return true;
        }
      }),
      fc.integer({ min: 0, max: valid.length - 1 }).map((n) => valid.slice(0, n)), // cut short
      fc
        .string({ minLength: 1, maxLength: 20 })
        .map((s) => valid + s)
        .filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        }),
      // (A UTF-8 byte order mark before valid JSON is not here: the body is decoded as UTF-8, which
      // drops it, and the envelope is accepted — rightly.)
      fc.constantFrom("", " ", "\uFEFF", "\uFEFF{", "{'a': 1}", "{a: 1}", "[1,]", "NaN", "undefined", '{"a": 1', "\u0000"),
    );
    const kind = fc.constantFrom(
      "json",
      "json",
      "json",
      "text/plain",
      "none",
      "form",
      "application/json-patch+json",
      "APPLICATION/JSON; charset=latin1",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          notJson.map((b) => ({ b, valid: false })),
          fc.constant({ b: "", valid: true }),
        ),
        kind,
        async ({ b, valid: useValid }, k) => {
          const text = useValid ? valid.replace(/"submission_id":"[^"]+"/, `"submission_id":"${crypto.randomUUID()}"`) : b;
          // A valid envelope is only refused when it is not declared as JSON.
          if (useValid && (k === "json" || k.startsWith("APPLICATION/JSON"))) return;
          const headers: Record<string, string> =
            k === "json"
              ? {}
              : k === "none"
                ? { "content-type": "" }
                : k === "form"
                  ? { "content-type": "application/x-www-form-urlencoded" }
                  : { "content-type": k };
          await refusedAndNothingWritten(`${k} body ${JSON.stringify(text.slice(0, 60))}`, () => direct(text, headers));
        },
      ),
      runs(RUNS.notJson),
    );
    await unchanged();
  }, 60_000);

  it(`through the worker's entry (exports.default.fetch): every kind of case (${RUNS.entry} cases)`, async () => {
    const any = fc.oneof(
      topLevel.map((m) => ({
        label: m.label,
        body: () => {
          const e = fresh();
          m.apply(e);
          return toJson(e);
        },
      })),
      sheetsKeptHash.map((m) => ({
        label: m.label,
        body: () => {
          const e = fresh();
          const o = canonicalJson(e.sheets);
          m.apply(e);
          return canonicalJson(e.sheets) === o ? "{}" : toJson(e);
        },
      })),
      sheetsNewHash.map((m) => ({
        label: m.label,
        body: () => {
          const e = fresh();
          m.apply(e);
          e.content_hash = contentHash(e.sheets);
          return toJson(e);
        },
      })),
      fc.jsonValue({ maxDepth: 4 }).map((v) => ({ label: "random JSON", body: () => toJson(v) ?? "null" })),
    );
    await fc.assert(
      fc.asyncProperty(any, async (c) => {
        await refusedAndNothingWritten(`entry: ${c.label}`, () => submit(c.body(), token));
      }),
      runs(RUNS.entry),
    );
    await unchanged();
  }, 60_000);

  it(`an accepted submission id sent again with other content: stored receipt or 4xx, never a write (${RUNS.storedId} cases)`, async () => {
    const storedReceipt = JSON.parse(
      (await env.DB.prepare("SELECT receipt FROM submissions WHERE submission_id = ?")
        .bind(accepted.submission_id)
        .first<string>("receipt"))!,
    ) as Obj;
    const mutation = fc.oneof(topLevel, sheetsKeptHash, sheetsNewHash);
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const e = copy(accepted);
        m.apply(e);
        if (m.label.startsWith("drop submission_id") || m.label.startsWith("set submission_id")) return;
        if (e.submission_id !== accepted.submission_id) return;
        const before = await counts();
        const res = await direct(toJson(e));
        const text = await res.text();
        tally.cases++;
        tally.status[res.status] = (tally.status[res.status] ?? 0) + 1;
        const where = `${m.label} → ${res.status} ${text.slice(0, 300)}`;
        if (res.status === 200) {
          // The documented retry path (worker/src/ingest/accept.ts): same id, same commune, same
          // hash → the stored receipt, before any check; nothing is read from the body's sheets.
          expect(e.content_hash, where).toBe(accepted.content_hash);
          expect(typeof e.commune_code === "string" && e.commune_code !== quySon.commune_code, where).toBe(false);
          expect((JSON.parse(text) as { receipt: Obj }).receipt, where).toEqual({ ...storedReceipt, duplicate: true });
        } else {
          expect(res.status >= 400 && res.status < 500, where).toBe(true);
          const code = (JSON.parse(text) as ErrorJson).error.code;
          tally.code[code] = (tally.code[code] ?? 0) + 1;
          if (e.content_hash !== accepted.content_hash && typeof e.commune_code === "string" && e.commune_code === quySon.commune_code) {
            expect(code, where).toBe("submission_id_conflict");
          }
        }
        await expectWritten(before, res.status === 200 ? 0 : 1, where);
      }),
      runs(RUNS.storedId),
    );
    await unchanged();
    console.log(
      `fuzz-submissions: ${tally.cases} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s; statuses ${JSON.stringify(tally.status)}; codes ${JSON.stringify(tally.code)}`,
    );
  }, 60_000);
});
