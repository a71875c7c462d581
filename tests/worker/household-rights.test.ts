/**
 * A household's rights from the console (/admin/ho): export everything stored about it, and erase it
 * on request. After the erasure the head's name and birth year are found nowhere — every D1 table
 * and every stored payload searched — while the figures stay the same; a later submission that still
 * holds the household is accepted with a warning to the clerk. Refusals write nothing: another
 * commune's household (403), an unknown code (404), a viewer (403), a cross-site form (CSRF, 403).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { ERASED_HOUSEHOLD_WARNING } from "../../shared/privacy";
import type { Workbook } from "../../shared/schemas";
import { form, page, signIn, text } from "./console-helpers";
import { adminPost, call, communeToken, copy, envelope, PILOT, pilot, receiptOf, seed, submit } from "./helpers";

const NAME = "Vi Thị Xoaxoa";
const YEAR = 1901;
const { quySon, hongGiang } = pilot();
const CODE = String(quySon.workbook.households[0]!.household_code);

/** Quý Sơn's workbook with the planted household: name, birth year, ethnicity, a note; its change and an ad-hoc report name the head. */
function planted(people: number): Workbook {
  const wb = copy(quySon.workbook);
  const h = wb.households[0]!;
  Object.assign(h, { head_name: NAME, birth_year: YEAR, ethnicity: "Sán Dìu", note: `Bà ${NAME} ở một mình` });
  const change = wb.changes[0]!;
  Object.assign(change, { household_code: CODE, people, note: `Con bà ${NAME} chuyển đến` });
  wb.adhoc[0]!.content = `Tổ đến thăm hộ bà ${NAME}.`;
  return wb;
}

/**
 * Every value stored anywhere (JSON text opened up), as [table, text] — hashes and ids left out (hex
 * could hold "1901"): every D1 table, and every object in the payloads bucket (R2) as table "r2".
 */
async function everything(): Promise<[string, string][]> {
  const tables = (
    await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'").all<{
      name: string;
    }>()
  ).results.map((t) => t.name);
  const out: [string, string][] = [];
  const walk = (table: string, v: unknown): void => {
    if (v === null || v === undefined) return;
    if (typeof v === "number") out.push([table, String(v)]);
    else if (typeof v === "string") {
      if (/^[\p{L}]*[_:]?[0-9a-f-]{12,}$/iu.test(v)) return;
      try {
        const parsed = JSON.parse(v) as unknown;
        if (parsed && typeof parsed === "object") {
          walk(table, parsed);
          return;
        }
      } catch {}
      out.push([table, v]);
    } else if (typeof v === "object") for (const x of Object.values(v as object)) walk(table, x);
  };
  for (const t of tables) for (const row of (await env.DB.prepare(`SELECT * FROM "${t}"`).all()).results) walk(t, row);
  let cursor: string | undefined;
  do {
    const list = await env.PAYLOADS.list(cursor ? { cursor } : {});
    for (const o of list.objects) walk("r2", await (await env.PAYLOADS.get(o.key))!.text());
    cursor = list.truncated ? list.cursor : undefined;
  } while (cursor);
  return out;
}
const found = async () => (await everything()).filter(([, v]) => v.includes(NAME) || v === String(YEAR)).map(([t]) => t);

/** The stored data per table: the sign-ins' own rows (operators' last sign-in, the access log) left out. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string[]> = {};
  for (const [t, v] of await everything()) {
    if (t === "operators" || t === "access_log") continue;
    const list = out[t] ?? [];
    list.push(v);
    out[t] = list;
  }
  return Object.fromEntries(Object.entries(out).map(([t, v]) => [t, v.join("\u0000")]));
}

describe("a household's export and erasure", () => {
  let district = "";
  let cookie = "";
  const figures = async () => {
    const out: string[] = [];
    for (const period of ["2022-W10", "2022-03", "2022-Q1", "2022-H1", "2022", "P2"]) {
      out.push(await (await call(`/r/${district}.json?period=${period}&mode=as_was`)).text());
      out.push(await (await call(`/r/${district}.csv?period=${period}&mode=as_was&commune=${encodeURIComponent(PILOT.quySon)}`)).text());
    }
    return out;
  };

  beforeAll(async () => {
    await seed();
    for (const [at, people] of [
      ["2023-03-01T03:00:00.000Z", 2],
      ["2023-06-01T03:00:00.000Z", 3],
    ] as const) {
      const res = await adminPost("/import", { commune_id: quySon.unit_id, received_at: at, envelope: envelope(quySon, planted(people)) });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    expect((await submit(envelope(hongGiang, hongGiang.workbook), await communeToken(hongGiang.unit_id))).status).toBe(201);
    district = ((await (await adminPost("/links", { unit_id: PILOT.lucNgan, scope: "aggregate" })).json()) as { token: string }).token;
    for (const [email, role, unit_id] of [
      ["ho@lucngan.gov.vn", "operator", PILOT.lucNgan],
      ["xa@hongGiang.gov.vn", "operator", PILOT.hongGiang],
      ["xem@lucngan.gov.vn", "viewer", PILOT.lucNgan],
    ]) {
      expect((await adminPost("/operators", { email, role, unit_id })).status).toBeLessThan(300);
    }
    cookie = await signIn("ho@lucngan.gov.vn");
  }, 60_000);

  it("exports everything stored about the household: a readable page and JSON", async () => {
    const q = `xa=${encodeURIComponent(PILOT.quySon)}&ma=${CODE}`;
    const res = await page(`/admin/ho?${q}`, cookie);
    expect(res.status).toBe(200);
    const t = text(await res.text());
    expect(t).toContain(NAME);
    expect(t).toContain(String(YEAR));
    expect(t).toContain("Các bản gửi có hộ này (2)");
    const json = await page(`/admin/ho.json?${q}`, cookie);
    expect(json.headers.get("content-disposition")).toContain(`ho-${CODE}.json`);
    const rec = (await json.json()) as Record<string, any>;
    expect(rec.register).toMatchObject({ household_code: CODE, head_name: NAME, birth_year: YEAR, ethnicity: "Sán Dìu" });
    expect(rec.changes).toHaveLength(1);
    expect(rec.revisions).toHaveLength(1); // the first version of the change (2 people)
    expect(rec.revisions[0].data.people).toBe(2);
    expect(rec.submissions.map((s: { households: unknown[] }) => s.households.length)).toEqual([1, 1]);
    const audit = await env.DB.prepare("SELECT actor, detail FROM audit_log WHERE action = 'household.export'").all();
    expect(audit.results).toEqual([{ actor: "ho@lucngan.gov.vn", detail: JSON.stringify({ household_code: CODE }) }]);
  });

  it("refuses, writing nothing: another commune's operator (403), a viewer (403), an unknown code (404), a cross-site form (403), a wrong confirmation (422)", async () => {
    const other = await signIn("xa@hongGiang.gov.vn");
    const viewer = await signIn("xem@lucngan.gov.vn");
    const before = await snapshot();
    const body = { xa: PILOT.quySon, ma: CODE, "xac-nhan": CODE };
    expect((await form("/admin/ho/xoa", body, other)).status).toBe(403);
    expect((await page(`/admin/ho.json?xa=${encodeURIComponent(PILOT.quySon)}&ma=${CODE}`, other)).status).toBe(403);
    expect((await page(`/admin/ho?xa=${encodeURIComponent(PILOT.quySon)}&ma=${CODE}`, viewer)).status).toBe(403);
    expect((await form("/admin/ho/xoa", body, viewer)).status).toBe(403);
    expect((await form("/admin/ho/xoa", { ...body, ma: "KHONGCO", "xac-nhan": "KHONGCO" }, cookie)).status).toBe(404);
    expect((await page(`/admin/ho?xa=${encodeURIComponent(PILOT.quySon)}&ma=KHONGCO`, cookie)).status).toBe(404);
    expect((await form("/admin/ho/xoa", body, cookie, "https://evil.example")).status).toBe(403);
    expect((await form("/admin/ho/xoa", { ...body, "xac-nhan": "sai" }, cookie)).status).toBe(422);
    expect(await snapshot()).toEqual(before);
  }, 30_000);

  it("erases: name and birth year nowhere in D1 or any payload object in R2, figures unchanged, the act audited without them", async () => {
    // The payloads are in R2 now (worker/src/db/payloads.ts): the "r2" objects carry the name, not the submissions table.
    expect(new Set(await found())).toEqual(new Set(["households", "changes", "revisions", "adhoc_reports", "r2"]));
    const past = await figures();
    const res = await form("/admin/ho/xoa", { xa: PILOT.quySon, ma: CODE, "xac-nhan": CODE }, cookie);
    expect(res.status).toBe(200);
    expect(text(await res.text())).toContain(`Đã xóa dữ liệu cá nhân của hộ ${CODE}`);
    expect(await found()).toEqual([]);
    expect(await figures()).toEqual(past);
    const row = await env.DB.prepare("SELECT * FROM households WHERE commune_id = ? AND household_code = ?")
      .bind(PILOT.quySon, CODE)
      .first();
    expect(row).toMatchObject({ members_count: quySon.workbook.households[0]!.members_count, ethnicity: null, note: null });
    const audit = await env.DB.prepare("SELECT actor, detail FROM audit_log WHERE action = 'household.erase'").all<{ detail: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]!.detail).not.toContain("Xoaxoa");
    expect(JSON.parse(audit.results[0]!.detail)).toEqual({ household_code: CODE, payloads: 2 });
  }, 30_000);

  it("a later submission still holding the household is accepted and the clerk is told", async () => {
    const res = await submit(envelope(quySon, planted(3)), await communeToken(quySon.unit_id));
    expect(res.status).toBe(201);
    const receipt = await receiptOf(res);
    const w = receipt.warnings.find((i) => i.code === "household_erased");
    expect(w).toMatchObject({ sheet: "households", column: "head_name", severity: "warning" });
    expect(w!.message_vi).toContain(ERASED_HOUSEHOLD_WARNING);
    expect(w!.message_vi).toContain(CODE);
  });
});
