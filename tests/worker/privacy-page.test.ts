/**
 * A commune's own (detail) link page shows the privacy notice (shared/privacy.ts) and who looked:
 * the accesses to the commune's links from the access log, with time and link label, never an IP.
 * Aggregate (district) pages show neither, and a commune's list holds only its own links.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { privacyNotice } from "../../shared/privacy";
import { adminPost, call, communeToken, envelope, PILOT, pilot, seed, submit } from "./helpers";

const IP = "198.51.100.77";
const logged = async () => (await env.DB.prepare("SELECT count(*) AS n FROM access_log").first<number>("n")) ?? 0;
/** Wait for the access log's waitUntil writes (bounded). */
async function settled(n: number) {
  for (let i = 0; i < 200 && (await logged()) < n; i++) await new Promise((r) => setTimeout(r, 10));
}
const linkOf = async (unit_id: string, scope: string, label: string) =>
  ((await (await adminPost("/links", { unit_id, scope, label })).json()) as { token: string }).token;

describe("the commune page: notice and who looked", () => {
  const links: Record<string, string> = {};
  beforeAll(async () => {
    await seed();
    const { quySon, hongGiang } = pilot();
    for (const c of [quySon, hongGiang]) expect((await submit(envelope(c, c.workbook), await communeToken(c.unit_id))).status).toBe(201);
    links.mine = await linkOf(PILOT.quySon, "detail", "Chủ tịch UBND xã Quý Sơn");
    links.other = await linkOf(PILOT.hongGiang, "detail", "Xã Hồng Giang — cán bộ");
    links.district = await linkOf(PILOT.lucNgan, "aggregate", "Huyện ủy Lục Ngạn");
  });

  it("lists the accesses to the commune's links, with label and time, without IPs or other communes' links", async () => {
    const start = await logged();
    const headers = { "CF-Connecting-IP": IP };
    await call(`/r/${links.mine}.csv?period=2022-Q1`, { headers });
    await call(`/r/${links.mine}/mau-02`, { headers });
    await call(`/r/${links.other}.json?period=2022-Q1`, { headers });
    await settled(start + 3);
    const html = await (await call(`/r/${links.mine}?period=2022-Q1`, { headers })).text();
    const section = html.slice(html.indexOf('id="truy-cap"'));
    expect(section).toContain("Ai đã xem dữ liệu của xã");
    expect(section).toContain("Chủ tịch UBND xã Quý Sơn");
    expect(section).toContain("Bảng tính CSV");
    expect(section).toContain("Mẫu 02");
    expect(section).not.toContain("Hồng Giang — cán bộ");
    expect(html).not.toContain(IP);
    expect(html).not.toContain("198.51.100");
    // The IP is in the log (for refused-attempt throttling), cleared after 30 days; never on a page.
    expect(await env.DB.prepare("SELECT count(*) AS n FROM access_log WHERE client_ip = ?").bind(IP).first<number>("n")).toBeGreaterThan(0);
  });

  it("shows the privacy notice of shared/privacy.ts, with the configured retention", async () => {
    const html = await (await call(`/r/${links.mine}?period=2022-Q1`)).text();
    const n = privacyNotice(Number(env.RETENTION_MONTHS));
    expect(html).toContain(n.title);
    for (const i of n.items) expect(html).toContain(i.heading);
    expect(html).toContain("lưu 24 tháng");
    expect(html).toContain("Huyện, tỉnh chỉ xem số liệu tổng hợp");
  });

  it("aggregate pages show neither the notice nor the accesses", async () => {
    const html = await (await call(`/r/${links.district}?period=2022-Q1`)).text();
    expect(html).not.toContain(privacyNotice().title);
    expect(html).not.toContain("Ai đã xem");
    expect(html).not.toContain("Chủ tịch UBND xã Quý Sơn");
  });
});
