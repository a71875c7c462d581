/**
 * The team tools' shared parts: the steering bodies' composition (plan II.1.1, II.1.2), the roster
 * sheet that may be missing, weekly rows made ahead, the rule table of the evaluation drafts and the
 * suggested rating, and reporting counted as the rollup counts it.
 */
import { describe, expect, it } from "vitest";
import { receiptSchema } from "../../shared/contract";
import { CRITERIA, criteriaRows, readCriteria } from "../../shared/evaluation/criteria";
import { suggestRating, teamFigures } from "../../shared/evaluation/suggest";
import { shiftDate, weekEnd, weeksInPeriod } from "../../shared/periods";
import { teamReporting } from "../../shared/reporting";
import { checkWorkbook } from "../../shared/rules/index";
import { checkComposition, GUIDANCE_COMPOSITION, membersOfCounts, STEERING_COMPOSITION } from "../../shared/steering";
import { columnsOf, ROSTER_SHEET_KEYS, SHEET_KEYS, SHEETS, type SheetKey } from "../../shared/templates";
import { readWorkbook, sheetValues } from "../../shared/workbook-read";
import { TODAY, validWorkbook } from "./fixtures";

const PLAN_BCD = [
  { role: "head", seat: "party_secretary" },
  { role: "deputy", seat: "standing_deputy" },
  { role: "deputy", seat: "people_committee" },
  { role: "member", seat: "front" },
  { role: "member", seat: "mass_org" },
  { role: "member", seat: "health" },
  { role: "member", seat: "police" },
  { role: "member", seat: "land_env" },
];

describe("steering bodies", () => {
  it("the plan's Ban Chỉ đạo passes; each departure is named once", () => {
    expect(checkComposition(STEERING_COMPOSITION, PLAN_BCD)).toEqual([]);
    const six = PLAN_BCD.filter((m) => m.seat !== "police" && m.seat !== "standing_deputy");
    expect(checkComposition(STEERING_COMPOSITION, six).map((w) => w.code)).toEqual([
      "size",
      "role_count:deputy",
      "role_seat:deputy:standing_deputy",
      "seat:police",
    ]);
    const wrongHead = PLAN_BCD.map((m) => (m.role === "head" ? { ...m, seat: "people_committee" } : m));
    expect(checkComposition(STEERING_COMPOSITION, wrongHead)[0]).toEqual({
      code: "role_seat:head:party_secretary",
      message_vi: "Trưởng ban của Ban Chỉ đạo xã phải có Bí thư Đảng ủy xã (theo kế hoạch).",
    });
    expect(checkComposition(STEERING_COMPOSITION, [...PLAN_BCD, ...PLAN_BCD.slice(3)])[0]!.message_vi).toBe(
      "Ban Chỉ đạo xã có 13 thành viên; kế hoạch quy định từ 7 đến 9 đồng chí.",
    );
  });

  it("the district's Tổ hướng dẫn và giám sát: six, led by the Trưởng Ban Dân vận", () => {
    const six = ["dv_head", "dv_deputy", "health", "environment", "police", "culture"].map((seat, i) => ({
      role: i ? "member" : "head",
      seat,
    }));
    expect(checkComposition(GUIDANCE_COMPOSITION, six)).toEqual([]);
    expect(checkComposition(GUIDANCE_COMPOSITION, six.slice(0, 5)).map((w) => w.code)).toEqual(["size", "seat:culture"]);
  });

  it("counts stand for members, so a body stored without names is checked alike", () => {
    expect(membersOfCounts([{ role: "member", seat: "mass_org", n: 2 }])).toEqual([
      { role: "member", seat: "mass_org" },
      { role: "member", seat: "mass_org" },
    ]);
  });

  it("the steering sheet's rows are checked as warnings, an empty sheet says nothing", () => {
    const wb = validWorkbook();
    expect(checkWorkbook(wb, { today: TODAY }).issues).toEqual([]);
    wb.steering = [{ member_no: 1, full_name: "Nguyễn Văn An", seat: "party_secretary", role: "head" }];
    const { issues, ok } = checkWorkbook(wb, { today: TODAY });
    expect(ok).toBe(true);
    expect(issues.every((i) => i.sheet === "steering" && i.severity === "warning" && i.code.startsWith("steering_"))).toBe(true);
    expect(issues.map((i) => i.code)).toContain("steering_size");
  });
});

describe("a roster sheet the spreadsheet does not have", () => {
  const header = (k: SheetKey) => columnsOf(k).map((c) => c.header);
  it("is warned, not refused, and left out of the workbook (the server keeps what it has)", () => {
    expect(SHEET_KEYS.filter((k) => SHEETS[k].part === "roster")).toEqual([...ROSTER_SHEET_KEYS]);
    const data = Object.fromEntries(SHEET_KEYS.map((k) => [k, sheetValues(k, k === "steering" ? null : [header(k)])])) as never;
    const { result } = readWorkbook(data, { today: TODAY, read: { dateToIso: () => "" } });
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([expect.objectContaining({ sheet: "steering", code: "missing_sheet", severity: "warning" })]);
    expect("steering" in result.workbook).toBe(false);
    expect(result.workbook.teams).toEqual([]);
  });

  it("a receipt counts it only when it was sent, and older receipts still parse", () => {
    const counts = Object.fromEntries(
      SHEET_KEYS.filter((k) => k !== "steering").map((k) => [k, { inserted: 0, updated: 0, unchanged: 0, deleted: 0, withdrawn: 0 }]),
    );
    const receipt = { submission_id: "s", commune_id: "c", received_at: "t", duplicate: false, counts, warnings: [], warnings_total: 0 };
    expect(receiptSchema.parse(receipt).counts.steering).toBeUndefined();
    expect(() => receiptSchema.parse({ ...receipt, counts: { ...counts, villages: undefined } })).toThrow();
  });
});

describe("weekly rows made ahead", () => {
  it("are not reports until the team reports: not sent, not judged, said once", () => {
    const { result } = readWorkbook(
      Object.fromEntries(
        SHEET_KEYS.map((k) => [
          k,
          sheetValues(k, [
            columnsOf(k).map((c) => c.header),
            ...(k === "weekly"
              ? [["2030-W01", "QT-T1", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "Còn khó khăn", ""]]
              : []),
          ]),
        ]),
      ) as never,
      { today: TODAY, read: { dateToIso: () => "" } },
    );
    expect(result.workbook.weekly).toEqual([]);
    expect(result.issues).toEqual([expect.objectContaining({ sheet: "weekly", row: 2, code: "weekly_not_reported", severity: "warning" })]);
    // The future week is not judged either (it is not a report yet).
    expect(result.ok).toBe(true);
  });
});

describe("reporting, as the rollup counts it", () => {
  it("expects the weeks of the team's life whose deadline passed, plus weeks not due that already have a report", () => {
    // 2022-Q1 holds the weeks whose Sunday is in it: 2021-W52 to 2022-W12. Founded on 2022-02-01,
    // the team's first week is W05 (31/01–06/02).
    const reports = new Map([
      ["2022-W05", true],
      ["2022-W06", false],
      ["2022-W12", true],
    ]);
    // 21/03 07:00 in Vietnam: W11's deadline (Monday 21/03, end of day) has not passed, W12 not either.
    const mid = teamReporting("2022-Q1", { founded_on: "2022-02-01" }, reports, "2022-03-21T00:00:00Z");
    expect(mid).toMatchObject({ expected: 7, received: 3, on_time: 2, reporting_rate: 42.9, on_time_rate: 28.6 });
    expect(mid.weeks).toEqual(["2022-W05", "2022-W06", "2022-W07", "2022-W08", "2022-W09", "2022-W10", "2022-W12"]);
    const after = teamReporting("2022-Q1", { founded_on: "2022-02-01" }, reports, "2022-05-01T00:00:00Z");
    expect(after).toMatchObject({ expected: 8, received: 3, on_time: 2, reporting_rate: 37.5, on_time_rate: 25 });
    expect(teamReporting("2022-Q1", { founded_on: "2022-04-01" }, reports, "2022-05-01T00:00:00Z").expected).toBe(0);
  });
});

describe("evaluation drafts", () => {
  const table = readCriteria(criteriaRows()).table;
  const weeks = weeksInPeriod("2022-Q1");
  const report = (week: string, late = false) => ({
    week,
    // The deadline is the Monday after the week: reported that day is on time, the Tuesday late.
    submitted_on: shiftDate(weekEnd(week), late ? 2 : 1),
    broadcasts: 3,
    zalo_posts: 2,
    households_visited: 6,
  });

  it("reads the rule table; a threshold that is not a number is named by its cell", () => {
    expect(table.thresholds.BC).toEqual([95, 85, 70]);
    expect(table.commendations.year.excellent).toBe("Giấy khen của Chủ tịch UBND xã");
    const rows = criteriaRows();
    rows[1]![3] = "nhiều";
    rows[2]![2] = 10;
    const { errors } = readCriteria(rows);
    expect(errors).toEqual([
      'Trang "Tiêu chí đánh giá", dòng 2, cột Hoàn thành tốt nhiệm vụ (từ): "nhiều" không phải là số.',
      'Trang "Tiêu chí đánh giá", dòng 3: mức xuất sắc phải cao hơn hoặc bằng mức tốt, mức tốt cao hơn hoặc bằng mức hoàn thành.',
    ]);
    expect(CRITERIA.map((c) => c.code)).toEqual(["BC", "DH", "HOP", "TT", "HO"]);
    // The activity criteria name the counts they sum, from the weekly sheet's spec (`criterion`).
    expect(CRITERIA.slice(3).map((c) => c.how)).toEqual([
      "Tổng số lần tuyên truyền trên loa và số tin đăng nhóm Zalo / số tuần phải báo cáo.",
      "Tổng số hộ đến tận nhà / số tuần phải báo cáo.",
    ]);
  });

  it("suggests the rating every criterion reaches, with each criterion's reason in words", () => {
    const now = new Date("2022-04-15T00:00:00Z");
    const all = weeks.map((w) => report(w));
    const f = teamFigures("2022-Q1", { team_code: "QT-T1", founded_on: "2021-10-15" }, all, ["2022-03-31"], now);
    expect(f).toMatchObject({ expected: 13, received: 13, on_time: 13, quarters: 1, quarters_met: 1, propaganda: 5, visits: 6 });
    const s = suggestRating(f, table);
    expect(s.rating).toBe("excellent");
    expect(s.reasons.split("\n")).toEqual([
      "Tỷ lệ báo cáo tuần (%): 100% (13/13 tuần) — đạt mức Hoàn thành xuất sắc nhiệm vụ (từ 95).",
      "Tỷ lệ báo cáo đúng hạn (%): 100% (13/13 tuần) — đạt mức Hoàn thành xuất sắc nhiệm vụ (từ 90).",
      "Tỷ lệ quý có họp tổ định kỳ (%): 100% (1/1 quý) — đạt mức Hoàn thành xuất sắc nhiệm vụ (từ 100).",
      "Tuyên truyền trên loa và Zalo, bình quân mỗi tuần (lần): 5 lần/tuần — đạt mức Hoàn thành xuất sắc nhiệm vụ (từ 4).",
      "Hộ đến tận nhà, bình quân mỗi tuần: 6 hộ/tuần — đạt mức Hoàn thành xuất sắc nhiệm vụ (từ 5).",
      "Gợi ý: Hoàn thành xuất sắc nhiệm vụ (mức thấp nhất mà mọi tiêu chí đạt).",
    ]);
    // Ten reports of thirteen, four of them late, no meeting: the lowest criterion decides.
    const some = weeks.slice(0, 10).map((w, i) => report(w, i < 4));
    const g = teamFigures("2022-Q1", { team_code: "QT-T1" }, some, [], now);
    expect(g).toMatchObject({
      expected: 13,
      received: 10,
      on_time: 6,
      reporting_rate: 76.9,
      on_time_rate: 46.2,
      quarters: 1,
      quarters_met: 0,
    });
    const t = suggestRating(g, table);
    expect(t.rating).toBe("not_done");
    expect(t.reasons).toContain("Tỷ lệ báo cáo đúng hạn (%): 46,2% (6/13 tuần) — chưa đạt mức Hoàn thành nhiệm vụ (từ 50).");
  });
});
