/**
 * The roll-out through the console, in workerd: setup sheets issue tokens (each sheet's connection
 * code reads back and works), a reprint rotates (the old token is refused, and the refusal shows on
 * the week with its code), revoking stops a commune; the week page tells submitted / partial / never
 * and writes the Zalo reminders with the deadline; links are created, counted, expired and revoked;
 * the audit log downloads as formula-safe CSV.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { parseConnectionCode } from "../../shared/contract";
import { isoWeekKey, todayVi, weeklyDeadline } from "../../shared/periods";
import { hashToken } from "../../worker/src/auth/tokens";
import { deadlineDayVi } from "../../worker/src/rollout/reminders";
import { form, loadNational, NATIONAL, page, signIn, text, thisWeekWorkbook } from "./console-helpers";
import { adminPost, call, envelope, submit } from "./helpers";

const BAC_NINH = "P:24@2025-07-01";
const bn = NATIONAL.filter((u) => u.level === "commune" && u.parent_id === BAC_NINH).slice(0, 3);
let op: string;

/** Rows the worker writes after answering (waitUntil): wait until they are there. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 40));
  }
  return read();
}

const codesOf = (html: string) =>
  [...html.matchAll(/<div class="code" data-connection-code="true">([^<]+)<\/div>/g)].map((m) => m[1]!.trim());
const tokenOf = (code: string) => {
  const r = parseConnectionCode(code);
  if (!r.ok) throw new Error(r.message);
  return r.connection;
};

beforeAll(async () => {
  await loadNational();
  await adminPost("/commune-records", { records: bn.map((u, i) => ({ unit_id: u.id, clerk_email: `xa${i}@bacninh.gov.vn` })) });
  await adminPost("/operators", { email: "tk@bacninh.gov.vn", role: "operator", unit_id: BAC_NINH });
  op = await signIn("tk@bacninh.gov.vn");
});

describe("setup sheets, tokens, the week", () => {
  const tokens = new Map<string, string>();

  it("issues a token per commune on its own A4 sheet; the connection codes read back; a second issue skips them", async () => {
    const choose = await (await page("/admin/phieu", op)).text();
    expect(choose.match(/type="checkbox" name="xa" value="[^"]+" checked=""/g)).toHaveLength(3);
    const res = await form("/admin/phieu", { xa: bn.map((u) => u.id), viec: "issue" }, op);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/<section class="sheet"/g)).toHaveLength(3);
    expect(html.match(/<svg [^>]*class="qr"/g)).toHaveLength(3);
    expect(html).toContain("@page { size: A4;");
    const codes = codesOf(html);
    expect(codes).toHaveLength(3);
    for (const [i, code] of codes.entries()) {
      const c = tokenOf(code);
      expect(c.worker_url).toBe("http://127.0.0.1:8787");
      const unit = bn.find((u) => u.code === c.commune_code)!;
      tokens.set(unit.id, c.token);
      const row = await env.DB.prepare("SELECT unit_id, revoked_at FROM tokens WHERE token_hash = ?")
        .bind(await hashToken(c.token))
        .first();
      expect(row, `token of sheet ${i}`).toEqual({ unit_id: unit.id, revoked_at: null });
    }
    const audit = await env.DB.prepare("SELECT actor, count(*) AS n FROM audit_log WHERE action = 'token.issue' GROUP BY actor").all();
    expect(audit.results).toEqual([{ actor: "tk@bacninh.gov.vn", n: 3 }]);
    const again = text(await (await form("/admin/phieu", { xa: bn[0]!.id, viec: "issue" }, op)).text());
    expect(again).toContain("Bỏ qua 1 xã");
    expect(again).toContain("Đã có mã đang dùng");
  });

  it("the week: submitted, partial, never — with reminders that carry the deadline", async () => {
    const wb0 = thisWeekWorkbook(bn[0]!.code, bn[0]!.name, 2);
    const ok = await submit(envelope({ commune_code: bn[0]!.code, commune_name: bn[0]!.name }, wb0), tokens.get(bn[0]!.id)!);
    expect(ok.status, await ok.clone().text()).toBe(201);
    const wb1 = thisWeekWorkbook(bn[1]!.code, bn[1]!.name, 2, 1);
    expect((await submit(envelope({ commune_code: bn[1]!.code, commune_name: bn[1]!.name }, wb1), tokens.get(bn[1]!.id)!)).status).toBe(
      201,
    );

    const html = await (await page("/admin/tuan", op)).text();
    const state = (id: string) => new RegExp(`data-unit="${id}" data-state="(\\w+)"`).exec(html)?.[1];
    expect([state(bn[0]!.id), state(bn[1]!.id), state(bn[2]!.id)]).toEqual(["submitted", "partial", "never"]);
    const t = text(html);
    const week = isoWeekKey(todayVi());
    const day = deadlineDayVi(weeklyDeadline(week));
    expect(t).toContain(`Hạn nộp báo cáo tuần: hết ngày ${day}`);
    const all = /<textarea id="nhac-tat-ca"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!;
    expect(all).toContain("còn 2 xã chưa nộp đủ báo cáo Tuần");
    expect(all).toContain(`${bn[1]!.name}: còn thiếu 1/2 tổ (Tổ ${wb1.teams[1]!.team_code})`);
    expect(all).toContain(`${bn[2]!.name}: chưa gửi dữ liệu lần nào`);
    expect(all).not.toContain(bn[0]!.name);
    expect(all).toMatch(new RegExp(`Hạn nộp(:| đã qua \\()? ?(hết ngày )?${day.replace(/\//g, "\\/")}`));
    const one = /<textarea id="nhac-([0-9]{5})"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)!;
    expect(one[1]).toBe(bn[1]!.code);
    expect(one[2]).toContain(`của 1/2 tổ: Tổ ${wb1.teams[1]!.team_code}`);
  });

  it("a reprint rotates the token: the old one is refused, and the refusal shows on the week with its code", async () => {
    const old = tokens.get(bn[0]!.id)!;
    const res = await form("/admin/phieu", { xa: bn[0]!.id, viec: "rotate" }, op);
    const fresh = tokenOf(codesOf(await res.text())[0]!).token;
    expect(fresh).not.toBe(old);
    const wb = thisWeekWorkbook(bn[0]!.code, bn[0]!.name, 2);
    expect((await submit(envelope({ commune_code: bn[0]!.code, commune_name: bn[0]!.name }, wb), old)).status).toBe(401);
    const logged = await eventually(
      () => env.DB.prepare("SELECT commune_id, code, reason, status FROM submission_refusals").all(),
      (r) => r.results.length > 0,
    );
    expect(logged.results).toEqual([{ commune_id: bn[0]!.id, code: "unauthorized", reason: "revoked", status: 401 }]);
    expect((await submit(envelope({ commune_code: bn[0]!.code, commune_name: bn[0]!.name }, wb), fresh)).status).toBe(201);
    const week = text(await (await page("/admin/tuan", op)).text());
    expect(week).toContain("unauthorized: mã truy cập không dùng được, mã đã bị thu hồi");
  });

  it("revoking stops a commune at once", async () => {
    const res = await form("/admin/xa/thu-hoi", { xa: bn[1]!.id, "don-vi": BAC_NINH }, op);
    expect(res.status).toBe(303);
    const wb = thisWeekWorkbook(bn[1]!.code, bn[1]!.name, 2);
    expect((await submit(envelope({ commune_code: bn[1]!.code, commune_name: bn[1]!.name }, wb), tokens.get(bn[1]!.id)!)).status).toBe(401);
    const list = text(await (await page(res.headers.get("location")!, op)).text());
    expect(list).toContain("Đã thu hồi 1 mã.");
  });
});

describe("links and the audit log", () => {
  it("creates a link shown once, counts its accesses, changes its end, revokes it", async () => {
    const refused = await form("/admin/duong-dan", { "don-vi": BAC_NINH, loai: "detail", nhan: "Chi tiết tỉnh" }, op);
    expect(refused.status).toBe(422);
    expect(text(await refused.text())).toContain("Đường dẫn chi tiết (có danh sách hộ) chỉ tạo cho một xã, phường");
    expect((await form("/admin/duong-dan", { "don-vi": BAC_NINH, loai: "aggregate", nhan: "x", "het-han": "2020-01-01" }, op)).status).toBe(
      422,
    );

    const res = await form("/admin/duong-dan", { "don-vi": BAC_NINH, loai: "aggregate", nhan: "Thường trực Tỉnh ủy" }, op);
    expect(res.status).toBe(201);
    const url = /<textarea id="new-link"[^>]*>([^<]+)<\/textarea>/.exec(await res.text())![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/r\/dvl_[0-9a-f]{32}$/);
    const path = new URL(url).pathname;
    expect((await call(path)).status).toBe(200);
    const hash = await hashToken(path.slice(3));
    const counted = await eventually(
      async () => text(await (await page("/admin/duong-dan", op)).text()),
      (t) => !t.includes("chưa ai xem"),
    );
    expect(counted).toMatch(/Thường trực Tỉnh ủy .*đang dùng không 1 \d\d\/\d\d\/\d{4} \d\d:\d\d/);

    expect((await form("/admin/duong-dan/han", { ma: hash, "het-han": "2030-12-31" }, op)).status).toBe(303);
    expect(await env.DB.prepare("SELECT expires_at FROM tokens WHERE token_hash = ?").bind(hash).first("expires_at")).toBe(
      "2030-12-31T17:00:00.000Z",
    );
    expect((await form("/admin/duong-dan/thu-hoi", { ma: hash }, op)).status).toBe(303);
    expect((await call(path)).status).toBe(404);
    const actions = await env.DB.prepare(
      "SELECT action FROM audit_log WHERE action LIKE 'link.%' AND actor = 'tk@bacninh.gov.vn' ORDER BY id",
    ).all();
    expect(actions.results.map((r) => r.action)).toEqual(["link.create", "link.expiry", "link.revoke"]);
  });

  it("filters the audit log and downloads it as CSV with a BOM, formulas neutralised", async () => {
    await env.DB.prepare("INSERT INTO audit_log (at, actor, action, unit_id, detail) VALUES (?, ?, 'token.revoke', ?, '{}')")
      .bind(new Date().toISOString(), '=HYPERLINK("http://x","bấm")', bn[2]!.id)
      .run();
    const html = await (await page("/admin/nhat-ky?viec=link", op)).text();
    const shown = [...html.matchAll(/<tr data-action="([^"]+)"/g)].map((m) => m[1]);
    expect(shown).toEqual(["link.revoke", "link.expiry", "link.create"]);
    const res = await page("/admin/nhat-ky.csv?viec=token", op);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const raw = new Uint8Array(await res.arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(raw);
    expect(csv.split("\r\n")[0]).toBe('"Thời điểm","Người thực hiện","Việc","Mã việc","Đơn vị","Mã đơn vị","Chi tiết"');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""bấm"")","Thu hồi mã","token.revoke"`);
    expect(csv).toContain('"tk@bacninh.gov.vn","Đổi mã gửi báo cáo","token.rotate"');
  });
});
