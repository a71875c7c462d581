/**
 * Small SQL builders for D1. A statement binds at most 100 parameters
 * (https://developers.cloudflare.com/d1/platform/limits/), so multi-row INSERTs are cut into
 * statements of as many rows as fit; all of them go into one `db.batch`, which D1 runs as one
 * transaction (https://developers.cloudflare.com/d1/worker-api/d1-database/#batch).
 */

/** What we bind: D1 stores booleans as 0/1 and has no arrays, so callers convert first. */
export type DbValue = string | number | null;

export const MAX_BOUND_PARAMETERS = 100;

/** Rows of at most `size` items each. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * INSERT statements for `rows` (each a list of values in `columns` order), as many rows per
 * statement as the parameter limit allows. `suffix` is appended (e.g. an ON CONFLICT clause).
 */
export function insertRows(
  db: D1Database,
  table: string,
  columns: readonly string[],
  rows: readonly DbValue[][],
  suffix = "",
): D1PreparedStatement[] {
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  return chunk(rows, perStatement).map((part) =>
    db
      .prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${part.map(() => tuple).join(", ")}${suffix ? ` ${suffix}` : ""}`)
      .bind(...part.flat()),
  );
}
