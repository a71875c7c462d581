import { afterEach, describe, expect, it, vi } from "vitest";
import {
  currentYearVi,
  DEFAULT_GRACE_DAYS,
  expectedWeeks,
  isOnTime,
  isoWeekKey,
  PERIOD_KINDS,
  type PeriodKind,
  PLAN_MILESTONES,
  PLAN_PHASES,
  PLAN_START,
  parsePeriodKey,
  periodKeyOf,
  ROLL_OUT_FROM,
  todayVi,
  weekEnd,
  weeklyDeadline,
  weekStart,
  weeksInPeriod,
} from "../../shared/periods";

/** 'yyyy-Www' keys from..to within one ISO week-year. */
const weeks = (year: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${year}-W${String(from + i).padStart(2, "0")}`);

describe("parsePeriodKey", () => {
  it.each([
    // input, kind, key, start, end, label
    ["2022-W03", "week", "2022-W03", "2022-01-17", "2022-01-23", "Tuần 03/2022 (17/01–23/01/2022)"],
    [" 2022-W03 ", "week", "2022-W03", "2022-01-17", "2022-01-23", "Tuần 03/2022 (17/01–23/01/2022)"],
    ["2022-w3", "week", "2022-W03", "2022-01-17", "2022-01-23", "Tuần 03/2022 (17/01–23/01/2022)"],
    ["2022W03", "week", "2022-W03", "2022-01-17", "2022-01-23", "Tuần 03/2022 (17/01–23/01/2022)"],
    ["2022-W01", "week", "2022-W01", "2022-01-03", "2022-01-09", "Tuần 01/2022 (03/01–09/01/2022)"],
    ["2021-W52", "week", "2021-W52", "2021-12-27", "2022-01-02", "Tuần 52/2021 (27/12/2021–02/01/2022)"],
    ["2020-W53", "week", "2020-W53", "2020-12-28", "2021-01-03", "Tuần 53/2020 (28/12/2020–03/01/2021)"],
    ["2020-W01", "week", "2020-W01", "2019-12-30", "2020-01-05", "Tuần 01/2020 (30/12/2019–05/01/2020)"],
    ["2026-W53", "week", "2026-W53", "2026-12-28", "2027-01-03", "Tuần 53/2026 (28/12/2026–03/01/2027)"],
    ["2024-W09", "week", "2024-W09", "2024-02-26", "2024-03-03", "Tuần 09/2024 (26/02–03/03/2024)"],
    ["2022-01", "month", "2022-01", "2022-01-01", "2022-01-31", "Tháng 01/2022"],
    ["2022-1", "month", "2022-01", "2022-01-01", "2022-01-31", "Tháng 01/2022"],
    ["2022-04", "month", "2022-04", "2022-04-01", "2022-04-30", "Tháng 04/2022"],
    ["2022-12", "month", "2022-12", "2022-12-01", "2022-12-31", "Tháng 12/2022"],
    ["2024-02", "month", "2024-02", "2024-02-01", "2024-02-29", "Tháng 02/2024"],
    ["2023-02", "month", "2023-02", "2023-02-01", "2023-02-28", "Tháng 02/2023"],
    ["2022-q1", "quarter", "2022-Q1", "2022-01-01", "2022-03-31", "Quý I/2022"],
    ["2022-Q2", "quarter", "2022-Q2", "2022-04-01", "2022-06-30", "Quý II/2022"],
    ["2022-Q3", "quarter", "2022-Q3", "2022-07-01", "2022-09-30", "Quý III/2022"],
    ["2022-Q4", "quarter", "2022-Q4", "2022-10-01", "2022-12-31", "Quý IV/2022"],
    ["2024-Q1", "quarter", "2024-Q1", "2024-01-01", "2024-03-31", "Quý I/2024"],
    ["2022-h1", "half", "2022-H1", "2022-01-01", "2022-06-30", "6 tháng đầu năm 2022"],
    ["2022-h2", "half", "2022-H2", "2022-07-01", "2022-12-31", "6 tháng cuối năm 2022"],
    ["2022", "year", "2022", "2022-01-01", "2022-12-31", "Năm 2022"],
    [" 2024 ", "year", "2024", "2024-01-01", "2024-12-31", "Năm 2024"],
    ["p1", "phase", "P1", "2021-10-20", "2022-01-31", "Đợt 1: từ 20/10/2021 đến sơ kết tháng 01/2022"],
    ["P2", "phase", "P2", "2022-02-01", "2022-06-30", "Đợt 2: từ 01/02/2022 đến sơ kết tháng 6/2022"],
    [" P3", "phase", "P3", "2022-07-01", "2022-10-31", "Đợt 3: từ 01/07/2022 đến tổng kết tháng 10/2022"],
  ])("%j", (input, kind, key, start, end, label_vi) => {
    expect(parsePeriodKey(input)).toEqual({ kind, key, start, end, label_vi });
  });

  it.each([
    "2021-W53", // 2021 has 52 ISO weeks
    "2025-W53",
    "2022-W00",
    "2022-W54",
    "2022-00",
    "2022-13",
    "2022-Q0",
    "2022-Q5",
    "2022-H0",
    "2022-H3",
    "P0",
    "P4",
    "",
    "   ",
    "quý 1",
    "2022-01-01",
    "22-01",
    "0999",
    "W03",
    null,
    undefined,
  ])("%j is not a period", (input) => {
    expect(parsePeriodKey(input)).toBeNull();
  });

  it("returns a fresh object every time", () => {
    const p = parsePeriodKey("2022-Q1")!;
    p.end = "2099-12-31";
    expect(parsePeriodKey("2022-Q1")!.end).toBe("2022-03-31");
  });
});

describe("periodKeyOf", () => {
  it.each([
    ["week", "2021-01-01", "2020-W53"],
    ["week", "2022-01-02", "2021-W52"],
    ["week", "2022-01-03", "2022-W01"],
    ["month", "2022-01-02", "2022-01"],
    ["month", "2024-02-29", "2024-02"],
    ["quarter", "2022-03-31", "2022-Q1"],
    ["quarter", "2022-04-01", "2022-Q2"],
    ["quarter", "2022-12-31", "2022-Q4"],
    ["half", "2022-06-30", "2022-H1"],
    ["half", "2022-07-01", "2022-H2"],
    ["year", "2021-12-31", "2021"],
    ["year", "2022-01-02", "2022"], // calendar year, not the ISO week-year (2021)
    ["phase", "2021-10-20", "P1"],
    ["phase", "2022-01-31", "P1"],
    ["phase", "2022-02-01", "P2"],
    ["phase", "2022-06-30", "P2"],
    ["phase", "2022-07-01", "P3"],
    ["phase", "2022-10-31", "P3"],
  ] as const)("%s of %s is %s", (kind, date, key) => {
    expect(periodKeyOf(kind, date)).toBe(key);
  });

  it.each([
    ["phase", "2021-10-19"],
    ["phase", "2022-11-01"],
    ["month", "2022-02-30"],
    ["month", "20/10/2021"],
    ["month", ""],
    ["week", "2022-1-3"],
    ["decade" as PeriodKind, "2022-01-01"],
  ] as const)("%s of %j throws", (kind, date) => {
    expect(() => periodKeyOf(kind, date)).toThrow(RangeError);
  });

  it.each(PERIOD_KINDS.filter((k) => k !== "phase"))("the %s of a date holds the date", (kind) => {
    for (const date of ["2020-12-31", "2021-01-01", "2022-01-02", "2022-06-30", "2024-02-29", "2024-12-30"]) {
      const p = parsePeriodKey(periodKeyOf(kind, date))!;
      expect(p.kind).toBe(kind);
      expect(p.start <= date && date <= p.end).toBe(true);
    }
  });
});

describe("ISO weeks", () => {
  it.each([
    ["2019-12-30", "2020-W01"],
    ["2020-12-28", "2020-W53"],
    ["2021-01-01", "2020-W53"],
    ["2021-01-03", "2020-W53"],
    ["2021-01-04", "2021-W01"],
    ["2021-10-20", "2021-W42"],
    ["2021-12-27", "2021-W52"],
    ["2022-01-02", "2021-W52"],
    ["2022-01-03", "2022-W01"],
    ["2022-01-17", "2022-W03"],
    ["2022-01-23", "2022-W03"],
    ["2024-02-29", "2024-W09"],
    ["2024-12-30", "2025-W01"],
    ["2026-12-31", "2026-W53"],
  ])("isoWeekKey(%s) = %s", (date, key) => {
    expect(isoWeekKey(date)).toBe(key);
  });

  it.each(["2022-1-3", "2022-02-30", "2022-01-03T10:00:00Z", ""])("isoWeekKey(%j) throws", (date) => {
    expect(() => isoWeekKey(date)).toThrow(RangeError);
  });

  it.each([
    ["2021-W52", "2021-12-27", "2022-01-02"],
    ["2020-W53", "2020-12-28", "2021-01-03"],
    ["2022-W01", "2022-01-03", "2022-01-09"],
    ["2022-w3", "2022-01-17", "2022-01-23"],
    ["2024-W09", "2024-02-26", "2024-03-03"],
  ])("%s runs from %s to %s", (key, monday, sunday) => {
    expect(weekStart(key)).toBe(monday);
    expect(weekEnd(key)).toBe(sunday);
  });

  it.each(["2022-01", "2021-W53", "P1", ""])("weekStart/weekEnd(%j) throw", (key) => {
    expect(() => weekStart(key)).toThrow(RangeError);
    expect(() => weekEnd(key)).toThrow(RangeError);
  });
});

describe("weeksInPeriod: a week belongs to the period that holds its Sunday", () => {
  it.each([
    ["2022-01", ["2021-W52", ...weeks(2022, 1, 4)]],
    ["2021-12", weeks(2021, 48, 51)],
    ["2022-02", weeks(2022, 5, 8)],
    ["2024-02", weeks(2024, 5, 8)],
    ["2024-03", weeks(2024, 9, 13)],
    ["2022-Q1", ["2021-W52", ...weeks(2022, 1, 12)]],
    ["2020", weeks(2020, 1, 52)], // 2020-W53 ends on 3 January 2021
    ["2021", ["2020-W53", ...weeks(2021, 1, 51)]],
    ["2022", ["2021-W52", ...weeks(2022, 1, 51)]],
    ["2023", ["2022-W52", ...weeks(2023, 1, 52)]], // 2023 has 53 Sundays
    ["2022-W03", ["2022-W03"]],
    ["2020-W53", ["2020-W53"]],
    ["P1", [...weeks(2021, 42, 52), ...weeks(2022, 1, 4)]],
    ["P2", weeks(2022, 5, 25)],
    ["P3", weeks(2022, 26, 43)],
  ])("%s", (key, expected) => {
    expect(weeksInPeriod(key)).toEqual(expected);
  });

  it("the months of a year share out its weeks, each once", () => {
    const months = Array.from({ length: 12 }, (_, i) => `2022-${String(i + 1).padStart(2, "0")}`);
    expect(months.flatMap((m) => weeksInPeriod(m))).toEqual(weeksInPeriod("2022"));
    expect(["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"].flatMap((q) => weeksInPeriod(q))).toEqual(weeksInPeriod("2022"));
    expect(["2022-H1", "2022-H2"].flatMap((h) => weeksInPeriod(h))).toEqual(weeksInPeriod("2022"));
  });

  it("returns a fresh array every time", () => {
    weeksInPeriod("2022-01").pop();
    expect(weeksInPeriod("2022-01")).toHaveLength(5);
  });

  it("throws for a bad key", () => {
    expect(() => weeksInPeriod("2022-13")).toThrow(RangeError);
  });
});

describe("expectedWeeks", () => {
  it.each([
    ["2022-01", undefined, undefined, ["2021-W52", ...weeks(2022, 1, 4)]],
    ["2022-01", "2022-01-12", undefined, weeks(2022, 2, 4)],
    ["2022-01", "2022-01-09", undefined, weeks(2022, 1, 4)], // founded on the Sunday: that week counts
    ["2022-01", "2022-01-10", null, weeks(2022, 2, 4)],
    ["2022-01", undefined, "2022-01-10", ["2021-W52", "2022-W01"]], // dissolved on a Monday: gone that whole week
    ["2022-01", undefined, "2022-01-11", ["2021-W52", "2022-W01", "2022-W02"]], // dissolved on a Tuesday: the week counts
    ["2022-01", null, "2022-01-09", ["2021-W52", "2022-W01"]],
    ["2022-01", "2022-01-18", "2022-01-19", ["2022-W03"]],
    ["2022-01", "2021-12-01", "2021-12-31", ["2021-W52"]],
    ["2022-01", "2022-02-01", undefined, []],
    ["2022-01", undefined, "2021-12-26", []],
    ["P1", PLAN_START, undefined, [...weeks(2021, 42, 52), ...weeks(2022, 1, 4)]],
  ])("%s, founded %s, dissolved %s", (key, founded, dissolved, expected) => {
    expect(expectedWeeks(key, founded, dissolved)).toEqual(expected);
  });
});

describe("weekly deadline", () => {
  it.each([
    ["2022-W01", undefined, "2022-01-10T16:59:59.999Z"], // Monday 10/01/2022 23:59:59.999 in Vietnam
    ["2022-W01", 0, "2022-01-09T16:59:59.999Z"],
    ["2022-W01", 3, "2022-01-12T16:59:59.999Z"],
    ["2021-W52", undefined, "2022-01-03T16:59:59.999Z"],
    ["2020-W53", undefined, "2021-01-04T16:59:59.999Z"],
    ["2024-W08", 4, "2024-02-29T16:59:59.999Z"],
  ])("%s with %s grace days is due at %s", (week, graceDays, iso) => {
    const opts = graceDays === undefined ? undefined : { graceDays };
    expect(weeklyDeadline(week, opts).toISOString()).toBe(iso);
  });

  it("defaults to one grace day", () => {
    expect(DEFAULT_GRACE_DAYS).toBe(1);
    expect(weeklyDeadline("2022-W05", {}).toISOString()).toBe("2022-02-07T16:59:59.999Z");
  });

  it("returns a fresh Date every time", () => {
    weeklyDeadline("2022-W01").setTime(0);
    expect(weeklyDeadline("2022-W01").toISOString()).toBe("2022-01-10T16:59:59.999Z");
  });

  it.each([
    ["2022-01", {}],
    ["2021-W53", {}],
    ["2022-W01", { graceDays: 1.5 }],
  ])("%s %j throws", (week, opts) => {
    expect(() => weeklyDeadline(week, opts)).toThrow(RangeError);
  });

  it.each([
    ["2022-W01", "2022-01-05T03:00:00Z", undefined, true],
    ["2022-W01", "2022-01-10T16:59:59.999Z", undefined, true],
    ["2022-W01", "2022-01-10T17:00:00Z", undefined, false], // 00:00 on Tuesday in Vietnam
    ["2022-W01", "2022-01-10T23:59:00+07:00", undefined, true],
    ["2022-W01", "2022-01-11T00:00:00+07:00", undefined, false],
    ["2022-W01", "2022-01-10T08:00:00+07:00", 0, false],
    ["2022-W01", "2022-01-12T08:00:00+07:00", 3, true],
    ["2021-W52", "2022-01-03T16:30:00Z", undefined, true],
    ["2021-W52", "2022-01-03T17:30:00Z", undefined, false], // still 3 January in UTC, already the 4th in Vietnam
    ["2022-W01", "không phải ngày", undefined, false],
  ])("%s received at %s (grace %s): on time %s", (week, at, graceDays, ok) => {
    const opts = graceDays === undefined ? undefined : { graceDays };
    expect(isOnTime(week, at, opts)).toBe(ok);
  });

  it("isOnTime takes a Date", () => {
    expect(isOnTime("2022-W01", new Date("2022-01-10T16:00:00Z"))).toBe(true);
    expect(isOnTime("2022-W01", new Date("2022-01-11T01:00:00Z"))).toBe(false);
  });
});

describe("today in Vietnam", () => {
  it.each([
    ["2022-01-03T17:30:00Z", "2022-01-04"],
    ["2022-01-03T16:59:59.999Z", "2022-01-03"],
    ["2022-01-03T17:00:00Z", "2022-01-04"],
    ["2022-01-03T00:00:00+07:00", "2022-01-03"],
    ["2021-12-31T17:00:00Z", "2022-01-01"],
    ["2024-02-28T18:00:00Z", "2024-02-29"],
  ])("todayVi(%s) = %s", (at, date) => {
    expect(todayVi(new Date(at))).toBe(date);
  });

  it.each([
    ["2021-12-31T16:59:59Z", 2021],
    ["2021-12-31T17:00:00Z", 2022],
    ["2022-06-15T00:00:00Z", 2022],
  ])("currentYearVi(%s) = %s", (at, year) => {
    expect(currentYearVi(new Date(at))).toBe(year);
  });

  it("defaults to now", () => {
    expect(todayVi()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(currentYearVi()).toBeGreaterThanOrEqual(2024);
  });
});

describe("the plan", () => {
  it("dates", () => {
    expect(PLAN_START).toBe("2021-10-20");
    expect(ROLL_OUT_FROM).toBe("2022-12-01");
  });

  it("phases follow each other from the start of operation to the final review", () => {
    expect(PLAN_PHASES.map((p) => [p.key, p.start, p.end])).toEqual([
      ["P1", "2021-10-20", "2022-01-31"],
      ["P2", "2022-02-01", "2022-06-30"],
      ["P3", "2022-07-01", "2022-10-31"],
    ]);
  });

  it("milestones are the dated steps of section III", () => {
    expect(PLAN_MILESTONES.map((m) => [m.code, m.due_on])).toEqual([
      ["M01", "2021-10-10"],
      ["M02", "2021-10-15"],
      ["M03", "2021-10-15"],
      ["M04", "2021-10-20"],
      ["M05", "2022-01-31"],
      ["M06", "2022-06-30"],
      ["M07", "2022-10-31"],
      ["M08", "2022-12-31"],
    ]);
  });

  it.each([
    ["M01", "Tổ hướng dẫn và giám sát"],
    ["M02", "Hướng dẫn nhiệm vụ"],
    ["M03", "Ban Chỉ đạo"],
    ["M03", "hội nghị triển khai"],
    ["M04", "nhóm Zalo"],
    ["M05", "đợt 1"],
    ["M06", "đợt 2"],
    ["M07", "Tổng kết"],
    ["M08", "nhân ra diện rộng"],
  ])("%s is about %j", (code, words) => {
    expect(PLAN_MILESTONES.find((m) => m.code === code)!.title_vi).toContain(words);
  });
});

describe("the host's time zone does not matter", () => {
  const hostTz = process.env.TZ;
  afterEach(() => {
    if (hostTz === undefined) delete process.env.TZ;
    else process.env.TZ = hostTz;
    vi.resetModules();
  });

  // Santiago and São Paulo move their clocks at midnight (2022-04-03, 2022-09-11; 2018-11-04).
  it.each(["UTC", "America/Santiago", "America/Sao_Paulo", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Ho_Chi_Minh"])(
    "%s",
    async (zone) => {
      process.env.TZ = zone;
      vi.resetModules(); // fresh module: no cached periods
      const p = await import("../../shared/periods");
      expect(p.weekStart("2020-W53")).toBe("2020-12-28");
      expect(p.weekEnd("2021-W52")).toBe("2022-01-02");
      expect(p.isoWeekKey("2021-01-01")).toBe("2020-W53");
      expect(p.parsePeriodKey("2024-02")!.end).toBe("2024-02-29");
      expect(p.parsePeriodKey("2022-W03")!.label_vi).toBe("Tuần 03/2022 (17/01–23/01/2022)");
      expect(p.periodKeyOf("quarter", "2022-04-01")).toBe("2022-Q2");
      expect(p.weeksInPeriod("2022-01")).toEqual(["2021-W52", ...weeks(2022, 1, 4)]);
      expect(p.weeklyDeadline("2022-W01").toISOString()).toBe("2022-01-10T16:59:59.999Z");
      expect(p.todayVi(new Date("2022-01-03T17:30:00Z"))).toBe("2022-01-04");
      expect(p.currentYearVi(new Date("2021-12-31T17:00:00Z"))).toBe(2022);
      expect(p.isoWeekKey("2022-09-11")).toBe("2022-W36");
      expect(p.weekEnd("2022-W36")).toBe("2022-09-11");
      expect(p.weekStart("2022-W37")).toBe("2022-09-12");
      expect(p.weekEnd("2022-W13")).toBe("2022-04-03");
      expect(p.weeksInPeriod("2022-09")).toEqual(weeks(2022, 35, 38));
      expect(p.periodKeyOf("month", "2022-09-11")).toBe("2022-09");
      expect(p.weeklyDeadline("2022-W36").toISOString()).toBe("2022-09-12T16:59:59.999Z");
      expect(p.isoWeekKey("2018-11-04")).toBe("2018-W44");
      expect(p.weekEnd("2018-W44")).toBe("2018-11-04");
      expect(p.weekStart("2018-W45")).toBe("2018-11-05");
      expect(p.weeklyDeadline("2018-W44").toISOString()).toBe("2018-11-05T16:59:59.999Z");
    },
  );
});
