/**
 * Answers of the console's routes: full HTML documents, never cached (pages show tokens and
 * personal data of clerks), and the refusal page for a permission the operator lacks.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { may, type Permission } from "../operators/roles";
import type { ConsoleEnv } from "./env";
import { RefusalPage } from "./pages/layout";

export async function html(c: Context, node: unknown, status: ContentfulStatusCode = 200): Promise<Response> {
  c.header("Cache-Control", "no-store");
  return c.html(`<!DOCTYPE html>${String(await node)}`, status);
}

/** The nonce hono/secure-headers made for this response's script. */
export const nonceOf = (c: Context<ConsoleEnv>): string | undefined => c.get("secureHeadersNonce");

/** 403 page: the operator may not do this (nothing was written). */
export function forbidden(c: Context<ConsoleEnv>, message: string): Promise<Response> {
  const nonce = nonceOf(c);
  return html(c, RefusalPage({ who: c.get("operator"), title: "Không có quyền", message, ...(nonce ? { nonce } : {}) }), 403);
}

export function notFoundPage(c: Context<ConsoleEnv>, message: string): Promise<Response> {
  const nonce = nonceOf(c);
  return html(c, RefusalPage({ who: c.get("operator"), title: "Không tìm thấy", message, ...(nonce ? { nonce } : {}) }), 404);
}

const DENIED: Record<Permission, string> = {
  view: "Bạn không có quyền xem trang này.",
  change: "Tài khoản của bạn chỉ được xem; việc này cần quyền Cán bộ triển khai. Không có gì được ghi.",
  manage_operators: "Chỉ quản trị viên mới thêm, sửa hoặc khóa cán bộ điều hành. Không có gì được ghi.",
};

/** The refusal when the signed-in operator lacks `p`, else null. */
export function lacks(c: Context<ConsoleEnv>, p: Permission): Promise<Response> | null {
  return may(c.get("operator"), p) ? null : forbidden(c, DENIED[p]);
}
