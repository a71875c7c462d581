/**
 * The roll-out console, mounted at /admin by app.ts. Pages (hono/jsx, Vietnamese, phone-first):
 *   /admin/tuan        this week (any week): who submitted, who owes, refusals, Zalo reminders   ./week.ts
 *   /admin/xa          communes: CSV upload (dry run, then apply), tokens                       ./communes.tsx
 *   /admin/phieu       setup sheets (A4, connection code and QR), issued with the tokens        ./communes.tsx
 *   /admin/duong-dan   rollup links: create, label, expire, revoke; accesses                    ./links.tsx
 *   /admin/ho          a household's data: read, download (JSON), erase on request              ./households.tsx
 *   /admin/tong-hop    figures of a period: the country by province, a province by commune       ./national.tsx
 *   /admin/chot        closed periods of the communes: accept, reopen                          ./closings.ts
 *   /admin/nhat-ky     audit log and link accesses, filtered, as CSV                            ./audit.ts
 *   /admin/can-bo      operators (admins)                                                        ./operators.ts
 *   /admin/dang-nhap   development sign-in (npm start only)                                      ./session.ts
 * Every response: strict security headers with a per-response script nonce (hono/secure-headers,
 * https://hono.dev/docs/middleware/builtin/secure-headers), never cached. Every form POST: hono/csrf
 * (https://hono.dev/docs/middleware/builtin/csrf) — a cross-site form is refused with a 403 page and
 * changes nothing.
 */
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { auditRoutes } from "./audit";
import { closingConsoleRoutes } from "./closings";
import { communeRoutes } from "./communes";
import type { ConsoleEnv } from "./env";
import { householdRoutes } from "./households";
import { linkRoutes } from "./links";
import { nationalRoutes } from "./national";
import { operatorRoutes } from "./operators";
import { BarePage, RefusalPage } from "./pages/layout";
import { SignInPage } from "./pages/signin";
import { html, nonceOf } from "./respond";
import { devSignIn, devSignInAllowed, devSignOut, signedIn } from "./session";
import { weekRoutes } from "./week";

const checkCsrf = csrf();
const formText = (v: unknown) => (typeof v === "string" ? v : "");
/** Where to go after signing in: a console page only. */
const nextPath = (v: string | undefined) => (v && /^\/admin(\/[\w./?=&%-]*)?$/.test(v) ? v : "/admin/tuan");

export const consoleRoutes = new Hono<ConsoleEnv>();

consoleRoutes.use(
  "*",
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      scriptSrc: [NONCE],
      imgSrc: ["data:"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: "no-referrer",
    xFrameOptions: "DENY",
    strictTransportSecurity: "max-age=63072000; includeSubDomains",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  }),
  async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("X-Robots-Tag", "noindex, nofollow");
  },
  // hono/csrf first, without going further, so that its refusal is told apart from anything later.
  async (c, next) => {
    try {
      await checkCsrf(c, async () => {});
    } catch (e) {
      if (e instanceof HTTPException && e.status === 403) {
        return html(
          c,
          BarePage({
            title: "Yêu cầu bị từ chối",
            message: "Biểu mẫu này không gửi từ bảng điều khiển (kiểm tra chống giả mạo CSRF); không có gì được ghi.",
          }),
          403,
        );
      }
      throw e;
    }
    await next();
  },
);

consoleRoutes
  .get("/dang-nhap", async (c) => {
    if (!devSignInAllowed(c)) return c.redirect("/admin/tuan", 303);
    return html(c, SignInPage({ next: nextPath(c.req.query("tiep")) }));
  })
  .post("/dang-nhap", async (c) => {
    const body = await c.req.parseBody();
    const next = nextPath(formText(body.tiep));
    const r = await devSignIn(c, formText(body.secret), formText(body.email));
    if (!r.ok) {
      if (r.retryAfter) c.header("Retry-After", String(r.retryAfter));
      return html(c, SignInPage({ next, error: r.message, email: formText(body.email) }), r.status);
    }
    return c.redirect(next, 303);
  })
  .post("/dang-xuat", async (c) => {
    devSignOut(c);
    return c.redirect("/admin/dang-nhap", 303);
  });

consoleRoutes.use("*", signedIn);
consoleRoutes.get("/", (c) => c.redirect("/admin/tuan", 303));
consoleRoutes.route("/", weekRoutes);
consoleRoutes.route("/", communeRoutes);
consoleRoutes.route("/", linkRoutes);
consoleRoutes.route("/", nationalRoutes);
consoleRoutes.route("/", householdRoutes);
consoleRoutes.route("/", closingConsoleRoutes);
consoleRoutes.route("/", auditRoutes);
consoleRoutes.route("/", operatorRoutes);
consoleRoutes.all("*", (c) => {
  const nonce = nonceOf(c);
  return html(
    c,
    RefusalPage({
      who: c.get("operator"),
      title: "Không tìm thấy",
      message: "Không có trang này trong bảng điều khiển.",
      ...(nonce ? { nonce } : {}),
    }),
    404,
  );
});
consoleRoutes.onError((err, c) => {
  console.error("console error", err);
  return html(c, BarePage({ title: "Có lỗi", message: "Máy chủ gặp lỗi; việc vừa làm chưa được ghi. Hãy thử lại sau." }), 500);
});
