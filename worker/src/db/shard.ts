/**
 * The one place that chooses a database. Today every unit lives in `env.DB`. When one D1
 * database is no longer enough, shard by province: bind one database per province
 * (e.g. DB_24, DB_01) and return `env["DB_" + provinceCode]` here — no other module changes,
 * because every query gets its database from `dbFor`. See README, "Scale".
 */
export function dbFor(env: Env, _unitId?: string): D1Database {
  return env.DB;
}
