import { describe, expect, it } from "vitest";
import {
  expectedWeeks,
  isoWeekKey,
  isOnTime,
  parsePeriodKey,
  periodKeyOf,
  PLAN_MILESTONES,
  todayVi,
  weekEnd,
  weeklyDeadline,
  weeksInPeriod,
  weekStart,
} from "../../shared/periods";
import { compareVi, fold, formatDateTimeVi, formatDateVi, nfc, sortVi } from "../../shared/text";

describe("parsePeriodKey", () => {
  it.each([
    ["2022-W03", "week", "2022-W03", "2022-01-17", "2022-01-23", "Tuần 03/2022 (17/01–23/01/2022)"],
    [" 2022-w3 ", "week", "2022-W03", "2022-01-17", "2022-01-23", null],
    ["2020-W53", "week", "2020-W53", "2020-12-28", "2021-01-03", null],
    ["2021-W52", "week", "2021-W52", "2021-12-27", "2022-01-02", null],
    ["2022-W01", "week", "2022-W01", "2022-01-03", "2022-01-09", null],
    ["2024-02", "month", "2024-02", "2024-02-01", "2024-02-29", "Tháng 02/2024"],
    ["2022-q1", "quarter", "2022-Q1", "2022-01-01", "2022-03-31", "Quý I/2022"],
    ["2022-Q4", "quarter", "2022-Q4", "2022-10-01", "2022-12-31", "Quý IV/2022"],
    ["2022-h1", "half", "2022-H1", "2022-01-01", "2022-06-30", "6 tháng đầu năm 2022"],
    ["2022-H2", "half", "2022-H2", "2022-07-01", "2022-12-31", "6 tháng cuối năm 2022"],
    ["2022", "year", "2022", "2022-01-01", "2022-12-31", "Năm 2022"],
    ["p1", "phase", "P1", "2021-10-20", "2022-01-31", null],
    ["P3", "phase", "P3", "2022-07-01", "2022-10-31", null],
  ])("%j", (input, kind, key, start, end, label) => {
    const p = parsePeriodKey(input)!;
    expect(p).toMatchObject({ kind, key, start, end });
    if (label) expect(p.label_vi).toBe(label);
  });

  it.each(["2021-W53", "2022-W00", "2022-13", "2022-Q5", "2022-H3", "P4", "", "quý 1"])("%j is not a period", (input) => {
    expect(parsePeriodKey(input)).toBeNull();
  });
});

describe("weeks", () => {
  it.each([
    ["2021-01-01", "2020-W53"],
    ["2021-01-03", "2020-W53"],
    ["2021-01-04", "2021-W01"],
    ["2022-01-02", "2021-W52"],
    ["2022-01-03", "2022-W01"],
    ["2024-12-30", "2025-W01"],
  ])("isoWeekKey(%s) = %s", (date, key) => {
    expect(isoWeekKey(date)).toBe(key);
  });

  it("week start and end", () => {
    expect(weekStart("2021-W52")).toBe("2021-12-27");
    expect(weekEnd("2021-W52")).toBe("2022-01-02");
  });

  it("a period expects the weeks whose Sunday falls in it", () => {
    expect(weeksInPeriod("2022-01")).toEqual(["2021-W52", "2022-W01", "2022-W02", "2022-W03", "2022-W04"]);
    expect(weeksInPeriod("2021-12")).toEqual(["2021-W48", "2021-W49", "2021-W50", "2021-W51"]);
    expect(weeksInPeriod("2022")).toHaveLength(52);
    expect(weeksInPeriod("2020")).toHaveLength(52); // 2020-W53 ends on 3 Jan 2021
    expect(weeksInPeriod("2021")[0]).toBe("2020-W53");
    expect(weeksInPeriod("2022-Q1")).toHaveLength(13);
  });

  it("expected weeks follow founding and dissolution", () => {
    expect(expectedWeeks("2022-01", "2022-01-12")).toEqual(["2022-W02", "2022-W03", "2022-W04"]);
    expect(expectedWeeks("2022-01", undefined, "2022-01-10")).toEqual(["2021-W52", "2022-W01", "2022-W02"]);
    expect(expectedWeeks("2022-01", "2022-02-01")).toEqual([]);
  });
});

describe("deadline", () => {
  it("is the end of the Monday after the week, Vietnam time", () => {
    expect(weeklyDeadline("2022-W01").toISOString()).toBe("2022-01-10T16:59:59.999Z");
    expect(weeklyDeadline("2022-W01", { graceDays: 3 }).toISOString()).toBe("2022-01-12T16:59:59.999Z");
  });

  it.each([
    ["2022-01-10T16:59:59Z", true],
    ["2022-01-10T17:00:00Z", false], // 00:00 on Tuesday in Vietnam
    ["2022-01-05T03:00:00Z", true],
  ])("received at %s: on time %s", (at, ok) => {
    expect(isOnTime("2022-W01", at)).toBe(ok);
  });
});

describe("periodKeyOf and today", () => {
  it.each([
    ["week", "2022-01-02", "2021-W52"],
    ["month", "2022-01-02", "2022-01"],
    ["quarter", "2022-05-31", "2022-Q2"],
    ["half", "2022-07-01", "2022-H2"],
    ["year", "2022-07-01", "2022"],
    ["phase", "2022-01-31", "P1"],
    ["phase", "2022-02-01", "P2"],
  ] as const)("%s of %s is %s", (kind, date, key) => {
    expect(periodKeyOf(kind, date)).toBe(key);
  });

  it("today is the Vietnamese calendar day", () => {
    expect(todayVi(new Date("2022-01-03T17:30:00Z"))).toBe("2022-01-04");
    expect(todayVi(new Date("2022-01-03T16:59:00Z"))).toBe("2022-01-03");
  });

  it("milestones are the plan's dated steps in order", () => {
    const dues = PLAN_MILESTONES.map((m) => m.due_on);
    expect(dues).toEqual([...dues].sort());
    expect(dues[0]).toBe("2021-10-10");
    expect(dues.at(-1)).toBe("2022-12-31");
  });
});

describe("text", () => {
  it("nfc and fold", () => {
    const nfd = "Nguye\u0302\u0303n Thi\u0323  A\u0301nh";
    expect(nfc(nfd)).toBe("Nguyễn Thị Ánh");
    expect(fold(nfd)).toBe(fold("NGUYEN THI ANH"));
    expect(fold("Đặng Văn Đức")).toBe("dang van duc");
  });

  it("Vietnamese order", () => {
    expect(sortVi(["Đặng", "Dương", "Bùi", "Ánh", "An"])).toEqual(["An", "Ánh", "Bùi", "Dương", "Đặng"]);
    expect(compareVi("a", "ă")).toBeLessThan(0);
  });

  it("dates as dd/MM/yyyy", () => {
    expect(formatDateVi("2022-01-05")).toBe("05/01/2022");
    expect(formatDateTimeVi("2022-01-04T17:30:00Z")).toBe("05/01/2022 00:30");
  });
});
