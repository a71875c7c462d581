/** The admin API: the secret guards it; units, tokens, links, revocation and the history import. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../worker/src/auth/tokens";
import { getUnit, unitOfRow } from "../../worker/src/db/units";
import {
  ADMIN,
  adminPost,
  communeToken,
  count,
  type ErrorJson,
  envelope,
  PILOT,
  pilot,
  post,
  receiptOf,
  seed,
  snapshot,
  submit,
} from "./helpers";

const errorOf = async (res: Response) => ((await res.json()) as ErrorJson).error;

describe("admin API", () => {
  const { quySon, hongGiang } = pilot();
  beforeAll(seed);

  it("refuses a missing or wrong secret, and commune tokens, with 401 and writes nothing", async () => {
    const commune = await communeToken(quySon.unit_id);
    const before = await snapshot();
    const body = { unit_id: quySon.unit_id };
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong-secret-of-good-length" },
      { authorization: `Bearer ${commune}` },
      { authorization: `Basic ${btoa(`admin:${ADMIN}`)}` },
      { authorization: `Bearer ${ADMIN}x` },
    ];
    // Each kind of attempt from its own client: one client's refusals are throttled (access-log.test.ts).
    for (const [i, auth] of attempts.entries()) {
      const headers = { ...auth, "cf-connecting-ip": `198.51.100.${i + 1}` };
      for (const path of ["/tokens", "/links", "/revoke", "/units", "/import"]) {
        const res = await post(`/api/admin${path}`, body, undefined, headers);
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect((await errorOf(res)).code).toBe("unauthorized");
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("validates bodies: 422 invalid_request with the field in details", async () => {
    const res = await adminPost("/links", { unit_id: quySon.unit_id, scope: "everything" });
    expect(res.status).toBe(422);
    const e = await errorOf(res);
    expect(e.code).toBe("invalid_request");
    expect(e.details).toEqual(expect.arrayContaining([expect.objectContaining({ column: "scope" })]));
    expect((await adminPost("/tokens", { unit_id: quySon.unit_id, extra: 1 })).status).toBe(422);
    expect((await post("/api/admin/tokens", "{nope", ADMIN)).status).toBe(400);
    expect(
      (await post("/api/admin/tokens", JSON.stringify({ unit_id: quySon.unit_id }), ADMIN, { "content-type": "text/plain" })).status,
    ).toBe(415);
  });

  it("issues a commune token shown once and stored only as a hash", async () => {
    const res = await adminPost("/tokens", { unit_id: PILOT.phuongSon, label: "Văn phòng phường" });
    expect(res.status).toBe(201);
    const { token, unit_id } = (await res.json()) as { token: string; unit_id: string };
    expect(unit_id).toBe(PILOT.phuongSon);
    expect(token).toMatch(/^dvc_[0-9a-f]{32}$/);
    const row = await env.DB.prepare("SELECT * FROM tokens WHERE token_hash = ?")
      .bind(await hashToken(token))
      .first();
    expect(row).toMatchObject({ kind: "commune", scope: "write", unit_id: PILOT.phuongSon, label: "Văn phòng phường", revoked_at: null });
    expect(JSON.stringify(await env.DB.prepare("SELECT * FROM tokens").all())).not.toContain(token);
  });

  it("refuses a write token for a commune that has ended, unless asked for late corrections (audited)", async () => {
    // Xã Quý Sơn of huyện Lục Ngạn ended on 1 January 2025 (it moved to the new thị xã Chũ).
    const before = await snapshot();
    const res = await adminPost("/tokens", { unit_id: quySon.unit_id, label: "Văn phòng xã" });
    expect(res.status).toBe(422);
    const e = await errorOf(res);
    expect(e.code).toBe("unit_ended");
    expect(e.message).toContain("01/01/2025");
    expect(await snapshot()).toEqual(before);
    const late = await adminPost("/tokens", { unit_id: quySon.unit_id, label: "Sửa số liệu cũ", late_corrections: true });
    expect(late.status).toBe(201);
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'token.create' ORDER BY id DESC LIMIT 1").first<string>(
      "detail",
    );
    expect(JSON.parse(audit!)).toMatchObject({ late_corrections: true, unit_valid_to: "2025-01-01" });
    // Read-only links to an ended commune's history are still issued.
    expect((await adminPost("/links", { unit_id: quySon.unit_id, scope: "detail" })).status).toBe(201);
  });

  it("refuses tokens for unknown units and for units of the wrong level", async () => {
    const unknown = await adminPost("/tokens", { unit_id: "C:00000@2000-01-01" });
    expect([unknown.status, (await errorOf(unknown)).code]).toEqual([404, "unit_not_found"]);
    const district = await adminPost("/tokens", { unit_id: PILOT.lucNgan });
    expect([district.status, (await errorOf(district)).code]).toEqual([422, "unit_level_not_allowed"]);
    const detail = await adminPost("/links", { unit_id: PILOT.lucNgan, scope: "detail" });
    expect(detail.status).toBe(422);
  });

  it("issues links: district aggregate and commune detail, with page, JSON and CSV addresses", async () => {
    const res = await adminPost("/links", { unit_id: PILOT.lucNgan, scope: "aggregate", label: "Huyện" });
    expect(res.status).toBe(201);
    const link = (await res.json()) as { token: string; url: string; json_url: string; csv_url: string };
    expect(link.token).toMatch(/^dvl_[0-9a-f]{32}$/);
    expect(link.url).toBe(`${env.PUBLIC_BASE_URL}/r/${link.token}`);
    expect(link.json_url).toBe(`${link.url}.json`);
    expect(link.csv_url).toBe(`${link.url}.csv`);
    const row = await env.DB.prepare("SELECT kind, scope, unit_id FROM tokens WHERE token_hash = ?")
      .bind(await hashToken(link.token))
      .first();
    expect(row).toEqual({ kind: "link", scope: "aggregate", unit_id: PILOT.lucNgan });
    const detail = await adminPost("/links", { unit_id: hongGiang.unit_id, scope: "detail", expires_at: "2099-01-01T00:00:00+07:00" });
    expect(detail.status).toBe(201);
    const past = await adminPost("/links", { unit_id: hongGiang.unit_id, scope: "detail", expires_at: "2001-01-01T00:00:00Z" });
    expect(past.status).toBe(422);
  });

  it("revokes a token (idempotent; 404 for an unknown one) and looks tokens up", async () => {
    const token = await communeToken(hongGiang.unit_id);
    const first = await adminPost("/revoke", { token });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ revoked: true, already_revoked: false, unit_id: hongGiang.unit_id });
    const again = await adminPost("/revoke", { token });
    expect(await again.json()).toMatchObject({ revoked: true, already_revoked: true });
    expect((await adminPost("/revoke", { token: `dvc_${"1".repeat(32)}` })).status).toBe(404);
    const info = await (await adminPost("/tokens/lookup", { token })).json();
    expect(info).toMatchObject({ kind: "commune", unit_id: hongGiang.unit_id, active: false });
    expect(info).not.toHaveProperty("token_hash");
  });

  it("upserts units and refuses invalid ones", async () => {
    const unit = unitOfRow((await getUnit(env.DB, quySon.unit_id))!);
    const res = await adminPost("/units", { units: [{ ...unit, name: "Quý Sơn (sửa)" }] });
    expect(res.status).toBe(200);
    expect(await env.DB.prepare("SELECT name FROM units WHERE id = ?").bind(quySon.unit_id).first("name")).toBe("Quý Sơn (sửa)");
    const bad = await adminPost("/units", { units: [{ ...unit, level: "galaxy" }] });
    expect([bad.status, (await errorOf(bad)).code]).toEqual([422, "invalid_request"]);
    const orphan = await adminPost("/units", { units: [{ ...unit, id: "C:99999@2020-01-01", code: "99999", parent_id: "D:nowhere" }] });
    expect([orphan.status, (await errorOf(orphan)).code]).toEqual([422, "invalid_units"]);
    expect((await adminPost("/units", { units: [unit] })).status).toBe(200);
  });

  it("imports history as the admin, keeping the original received_at, recorded in audit_log", async () => {
    const e = envelope(hongGiang, hongGiang.workbook);
    const receivedAt = "2022-10-31T10:00:00.000Z";
    const res = await adminPost("/import", { commune_id: hongGiang.unit_id, received_at: receivedAt, envelope: e });
    expect(res.status).toBe(201);
    const receipt = await receiptOf(res);
    expect(receipt.received_at).toBe(receivedAt);
    expect(receipt.counts.weekly.inserted).toBe(hongGiang.workbook.weekly.length);
    expect(
      await env.DB.prepare("SELECT DISTINCT first_received_at FROM weekly_reports WHERE commune_id = ?").bind(hongGiang.unit_id).all(),
    ).toMatchObject({ results: [{ first_received_at: receivedAt }] });
    const audit = await env.DB.prepare("SELECT actor, action, detail FROM audit_log WHERE action = 'import'").first<{
      actor: string;
      detail: string;
    }>();
    expect(audit?.actor).toBe("admin");
    expect(JSON.parse(audit!.detail)).toMatchObject({
      submission_id: e.submission_id,
      received_at: receivedAt,
      received_at_override: true,
    });
    // Sent again: the stored receipt, nothing written.
    const n = await count("submissions");
    const again = await adminPost("/import", { commune_id: hongGiang.unit_id, received_at: receivedAt, envelope: e });
    expect(again.status).toBe(200);
    expect((await receiptOf(again)).duplicate).toBe(true);
    expect(await count("submissions")).toBe(n);
    // The envelope must be the commune's own.
    const other = await adminPost("/import", { commune_id: quySon.unit_id, envelope: e });
    expect([other.status, (await errorOf(other)).code]).toEqual([403, "commune_mismatch"]);
    const future = await adminPost("/import", { commune_id: hongGiang.unit_id, received_at: "2999-01-01T00:00:00Z", envelope: e });
    expect(future.status).toBe(422);
  });

  it("an imported commune can then submit with its own token", async () => {
    const token = await communeToken(hongGiang.unit_id);
    const res = await submit(envelope(hongGiang, hongGiang.workbook), token);
    expect(res.status).toBe(201);
    const receipt = await receiptOf(res);
    expect(receipt.counts.households.unchanged).toBe(hongGiang.workbook.households.length);
  });
});
