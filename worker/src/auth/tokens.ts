/**
 * Tokens: 128 random bits from the Web Crypto CSPRNG, shown once, stored only as SHA-256 hex.
 * Lookups go by hash (a primary-key lookup), so no secret string is ever compared directly.
 * The format (prefix + 32 hex digits) is part of the API contract: shared/contract.ts.
 * https://developers.cloudflare.com/workers/runtime-apis/web-crypto/
 */
import { bytesToHex } from "@noble/hashes/utils.js";
import { TOKEN_HEX_DIGITS, TOKEN_PATTERN, TOKEN_PREFIX, type TokenKind } from "../../../shared/contract";

export { TOKEN_PATTERN, type TokenKind };
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
  /** A district or province link that may accept and reopen closed periods (0027); 0 otherwise. */
  can_accept?: number;
}

/** A new random token: 16 bytes (128 bits) as 32 hex characters, with its kind's prefix. */
export function newToken(kind: TokenKind): string {
  return `${TOKEN_PREFIX[kind]}${bytesToHex(crypto.getRandomValues(new Uint8Array(TOKEN_HEX_DIGITS / 2)))}`;
}

export async function hashToken(token: string): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token))));
}

/** How much of a token's hash the access log and the audit log keep: enough to tell links apart. */
export const HASH_PREFIX_LENGTH = 12;

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
