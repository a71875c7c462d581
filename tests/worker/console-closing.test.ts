/**
 * The district accepts or reopens a closed period in the console ("Chốt số liệu", /admin/chot): an
 * operator whose unit covers the commune may; a viewer, an operator of another unit and a cross-site
 * form may not (403, nothing written). After acceptance the commune's own reopen is refused; the
 * operator's reopen goes through. Each act is in the audit log with the operator's e-mail.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { form, page, signIn, text } from "./console-helpers";
import { adminPost, communeToken, type ErrorJson, importPilot, PILOT, pilot, post, seed } from "./helpers";

const { quySon } = pilot();
let token = "";
const state = async () =>
  (await env.DB.prepare("SELECT state FROM period_closings WHERE commune_id = ? AND period = '2022-09'")
    .bind(PILOT.quySon)
    .first<string>("state")) ?? null;
const act = (action: string, cookie: string, origin?: string | null) =>
  form("/admin/chot", { commune: PILOT.quySon, period: "2022-09", action }, cookie, origin);

beforeAll(async () => {
  await seed();
  await importPilot([quySon]);
  token = await communeToken(PILOT.quySon);
  expect((await post("/api/closings", { period: "2022-09", closed_by: "Văn thư xã" }, token)).status).toBe(201);
  await adminPost("/operators", { email: "a@lucngan.gov.vn", role: "operator", unit_id: PILOT.lucNgan });
  await adminPost("/operators", { email: "xem@lucngan.gov.vn", role: "viewer", unit_id: PILOT.lucNgan });
  await adminPost("/operators", { email: "hg@honggiang.gov.vn", role: "operator", unit_id: PILOT.hongGiang });
});

describe("Chốt số liệu in the console", () => {
  it.each([
    ["a viewer of the district", "xem@lucngan.gov.vn", undefined],
    ["an operator of another commune", "hg@honggiang.gov.vn", undefined],
    ["a form from another site", "a@lucngan.gov.vn", "https://evil.example"],
  ])("%s cannot accept: 403, nothing written", async (_who, email, origin) => {
    const cookie = await signIn(email); // signing in is audited itself
    const before = await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<number>("n");
    const res = await act("accept", cookie, origin);
    expect(res.status).toBe(403);
    expect(await state()).toBe("closed");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<number>("n")).toBe(before);
  });

  it("the district's operator sees the closed month, accepts it; the commune can no longer reopen; the operator can", async () => {
    const cookie = await signIn("a@lucngan.gov.vn");
    const list = text(await (await page("/admin/chot", cookie)).text());
    expect(list).toContain("Xã Quý Sơn");
    expect(list).toContain("Văn thư xã");
    expect(list).toContain("Đã chốt");

    expect((await act("accept", cookie)).status).toBe(303);
    expect(await state()).toBe("accepted");
    expect(text(await (await page("/admin/chot", cookie)).text())).toContain("Đã chấp nhận");

    const refused = await post("/api/closings/reopen", { period: "2022-09" }, token);
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as ErrorJson;
    expect(body.error.code).toBe("period_accepted");
    expect(body.error.message).toContain("huyện");

    expect((await act("reopen", cookie)).status).toBe(303);
    expect(await state()).toBe("reopened");
    const audit = await env.DB.prepare(
      "SELECT actor, action FROM audit_log WHERE action IN ('period.accept', 'period.reopen') ORDER BY id",
    ).all();
    expect(audit.results).toEqual([
      { actor: "a@lucngan.gov.vn", action: "period.accept" },
      { actor: "a@lucngan.gov.vn", action: "period.reopen" },
    ]);
  });
});
