/**
 * The period a link opens on (worker/src/links/period.ts): the quarter of the last week with a report
 * up to the last week of the complete quarters, else the current quarter (issue 17, item 8).
 */
import { describe, expect, it } from "vitest";
import { askedPeriod, defaultPeriodKey, lastCompleteWeek, resolvePeriod } from "../../worker/src/links/period";

describe("lastCompleteWeek", () => {
  it.each([
    // A week belongs to the quarter holding its Sunday: 2022-W39 (26/09–02/10) is in Q4.
    ["2022-11-15", "2022-W38"],
    ["2022-10-01", "2022-W38"],
    ["2022-09-30", "2022-W25"],
    ["2026-12-03", "2026-W39"],
    // 2021-W52 (27/12/2021–02/01/2022) belongs to 2022-Q1, so Q4 2021 ends with W51.
    ["2022-01-05", "2021-W51"],
  ])("today %s → %s", (today, week) => {
    expect(lastCompleteWeek(today)).toBe(week);
  });
});

describe("defaultPeriodKey", () => {
  it.each([
    // The demo: the pilot's last reports in October 2022, opened in December 2026.
    ["2026-12-03", "2022-W43", "2022-Q4"],
    // Reports this quarter too: the last complete quarter, whose figures are final.
    ["2022-11-15", "2022-W38", "2022-Q3"],
    // No report in any complete quarter: the current one.
    ["2022-11-15", null, "2022-Q4"],
  ])("today %s, last week with a report %s → %s", (today, lastWeek, key) => {
    expect(defaultPeriodKey(today, lastWeek)).toBe(key);
  });
});

describe("askedPeriod: the period a request names, so the default (which reads the last week with data) is looked up only without one", () => {
  it.each([
    [{ period: "2025" }, "2025", false],
    [{ period: " 2025-Q2 " }, "2025-Q2", false],
    [{ period: "2025-Q2", kind: "year" }, "2025", false],
    [{ kind: "month" }, "2022-11", false],
    [{ period: "2025-Q9" }, null, true],
    [{ period: "" }, null, false],
    [{}, null, false],
  ])("%o → %s (invalid: %s)", (q, key, invalid) => {
    const a = askedPeriod(q, "2022-11-15");
    expect(a.period?.key ?? null).toBe(key);
    expect(a.invalid).toBe(invalid);
    // resolvePeriod: the same period, or the fallback when none is named.
    expect(resolvePeriod(q, "2022-11-15", "2022-Q3").period.key).toBe(key ?? "2022-Q3");
  });
});
