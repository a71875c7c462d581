/**
 * Who is using the console. In production Cloudflare Access stands in front of /admin: every request
 * carries its JWT, verified here (../auth/access-jwt.ts), and the verified e-mail must be an active
 * operator (../operators/store.ts). Locally, with the dev flag (`npm start`), a development sign-in
 * with ADMIN_SECRET sets a signed, HttpOnly, SameSite=Strict cookie (Hono's signed cookies,
 * https://hono.dev/docs/helpers/cookie) — refused when Access is configured, without the flag, or
 * on any host but this machine. Refusals go to the access log; wrong secrets are throttled like the
 * admin API's (../http/auth.ts).
 */
import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { timingSafeEqual } from "hono/utils/buffer";
import { unitLabel } from "../../../shared/units";
import { ACCESS_HEADER, accessConfig, verifyAccessJwt } from "../auth/access-jwt";
import { refusedSince } from "../db/access-log";
import { auditStatement } from "../db/audit";
import { controlDb } from "../db/shard";
import { getUnit, unitOfRow } from "../db/units";
import { clientIp, logAccessNow } from "../http/access";
import { ADMIN_MAX_FAILURES, ADMIN_WINDOW_SECONDS } from "../http/auth";
import type { Bindings } from "../http/env";
import { normalEmail, type Operator } from "../operators/roles";
import { findOperator } from "../operators/store";
import type { ConsoleEnv, Principal } from "./env";
import { BarePage } from "./pages/layout";
import { html } from "./respond";

/** The development sign-in's own identity: an admin of the whole country (no operator record). */
export const DEV_ADMIN_EMAIL = "dev@localhost";
export const SESSION_COOKIE = "dv_console";
export const SESSION_HOURS = 8;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Whether the development sign-in may be used for this request. */
export function devSignInAllowed(c: Pick<Context<{ Bindings: Bindings }>, "env" | "req">): boolean {
  return (
    c.env.CONSOLE_DEV_SIGNIN === "1" &&
    accessConfig(c.env) === null &&
    typeof c.env.ADMIN_SECRET === "string" &&
    c.env.ADMIN_SECRET.length >= 16 &&
    LOOPBACK.has(new URL(c.req.url).hostname)
  );
}

/** The cookie's key: derived from ADMIN_SECRET, so changing the secret signs everyone out. */
const cookieSecret = (env: Bindings) => `dan-van console session|${env.ADMIN_SECRET}`;

async function principalOf(db: D1Database, op: Operator, via: Principal["via"]): Promise<Principal> {
  const unit = op.unit_id ? await getUnit(db, op.unit_id) : null;
  return { ...op, via, unit_label: unit ? unitLabel(unitOfRow(unit)) : "Cả nước" };
}

const refused = (c: Context<ConsoleEnv>, status: 401 | 403) =>
  logAccessNow(c, { kind: "admin", route: "console", status, outcome: "refused" });

/** Every console page: a signed-in, active operator, set as `operator`. */
export const signedIn = createMiddleware<ConsoleEnv>(async (c, next) => {
  const db = controlDb(c.env);
  const cfg = accessConfig(c.env);
  let email: string;
  let via: Principal["via"];
  if (cfg) {
    const r = await verifyAccessJwt(c.req.header(ACCESS_HEADER), cfg);
    if (!r.ok) {
      await refused(c, 403);
      return html(
        c,
        BarePage({
          title: "Chưa đăng nhập",
          message: "Cần đăng nhập qua Cloudflare Access để dùng bảng điều khiển. Hãy tải lại trang để đăng nhập.",
        }),
        403,
      );
    }
    email = r.email;
    via = "access";
  } else if (devSignInAllowed(c)) {
    const value = await getSignedCookie(c, cookieSecret(c.env), SESSION_COOKIE);
    const [who, until] = typeof value === "string" ? value.split("|") : [];
    if (!who || !until || Number(until) < Date.now()) {
      const next = c.req.method === "GET" ? c.req.path : "/admin/tuan";
      return c.redirect(`/admin/dang-nhap?tiep=${encodeURIComponent(next)}`, 303);
    }
    email = who;
    via = "dev";
  } else {
    return html(
      c,
      BarePage({
        title: "Chưa bật đăng nhập",
        message:
          "Bảng điều khiển cần Cloudflare Access (biến ACCESS_TEAM_DOMAIN và ACCESS_AUD của worker); xem README, mục Bảng điều khiển.",
      }),
      503,
    );
  }
  const op: Operator | null =
    via === "dev" && email === DEV_ADMIN_EMAIL
      ? { email, role: "admin", unit_id: null, name: "Quản trị (máy phát triển)" }
      : await findOperator(db, email);
  if (!op) {
    await refused(c, 403);
    return html(
      c,
      BarePage({
        title: "Chưa được cấp quyền",
        message: `Tài khoản ${email} chưa được cấp quyền vào bảng điều khiển (hoặc đã bị khóa). Hãy nhờ quản trị viên của tỉnh thêm bạn vào mục Cán bộ.`,
      }),
      403,
    );
  }
  c.set("operator", await principalOf(db, op, via));
  await next();
});

export type DevSignIn = { ok: true; email: string } | { ok: false; status: 401 | 404 | 429; message: string; retryAfter?: number };

/** Check a development sign-in (secret, and optionally an operator's e-mail to act as). */
export async function devSignIn(c: Context<ConsoleEnv>, secret: string, asEmail: string): Promise<DevSignIn> {
  if (!devSignInAllowed(c)) return { ok: false, status: 404, message: "Đăng nhập thử chỉ có trên máy phát triển (npm start)." };
  const db = controlDb(c.env);
  const now = Date.now();
  const { count, oldest } = await refusedSince(db, "admin", clientIp(c), new Date(now - ADMIN_WINDOW_SECONDS * 1000).toISOString());
  if (count >= ADMIN_MAX_FAILURES) {
    const seconds = Math.max(1, Math.ceil(((oldest ? Date.parse(oldest) : now) + ADMIN_WINDOW_SECONDS * 1000 - now) / 1000));
    return {
      ok: false,
      status: 429,
      message: `Nhập sai quá nhiều lần; hãy thử lại sau ${Math.ceil(seconds / 60)} phút.`,
      retryAfter: seconds,
    };
  }
  if (!(await timingSafeEqual(c.env.ADMIN_SECRET, secret))) {
    await refused(c, 401);
    return { ok: false, status: 401, message: "Mã quản trị (ADMIN_SECRET) không đúng. Mã nằm trong tệp .dev.vars." };
  }
  const email = asEmail.trim() ? normalEmail(asEmail) : DEV_ADMIN_EMAIL;
  if (email !== DEV_ADMIN_EMAIL && !(await findOperator(db, email))) {
    return { ok: false, status: 401, message: `Không có cán bộ điều hành đang hoạt động với email ${email}.` };
  }
  await setSignedCookie(c, SESSION_COOKIE, `${email}|${now + SESSION_HOURS * 3600_000}`, cookieSecret(c.env), {
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/admin",
    maxAge: SESSION_HOURS * 3600,
  });
  await db.batch([auditStatement(db, email, "console.signin", null, { via: "dev" })]);
  return { ok: true, email };
}

export function devSignOut(c: Context<ConsoleEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/admin" });
}
