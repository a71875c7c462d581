import { describe, expect, it } from "vitest";
import { checkRules, checkWorkbook } from "../../shared/rules/index";
import type { Workbook } from "../../shared/schemas";
import { TODAY, validWorkbook } from "./fixtures";

const codes = (wb: Workbook, today = TODAY) =>
  checkRules(wb, { today }).map((i) => `${i.severity}:${i.code}@${i.sheet}:${i.row}:${i.column}`);

function mutate(f: (wb: Workbook) => void): Workbook {
  const wb = validWorkbook();
  f(wb);
  return wb;
}

describe("a valid workbook", () => {
  it("has no issues", () => {
    expect(codes(validWorkbook())).toEqual([]);
  });
});

describe("cross-row rules", () => {
  it.each<[string, (wb: Workbook) => void, string[]]>([
    [
      "a team of 2 members",
      (wb) => (wb.members = wb.members.filter((m) => m.full_name !== "Thân Văn Sơn")),
      ["error:team_size@teams:2:team_code", "error:attendance_over_team_size@meetings:2:members_present"],
    ],
    [
      "a team of 6 members",
      (wb) =>
        wb.members.push(
          ...["Lê Văn Cường", "Đỗ Thị Dung", "Bùi Văn Giang"].map((n, i) => ({
            team_code: "NG-T1",
            member_no: 5 + i,
            full_name: n,
            role: "member" as const,
          })),
        ),
      ["error:team_size@teams:3:team_code"],
    ],
    ["no deputy", (wb) => (wb.members[1]!.role = "member"), ["error:team_deputy_count@teams:2:team_code"]],
    ["two leaders", (wb) => (wb.members[2]!.role = "leader"), ["error:team_leader_count@teams:2:team_code"]],
    [
      "dissolved before founded",
      (wb) => (wb.teams[0]!.dissolved_on = "2021-01-01"),
      ["error:date_order@teams:2:dissolved_on", "warning:team_not_active@weekly:2:week"],
    ],
    ["a team in an unknown village", (wb) => (wb.teams[0]!.village_code = "XX"), ["error:unknown_village@teams:2:village_code"]],
    [
      "a member of an unknown team",
      (wb) => wb.members.push({ team_code: "ZZ", member_no: 1, full_name: "Lê Văn Cường", role: "member" }),
      ["error:unknown_team@members:9:team_code"],
    ],
    [
      "the same person in two teams (NFD name, other case)",
      (wb) =>
        wb.members.push({ team_code: "NG-T1", member_no: 5, full_name: "NGUYE\u0302\u0303N THỊ AN".normalize("NFD"), role: "member" }),
      ["error:member_in_two_teams@members:9:full_name"],
    ],
    [
      "namesakes told apart by phone",
      (wb) => wb.members.push({ team_code: "NG-T1", member_no: 5, full_name: "Nguyễn Thị An", role: "member", phone: "0988000000" }),
      [],
    ],
    [
      "29 households in a team",
      (wb) => (wb.households = wb.households.filter((h) => h.household_code !== "QT-0030")),
      ["warning:households_per_team@teams:2:team_code"],
    ],
    [
      "51 households in a team",
      (wb) =>
        wb.households.push(
          ...Array.from({ length: 11 }, (_, i) => ({
            ...wb.households[40]!,
            household_code: `NG-X${i}`,
            head_name: `Vi Văn ${"ABCDEFGHIJK"[i]}`,
            birth_year: 1990,
          })),
        ),
      ["warning:households_per_team@teams:3:team_code"],
    ],
    [
      "a household of an unknown team",
      (wb) => (wb.households[0]!.team_code = "ZZ"),
      ["warning:households_per_team@teams:2:team_code", "error:unknown_team@households:2:team_code"],
    ],
    [
      "a responsible member from another team",
      (wb) => (wb.households[0]!.responsible = ["Nguyễn Thị An", "Lục Văn Hải"]),
      ["error:responsible_not_in_team@households:2:responsible"],
    ],
    ["a responsible member written without diacritics", (wb) => (wb.households[0]!.responsible = ["nguyen thi an"]), []],
    ["a birth year after this year", (wb) => (wb.households[0]!.birth_year = 2023), ["error:out_of_range@households:2:birth_year"]],
    ["this year's birth year", (wb) => (wb.households[0]!.birth_year = 2022), []],
    [
      "a household entered twice (NFD, other case)",
      (wb) =>
        wb.households.push({
          ...wb.households[4]!,
          household_code: "QT-9999",
          household_no: 31,
          head_name: wb.households[4]!.head_name.toUpperCase().normalize("NFD"),
        }),
      ["warning:duplicate_household@households:72:head_name"],
    ],
    [
      "same head and year in another village is no duplicate",
      (wb) => {
        wb.households[30]!.head_name = wb.households[0]!.head_name;
        wb.households[30]!.birth_year = wb.households[0]!.birth_year;
      },
      [],
    ],
    [
      "a duplicate household code",
      (wb) => (wb.households[1]!.household_code = "QT-0001"),
      ["error:duplicate_key@households:3:household_code"],
    ],
    [
      "a change of an unknown household",
      (wb) => (wb.changes[0]!.household_code = "QT-7777"),
      ["error:unknown_household@changes:2:household_code"],
    ],
    [
      "two weekly reports of one team for one week",
      (wb) => wb.weekly.push({ ...wb.weekly[0]! }),
      ["error:duplicate_key@weekly:4:team_code"],
    ],
    ["a weekly report of an unknown team", (wb) => (wb.weekly[0]!.team_code = "ZZ"), ["error:unknown_team@weekly:2:team_code"]],
    [
      "a report for a week not begun",
      (wb) => {
        wb.weekly[0]!.week = "2022-W14";
        wb.weekly[0]!.submitted_on = "2022-04-04";
      },
      ["error:future_week@weekly:2:week"],
    ],
    ["a report dated before its week", (wb) => (wb.weekly[0]!.submitted_on = "2022-01-09"), ["error:date_order@weekly:2:submitted_on"]],
    [
      "a report before the team was founded",
      (wb) => {
        wb.weekly[0]!.week = "2021-W40";
        wb.weekly[0]!.submitted_on = "2021-10-11";
      },
      ["warning:team_not_active@weekly:2:week"],
    ],
    [
      "ethnic figures in a village without that task",
      (wb) => (wb.weekly[0]!.ethnic_activities = 2),
      ["error:ethnic_not_enabled@weekly:2:ethnic_activities"],
    ],
    ["zero ethnic figures in a village without that task", (wb) => (wb.weekly[0]!.ethnic_activities = 0), []],
    [
      "an ethnic ad-hoc report in a village without that task",
      (wb) => (wb.adhoc[0]!.team_code = "QT-T1"),
      ["error:ethnic_not_enabled@adhoc:2:area"],
    ],
    [
      "more members at a meeting than the team has",
      (wb) => (wb.meetings[0]!.members_present = 4),
      ["error:attendance_over_team_size@meetings:2:members_present"],
    ],
    [
      "two evaluations of a team for one period",
      (wb) => wb.evaluations.push({ ...wb.evaluations[0]!, rating: "done" }),
      ["error:duplicate_key@evaluations:3:team_code"],
    ],
  ])("%s", (_name, f, expected) => {
    expect(codes(mutate(f)).sort()).toEqual([...expected].sort());
  });

  it("uses the rows' own sheet row numbers when given", () => {
    const wb = mutate((w) => {
      w.changes[0]!.household_code = "NOPE";
      w.changes[0]!._row = 17;
    });
    expect(checkRules(wb, { today: TODAY })[0]).toMatchObject({ sheet: "changes", row: 17, column: "household_code" });
  });

  it("every message is Vietnamese text", () => {
    const wb = mutate((w) => (w.members = w.members.slice(1)));
    for (const i of checkRules(wb, { today: TODAY }))
      expect(i.message_vi).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  });
});

describe("checkWorkbook on raw cells", () => {
  it("skips blank rows, reads numbers typed as text, and reports cell errors at their sheet row", () => {
    const wb = validWorkbook();
    const raw: Record<string, unknown> = {
      ...wb,
      households: wb.households.map((h, i) => ({
        ...h,
        _row: i + 2,
        birth_year: i === 0 ? "1.975" : i === 1 ? " 75 " : h.birth_year,
        members_count: i === 2 ? " 4 " : h.members_count,
      })),
    };
    (raw.households as unknown[]).push({ household_code: "", team_code: " ", responsible: "", _row: 90 });
    const res = checkWorkbook(raw, { today: TODAY });
    expect(res.ok).toBe(false);
    const errors = res.issues.filter((i) => i.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ sheet: "households", row: 3, column: "birth_year", code: "out_of_range" })]);
    expect(errors[0]!.message_vi).toContain("Năm sinh");
    expect(res.workbook.households.find((h) => h._row === 2)?.birth_year).toBe(1975);
    expect(res.workbook.households.find((h) => h._row === 4)?.members_count).toBe(4);
    // The row that failed is left out of the parsed workbook but is still one of the team's 30
    // households the clerk sees: no "29 households" warning on top of its own error (issue 17).
    expect(res.workbook.households).toHaveLength(69);
    expect(res.issues.some((i) => i.code === "households_per_team")).toBe(false);
  });

  it("reports an unknown sheet and a sheet that is not a list", () => {
    const res = checkWorkbook({ ...validWorkbook(), extra: [], meetings: "x" }, { today: TODAY });
    expect(res.issues.map((i) => i.code).sort()).toEqual(["invalid_type", "unknown_sheet"]);
  });

  it("reports each missing required cell with the column's Vietnamese header", () => {
    const res = checkWorkbook(
      { members: [{ team_code: "QT-T1", member_no: 1, full_name: "", role: "Tổ trưởng", _row: 5 }] },
      { today: TODAY },
    );
    expect(res.issues[0]).toMatchObject({
      sheet: "members",
      row: 5,
      column: "full_name",
      code: "required",
      message_vi: 'Chưa nhập "Họ và tên".',
    });
  });
});

/** The workbook as raw rows with their sheet row numbers, as the add-on reads them. */
function rawOf(wb: Workbook): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(Object.entries(wb).map(([k, rows]) => [k, (rows as object[]).map((r, i) => ({ ...r, _row: i + 2 }))]));
}

describe("rows with errors are not missing rows (issue 17)", () => {
  it("a team without its founding date: one error on its cell, nothing on the rows that name it", () => {
    const raw = rawOf(validWorkbook());
    raw.teams![0]!.founded_on = ""; // QT-T1, as an imported mẫu 01 leaves it
    const res = checkWorkbook(raw, { today: TODAY });
    expect(res.issues.map((i) => `${i.severity}:${i.code}@${i.sheet}:${i.row}:${i.column}`)).toEqual(["error:required@teams:2:founded_on"]);
    expect(res.issues[0]!.message_vi).toBe('Chưa nhập "Ngày thành lập".');
  });

  it("still reports a team code that is on no row at all", () => {
    const raw = rawOf(validWorkbook());
    raw.members![0]!.team_code = "QT-T9";
    const res = checkWorkbook(raw, { today: TODAY });
    expect(res.issues).toContainEqual(expect.objectContaining({ sheet: "members", row: 2, code: "unknown_team" }));
  });

  it("a village, a household with errors: teams and population changes that name them are not told they are unknown", () => {
    const raw = rawOf(validWorkbook());
    raw.villages![0]!.ethnic_identity = ""; // QT
    raw.households![2]!.members_count = 0; // QT-0003, named by a population change
    const res = checkWorkbook(raw, { today: TODAY });
    expect(res.issues.map((i) => `${i.code}@${i.sheet}:${i.row}:${i.column}`).sort()).toEqual([
      "out_of_range@households:4:members_count",
      "required@villages:2:ethnic_identity",
    ]);
  });

  it("counts the household rows the clerk sees: 6 imported, 3 with errors → 6 households", () => {
    const wb = validWorkbook();
    wb.households = wb.households.filter((h) => h.team_code !== "QT-T1" || Number(h.household_code.slice(3)) <= 6);
    const raw = rawOf(wb);
    for (const h of raw.households!.slice(0, 3)) h.birth_year = 75;
    const res = checkWorkbook(raw, { today: TODAY });
    const size = res.issues.find((i) => i.code === "households_per_team")!;
    expect(size).toMatchObject({ sheet: "teams", row: 2, severity: "warning" });
    expect(size.message_vi).toContain("phụ trách 6 hộ");
  });

  it("counts member rows with errors in a team's size, and leaves the roles to their own cells", () => {
    const raw = rawOf(validWorkbook());
    raw.members![2]!.full_name = "x"; // QT-T1's third member: a name error, role still reads
    let res = checkWorkbook(raw, { today: TODAY });
    expect(res.issues.map((i) => `${i.code}@${i.sheet}:${i.row}`)).toEqual(["invalid_format@members:4"]);
    raw.members![1]!.role = "Phó"; // QT-T1's deputy: the role does not read
    res = checkWorkbook(raw, { today: TODAY });
    expect(res.issues.map((i) => `${i.code}@${i.sheet}:${i.row}`).sort()).toEqual(["invalid_format@members:4", "not_allowed@members:3"]);
  });
});

describe("names (issue 17)", () => {
  it.each([
    ["x", "error", "quá ngắn"],
    ['=HYPERLINK("http://127.0.0.1/x","Bấm")', "error", "là một công thức"],
    ["Nguyễn Văn 2", "error", "có chữ số"],
    ["Nguyễn (Văn) An", "error", 'ký hiệu không dùng trong họ tên: "(", ")"'],
    ["An", "warning", "mới có một từ"],
    ["Tư", "warning", "mới có một từ"],
  ])("head of household %j: %s, %s", (head, severity, fragment) => {
    const raw = rawOf(validWorkbook());
    raw.households![0]!.head_name = head;
    const res = checkWorkbook(raw, { today: TODAY });
    expect(res.issues).toHaveLength(1);
    expect(res.issues[0]).toMatchObject({ sheet: "households", row: 2, column: "head_name", severity });
    expect(res.issues[0]!.message_vi).toContain(fragment);
  });

  it("asks for two words in every one-person name column (members, heads, reporters), as a warning", () => {
    const wb = validWorkbook();
    wb.members[2]!.full_name = "Sơn";
    wb.weekly[0]!.reporter = "An";
    expect(codes(wb)).toEqual(["warning:name_one_word@members:4:full_name", "warning:name_one_word@weekly:2:reporter"]);
  });
});
