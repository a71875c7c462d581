/**
 * Small SQL builders for D1. A statement binds at most 100 parameters and a string or row holds at most
 * 2,000,000 bytes (https://developers.cloudflare.com/d1/platform/limits/), so many rows are inserted by
 * binding them as ONE JSON text and reading it back with `json_each` — one statement per ~half a megabyte
 * of rows instead of one per few rows (a year-old workbook's 3,700 rows: ~10 statements, not ~700; in
 * local D1 the weekly sheet's 1,560 rows take about half the time). All of them go into one `db.batch`,
 * which D1 runs as one transaction (https://developers.cloudflare.com/d1/worker-api/d1-database/#batch).
 * https://www.sqlite.org/json1.html#jeach
 */

/** What we bind: D1 stores booleans as 0/1 and has no arrays, so callers convert first. */
export type DbValue = string | number | null;

export const MAX_BOUND_PARAMETERS = 100;

/** Most UTF-16 units of JSON bound in one statement: at most 3 bytes of UTF-8 each, well under D1's 2 MB. */
export const MAX_JSON_UNITS = 500_000;

/** Rows of at most `size` items each. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A value as JSON that SQLite's `json_extract` reads back into a TEXT or INTEGER column (every column the
 * ingest writes) as D1 would have bound it: a number as a number, a string as text — a lone surrogate
 * replaced by U+FFFD as TextEncoder does (a bound text gets three in local D1; neither stores a lone
 * surrogate: tests/worker/db-helpers.test.ts).
 */
const jsonValue = (v: DbValue) => JSON.stringify(typeof v === "string" && SURROGATE.test(v) ? v.replace(LONE_SURROGATE, "\uFFFD") : v);

/**
 * INSERT statements for `rows` (each a list of values in `columns` order): the rows bound as one JSON
 * array of arrays per statement, at most MAX_JSON_UNITS of it. `suffix` is appended (e.g. an ON CONFLICT
 * clause; the `WHERE true` before it is what SQLite asks of an upsert from a SELECT:
 * https://www.sqlite.org/lang_upsert.html, "Parsing Ambiguity").
 */
export function insertRows(
  db: D1Database,
  table: string,
  columns: readonly string[],
  rows: readonly DbValue[][],
  suffix = "",
): D1PreparedStatement[] {
  const sql = `INSERT INTO ${table} (${columns.join(", ")}) SELECT ${columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ")}
    FROM json_each(?1) WHERE true${suffix ? ` ${suffix}` : ""}`;
  const out: D1PreparedStatement[] = [];
  let part: string[] = [];
  let units = 0;
  const flush = () => {
    if (part.length) out.push(db.prepare(sql).bind(`[${part.join(",")}]`));
    part = [];
    units = 0;
  };
  for (const r of rows) {
    const text = `[${r.map(jsonValue).join(",")}]`;
    if (units + text.length > MAX_JSON_UNITS) flush();
    part.push(text);
    units += text.length + 1;
  }
  flush();
  return out;
}
