/**
 * A commune that no longer exists may still correct its past, not write its future: with a token
 * issued for late corrections (admin.test.ts), rows of periods after the unit's end (or before its
 * start) are refused on their cells and nothing is written; rows inside are accepted and the receipt
 * says the unit has ended.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT, UNITS } from "../../shared/data/units";
import { communeToken, copy, type ErrorJson, envelope, pilot, receiptOf, seed, snapshot, submit } from "./helpers";

const { quySon } = pilot();
let token: string;

beforeAll(async () => {
  await seed();
  token = await communeToken(quySon.unit_id); // xã Quý Sơn of huyện Lục Ngạn ended on 1 January 2025 (thị xã Chũ)
});

describe("writes of a commune whose validity ended", () => {
  it("accepts late corrections inside its validity, and the receipt says so", async () => {
    const res = await submit(envelope(quySon, quySon.workbook), token);
    expect(res.status).toBe(201);
    const r = await receiptOf(res);
    expect(r.unit_valid_to).toBe("2025-01-01");
    expect(r.warnings[0]).toMatchObject({ code: "unit_ended", severity: "warning" });
    expect(r.warnings[0]!.message_vi).toContain("01/01/2025");
  });

  it.each([
    [
      "a weekly report of a week after its end",
      (wb: any) => wb.weekly.push({ ...wb.weekly[0], week: "2026-W10", submitted_on: "2026-03-09" }),
      "weekly",
      "week",
    ],
    [
      "a population change after its end",
      (wb: any) => wb.changes.push({ ...wb.changes[0], change_date: "2025-01-01" }),
      "changes",
      "change_date",
    ],
    [
      "an ad-hoc report after its end",
      (wb: any) => wb.adhoc.push({ ...wb.adhoc[0], report_code: "DX-LATE", report_date: "2026-01-05" }),
      "adhoc",
      "report_date",
    ],
  ])("refuses %s on its cell, writing nothing", async (_what, add, sheet, column) => {
    const wb = copy(quySon.workbook);
    add(wb);
    const rows = (wb as any)[sheet] as { _row?: number }[];
    rows[rows.length - 1]!._row = rows.length + 1;
    const before = await snapshot();
    const res = await submit(envelope(quySon, wb), token);
    const body = (await res.json()) as ErrorJson;
    expect([res.status, body.error.code]).toEqual([422, "rule_violation"]);
    expect(body.error.details).toEqual([
      expect.objectContaining({ sheet, column, row: rows.length + 1, code: "outside_unit_validity", severity: "error" }),
    ]);
    expect(body.error.details[0]!.message_vi).toContain("đã kết thúc từ ngày 01/01/2025");
    expect(await snapshot()).toEqual(before);
  });

  it("a week that spans the end still belongs to the ended commune (its period overlaps the validity)", async () => {
    const wb = copy(quySon.workbook);
    // 2025-W01 runs from Monday 30 December 2024 to Sunday 5 January 2025.
    wb.weekly.push({ ...wb.weekly[0]!, week: "2025-W01", submitted_on: "2024-12-30", _row: wb.weekly.length + 2 });
    expect((await submit(envelope(quySon, wb), token)).status).toBe(201);
  });

  it("a commune formed in 2025 cannot file reports of the years before it existed", async () => {
    const wardToken = await communeToken(PILOT.phuongSon); // valid from 1 July 2025
    const unit = UNITS.find((u) => u.id === PILOT.phuongSon)!;
    const ward = { ...quySon, unit_id: unit.id, commune_code: unit.code, commune_name: unit.name };
    const res = await submit(envelope(ward, quySon.workbook), wardToken);
    const body = (await res.json()) as ErrorJson;
    expect([res.status, body.error.code]).toEqual([422, "rule_violation"]);
    expect(body.error.details.every((d) => d.code === "outside_unit_validity")).toBe(true);
    expect(body.error.details[0]!.message_vi).toContain("bắt đầu từ ngày 01/07/2025");
  });
});
