/**
 * Tokens under brute force. Read-only links (`/r/<token>`) answer every token that does not open a
 * page — random ones of the right shape, wrong shapes, near misses of a real token, a commune
 * write token, a revoked or expired link, a page the link may not see — with the same 404: same
 * status, same body byte for byte, same headers. Commune write tokens are refused the same way
 * everywhere they do not belong: the admin API, the rollup pages, another commune's submissions.
 *
 * Timing: a token is looked up by its SHA-256 hash as the primary key of `tokens`
 * (worker/src/auth/tokens.ts), so no secret is ever compared character by character and a near
 * miss of a real token costs the same as a random token: one hash, one index lookup that finds
 * nothing. The test compares the median latency of the two over interleaved requests. See
 * `TIMING` below for the threshold and why it is what it is.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../worker/src/app";
import { hashToken } from "../../worker/src/auth/tokens";
import { adminPost, call, communeToken, type ErrorJson, envelope, PILOT, pilot, post, seed, submit } from "./helpers";

const HEX = "0123456789abcdef";
const randomHex = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => HEX[b % 16]).join("");
const randomLink = () => `dvl_${randomHex(32)}`;

/** The real token with the character at `i` (in the hex part) changed to another hex digit. */
function nearMiss(token: string, i: number): string {
  const pos = 4 + (i % 32);
  const c = token[pos]!;
  const other = HEX[(HEX.indexOf(c) + 1 + (i % 15)) % 16]!;
  return token.slice(0, pos) + other + token.slice(pos + 1);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Headers that must not tell one 404 from another (Date is the only one allowed to differ). */
const headersOf = (res: Response) => [...res.headers].filter(([k]) => k !== "date").sort(([a], [b]) => (a < b ? -1 : 1));

const { quySon, hongGiang } = pilot();
let district: string; // aggregate link of huyện Lục Ngạn
let detail: string; // detail link of xã Hồng Giang
let revoked: string;
let expired: string;
let tokenQS: string;
let tokenHG: string;

async function link(unit_id: string, scope: "aggregate" | "detail", expires_at?: string): Promise<string> {
  const res = await adminPost("/links", { unit_id, scope, ...(expires_at ? { expires_at } : {}) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  await seed();
  tokenQS = await communeToken(quySon.unit_id);
  tokenHG = await communeToken(hongGiang.unit_id);
  expect((await submit(envelope(hongGiang, hongGiang.workbook), tokenHG)).status).toBe(201);
  district = await link(PILOT.lucNgan, "aggregate");
  detail = await link(hongGiang.unit_id, "detail");
  revoked = await link(hongGiang.unit_id, "detail");
  expect((await adminPost("/revoke", { token: revoked })).status).toBe(200);
  // A link that has expired: issued for the future, then its expiry moved into the past.
  expired = await link(hongGiang.unit_id, "detail", "2099-01-01T00:00:00Z");
  await env.DB.prepare("UPDATE tokens SET expires_at = '2020-01-01T00:00:00.000Z' WHERE token_hash = ?")
    .bind(await hashToken(expired))
    .run();
});

describe("read-only links: every token that opens nothing gets the same 404", () => {
  it("the real links open their pages (so the 404s below are about the tokens)", async () => {
    for (const path of [`/r/${district}`, `/r/${district}.json`, `/r/${district}.csv`, `/r/${detail}`, `/r/${detail}/mau-02`]) {
      expect((await call(path)).status, path).toBe(200);
    }
  });

  it("random, malformed, near-miss, commune, revoked and expired tokens: same status, body and headers", async () => {
    const reference = await call(`/r/${randomLink()}`);
    expect(reference.status).toBe(404);
    expect(reference.headers.get("content-type")).toMatch(/^text\/html/);
    const body = await reference.text();
    const headers = headersOf(reference);
    expect(body).toContain("Không tìm thấy trang");

    const names: string[] = [];
    // Right shape, random: both prefixes, with every suffix and form page.
    for (let i = 0; i < 40; i++) names.push(randomLink(), `dvc_${randomHex(32)}`);
    for (const suffix of [".json", ".csv", "/mau-01", "/mau-02", ".json?period=2022-Q1", "?mode=as_was"]) names.push(randomLink() + suffix);
    // Wrong shapes.
    names.push(
      "",
      "dvl_",
      "dvl",
      "x",
      `dvl_${randomHex(31)}`,
      `dvl_${randomHex(33)}`,
      `dvl_${randomHex(64)}`,
      `DVL_${randomHex(32)}`,
      `dvl_${randomHex(32).toUpperCase()}`,
      `dvx_${randomHex(32)}`,
      `dvl-${randomHex(32)}`,
      `dvl_${"g".repeat(32)}`,
      `${randomLink()}.xml`,
      `${randomLink()}.json.csv`,
      `${randomLink()}%00`,
      `${randomLink()}%20`,
      `%20${randomLink()}`,
      `..%2F..%2Fapi%2Fadmin%2Ftokens`,
      `${"a".repeat(5000)}`,
      `dvl_${"ệ".repeat(32)}`,
      `${randomLink()}/`,
      `${randomLink()}/x/y`,
      `${randomLink()}/mau-03`,
      "%F0%9F%92%A5",
      "%ZZ",
      `${district}x`,
      `${district.slice(0, -1)}`,
      `x${district}`,
    );
    // Near misses of both real links: one hex digit changed at every position, a prefix swapped, case changed.
    for (const real of [district, detail]) {
      for (let i = 0; i < 32; i++) names.push(nearMiss(real, i), `${nearMiss(real, i)}.json`);
      names.push(real.replace("dvl_", "dvc_"), real.toUpperCase(), `${real.replace("dvl_", "dvc_")}.json`);
    }
    // Real tokens that must not open a page: commune write tokens, revoked and expired links, and
    // the household list of an aggregate link.
    names.push(
      tokenQS,
      `${tokenQS}.json`,
      `${tokenQS}/mau-02`,
      tokenHG,
      revoked,
      `${revoked}.json`,
      `${revoked}.csv`,
      `${revoked}/mau-02`,
      expired,
      `${expired}.json`,
      `${expired}/mau-01`,
      `${district}/mau-01`,
      `${district}/mau-02`,
      // A drill-down to a commune outside the link's unit (worker/src/links/routes.ts).
      `${district}?commune=C:99999@2000-01-01`,
      `${district}.json?commune=C:99999@2000-01-01`,
      `${detail}?commune=${encodeURIComponent(quySon.unit_id)}`,
    );

    const distinct = new Map<string, string[]>();
    for (const name of names) {
      const res = await call(`/r/${name}`);
      const text = await res.text();
      const key = `${res.status} ${JSON.stringify(headersOf(res))} ${text === body ? "same body" : text.slice(0, 200)}`;
      distinct.set(key, [...(distinct.get(key) ?? []), name.slice(0, 60)]);
    }
    expect([...distinct.keys()], JSON.stringify([...distinct].map(([k, v]) => [k.slice(0, 200), v.slice(0, 3)]))).toEqual([
      `404 ${JSON.stringify(headers)} same body`,
    ]);
    console.log(`tokens-timing: ${names.length} token paths, one answer (404, ${body.length} bytes)`);
  }, 30_000);

  it("the 404 does not depend on the path asked for (nothing of the request is echoed)", async () => {
    const a = await (await call(`/r/${randomLink()}?q=<script>`)).text();
    const b = await (await call(`/r/${district.slice(0, -1)}<b>/mau-02`)).text();
    expect(a).not.toContain("script");
    expect(b).toBe(a);
  });
});

/**
 * Timing. What could leak: a lookup that compares the secret as a string (stopping at the first
 * differing character) would make a near miss slower than a random token — by nanoseconds per
 * character, far below what any network measurement (or this test) can see. The design removes the
 * cause instead: the token is hashed (SHA-256) and the digest is the primary key, so a near miss and
 * a random token hash to unrelated digests and the index finds nothing in both cases. What a test
 * CAN catch is a structural difference — a second query, a prefix search, another code path for
 * tokens that "almost" exist — and the cheapest of those is one more D1 lookup.
 *
 * Measuring: the Workers runtime's clock has 1 ms steps and only moves on I/O (a defence against
 * timing side channels), so one request cannot be timed. A sample is the time of a block of
 * BLOCK requests of one kind divided by BLOCK (0.05 ms resolution); blocks of the kinds rotate so
 * drift hits all alike; the medians of the samples are compared.
 *
 * Threshold: the near-miss and random-token medians may differ by less than half of what one extra
 * D1 lookup by primary key costs, measured in the same run (a third kind of block: random-token
 * requests each followed by one more lookup), and never less than FLOOR_MS (0.3 ms, six steps of
 * the resolution, above the run-to-run noise of the medians seen here: ±0.15 ms). Here one lookup
 * costs ~0.8–1.2 ms, so the threshold is ~0.4–0.6 ms. The extra-lookup blocks must come out
 * slower than the threshold — if the measurement could not see one lookup, it would prove nothing,
 * and the test fails rather than pass vacuously.
 */
const TIMING = { blocks: 40, block: 20, floorMs: 0.3 };

describe("timing: a near miss of a real token costs what a random token costs", () => {
  /** One block of requests through the Hono app (the worker's fetch), in ms per request. */
  async function block(path: (i: number) => string, extraLookup = false): Promise<number> {
    const t0 = performance.now();
    for (let i = 0; i < TIMING.block; i++) {
      const res = await app.fetch(new Request(`http://127.0.0.1:8787${path(i)}`), env);
      await res.arrayBuffer();
      if (res.status !== 404) throw new Error(`${path(i)}: ${res.status}`);
      if (extraLookup) await env.DB.prepare("SELECT * FROM tokens WHERE token_hash = ?1 AND kind = ?2").bind(randomHex(64), "link").first();
    }
    return (performance.now() - t0) / TIMING.block;
  }

  it(`medians over ${TIMING.blocks} interleaved blocks of ${TIMING.block} requests differ by less than half an extra lookup`, async () => {
    let k = 0;
    const near = (i: number) => `/r/${nearMiss(district, k++ + i)}.json`;
    const rand = () => `/r/${randomLink()}.json`;
    for (let i = 0; i < 3; i++) await Promise.all([block(near), block(rand)]); // warm-up
    const samples = { near: [] as number[], rand: [] as number[], control: [] as number[] };
    for (let b = 0; b < TIMING.blocks; b++) {
      // Rotate the order so no kind always follows another.
      const kinds = (["near", "rand", "control"] as const).map((_, j, a) => a[(b + j) % 3]!);
      for (const kind of kinds) {
        samples[kind].push(kind === "near" ? await block(near) : kind === "rand" ? await block(rand) : await block(rand, true));
      }
    }
    const [mNear, mRand, mControl] = [median(samples.near), median(samples.rand), median(samples.control)];
    const lookup = mControl - mRand;
    const maxDiffMs = Math.max(TIMING.floorMs, lookup / 2);
    console.log(
      `tokens-timing: median ms per request over ${TIMING.blocks}×${TIMING.block} — near miss ${mNear.toFixed(2)}, random ${mRand.toFixed(2)}, ` +
        `difference ${(mNear - mRand).toFixed(2)}; one extra lookup costs ${lookup.toFixed(2)} → threshold ${maxDiffMs.toFixed(2)}`,
    );
    expect(lookup, "the measurement can see one extra D1 lookup").toBeGreaterThan(maxDiffMs);
    expect(Math.abs(mNear - mRand)).toBeLessThan(maxDiffMs);
  }, 60_000);
});

describe("commune write tokens only write their own commune", () => {
  const errorOf = async (res: Response) => ((await res.json()) as ErrorJson).error;

  it("a commune token on the admin API, a link token on submissions or the admin API: the same 401", async () => {
    const unknown = await submit(envelope(quySon, quySon.workbook), `dvc_${randomHex(32)}`);
    expect(unknown.status).toBe(401);
    const reference = await unknown.text();
    const answers = [
      await submit(envelope(quySon, quySon.workbook), district),
      await submit(envelope(hongGiang, hongGiang.workbook), detail),
      await submit(envelope(hongGiang, hongGiang.workbook), revoked),
      await submit(envelope(quySon, quySon.workbook), `dvc_${district.slice(4)}`), // a link's secret under the write prefix
      await post("/api/admin/tokens", { unit_id: quySon.unit_id }, tokenQS),
      await post("/api/admin/import", { commune_id: quySon.unit_id, envelope: envelope(quySon, quySon.workbook) }, tokenQS),
      await post("/api/admin/links", { unit_id: quySon.unit_id, scope: "detail" }, district),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(await res.text()).toBe(reference);
    }
  });

  it("a commune cannot use another commune's submission id, nor read its receipt through it", async () => {
    const theirs = envelope(hongGiang, hongGiang.workbook);
    expect((await submit(theirs, tokenHG)).status).toBe(201);
    // Quý Sơn's own workbook under Hồng Giang's submission id (and, worse, its content hash).
    const mine = envelope(quySon, quySon.workbook, theirs.submission_id);
    for (const e of [mine, { ...mine, content_hash: theirs.content_hash }]) {
      const res = await submit(e, tokenQS);
      expect(res.status).toBe(409);
      const err = await errorOf(res);
      expect(err.code).toBe("submission_id_conflict");
      expect(JSON.stringify(err)).not.toContain(hongGiang.unit_id);
    }
    expect(await env.DB.prepare("SELECT count(*) AS n FROM households WHERE commune_id = ?").bind(quySon.unit_id).first("n")).toBe(0);
  });
});
