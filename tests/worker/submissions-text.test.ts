/** Text as clerks type it: decomposed Vietnamese is stored composed (NFC); formula-like text verbatim. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { communeToken, copy, envelope, pilot, seed, submit } from "./helpers";

describe("text in submissions", () => {
  const { hongGiang } = pilot();
  let token: string;
  beforeAll(async () => {
    await seed();
    token = await communeToken(hongGiang.unit_id);
  });

  it("stores NFD names as NFC and formula-like text exactly as typed", async () => {
    const wb = copy(hongGiang.workbook);
    const head = "Nguyễn Thị Hường";
    const formula = '=HYPERLINK("http://x")';
    wb.households[0]!.head_name = head.normalize("NFD");
    wb.households[0]!.note = formula;
    wb.weekly[0]!.difficulties = "+SUM(A1:A9)";
    expect(wb.households[0]!.head_name).not.toBe(head);
    const res = await submit(envelope(hongGiang, wb), token);
    expect(res.status).toBe(201);
    const h = await env.DB.prepare("SELECT head_name, note FROM households WHERE commune_id = ? AND household_code = ?")
      .bind(hongGiang.unit_id, wb.households[0]!.household_code)
      .first<{ head_name: string; note: string }>();
    expect(h).toEqual({ head_name: head, note: formula });
    const w = await env.DB.prepare("SELECT difficulties FROM weekly_reports WHERE commune_id = ? AND team_code = ? AND week = ?")
      .bind(hongGiang.unit_id, wb.weekly[0]!.team_code, wb.weekly[0]!.week)
      .first<string>("difficulties");
    expect(w).toBe("+SUM(A1:A9)");
  });
});
