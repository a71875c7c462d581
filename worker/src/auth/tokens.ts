/**
 * Tokens: 128 random bits from the Web Crypto CSPRNG, shown once, stored only as SHA-256 hex.
 * Lookups go by hash (a primary-key lookup), so no secret string is ever compared directly.
 * https://developers.cloudflare.com/workers/runtime-apis/web-crypto/
 */
import { bytesToHex } from "@noble/hashes/utils.js";

export type TokenKind = "commune" | "link";
export type TokenScope = "write" | "aggregate" | "detail";

export interface TokenRow {
  token_hash: string;
  kind: TokenKind;
  unit_id: string;
  scope: TokenScope;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** A new random token: 16 bytes (128 bits) as 32 hex characters, with a readable prefix. */
export function newToken(kind: TokenKind): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${kind === "commune" ? "dvc" : "dvl"}_${bytesToHex(bytes)}`;
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return bytesToHex(new Uint8Array(digest));
}

/** Tokens look like `dvc_` or `dvl_` followed by 32 hex digits; anything else is not looked up. */
export const TOKEN_PATTERN = /^dv[cl]_[0-9a-f]{32}$/;

/**
 * The active token of a kind, or null when unknown, revoked or expired — the caller answers all
 * three the same way, so nothing leaks about which it was.
 */
export async function findActiveToken(db: D1Database, token: string, kind: TokenKind, now = new Date()): Promise<TokenRow | null> {
  const hash = await hashToken(token);
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db.prepare("SELECT * FROM tokens WHERE token_hash = ?1 AND kind = ?2").bind(hash, kind).first<TokenRow>();
  if (!row || row.revoked_at) return null;
  if (row.expires_at && row.expires_at <= now.toISOString()) return null;
  return row;
}
