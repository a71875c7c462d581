/**
 * The rollup oracle (fixtures/rollup-expect.ts) has its own calendar so that it does not reuse
 * shared/periods.ts, which is under test. Here the two are compared over twelve years of periods:
 * two independent readings of the same definitions agree, or one of them is wrong.
 */
import { describe, expect, it } from "vitest";
import { expectedWeeks, isoWeekKey, parsePeriodKey, weeksInPeriod } from "../../shared/periods";
import { spanOf, teamWeeks, weekKeyOf, weeksOf } from "./fixtures/rollup-expect";

const YEARS = Array.from({ length: 12 }, (_, i) => 2019 + i);
const pad = (n: number) => String(n).padStart(2, "0");
const KEYS = [
  ...YEARS.flatMap((y) => [
    String(y),
    `${y}-H1`,
    `${y}-H2`,
    ...[1, 2, 3, 4].map((q) => `${y}-Q${q}`),
    ...Array.from({ length: 12 }, (_, m) => `${y}-${pad(m + 1)}`),
  ]),
  "P1",
  "P2",
  "P3",
];

describe("the oracle's calendar agrees with shared/periods", () => {
  it("on the ISO week of every day of 2019–2030", () => {
    for (let t = Date.UTC(2019, 0, 1); t <= Date.UTC(2030, 11, 31); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      expect(weekKeyOf(d), d).toBe(isoWeekKey(d));
    }
  });

  it("on the first and last day and the weeks of every year, half, quarter, month and phase", () => {
    for (const key of KEYS) {
      const p = parsePeriodKey(key)!;
      expect(spanOf(key), key).toEqual({ start: p.start, end: p.end });
      expect(weeksOf(key), key).toEqual(weeksInPeriod(key));
      for (const w of weeksOf(key)) expect(spanOf(w), w).toEqual({ start: parsePeriodKey(w)!.start, end: parsePeriodKey(w)!.end });
    }
  });

  it.each([
    // founded, dissolved (first day the team no longer exists)
    ["2022-02-09", null],
    ["2021-10-15", "2022-04-01"], // dissolved on the first day of Q2 (a Friday)
    ["2021-10-15", "2022-03-28"], // on a Monday: its week is not expected
    ["2021-10-15", "2022-03-27"], // on a Sunday: its week is (the team existed Monday–Saturday)
    ["2022-03-27", null], // founded on a Sunday
  ])("on the weeks a team founded %s, dissolved %s is expected", (founded, dissolved) => {
    for (const key of ["2022-Q1", "2022-Q2", "2022-03", "2022-04", "2022", "P2"]) {
      expect(teamWeeks(key, founded, dissolved), key).toEqual(expectedWeeks(key, founded, dissolved));
    }
  });
});
