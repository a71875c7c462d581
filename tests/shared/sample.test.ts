import { describe, expect, it } from "vitest";
import { checkWorkbook } from "../../shared/rules/index";
import { generateCommune, weeksBetween } from "../../shared/sample/generate";
import { PILOT_TODAY, pilotWorkbooks } from "../../shared/sample/pilot";
import { SHEET_KEYS } from "../../shared/templates";

describe("pilot data set", () => {
  const pilot = pilotWorkbooks();

  it.each(pilot.map((p) => [p.commune_name, p] as const))("%s passes every rule with no warning", (_n, p) => {
    const res = checkWorkbook(p.workbook as unknown as Record<string, unknown>, { today: PILOT_TODAY });
    expect(res.issues).toEqual([]);
    for (const k of SHEET_KEYS) expect(res.workbook[k]).toHaveLength(p.workbook[k].length);
  });

  it("is the same on every call (seeded)", () => {
    expect(JSON.stringify(pilotWorkbooks())).toBe(JSON.stringify(pilot));
  });

  it("has the shape of the plan: 3–5 members a team, 30–50 households a team, ethnic figures only in thôn Ngọt", () => {
    for (const p of pilot) {
      for (const t of p.workbook.teams) {
        const m = p.workbook.members.filter((x) => x.team_code === t.team_code).length;
        const h = p.workbook.households.filter((x) => x.team_code === t.team_code).length;
        expect(m).toBeGreaterThanOrEqual(3);
        expect(m).toBeLessThanOrEqual(5);
        expect(h).toBeGreaterThanOrEqual(30);
        expect(h).toBeLessThanOrEqual(50);
      }
    }
    const [quySon, hongGiang] = pilot;
    expect(quySon!.workbook.weekly.some((w) => w.ethnic_activities !== undefined)).toBe(false);
    expect(hongGiang!.workbook.weekly.some((w) => (w.ethnic_participants ?? 0) > 0)).toBe(true);
  });
});

describe("generator", () => {
  it("weeksBetween crosses the 2021/2022 year boundary without gaps", () => {
    expect(weeksBetween("2021-12-20", "2022-01-10")).toEqual(["2021-W51", "2021-W52", "2022-W01", "2022-W02"]);
  });

  it("a larger commune passes every rule too", () => {
    const wb = generateCommune({
      seed: 7,
      commune_code: "99999",
      commune_name: "Xã Thử",
      villages: Array.from({ length: 5 }, (_, i) => ({
        village_code: `V${i}`,
        village_name: `Thôn ${i}`,
        ethnic_identity: i === 0,
        teams: 3,
      })),
      founded_on: "2022-01-01",
      until: "2022-06-30",
    });
    const res = checkWorkbook(wb as unknown as Record<string, unknown>, { today: "2022-06-30" });
    expect(res.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(wb.teams).toHaveLength(15);
  });
});
