/**
 * Admin: commune write tokens and read-only links. A token is shown once, in the answer that
 * creates it; only its SHA-256 hash is stored (../auth/tokens.ts).
 */
import { Hono } from "hono";
import { todayVi } from "../../../shared/periods";
import { formatDateVi } from "../../../shared/text";
import * as z from "../../../shared/zod-vi";
import { hashToken, newToken, type TokenRow } from "../auth/tokens";
import { auditStatement } from "../db/audit";
import { controlDb } from "../db/shard";
import { getUnit, type UnitRow } from "../db/units";
import type { Bindings } from "../http/env";
import { ApiError } from "../http/errors";
import { validateJson } from "../http/validate";

const unitId = z.string().min(1).max(100);
const label = z.string().trim().min(1).max(200).optional();
const tokenText = z.string().min(1).max(200);
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

export const communeTokenBody = z.strictObject({
  unit_id: unitId,
  label,
  /**
   * A commune that no longer exists (merged, dissolved) gets no new write token, unless the admin
   * says it is for late corrections: its submissions are then accepted only for periods inside the
   * unit's validity (shared/rules/validity.ts), and each receipt says so.
   */
  late_corrections: z.boolean().optional(),
});
export const linkBody = z.strictObject({
  unit_id: unitId,
  scope: z.enum(["aggregate", "detail"]),
  label,
  expires_at: instant.optional(),
  /** A district or province link that may accept and reopen its communes' closed periods (shared/closing.ts). */
  can_accept: z.boolean().optional(),
});
export const tokenBody = z.strictObject({ token: tokenText });

/** Which unit levels a token may be issued for: writes and household detail only for a commune. */
const LEVELS: Record<"write" | "aggregate" | "detail", readonly string[]> = {
  write: ["commune"],
  detail: ["commune"],
  aggregate: ["province", "district", "commune"],
};

async function unitFor(db: D1Database, id: string, scope: keyof typeof LEVELS): Promise<UnitRow> {
  const unit = await getUnit(db, id);
  if (!unit) throw new ApiError("unit_not_found", `Không có đơn vị hành chính mã "${id}".`);
  if (!LEVELS[scope].includes(unit.level)) {
    throw new ApiError("unit_level_not_allowed", `Không cấp loại mã này cho ${unit.kind_vi ?? unit.level} ${unit.name}.`);
  }
  return unit;
}

async function issue(
  db: D1Database,
  row: Omit<TokenRow, "token_hash" | "created_at" | "revoked_at"> & { audit?: Record<string, unknown> },
): Promise<string> {
  const token = newToken(row.kind);
  const canAccept = row.can_accept ? 1 : 0;
  await db.batch([
    db
      .prepare(
        "INSERT INTO tokens (token_hash, kind, unit_id, scope, label, created_at, expires_at, can_accept) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(await hashToken(token), row.kind, row.unit_id, row.scope, row.label, new Date().toISOString(), row.expires_at, canAccept),
    auditStatement(db, "admin", `token.create`, row.unit_id, {
      kind: row.kind,
      scope: row.scope,
      label: row.label,
      ...(canAccept ? { can_accept: true } : {}),
      ...row.audit,
    }),
  ]);
  return token;
}

/** Where a link token is opened: `/r/<token>` (+ `.json`, `.csv`), served by ../links/routes. */
export function linkUrls(base: string, token: string) {
  const url = `${base.replace(/\/+$/, "")}/r/${token}`;
  return { url, json_url: `${url}.json`, csv_url: `${url}.csv` };
}

export const tokenRoutes = new Hono<{ Bindings: Bindings }>()
  .post("/tokens", validateJson(communeTokenBody), async (c) => {
    const body = c.req.valid("json");
    const db = controlDb(c.env);
    const unit = await unitFor(db, body.unit_id, "write");
    const ended = unit.valid_to !== null && unit.valid_to <= todayVi();
    if (ended && body.late_corrections !== true) {
      throw new ApiError(
        "unit_ended",
        `${unit.name} đã kết thúc từ ngày ${formatDateVi(unit.valid_to!)}; không cấp mã gửi báo cáo mới. Nếu xã cần sửa số liệu các kỳ trước ngày đó, cấp với "late_corrections": true.`,
      );
    }
    const token = await issue(db, {
      kind: "commune",
      unit_id: unit.id,
      scope: "write",
      label: body.label ?? null,
      expires_at: null,
      ...(ended ? { audit: { late_corrections: true, unit_valid_to: unit.valid_to } } : {}),
    });
    return c.json({ token, unit_id: unit.id, commune_code: unit.code }, 201);
  })
  .post("/links", validateJson(linkBody), async (c) => {
    const body = c.req.valid("json");
    if (body.expires_at && body.expires_at <= new Date().toISOString()) {
      throw new ApiError("invalid_request", "Thời hạn của đường dẫn phải ở tương lai.", [
        { sheet: null, row: null, column: "expires_at", code: "out_of_range", severity: "error", message_vi: "Thời hạn đã qua." },
      ]);
    }
    const db = controlDb(c.env);
    const unit = await unitFor(db, body.unit_id, body.scope);
    if (body.can_accept && (body.scope !== "aggregate" || unit.level === "commune")) {
      throw new ApiError("invalid_request", "Chỉ đường dẫn số liệu tổng hợp của huyện, tỉnh mới có quyền chấp nhận số liệu đã chốt.", [
        {
          sheet: null,
          row: null,
          column: "can_accept",
          code: "not_allowed",
          severity: "error",
          message_vi: "Không áp dụng cho loại đường dẫn này.",
        },
      ]);
    }
    const token = await issue(db, {
      kind: "link",
      unit_id: unit.id,
      scope: body.scope,
      label: body.label ?? null,
      expires_at: body.expires_at ?? null,
      can_accept: body.can_accept ? 1 : 0,
    });
    const base = c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin;
    return c.json({ token, ...linkUrls(base, token), unit_id: unit.id, scope: body.scope, expires_at: body.expires_at ?? null }, 201);
  })
  .post("/revoke", validateJson(tokenBody), async (c) => {
    const { token } = c.req.valid("json");
    const db = controlDb(c.env);
    const hash = await hashToken(token);
    const row = await db.prepare("SELECT unit_id, kind, revoked_at FROM tokens WHERE token_hash = ?").bind(hash).first<TokenRow>();
    if (!row) throw new ApiError("token_not_found", "Không tìm thấy mã này.");
    const answer = {
      revoked: true,
      already_revoked: row.revoked_at !== null,
      unit_id: row.unit_id,
      kind: row.kind,
      revoked_at: row.revoked_at,
    };
    if (row.revoked_at) return c.json(answer);
    const now = new Date().toISOString();
    await db.batch([
      db.prepare("UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL").bind(now, hash),
      auditStatement(db, "admin", "token.revoke", row.unit_id, { kind: row.kind, token_hash_prefix: hash.slice(0, 12) }),
    ]);
    return c.json({ ...answer, revoked_at: now });
  })
  .post("/tokens/lookup", validateJson(tokenBody), async (c) => {
    const { token } = c.req.valid("json");
    const row = await controlDb(c.env)
      .prepare("SELECT * FROM tokens WHERE token_hash = ?")
      .bind(await hashToken(token))
      .first<TokenRow>();
    if (!row) throw new ApiError("token_not_found", "Không tìm thấy mã này.");
    const active = !row.revoked_at && !(row.expires_at && row.expires_at <= new Date().toISOString());
    const { token_hash: _hash, ...info } = row;
    return c.json({ ...info, active });
  });
