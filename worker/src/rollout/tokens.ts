/**
 * Commune write tokens and rollup links, as the console issues them: every write in one batch with
 * its audit row (the operator's e-mail as actor; the token's hash prefix, never the token). A token
 * is returned once, to be printed on the setup sheet or shown as a link; only its SHA-256 is stored
 * (../auth/tokens.ts).
 */
import { HASH_PREFIX_LENGTH, hashToken, newToken } from "../auth/tokens";
import { auditStatement } from "../db/audit";
import type { UnitInfo } from "./units";

/** Most communes one click may issue or rotate (a D1 batch stays small; a province has ~100). */
export const MAX_TOKENS_PER_BATCH = 300;

const isCurrent = (u: Pick<UnitInfo, "valid_from" | "valid_to">, today: string) =>
  u.valid_from <= today && (u.valid_to === null || today < u.valid_to);

/** Active write tokens per commune. */
export async function activeWriteTokens(db: D1Database, unitIds: readonly string[], now = new Date()): Promise<Map<string, number>> {
  if (!unitIds.length) return new Map();
  const rows = (
    await db
      .prepare(
        `SELECT unit_id, count(*) AS n FROM tokens WHERE kind = 'commune' AND scope = 'write' AND revoked_at IS NULL
           AND (expires_at IS NULL OR expires_at > ?2) AND unit_id IN (SELECT value FROM json_each(?1)) GROUP BY unit_id`,
      )
      .bind(JSON.stringify([...new Set(unitIds)]), now.toISOString())
      .all<{ unit_id: string; n: number }>()
  ).results;
  return new Map(rows.map((r) => [r.unit_id, r.n]));
}

export interface Issued {
  unit: UnitInfo;
  token: string;
  /** Active tokens revoked by a rotation. */
  revoked: number;
}

export interface IssueResult {
  issued: Issued[];
  skipped: { unit: UnitInfo; reason: string }[];
}

/**
 * Issue ("issue": only communes without an active token) or rotate ("rotate": revoke every active
 * one, then issue) write tokens, all in one batch. Communes that no longer exist are skipped (their
 * late corrections go through the admin API, README).
 */
export async function issueCommuneTokens(
  db: D1Database,
  req: { units: UnitInfo[]; mode: "issue" | "rotate"; actor: string; today: string; now?: Date },
): Promise<IssueResult> {
  const now = req.now ?? new Date();
  const at = now.toISOString();
  const active = await activeWriteTokens(
    db,
    req.units.map((u) => u.id),
    now,
  );
  const out: IssueResult = { issued: [], skipped: [] };
  const stmts: D1PreparedStatement[] = [];
  for (const unit of req.units) {
    if (unit.level !== "commune") {
      out.skipped.push({ unit, reason: "Chỉ cấp mã gửi báo cáo cho xã, phường." });
      continue;
    }
    if (!isCurrent(unit, req.today)) {
      out.skipped.push({ unit, reason: "Xã đã kết thúc (sáp nhập); không cấp mã mới." });
      continue;
    }
    const n = active.get(unit.id) ?? 0;
    if (req.mode === "issue" && n > 0) {
      out.skipped.push({ unit, reason: "Đã có mã đang dùng: muốn in lại phiếu thì chọn “Đổi mã” (mã cũ bị thu hồi)." });
      continue;
    }
    const token = newToken("commune");
    const hash = await hashToken(token);
    if (n > 0) {
      stmts.push(
        db
          .prepare("UPDATE tokens SET revoked_at = ?2 WHERE unit_id = ?1 AND kind = 'commune' AND scope = 'write' AND revoked_at IS NULL")
          .bind(unit.id, at),
      );
    }
    stmts.push(
      db
        .prepare(
          "INSERT INTO tokens (token_hash, kind, unit_id, scope, label, created_at, expires_at) VALUES (?, 'commune', ?, 'write', ?, ?, NULL)",
        )
        .bind(hash, unit.id, `Phiếu cài đặt ${at.slice(0, 10)}`, at),
      auditStatement(db, req.actor, n > 0 ? "token.rotate" : "token.issue", unit.id, {
        token_hash_prefix: hash.slice(0, HASH_PREFIX_LENGTH),
        ...(n > 0 ? { revoked: n } : {}),
      }),
    );
    out.issued.push({ unit, token, revoked: n });
  }
  if (stmts.length) await db.batch(stmts);
  return out;
}

/** Revoke every active write token of a commune; how many were revoked. */
export async function revokeCommuneTokens(db: D1Database, unitId: string, actor: string, now = new Date()): Promise<number> {
  const n = (await activeWriteTokens(db, [unitId], now)).get(unitId) ?? 0;
  if (!n) return 0;
  await db.batch([
    db
      .prepare("UPDATE tokens SET revoked_at = ?2 WHERE unit_id = ?1 AND kind = 'commune' AND scope = 'write' AND revoked_at IS NULL")
      .bind(unitId, now.toISOString()),
    auditStatement(db, actor, "token.revoke", unitId, { kind: "commune", revoked: n }),
  ]);
  return n;
}

/** Which link scopes a unit level may have: household detail only for a commune. */
export function linkScopesFor(level: string): ("aggregate" | "detail")[] {
  if (level === "commune") return ["aggregate", "detail"];
  if (level === "province" || level === "district") return ["aggregate"];
  return [];
}

/** Create a read-only rollup link; the token, shown once. */
export async function createLink(
  db: D1Database,
  req: { unitId: string; scope: "aggregate" | "detail"; label: string; expiresAt: string | null; actor: string; canAccept?: boolean },
): Promise<string> {
  const token = newToken("link");
  const hash = await hashToken(token);
  await db.batch([
    db
      .prepare(
        "INSERT INTO tokens (token_hash, kind, unit_id, scope, label, created_at, expires_at, can_accept) VALUES (?, 'link', ?, ?, ?, ?, ?, ?)",
      )
      .bind(hash, req.unitId, req.scope, req.label, new Date().toISOString(), req.expiresAt, req.canAccept ? 1 : 0),
    auditStatement(db, req.actor, "link.create", req.unitId, {
      scope: req.scope,
      ...(req.canAccept ? { can_accept: true } : {}),
      label: req.label,
      expires_at: req.expiresAt,
      token_hash_prefix: hash.slice(0, HASH_PREFIX_LENGTH),
    }),
  ]);
  return token;
}

export interface LinkRow {
  token_hash: string;
  unit_id: string;
  scope: "aggregate" | "detail";
  /** May accept and reopen closed periods (0027). */
  can_accept?: number;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export async function getLink(db: D1Database, tokenHash: string): Promise<LinkRow | null> {
  return (
    (await db
      .prepare(
        "SELECT token_hash, unit_id, scope, label, created_at, expires_at, revoked_at, can_accept FROM tokens WHERE token_hash = ? AND kind = 'link'",
      )
      .bind(tokenHash)
      .first<LinkRow>()) ?? null
  );
}

/** Links of the units given (or every link when null), newest first. */
export async function listLinks(db: D1Database, unitIds: readonly string[] | null, limit = 500): Promise<LinkRow[]> {
  const cols = "token_hash, unit_id, scope, label, created_at, expires_at, revoked_at, can_accept";
  const stmt =
    unitIds === null
      ? db.prepare(`SELECT ${cols} FROM tokens WHERE kind = 'link' ORDER BY created_at DESC LIMIT ?1`).bind(limit)
      : db
          .prepare(
            `SELECT ${cols} FROM tokens WHERE kind = 'link' AND unit_id IN (SELECT value FROM json_each(?2)) ORDER BY created_at DESC LIMIT ?1`,
          )
          .bind(limit, JSON.stringify(unitIds));
  return (await stmt.all<LinkRow>()).results;
}

/** Revoke a link (kept, marked revoked). */
export async function revokeLink(db: D1Database, link: LinkRow, actor: string, now = new Date()): Promise<boolean> {
  if (link.revoked_at) return false;
  await db.batch([
    db.prepare("UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL").bind(now.toISOString(), link.token_hash),
    auditStatement(db, actor, "link.revoke", link.unit_id, { token_hash_prefix: link.token_hash.slice(0, HASH_PREFIX_LENGTH) }),
  ]);
  return true;
}

/** Set or clear a link's expiry (an ISO instant, or null for none). */
export async function setLinkExpiry(db: D1Database, link: LinkRow, expiresAt: string | null, actor: string): Promise<void> {
  await db.batch([
    db.prepare("UPDATE tokens SET expires_at = ? WHERE token_hash = ?").bind(expiresAt, link.token_hash),
    auditStatement(db, actor, "link.expiry", link.unit_id, {
      token_hash_prefix: link.token_hash.slice(0, HASH_PREFIX_LENGTH),
      expires_at: expiresAt,
    }),
  ]);
}
