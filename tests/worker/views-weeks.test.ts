/** Lists of missing weeks read as ranges on the pages (worker/src/views/format.ts weekRanges, weekRangesVi). */
import { describe, expect, it } from "vitest";
import { weekRanges, weekRangesVi } from "../../worker/src/views/format";

/** `2022-W44`…`2022-W52` as keys. */
const span = (year: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${year}-W${String(from + i).padStart(2, "0")}`);

describe("week ranges", () => {
  it.each([
    { name: "nothing", weeks: [], text: "" },
    { name: "one week", weeks: ["2022-W05"], text: "Tuần 05/2022" },
    { name: "a run within a year", weeks: span(2022, 44, 52), text: "Tuần 44–52/2022" },
    { name: "two weeks in a row", weeks: ["2022-W09", "2022-W10"], text: "Tuần 09–10/2022" },
    { name: "a run across a new year", weeks: [...span(2022, 50, 52), ...span(2023, 1, 2)], text: "Tuần 50/2022–02/2023" },
    { name: "2021-W52 → 2022-W01 (2021 has 52 weeks)", weeks: ["2021-W52", "2022-W01"], text: "Tuần 52/2021–01/2022" },
    { name: "2021-W52 → 2022-W01 within a longer run", weeks: [...span(2021, 50, 52), ...span(2022, 1, 3)], text: "Tuần 50/2021–03/2022" },
    { name: "a 53-week year runs on into W53", weeks: ["2020-W52", "2020-W53", "2021-W01"], text: "Tuần 52/2020–01/2021" },
    { name: "without its W53, a 53-week year leaves a gap", weeks: ["2020-W52", "2021-W01"], text: "Tuần 52/2020, 01/2021" },
    {
      name: "gaps",
      weeks: ["2022-W01", "2022-W02", "2022-W03", "2022-W05", "2022-W08", "2022-W09"],
      text: "Tuần 01–03/2022, 05/2022, 08–09/2022",
    },
    { name: "gap at a year boundary", weeks: ["2021-W51", "2022-W01", "2022-W02"], text: "Tuần 51/2021, 01–02/2022" },
    { name: "a whole year", weeks: span(2022, 1, 52), text: "Tuần 01–52/2022" },
    { name: "unsorted, with a duplicate", weeks: ["2022-W03", "2022-W01", "2022-W02", "2022-W02"], text: "Tuần 01–03/2022" },
    { name: "alternate weeks", weeks: ["2022-W02", "2022-W04", "2022-W06"], text: "Tuần 02/2022, 04/2022, 06/2022" },
  ])("$name", ({ weeks, text }) => {
    expect(weekRangesVi(weeks)).toBe(text);
  });

  it("keeps anything that is not a week key as it is", () => {
    expect(weekRanges(["2022-W01", "2022-W02", "?"])).toEqual(["01–02/2022", "?"]);
  });

  it("is as long as a list of runs, not of weeks: a year with every other week missing stays short", () => {
    const all = span(2022, 1, 52);
    expect(weekRangesVi(all).length).toBeLessThan(20);
    expect(weekRanges(all.filter((_, i) => i % 2 === 0))).toHaveLength(26);
  });
});
