/**
 * The console's pages that read commune data, with shards: the week's status, a household's export and
 * erasure (worker/src/privacy) and the audit, for communes of two provinces whose data is in DB_24 and
 * DB_20 while their records, tokens and the operators are in the control database.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Workbook } from "../../shared/schemas";
import { form, page, signIn, text, thisWeekWorkbook } from "../worker/console-helpers";
import { adminPost, communeToken, envelope, submit } from "../worker/helpers";
import { BAC_NINH, LANG_SON, LS, post, TEST_UNITS } from "./helpers";

const SENT = [BAC_NINH[0]!, LS[0]!];
const workbooks = new Map<string, Workbook>();
let cookie = "";

beforeAll(async () => {
  expect((await post("shards", "/api/admin/units", { units: TEST_UNITS })).status).toBe(200);
  const records = [...SENT, LS[1]!].map((u) => ({ unit_id: u.id, clerk_email: `xa${u.code}@example.gov.vn` }));
  expect((await adminPost("/commune-records", { records })).status).toBe(200);
  for (const u of SENT) {
    const wb = thisWeekWorkbook(u.code, u.name, 2, u === LS[0] ? 1 : 2);
    workbooks.set(u.id, wb);
    const res = await submit(envelope({ commune_code: u.code, commune_name: u.name }, wb), await communeToken(u.id));
    expect(res.status, await res.clone().text()).toBe(201);
  }
  cookie = await signIn();
}, 60_000);

const state = (html: string, id: string) => new RegExp(`data-unit="${id}" data-state="([a-z_]+)"`).exec(html)?.[1];

describe("the console reads each commune's shard", () => {
  it("the week's status: each province's communes from their own shard", async () => {
    const ls = await (await page(`/admin/tuan?don-vi=${encodeURIComponent(LANG_SON)}`, cookie)).text();
    expect(state(ls, LS[0]!.id)).toBe("partial");
    expect(state(ls, LS[1]!.id)).toBe("never");
    const bn = await (await page(`/admin/tuan?don-vi=${encodeURIComponent(BAC_NINH[0]!.parent_id!)}`, cookie)).text();
    expect(state(bn, BAC_NINH[0]!.id)).toBe("submitted");
  });

  it("the commune list shows each commune's last submission, read from its shard", async () => {
    const res = await adminPost("/commune-records/query", { unit_ids: [...SENT, LS[1]!].map((u) => u.id) });
    const { records } = (await res.json()) as { records: { unit_id: string; last_submission_at: string | null }[] };
    const last = Object.fromEntries(records.map((r) => [r.unit_id, r.last_submission_at]));
    for (const u of SENT) {
      const shard = u.parent_id === LANG_SON ? env.DB_20 : env.DB_24;
      const at = await shard.prepare("SELECT max(received_at) AS at FROM submissions WHERE commune_id = ?").bind(u.id).first<string>("at");
      expect(at).not.toBeNull();
      expect(last[u.id]).toBe(at);
    }
    expect(last[LS[1]!.id]).toBeNull();
  });

  it("a household's export and erasure: read and changed in the commune's shard, audited there", async () => {
    const u = LS[0]!;
    const code = workbooks.get(u.id)!.households[0]!.household_code;
    const q = `xa=${encodeURIComponent(u.id)}&ma=${encodeURIComponent(code)}`;
    const exported = await page(`/admin/ho.json?${q}`, cookie);
    expect(exported.status).toBe(200);
    const rec = (await exported.json()) as { register: { household_code: string; head_name: string | null } };
    expect(rec.register.household_code).toBe(code);
    expect(rec.register.head_name).toBeTruthy();

    const erased = await form("/admin/ho/xoa", { xa: u.id, ma: code, "xac-nhan": code }, cookie);
    expect(erased.status).toBe(200);
    const name = rec.register.head_name!;
    const row = await env.DB_20.prepare("SELECT head_name FROM households WHERE commune_id = ? AND household_code = ?")
      .bind(u.id, code)
      .first<{ head_name: string }>();
    expect(row!.head_name).not.toBe(name);
    expect(row!.head_name).toContain("đã xóa");
    for (const [db, n] of [
      [env.DB_20, 2],
      [env.DB, 0],
      [env.DB_24, 0],
    ] as const) {
      const audit = await db
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('household.export', 'household.erase')")
        .first<number>("n");
      expect(audit).toBe(n);
    }
    // The households page lists the communes with a register from every shard.
    const list = text(await (await page("/admin/ho", cookie)).text());
    for (const c of SENT) expect(list).toContain(c.name);
  });

  it("the audit page merges the control database's rows and the shards'", async () => {
    const html = await (await page("/admin/nhat-ky", cookie)).text();
    const actions = [...html.matchAll(/<tr data-action="([^"]+)">/g)].map((m) => m[1]);
    expect(actions.filter((a) => a === "submission")).toHaveLength(2);
    expect(actions).toContain("household.erase");
    expect(actions).toContain("token.create");
    expect(actions).toContain("units.upsert");
    const t = text(html);
    for (const c of SENT) expect(t).toContain(c.name);
  });
});
