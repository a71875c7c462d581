/**
 * Signing in to the console without Cloudflare Access: the development sign-in (ADMIN_SECRET → a
 * signed, HttpOnly, SameSite=Strict cookie) works only with the dev flag, on this machine, and when
 * Access is not configured; every form POST passes hono/csrf; every page sends strict security
 * headers; operators come from the admin API, and a locked one is out at the next request.
 * (The Access path itself, with real JWTs and a JWKS: console-access.node.test.ts.)
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/src/app";
import { consoleSnapshot, form, loadNational, ORIGIN, page, signIn, text } from "./console-helpers";
import { ADMIN, adminPost, call } from "./helpers";

beforeAll(loadNational);

const signInForm = (secret: string, extra: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/admin/dang-nhap`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
    body: new URLSearchParams({ secret, ...extra }).toString(),
    redirect: "manual",
  });

describe("development sign-in", () => {
  it("sets a signed, HttpOnly, SameSite=Strict cookie for /admin and opens the console", async () => {
    const res = await call("/admin/dang-nhap", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams({ secret: ADMIN, tiep: "/admin/xa" }).toString(),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/xa");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^dv_console=dev%40localhost%7C\d+\.[^;]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/admin");
    const session = cookie.split(";")[0]!;
    const ok = await page("/admin/xa", session);
    expect(ok.status).toBe(200);
    expect(text(await ok.text())).toContain("dev@localhost");
    // The signature covers the value: the same cookie claiming another e-mail is no session.
    const forged = session.replace("dev%40localhost", "other%40example.vn");
    const refused = await page("/admin/xa", forged);
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toMatch(/^\/admin\/dang-nhap/);
  });

  it("refuses a wrong secret (401, logged, no cookie) and an e-mail that is no operator", async () => {
    const bad = await call("/admin/dang-nhap", { method: "POST", ...reqInit("not-the-secret-0123456789") });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("set-cookie")).toBeNull();
    expect(text(await bad.text())).toContain("Mã quản trị (ADMIN_SECRET) không đúng.");
    const logged = await env.DB.prepare("SELECT kind, route, status, outcome FROM access_log WHERE route = 'console'").all();
    expect(logged.results).toContainEqual({ kind: "admin", route: "console", status: 401, outcome: "refused" });
    const nobody = await call("/admin/dang-nhap", { method: "POST", ...reqInit(ADMIN, { email: "nobody@example.vn" }) });
    expect(nobody.status).toBe(401);
    expect(text(await nobody.text())).toContain("Không có cán bộ điều hành đang hoạt động với email nobody@example.vn.");
  });

  it.each([
    ["without the dev flag", { CONSOLE_DEV_SIGNIN: undefined }, ORIGIN],
    ["when Cloudflare Access is configured", { ACCESS_TEAM_DOMAIN: "https://dan-van.cloudflareaccess.com", ACCESS_AUD: "aud-tag" }, ORIGIN],
    ["on a host other than this machine", {}, "https://dan-van.example.workers.dev"],
  ])("is refused %s", async (_why, vars, origin) => {
    const e = { ...env, ...vars } as typeof env;
    const res = await app.fetch(
      new Request(`${origin}/admin/dang-nhap`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin },
        body: new URLSearchParams({ secret: ADMIN }).toString(),
      }),
      e,
    );
    expect(res.status).toBe(404);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(text(await res.text())).toContain("Đăng nhập thử chỉ có trên máy phát triển");
    // And a page without Access's JWT is not served either.
    const pageRes = await app.fetch(new Request(`${origin}/admin/tuan`), e);
    expect([403, 503]).toContain(pageRes.status);
  });

  it("a dev cookie is worthless once Access is configured", async () => {
    const session = await signIn();
    const e = { ...env, ACCESS_TEAM_DOMAIN: "https://dan-van.cloudflareaccess.com", ACCESS_AUD: "aud-tag" } as typeof env;
    const res = await app.fetch(new Request(`${ORIGIN}/admin/tuan`, { headers: { cookie: session } }), e);
    expect(res.status).toBe(403);
    expect(text(await res.text())).toContain("Cần đăng nhập qua Cloudflare Access");
  });
});

function reqInit(secret: string, extra: Record<string, string> = {}): RequestInit {
  const r = signInForm(secret, extra);
  return { headers: r.headers, body: new URLSearchParams({ secret, ...extra }).toString(), redirect: "manual" };
}

describe("operators from the admin API", () => {
  it("creates one, signs them in with their role and unit, and locks them out at the next request", async () => {
    const bacNinh = "P:24@2025-07-01";
    const created = await adminPost("/operators", {
      email: "Can.Bo@BacNinh.gov.vn",
      role: "operator",
      unit_id: bacNinh,
      name: "Nguyễn Văn An",
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { operator: { email: string } }).operator.email).toBe("can.bo@bacninh.gov.vn");
    expect((await adminPost("/operators", { email: "x@y.vn", role: "chief" })).status).toBe(422);
    expect((await adminPost("/operators", { email: "x@y.vn", role: "viewer", unit_id: "P:99@2025-07-01" })).status).toBe(404);
    const session = await signIn("can.bo@bacninh.gov.vn");
    const home = text(await (await page("/admin/tuan", session)).text());
    expect(home).toContain("can.bo@bacninh.gov.vn · Cán bộ triển khai · Tỉnh Bắc Ninh");
    expect((await adminPost("/operators/disable", { email: "can.bo@bacninh.gov.vn" })).status).toBe(200);
    const after = await page("/admin/tuan", session);
    expect(after.status).toBe(403);
    expect(text(await after.text())).toContain("chưa được cấp quyền");
    const audit = await env.DB.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'operator.%' ORDER BY id").all();
    expect(audit.results).toEqual([
      { actor: "admin", action: "operator.upsert" },
      { actor: "admin", action: "operator.disable" },
    ]);
  });
});

describe("every page: strict headers; every form: CSRF", () => {
  it.each([
    "/admin/tuan",
    "/admin/tong-hop",
    "/admin/xa",
    "/admin/phieu",
    "/admin/duong-dan",
    "/admin/nhat-ky",
    "/admin/can-bo",
    "/admin/dang-nhap",
  ])("%s sends a strict CSP with this response's nonce, no framing, no caching", async (path) => {
    const session = await signIn();
    const res = path === "/admin/dang-nhap" ? await call(path) : await page(path, session);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    const body = await res.text();
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    for (const m of body.matchAll(/<script([^>]*)>/g)) expect(m[1]).toContain(`nonce="${nonce}"`);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    ["another site's Origin", "https://evil.example"],
    ["no Origin at all", null],
  ])("a form POST with %s is refused (403) and writes nothing", async (_what, origin) => {
    const session = await signIn();
    await adminPost("/commune-records", { records: [{ unit_id: "C:07525@2025-07-01" }] });
    const before = await consoleSnapshot();
    for (const [path, fields] of [
      ["/admin/phieu", { xa: "C:07525@2025-07-01", viec: "issue" }],
      ["/admin/can-bo", { email: "evil@example.vn", "vai-tro": "admin", "don-vi": "" }],
      ["/admin/duong-dan", { "don-vi": "P:24@2025-07-01", loai: "aggregate", nhan: "x" }],
    ] as const) {
      const res = await form(path, fields, session, origin);
      expect(res.status, path).toBe(403);
      expect(text(await res.text())).toContain("kiểm tra chống giả mạo CSRF");
    }
    expect(await consoleSnapshot()).toEqual(before);
  });
});
