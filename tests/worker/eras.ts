/**
 * The pilot's communes through their three eras, with data in each (tests/worker/rollup-eras.test.ts,
 * rollup-summaries.test.ts): the pilot's own workbooks for 2021–2022 under Huyện Lục Ngạn, generated
 * communes for 1 Jan – 30 Jun 2025 under Thị xã Chũ and from 1 July 2025 under Tỉnh Bắc Ninh, each
 * imported with a receipt time at the end of its era.
 */
import { expect } from "vitest";
import { UNITS } from "../../shared/data/units";
import { generateCommune } from "../../shared/sample/generate";
import type { Workbook } from "../../shared/schemas";
import { adminPost, envelope, PILOT, pilot } from "./helpers";

export const unit = (id: string) => UNITS.find((u) => u.id === id)!;

/** How the generated eras differ between tests: teams per commune, report rate, the later founding dates. */
export interface EraOptions {
  teams: number;
  reportRate: number;
  /** Founding dates of Phường Hồng Giang (Chũ era) and Phường Chũ (Bắc Ninh era). */
  hongGiangChuFrom: string;
  chuFrom: string;
}

/** A commune's register and reports for one era: `teams` teams of one village founded on `from`, reports to `until`. */
function eraWorkbook(id: string, seedNo: number, village: "QT" | "NG", from: string, until: string, o: EraOptions): Workbook {
  const u = unit(id);
  return generateCommune({
    seed: seedNo,
    commune_code: u.code,
    commune_name: u.name,
    villages: [
      {
        village_code: village,
        village_name: village === "QT" ? "Thôn Quý Thịnh" : "Thôn Ngọt",
        ethnic_identity: village === "NG",
        teams: o.teams,
      },
    ],
    founded_on: from,
    until,
    reportRate: o.reportRate,
  });
}

/** Each commune's workbook, by unit id. */
export function eraWorkbooks(o: EraOptions): Record<string, Workbook> {
  const { quySon, hongGiang } = pilot();
  return {
    [PILOT.quySon]: quySon.workbook,
    [PILOT.hongGiang]: hongGiang.workbook,
    [PILOT.quySonChu]: eraWorkbook(PILOT.quySonChu, 2025_01_01, "QT", "2025-01-06", "2025-06-29", o),
    [PILOT.hongGiangChu]: eraWorkbook(PILOT.hongGiangChu, 2025_01_02, "NG", o.hongGiangChuFrom, "2025-06-29", o),
    [PILOT.phuongSon]: eraWorkbook(PILOT.phuongSon, 2025_07_01, "QT", "2025-07-07", "2025-12-28", o),
    [PILOT.chu]: eraWorkbook(PILOT.chu, 2025_07_02, "NG", o.chuFrom, "2025-12-28", o),
  };
}

const RECEIVED: Record<string, string> = {
  [PILOT.quySon]: "2022-10-31T05:00:00.000Z",
  [PILOT.hongGiang]: "2022-10-31T05:00:00.000Z",
  [PILOT.quySonChu]: "2025-06-30T05:00:00.000Z",
  [PILOT.hongGiangChu]: "2025-06-30T05:00:00.000Z",
  [PILOT.phuongSon]: "2025-12-29T05:00:00.000Z",
  [PILOT.chu]: "2025-12-29T05:00:00.000Z",
};

/** Imports every era's workbook (admin import), each received at the end of its era. */
export async function importEras(workbooks: Record<string, Workbook>): Promise<void> {
  for (const [id, wb] of Object.entries(workbooks)) {
    const u = unit(id);
    const res = await adminPost("/import", {
      commune_id: id,
      received_at: RECEIVED[id],
      envelope: envelope({ commune_code: u.code, commune_name: u.name }, wb),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
}
