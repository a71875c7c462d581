/**
 * "Chưa rõ" Zalo answers end to end in the worker (issue 17): a household whose Zalo membership is
 * unknown (null in the envelope) is accepted and stored as NULL, and the Zalo share on every link
 * is over the households with a known answer; a blank answer is still refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Rollup } from "../../worker/src/rollup/types";
import { parseCsv } from "../e2e/csv";
import { adminPost, call, communeToken, copy, db, type ErrorJson, envelope, pilot, seed, submit } from "./helpers";

const { quySon } = pilot();
let token: string;
let link: string;

beforeAll(async () => {
  await seed();
  token = await communeToken(quySon.unit_id);
  const wb = copy(quySon.workbook);
  wb.households.forEach((h, i) => {
    if (i % 5 === 0) h.in_zalo = null; // "Chưa rõ"
  });
  const res = await submit(envelope(quySon, wb), token);
  expect(res.status, await res.clone().text()).toBe(201);
  const l = await adminPost("/links", { unit_id: quySon.unit_id, scope: "detail", label: "zalo" });
  link = ((await l.json()) as { token: string }).token;
});

describe("households whose Zalo membership is not known", () => {
  it("are stored as unknown (NULL), not as 'no'", async () => {
    const rows = (
      await db()
        .prepare("SELECT household_code, in_zalo FROM households WHERE commune_id = ? ORDER BY household_code")
        .bind(quySon.unit_id)
        .all<{
          household_code: string;
          in_zalo: number | null;
        }>()
    ).results;
    const want = new Map(quySon.workbook.households.map((h, i) => [h.household_code, i % 5 === 0 ? null : h.in_zalo ? 1 : 0]));
    expect(rows).toHaveLength(want.size);
    for (const r of rows) expect(r.in_zalo, r.household_code).toBe(want.get(r.household_code));
    expect(rows.filter((r) => r.in_zalo === null).length).toBeGreaterThan(10);
  });

  it("leave the Zalo share over the known answers, on the page, in JSON and in CSV", async () => {
    const hh = quySon.workbook.households.filter((h) => quySon.workbook.teams.some((t) => t.team_code === h.team_code));
    const known = hh.filter((_, i) => i % 5 !== 0);
    const yes = known.filter((h) => h.in_zalo).length;
    const period = "2022-Q2"; // every pilot team is active
    const r = (await (await call(`/r/${link}.json?period=${period}`)).json()) as Rollup;
    expect(r.totals.register).toMatchObject({
      households: hh.length,
      zalo_households: yes,
      zalo_known: known.length,
      zalo_pct: Math.round((1000 * yes) / known.length) / 10,
    });
    const html = await (await call(`/r/${link}?period=${period}`)).text();
    expect(html).toContain(`${hh.length - known.length} hộ chưa rõ`);
    const csv = parseCsv(await (await call(`/r/${link}.csv?period=${period}`)).text());
    const col = csv[0]!.indexOf("Hộ chưa rõ tham gia Zalo");
    expect(col).toBeGreaterThan(0);
    expect(csv.slice(1).reduce((n, row) => n + Number(row[col]), 0)).toBe(hh.length - known.length);
  });

  it("still refuses a blank answer: unknown is said, not left out", async () => {
    const wb = copy(quySon.workbook);
    (wb.households[0] as { in_zalo: unknown }).in_zalo = "";
    const res = await submit(envelope(quySon, wb), token);
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.details).toContainEqual(
      expect.objectContaining({ sheet: "households", column: "in_zalo", code: "required", message_vi: 'Chưa nhập "Tham gia nhóm Zalo".' }),
    );
  });
});
