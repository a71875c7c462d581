/**
 * Every read through a link and every refused credential leaves a row in `access_log` (written after
 * the answer with waitUntil): the link's hash, what was opened, the status — never the token, never
 * anything of a refused admin secret. IPs are cleared after ACCESS_LOG_IP_DAYS. Wrong admin secrets
 * are throttled per client: 429 with Retry-After, nothing written.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT } from "../../shared/data/units";
import { hashToken } from "../../worker/src/auth/tokens";
import { ACCESS_LOG_IP_DAYS, linkAccessSummary, readAccesses } from "../../worker/src/db/access-log";
import { ADMIN_MAX_FAILURES } from "../../worker/src/http/auth";
import { ADMIN, adminPost, call, communeToken, envelope, pilot, post, seed, snapshot, submit } from "./helpers";

const rows = async () =>
  (await env.DB.prepare("SELECT * FROM access_log ORDER BY id").all<Record<string, unknown>>()).results as Record<string, unknown>[];
/** waitUntil work of the requests above is done when the log has `n` more rows (bounded wait). */
async function settled(n: number): Promise<Record<string, unknown>[]> {
  for (let i = 0; i < 100; i++) {
    const r = await rows();
    if (r.length >= n) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
  return rows();
}

let link: string;
let linkHash: string;

beforeAll(async () => {
  await seed();
  link = ((await (await adminPost("/links", { unit_id: PILOT.lucNgan, scope: "aggregate", label: "Huyện" })).json()) as { token: string })
    .token;
  linkHash = await hashToken(link);
});

describe("the access log", () => {
  it("records every link access: link hash, route, status, client IP; never the token", async () => {
    const start = (await rows()).length;
    const ip = { "cf-connecting-ip": "203.0.113.7" };
    const paths = [`/r/${link}?period=2022-Q1`, `/r/${link}.json?period=2022-Q1`, `/r/${link}.csv?period=2022-Q1`, `/r/${link}/mau-02`];
    for (const p of paths) await call(p, { headers: ip });
    await call(`/r/dvl_${"0".repeat(32)}.json`, { headers: ip });
    await call("/r/not-a-token");
    const log = (await settled(start + 6)).slice(start);
    expect(log.map((r) => [r.kind, r.route, r.status, r.outcome])).toEqual([
      ["link", "page", 200, "ok"],
      ["link", "json", 200, "ok"],
      ["link", "csv", 200, "ok"],
      ["link", "mau-02", 404, "refused"], // a district link has no printable forms
      ["link", "json", 404, "refused"],
      ["link", "page", 404, "refused"],
    ]);
    expect(log.slice(0, 4).every((r) => r.token_hash === linkHash && r.unit_id === PILOT.lucNgan)).toBe(true);
    expect(log[0]!.token_prefix).toBe(linkHash.slice(0, 12));
    expect(log[4]).toMatchObject({
      token_hash: null,
      unit_id: null,
      token_prefix: (await hashToken(`dvl_${"0".repeat(32)}`)).slice(0, 12),
    });
    expect(log[5]).toMatchObject({ token_prefix: null, client_ip: null });
    expect(log[0]!.client_ip).toBe("203.0.113.7");
    expect(JSON.stringify(await rows())).not.toContain(link.slice(4));
  });

  it("records refused commune tokens and admin secrets, keeping nothing of a refused secret", async () => {
    const start = (await rows()).length;
    const { quySon } = pilot();
    const e = envelope(quySon, quySon.workbook);
    const unknown = `dvc_${"1".repeat(32)}`;
    expect((await submit(e, unknown)).status).toBe(401);
    expect((await submit(e, "my-password-sent-by-mistake")).status).toBe(401);
    expect(
      (await post("/api/admin/units", { units: [] }, "wrong-admin-secret-0123456789", { "cf-connecting-ip": "203.0.113.8" })).status,
    ).toBe(401);
    const log = (await settled(start + 3)).slice(start);
    expect(log.map((r) => [r.kind, r.route, r.status, r.outcome])).toEqual([
      ["commune", "submission", 401, "refused"],
      ["commune", "submission", 401, "refused"],
      ["admin", "admin", 401, "refused"],
    ]);
    expect(log[0]!.token_prefix).toBe((await hashToken(unknown)).slice(0, 12));
    expect(log[1]!.token_prefix).toBeNull(); // not shaped like a token: not even its hash is kept
    expect(log[2]).toMatchObject({ token_prefix: null, token_hash: null, client_ip: "203.0.113.8" });
    const secretHash = await hashToken("wrong-admin-secret-0123456789");
    expect(JSON.stringify(await rows())).not.toContain(secretHash.slice(0, 12));
    // An accepted submission is not an access-log row (it is in audit_log).
    const ok = await communeToken(quySon.unit_id);
    const n = (await rows()).length;
    expect((await submit(envelope(quySon, quySon.workbook), ok)).status).toBe(201);
    expect((await rows()).length).toBe(n);
  });

  it("reads for the console and the commune page: per link count and last access, newest first", async () => {
    const summary = await linkAccessSummary(env.DB, [linkHash, "f".repeat(64)]);
    expect(summary.get(linkHash)?.count).toBe(3); // the answered ones
    expect(summary.get("f".repeat(64))).toEqual({ count: 0, last_at: null });
    const list = await readAccesses(env.DB, { tokenHash: linkHash });
    expect(list.map((r) => r.route)).toEqual(["mau-02", "csv", "json", "page"]);
    expect(Object.keys(list[0]!)).not.toContain("client_ip");
    expect((await readAccesses(env.DB, { kind: "admin", outcome: "refused", limit: 1 })).length).toBe(1);
  });

  it(`clears IP addresses older than ${ACCESS_LOG_IP_DAYS} days on the next write`, async () => {
    const old = new Date(Date.now() - (ACCESS_LOG_IP_DAYS + 1) * 86_400_000).toISOString();
    // A row written that long ago (straight into the table: a write through writeAccess clears it at once).
    await env.DB.prepare(
      "INSERT INTO access_log (at, kind, route, status, outcome, client_ip) VALUES (?, 'link', 'page', 200, 'ok', '203.0.113.9')",
    )
      .bind(old)
      .run();
    const start = (await rows()).length;
    expect((await rows()).find((r) => r.at === old)?.client_ip).toBe("203.0.113.9");
    await call(`/r/${link}?period=2022-Q1`, { headers: { "cf-connecting-ip": "203.0.113.10" } });
    const log = await settled(start + 1);
    expect(log.find((r) => r.at === old)?.client_ip).toBeNull();
    expect(log.at(-1)?.client_ip).toBe("203.0.113.10");
  });
});

describe("admin secret attempts are throttled per client", () => {
  it(`answers 429 with Retry-After after ${ADMIN_MAX_FAILURES} wrong secrets, even to the right one, and writes nothing`, async () => {
    const client = { "cf-connecting-ip": "192.0.2.50" };
    for (let i = 0; i < ADMIN_MAX_FAILURES; i++) {
      expect((await post("/api/admin/units", { units: [] }, `wrong-secret-${i}-0123456789`, client)).status).toBe(401);
    }
    const before = await snapshot();
    const res = await post("/api/admin/tokens", { unit_id: PILOT.phuongSon }, ADMIN, client);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("too_many_attempts");
    expect(body.error.message).toContain("thử lại sau");
    expect(await snapshot()).toEqual(before);
    // Another client is not affected.
    expect((await post("/api/admin/tokens", { unit_id: PILOT.phuongSon }, ADMIN, { "cf-connecting-ip": "192.0.2.51" })).status).toBe(201);
    const throttled = await env.DB.prepare("SELECT count(*) AS n FROM access_log WHERE outcome = 'throttled'").first<number>("n");
    expect(throttled).toBe(1);
  });
});
