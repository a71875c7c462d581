/**
 * The console behind Cloudflare Access, for real: the worker (bundled, in Miniflare, D1 migrated)
 * verifies `Cf-Access-Jwt-Assertion` with jose against a JWKS it fetches over HTTP from a local
 * "team domain" served here (a key pair generated for the test, RS256 like Access). Expired,
 * wrong-audience, wrong-issuer, unsigned, foreign-key and HS256 tokens are refused, and so is the
 * e-mail header alone; a verified e-mail that is no operator is refused; an operator of district A
 * cannot touch district B (403, nothing written). Runs in Node (its own Miniflare and HTTP server).
 */

import type { webcrypto } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_splitSqlQuery } from "wrangler";

type CryptoKey = webcrypto.CryptoKey;

const ROOT = path.resolve(import.meta.dirname, "../..");
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
const DISTRICT_A = "D:219@2021-02-03";
const DISTRICT_B = "D:213@2021-02-03";
const COMMUNE_B = "C:07300@2021-02-03";

let mf: Miniflare;
let base: string;
let jwks: Server;
let issuer: string;
let jwksHits = 0;
let key: CryptoKey;
let otherKey: CryptoKey;

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");

async function token(claims: Record<string, unknown> = {}, opts: { key?: CryptoKey; kid?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  // Access's claims (https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/application-token/), then the test's changes.
  const payload: Record<string, unknown> = {
    aud: [AUD],
    email: "a@lucngan.gov.vn",
    exp: now + 600,
    iat: now,
    nbf: now,
    iss: issuer,
    type: "app",
    identity_nonce: "n0nce",
    sub: "7335d417-61da-459d-899c-0a01c76a2f94",
    country: "VN",
    ...claims,
  };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: opts.kid ?? "k1", typ: "JWT" }).sign(opts.key ?? key);
}

function get(route: string, jwt?: string, headers: Record<string, string> = {}) {
  return fetch(`${base}${route}`, { headers: { ...(jwt ? { "cf-access-jwt-assertion": jwt } : {}), ...headers }, redirect: "manual" });
}

async function d1<T = Record<string, unknown>>(sql: string, ...args: unknown[]): Promise<T[]> {
  const db = await mf.getD1Database("DB");
  return (
    await db
      .prepare(sql)
      .bind(...args)
      .all<T>()
  ).results;
}

const snapshot = async () =>
  Object.fromEntries(
    await Promise.all(
      ["tokens", "audit_log", "commune_records", "operators"].map(async (t) => [t, await d1(`SELECT * FROM ${t} ORDER BY 1, 2`)]),
    ),
  );

beforeAll(async () => {
  ({ privateKey: key } = await generateKeyPair("RS256", { extractable: true }));
  const pair = await generateKeyPair("RS256", { extractable: true });
  ({ privateKey: otherKey } = pair);
  // The team's keys: the signing key and a second (rotated-out) one, as Access publishes them.
  const signing = await exportJWK(await publicOf(key));
  const rotated = await exportJWK(pair.publicKey);
  const keys: JWK[] = [
    { ...signing, kid: "k1", alg: "RS256", use: "sig" },
    { ...rotated, kid: "k0", alg: "RS256", use: "sig" },
  ];
  jwks = createServer((req, res) => {
    if (req.url === "/cdn-cgi/access/certs") {
      jwksHits++;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => jwks.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;

  const worker = await build({
    entryPoints: [path.join(ROOT, "worker/src/index.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser", "import"],
    mainFields: ["module", "main"],
    external: ["node:*", "cloudflare:*"],
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    write: false,
    logLevel: "silent",
  });
  mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      modules: true,
      script: worker.outputFiles[0]!.text,
      compatibilityDate: "2026-08-01",
      compatibilityFlags: ["nodejs_compat"],
      d1Databases: ["DB"],
      r2Buckets: ["PAYLOADS"],
      // The dev flag is set too: with Access configured it must change nothing.
      bindings: {
        ADMIN_SECRET: "access-test-admin-secret-0123",
        PUBLIC_BASE_URL: "",
        ACCESS_TEAM_DOMAIN: issuer,
        ACCESS_AUD: AUD,
        CONSOLE_DEV_SIGNIN: "1",
      },
    }),
  );
  base = (await mf.ready).toString().replace(/\/$/, "");
  const db = await mf.getD1Database("DB");
  const dir = path.join(ROOT, "worker/migrations");
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith(".sql"))
    .sort()) {
    for (const sql of unstable_splitSqlQuery(readFileSync(path.join(dir, f), "utf8"))) await db.prepare(sql).run();
  }
  const unit = db.prepare(
    "INSERT INTO units (id, code, level, kind_vi, name, parent_id, valid_from) VALUES (?, ?, ?, ?, ?, ?, '2021-02-03')",
  );
  await db.batch([
    unit.bind("P:24@2021-02-03", "24", "province", "tỉnh", "Tỉnh Bắc Giang", null),
    unit.bind(DISTRICT_A, "219", "district", "huyện", "Huyện Lục Ngạn", "P:24@2021-02-03"),
    unit.bind(DISTRICT_B, "213", "district", "huyện", "Huyện Lục Nam", "P:24@2021-02-03"),
    unit.bind("C:07576@2021-02-03", "07576", "commune", "xã", "Xã Quý Sơn", DISTRICT_A),
    unit.bind(COMMUNE_B, "07300", "commune", "xã", "Xã Bảo Đài", DISTRICT_B),
    db
      .prepare("INSERT INTO commune_records (unit_id, updated_at) VALUES (?, '2026-01-01T00:00:00Z'), (?, '2026-01-01T00:00:00Z')")
      .bind("C:07576@2021-02-03", COMMUNE_B),
    db
      .prepare(
        "INSERT INTO operators (email, role, unit_id, created_at, created_by, updated_at) VALUES ('a@lucngan.gov.vn', 'operator', ?, '2026-01-01', 'admin', '2026-01-01')",
      )
      .bind(DISTRICT_A),
  ]);
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  await new Promise((r) => jwks?.close(r));
});

async function publicOf(privateKey: CryptoKey): Promise<CryptoKey> {
  const jwk = await crypto.subtle.exportKey("jwk", privateKey);
  return crypto.subtle.importKey(
    "jwk",
    { kty: jwk.kty, n: jwk.n, e: jwk.e, alg: "RS256", ext: true },
    { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
    true,
    ["verify"],
  );
}

describe("Cloudflare Access in front of /admin", () => {
  it("a valid token of an operator opens the console, with the keys fetched from the team domain", async () => {
    const res = await get("/admin/xa", await token());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("a@lucngan.gov.vn");
    expect(html).toContain("Huyện Lục Ngạn");
    expect(html).toContain("Xã Quý Sơn");
    expect(html).not.toContain("Xã Bảo Đài");
    expect(jwksHits).toBeGreaterThan(0);
    // Signed out through Access, not the development cookie.
    expect(html).toContain("/cdn-cgi/access/logout");
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ["no token", async () => undefined],
    [
      "an expired token",
      () =>
        token({
          exp: Math.floor(Date.now() / 1000) - 3600,
          iat: Math.floor(Date.now() / 1000) - 7200,
          nbf: Math.floor(Date.now() / 1000) - 7200,
        }),
    ],
    ["a token for another application (aud)", () => token({ aud: ["someone-elses-aud"] })],
    ["a token from another team (iss)", () => token({ iss: "https://other-team.cloudflareaccess.com" })],
    [
      "an unsigned token (alg none)",
      async () =>
        `${b64url({ alg: "none", typ: "JWT" })}.${b64url({ email: "a@lucngan.gov.vn", aud: [AUD], iss: issuer, exp: Math.floor(Date.now() / 1000) + 600, iat: Math.floor(Date.now() / 1000) })}.`,
    ],
    ["a token signed with a key that is not the team's", () => token({}, { key: otherKey, kid: "k1" })],
    ["a token with no e-mail (a service token)", () => token({ email: undefined, common_name: "svc.access" })],
    [
      "an HS256 token keyed with the public key (algorithm confusion)",
      async () => {
        const secret = new TextEncoder().encode(JSON.stringify(await exportJWK(await publicOf(key))));
        return new SignJWT({ email: "a@lucngan.gov.vn" })
          .setProtectedHeader({ alg: "HS256", kid: "k1" })
          .setIssuer(issuer)
          .setAudience(AUD)
          .setIssuedAt()
          .setExpirationTime("10m")
          .sign(secret);
      },
    ],
  ])("refuses %s (403) and logs it", async (_what, make) => {
    const before = (await d1("SELECT count(*) AS n FROM access_log WHERE route = 'console' AND outcome = 'refused'"))[0]!.n as number;
    const res = await get("/admin/tuan", await make());
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Cần đăng nhập qua Cloudflare Access");
    const after = (await d1("SELECT count(*) AS n FROM access_log WHERE route = 'console' AND outcome = 'refused'"))[0]!.n as number;
    expect(after).toBe(before + 1);
  });

  it("never trusts the e-mail header alone, nor the development sign-in", async () => {
    const res = await get("/admin/tuan", undefined, { "cf-access-authenticated-user-email": "a@lucngan.gov.vn" });
    expect(res.status).toBe(403);
    const dev = await fetch(`${base}/admin/dang-nhap`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: "secret=access-test-admin-secret-0123",
      redirect: "manual",
    });
    expect(dev.status).toBe(404);
    expect(dev.headers.get("set-cookie")).toBeNull();
  });

  it("a verified e-mail that is no operator is refused", async () => {
    const res = await get("/admin/tuan", await token({ email: "Someone@Gmail.com" }));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Tài khoản someone@gmail.com chưa được cấp quyền");
  });

  it("an operator of district A cannot touch district B: 403, nothing written", async () => {
    const jwt = await token();
    const before = await snapshot();
    for (const [route, body] of [
      ["/admin/phieu", `xa=${encodeURIComponent(COMMUNE_B)}&viec=issue`],
      ["/admin/duong-dan", `don-vi=${encodeURIComponent(DISTRICT_B)}&loai=aggregate&nhan=x`],
      ["/admin/xa/thu-hoi", `xa=${encodeURIComponent(COMMUNE_B)}`],
    ] as const) {
      const res = await fetch(`${base}${route}`, {
        method: "POST",
        headers: { "cf-access-jwt-assertion": jwt, "content-type": "application/x-www-form-urlencoded", origin: base },
        body,
        redirect: "manual",
      });
      expect(res.status, route).toBe(403);
    }
    expect((await get(`/admin/tuan?don-vi=${encodeURIComponent(DISTRICT_B)}`, jwt)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
    // And A's own commune works, audited with the operator's e-mail.
    const ok = await fetch(`${base}/admin/phieu`, {
      method: "POST",
      headers: { "cf-access-jwt-assertion": jwt, "content-type": "application/x-www-form-urlencoded", origin: base },
      body: `xa=${encodeURIComponent("C:07576@2021-02-03")}&viec=issue`,
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("PHIẾU CÀI ĐẶT TIỆN ÍCH DÂN VẬN");
    expect(await d1("SELECT actor, action, unit_id FROM audit_log WHERE action LIKE 'token.%'")).toEqual([
      { actor: "a@lucngan.gov.vn", action: "token.issue", unit_id: "C:07576@2021-02-03" },
    ]);
  });
});
