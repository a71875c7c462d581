/**
 * The access log (0005_access_log.sql): every request to a rollup link and every refused credential.
 * Writes are statements for one small batch (worker/src/http/access.ts sends them with `waitUntil`);
 * reads are what the roll-out console (links: last access, how many) and a commune's own page (who
 * looked) show. No token is ever stored, only hashes; IPs are cleared after ACCESS_LOG_IP_DAYS.
 */

export type AccessKind = "link" | "commune" | "admin";
export type AccessOutcome = "ok" | "refused" | "throttled";
/** Where on a link: the page, its JSON or CSV, a printable form or report; 'submission' and 'admin' for the API; 'console' for /admin. */
export type AccessRoute = "page" | "json" | "csv" | "mau-01" | "mau-02" | "bao-cao" | "other" | "submission" | "admin" | "console";

export interface AccessEntry {
  kind: AccessKind;
  route: AccessRoute;
  status: number;
  outcome: AccessOutcome;
  /** SHA-256 of a known token (tokens.token_hash). */
  tokenHash?: string | null;
  /** First 12 hex digits of the SHA-256 of the presented token (worker/src/auth/tokens.ts HASH_PREFIX_LENGTH). */
  tokenPrefix?: string | null;
  unitId?: string | null;
  clientIp?: string | null;
  /** ISO instant; now by default. */
  at?: string;
}

/**
 * Days an IP address is kept (Law 91/2025/QH15 asks to keep personal data no longer than needed):
 * long enough to look into a burst of refused attempts, short enough not to track who reads a link.
 */
export const ACCESS_LOG_IP_DAYS = 30;

const DAY_MS = 86_400_000;

/** The INSERT of one entry, and the clearing of IPs older than the retention period (cheap: a partial index). */
export function accessStatements(db: D1Database, e: AccessEntry, now = new Date()): D1PreparedStatement[] {
  const at = e.at ?? now.toISOString();
  return [
    db
      .prepare(
        `INSERT INTO access_log (at, kind, token_hash, token_prefix, unit_id, route, status, outcome, client_ip)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(at, e.kind, e.tokenHash ?? null, e.tokenPrefix ?? null, e.unitId ?? null, e.route, e.status, e.outcome, e.clientIp ?? null),
    db
      .prepare("UPDATE access_log SET client_ip = NULL WHERE client_ip IS NOT NULL AND at < ?")
      .bind(new Date(now.getTime() - ACCESS_LOG_IP_DAYS * DAY_MS).toISOString()),
  ];
}

export async function writeAccess(db: D1Database, e: AccessEntry, now = new Date()): Promise<void> {
  await db.batch(accessStatements(db, e, now));
}

// ---------------------------------------------------------------- reads

/** One access as the console and the commune page show it: no IP, no full hash. */
export interface AccessRow {
  id: number;
  at: string;
  kind: AccessKind;
  token_prefix: string | null;
  unit_id: string | null;
  route: AccessRoute;
  status: number;
  outcome: AccessOutcome;
}

export interface AccessFilter {
  /** Accesses through one token (tokens.token_hash). */
  tokenHash?: string;
  /** Accesses to links of one unit. */
  unitId?: string;
  kind?: AccessKind;
  outcome?: AccessOutcome;
  /** ISO instant, inclusive. */
  since?: string;
  /** Newest first; at most this many (default 100, at most 1000). */
  limit?: number;
}

/** Accesses matching a filter, newest first. */
export async function readAccesses(db: D1Database, f: AccessFilter = {}): Promise<AccessRow[]> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, v: string | undefined) => {
    if (v === undefined) return;
    args.push(v);
    where.push(`${sql} ?${args.length}`);
  };
  add("token_hash =", f.tokenHash);
  add("unit_id =", f.unitId);
  add("kind =", f.kind);
  add("outcome =", f.outcome);
  add("at >=", f.since);
  args.push(Math.min(Math.max(1, f.limit ?? 100), 1000));
  const sql = `SELECT id, at, kind, token_prefix, unit_id, route, status, outcome FROM access_log
    ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY at DESC, id DESC LIMIT ?${args.length}`;
  return (
    await db
      .prepare(sql)
      .bind(...args)
      .all<AccessRow>()
  ).results;
}

export interface LinkAccessSummary {
  count: number;
  last_at: string | null;
}

/** Per token hash: how many answered accesses (status < 400) and the last one — the console's list of links. */
export async function linkAccessSummary(db: D1Database, tokenHashes: readonly string[]): Promise<Map<string, LinkAccessSummary>> {
  const out = new Map<string, LinkAccessSummary>(tokenHashes.map((h) => [h, { count: 0, last_at: null }]));
  if (!tokenHashes.length) return out;
  const rows = (
    await db
      .prepare(
        `SELECT token_hash, count(*) AS count, max(at) AS last_at FROM access_log
         WHERE token_hash IN (SELECT value FROM json_each(?1)) AND status < 400 GROUP BY token_hash`,
      )
      .bind(JSON.stringify(tokenHashes))
      .all<{ token_hash: string; count: number; last_at: string }>()
  ).results;
  for (const r of rows) out.set(r.token_hash, { count: r.count, last_at: r.last_at });
  return out;
}

/** A client's refused attempts of a kind since an instant, and the oldest of them (for Retry-After). */
export async function refusedSince(
  db: D1Database,
  kind: AccessKind,
  clientIp: string | null,
  since: string,
): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .prepare(
      `SELECT count(*) AS count, min(at) AS oldest FROM access_log
       WHERE outcome = 'refused' AND kind = ?1 AND client_ip IS ?2 AND at >= ?3`,
    )
    .bind(kind, clientIp, since)
    .first<{ count: number; oldest: string | null }>();
  return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
}

/** One answered read of a commune's link, for the commune's own page ("who looked"): no IP, no hash. */
export interface LinkAccessRow {
  at: string;
  route: AccessRoute;
  label: string | null;
}

/** The latest answered reads of the links of one unit (its own links only), newest first, with each link's label. */
export async function linkAccessesOf(db: D1Database, unitId: string, limit = 50): Promise<LinkAccessRow[]> {
  return (
    await db
      .prepare(
        `SELECT a.at, a.route, t.label FROM access_log a LEFT JOIN tokens t ON t.token_hash = a.token_hash
         WHERE a.unit_id = ?1 AND a.kind = 'link' AND a.outcome = 'ok' ORDER BY a.at DESC, a.id DESC LIMIT ?2`,
      )
      .bind(unitId, limit)
      .all<LinkAccessRow>()
  ).results;
}
