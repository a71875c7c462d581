/**
 * The team tools through the BUILT add-on on the Sheets double: the Zalo forms, "Dán báo cáo Zalo"
 * (read and shown before anything is written, then written: updates in place, rows made ahead filled,
 * unreadable cells marked and kept marked by the check until filled), "Tạo báo cáo tuần mới",
 * "Dự thảo đánh giá" (a rating a person changed is never overwritten; commendations follow), the Ban
 * Chỉ đạo in the founding decision, and Sheets calls that do not grow with the rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { RATINGS } from "../../shared/enums";
import { CRITERIA_SHEET } from "../../shared/evaluation/criteria";
import { shiftDate, weekEnd, weeksInPeriod } from "../../shared/periods";
import type { Workbook } from "../../shared/schemas";
import { columnsOf, SHEETS, type SheetKey } from "../../shared/templates";
import { weeklyFormText } from "../../shared/zalo/form";
import { SHEETS_CLASSES } from "./double/counting";
import type { FakeSpreadsheet } from "./double/spreadsheet";
import { putWorkbook, register, setCommune } from "./fixtures";
import { type Bundle, buildBundle, plain, setupEnv } from "./harness";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

const WEEKLY = SHEETS.weekly.title;
const EVAL = SHEETS.evaluations.title;
const WARN = "#fff2cc";

/** Rows of a template sheet as objects by column key, with their sheet row. */
function rowsOf(ss: FakeSpreadsheet, key: SheetKey): (Record<string, unknown> & { _row: number })[] {
  const [header, ...rows] = ss._find(SHEETS[key].title)!._dump();
  const cols = columnsOf(key);
  const at = cols.map((c) => header!.indexOf(c.header));
  return rows
    .map(
      (r, i) =>
        ({ _row: i + 2, ...Object.fromEntries(cols.map((c, j) => [c.key, at[j]! >= 0 ? r[at[j]!] : undefined])) }) as Record<
          string,
          unknown
        > & { _row: number },
    )
    .filter((r) => cols.some((c) => r[c.key] !== "" && r[c.key] !== undefined));
}

function cellOf(ss: FakeSpreadsheet, key: SheetKey, row: number, column: string) {
  const s = ss._find(SHEETS[key].title)!;
  const c = (s._dump()[0] as string[]).indexOf(columnsOf(key).find((x) => x.key === column)!.header);
  return { value: s.values.get(row - 1, c), note: s.notes.get(row - 1, c), background: s.backgrounds.get(row - 1, c) };
}

/** A Date cell (from the bundle's realm too) as its ISO instant; other values as they are. */
const iso = (v: unknown) => (Object.prototype.toString.call(v) === "[object Date]" ? (v as Date).toISOString() : v);

/** Two villages (the second with the ethnic task), two teams each. */
function commune(extra: Partial<Workbook> = {}) {
  const wb = register({ villages: 2, teamsPerVillage: 2, householdsPerTeam: 35 });
  const env = setupEnv(bundle);
  putWorkbook(env.ss, { ...wb, ...extra });
  setCommune(env.ss);
  const member = (team: string, i = 0) => wb.members.filter((m) => m.team_code === team)[i]!.full_name;
  return { ...env, wb, member };
}

describe("Mẫu tin nhắn Zalo", () => {
  it("gives every active team its form for the week, the same text the worker's link shows", () => {
    const { gas, addon, wb } = commune();
    addon.menuZaloForms();
    const dialog = gas.ui.dialogs.at(-1)!;
    expect(dialog.title).toBe("Mẫu tin nhắn báo cáo tuần gửi các tổ");
    const data = dialog.html._data<{ week: string; forms: { team_code: string; text: string }[] }>();
    expect(data.forms.map((f) => f.team_code)).toEqual(["V01-T1", "V01-T2", "V02-T1", "V02-T2"]);
    for (const f of data.forms) {
      const t = wb.teams.find((x) => x.team_code === f.team_code)!;
      const ethnic = wb.villages.find((v) => v.village_code === t.village_code)!.ethnic_identity;
      expect(f.text).toBe(weeklyFormText({ team_code: t.team_code, team_name: t.team_name, ethnic }, data.week));
    }
    expect(data.forms[2]!.text).toContain("Bản sắc dân tộc - người tham gia: ");
    expect(data.forms[0]!.text).not.toContain("Bản sắc dân tộc");
    expect(plain(addon.getZaloForms("2021-W30")).forms).toEqual([]); // before the teams were founded
    expect(() => addon.getZaloForms("tuần sau")).toThrow(/không phải là tuần/);
  });
});

describe("Dán báo cáo Zalo", () => {
  function pasteEnv() {
    const env = commune();
    const { wb, member } = env;
    // V01-T1 already reported week 41; V01-T2 has the row "Tạo báo cáo tuần mới" made.
    putWorkbook(env.ss, {
      ...wb,
      weekly: [
        { week: "2022-W41", team_code: "V01-T1", reporter: member("V01-T1"), submitted_on: "2022-10-16", broadcasts: 1, zalo_posts: 2 },
        { week: "2022-W41", team_code: "V01-T2", difficulties: "Thiếu loa" } as never,
      ],
    });
    const paste = [
      `${member("V01-T1")}\n20:15 16/10/2022\nTổ: V01-T1\nTuần: 41/2022\nLoa: 4\nZalo: 2\nHộ đến tận nhà: vài hộ`,
      `${member("V01-T2")}\n20:20 16/10/2022\nTổ: V01-T2\nTuần: 41/2022\nLoa: 3\nKhó khăn: không`,
      `${member("V02-T1")}\n20:30 16/10/2022\nTổ 1 thôn Ngọt tuần 41\nLoa: 2\nHoạt động văn hóa: 1\nNgười tham gia: 40 người`,
      `Zalo ẩn danh\n20:40 16/10/2022\nTổ: V02-T2\nLoa: 1\nPhân loại rác: 3-4`,
      `${member("V02-T2")}\n20:41 16/10/2022\nOk anh 👍`,
      `Người lạ\n20:50 16/10/2022\nTổ: V09-T9\nTuần 41\nLoa: 5`,
    ].join("\n");
    return { ...env, paste };
  }

  it("shows what it read beside each message, and writes nothing yet", () => {
    const { gas, ss, addon, paste } = pasteEnv();
    const before = ss._find(WEEKLY)!._dump();
    gas.counter.reset();
    const r = plain(addon.previewZaloPaste(paste, "2022-W41"));
    expect(r.items.map((i: { status: string }) => i.status)).toEqual(["update", "fill", "new", "new", "skipped", "skipped"]);
    expect(r.counts).toEqual({ new: 2, update: 1, fill: 1, superseded: 0, skipped: 2 });
    const [update, fill, fresh, noReporter, chatter, stranger] = r.items;
    expect(update.action).toBe("Cập nhật dòng 2 đã có (không thêm dòng mới); khi gửi, máy chủ giữ bản cũ làm bản sửa đổi.");
    expect(update.original).toContain("Hộ đến tận nhà: vài hộ");
    expect(update.lines).toContainEqual({ label: "Tuyên truyền trên loa (lần)", value: "4", old: "1" });
    expect(update.lines).toContainEqual({ label: "Hộ đến tận nhà", value: "không đọc được «vài hộ»", bad: true });
    expect(fill.action).toBe("Điền vào dòng 3 (dòng tạo sẵn cho tuần này).");
    expect(fresh.lines).toContainEqual({ label: "Bản sắc dân tộc - người tham gia", value: "40" });
    expect(noReporter.lines).toContainEqual({
      label: "Tuần",
      value: "Tuần 41/2022 (10/10–16/10/2022) — Tin nhắn không ghi tuần: dùng tuần đã chọn khi dán.",
    });
    expect(noReporter.lines).toContainEqual({ label: "Người báo cáo", value: "Tin nhắn không ghi người báo cáo.", bad: true });
    expect(chatter.action).toBe("Không phải báo cáo: bỏ qua.");
    expect(stranger.problems).toEqual(['Không nhận ra tổ "V09-T9".']);
    expect(ss._find(WEEKLY)!._dump()).toEqual(before);
    expect(gas.counter.get("Range.setValues") + gas.counter.get("Range.setNotes")).toBe(0);
  });

  it("writes each report into the row of its team and week: updated in place, never doubled; unreadable cells marked and kept marked until filled", () => {
    const { gas, ss, addon, paste, member } = pasteEnv();
    gas.counter.reset();
    const r = plain(addon.applyZaloPaste(paste, "2022-W41"));
    expect(r.text).toContain('Đã ghi 4 báo cáo vào trang "Báo cáo tuần": 2 dòng mới, 1 dòng cập nhật, 1 dòng tạo sẵn được điền.');
    // Four reads, then one write of values, one of notes, one of colours.
    const calls = gas.counter.snapshot(SHEETS_CLASSES);
    expect(calls["Range.getValues"]).toBe(4);
    expect(calls["Range.setValues"]).toBe(1);
    expect(calls["Range.setNotes"]).toBe(1);
    expect(calls["Range.setBackgrounds"]).toBe(1);

    const rows = rowsOf(ss, "weekly");
    expect(rows.map((w) => [w._row, w.team_code, w.week])).toEqual([
      [2, "V01-T1", "2022-W41"],
      [3, "V01-T2", "2022-W41"],
      [4, "V02-T1", "2022-W41"],
      [5, "V02-T2", "2022-W41"],
    ]);
    expect(rows[0]).toMatchObject({ broadcasts: 4, zalo_posts: 2, households_visited: "", reporter: member("V01-T1") });
    expect(rows[1]).toMatchObject({ broadcasts: 3, reporter: member("V01-T2"), difficulties: "Thiếu loa" });
    expect(iso(rows[1]!.submitted_on)).toBe("2022-10-15T17:00:00.000Z"); // 16/10/2022 in Vietnam
    expect(rows[2]).toMatchObject({ broadcasts: 2, ethnic_activities: 1, ethnic_participants: 40, reporter: member("V02-T1") });
    expect(rows[3]).toMatchObject({ broadcasts: 1, reporter: "", env_waste_sorting: "" });

    const visits = cellOf(ss, "weekly", 2, "households_visited");
    expect(visits.background).toBe(WARN);
    expect(visits.note).toContain("Tin nhắn Zalo: không đọc được «vài hộ»");
    expect(cellOf(ss, "weekly", 5, "reporter").note).toContain("Tin nhắn Zalo: Tin nhắn không ghi người báo cáo.");
    expect(cellOf(ss, "weekly", 5, "env_waste_sorting").note).toContain("«3-4»");

    // The check keeps the marks while the cells are blank and lists them (warnings; the missing
    // reporter is an error of its own).
    let s = plain(addon.runCheckNow());
    const weekly = s.sheets.find((x: { key: string }) => x.key === "weekly");
    expect(weekly.items.filter((i: { text: string }) => i.text.includes("Tin nhắn Zalo")).length).toBe(3);
    expect(cellOf(ss, "weekly", 2, "households_visited").note).toContain("«vài hộ»");
    // Filled by the clerk after asking the team: the mark goes.
    ss._find(WEEKLY)!._put([[7]], 2, 7);
    s = plain(addon.runCheckNow());
    expect(cellOf(ss, "weekly", 2, "households_visited")).toMatchObject({ note: "", background: "#ffffff" });
    expect(cellOf(ss, "weekly", 5, "env_waste_sorting").note).toContain("«3-4»");

    // The same paste again changes nothing: the same rows, the same values.
    const before = ss._find(WEEKLY)!._dump();
    plain(addon.applyZaloPaste(paste, "2022-W41"));
    const after = ss._find(WEEKLY)!._dump();
    expect(after.length).toBe(before.length);
    // (The unreadable figure keeps the 7 the clerk typed: a value is never replaced by nothing.)
    expect(after.map((row) => row.map(iso))).toEqual(before.map((row) => row.map(iso)));
  });

  it("two messages for the same team and week: the later one is written", () => {
    const { ss, addon, member } = commune();
    const m = member("V01-T1");
    const r = plain(
      addon.applyZaloPaste(
        `${m}\n20:15 16/10/2022\nTổ: V01-T1\nTuần 41\nLoa: 3\n${m}\n20:18 16/10/2022\nSửa lại tổ V01-T1 tuần 41:\nLoa: 4`,
        "",
      ),
    );
    expect(r.items.map((i: { status: string }) => i.status)).toEqual(["superseded", "new"]);
    expect(rowsOf(ss, "weekly").map((w) => [w.team_code, w.broadcasts])).toEqual([["V01-T1", 4]]);
  });
});

describe("Tạo báo cáo tuần mới", () => {
  it("adds one row per active team for the week, carries difficulties and proposals over for review, overwrites nothing", () => {
    const { gas, ss, addon, wb, member } = commune();
    putWorkbook(ss, {
      ...wb,
      teams: [...wb.teams.slice(0, 3), { ...wb.teams[3]!, dissolved_on: "2022-10-01" }],
      weekly: [
        { week: "2022-W39", team_code: "V01-T1", reporter: member("V01-T1"), submitted_on: "2022-10-02", difficulties: "Cũ hơn" },
        {
          week: "2022-W40",
          team_code: "V01-T1",
          reporter: member("V01-T1"),
          submitted_on: "2022-10-09",
          difficulties: "Thiếu loa ở xóm trong",
          proposals: "Xin thêm 1 loa",
        },
        { week: "2022-W41", team_code: "V02-T1", reporter: member("V02-T1"), submitted_on: "2022-10-16", broadcasts: 5 },
      ],
    });
    gas.ui.answers.push({ text: "2022-W41" });
    gas.counter.reset();
    const r = plain(addon.menuNewWeek());
    expect(r).toEqual({ week: "2022-W41", created: ["V01-T1", "V01-T2"], existing: 1, carried: 1 });
    expect(gas.counter.get("Range.setValues")).toBe(1);
    expect(gas.ui.alerts.at(-1)!.message).toContain("1 tổ đã có dòng của tuần này: giữ nguyên, không ghi đè.");
    const rows = rowsOf(ss, "weekly");
    expect(rows.map((w) => [w.week, w.team_code])).toEqual([
      ["2022-W39", "V01-T1"],
      ["2022-W40", "V01-T1"],
      ["2022-W41", "V02-T1"],
      ["2022-W41", "V01-T1"],
      ["2022-W41", "V01-T2"],
    ]);
    expect(rows[2]).toMatchObject({ broadcasts: 5 }); // untouched
    expect(rows[3]).toMatchObject({
      difficulties: "Thiếu loa ở xóm trong",
      proposals: "Xin thêm 1 loa",
      reporter: "",
      broadcasts: "",
      submitted_on: "",
    });
    expect(rows[4]).toMatchObject({ difficulties: "", proposals: "", broadcasts: "" });
    expect(cellOf(ss, "weekly", 5, "difficulties")).toMatchObject({ background: WARN });
    expect(cellOf(ss, "weekly", 5, "difficulties").note).toContain("Chép từ báo cáo tuần 2022-W40");

    // The check: the rows made ahead are not reports yet (not sent), the carried text waits for review.
    let s = plain(addon.runCheckNow());
    expect(s.errors).toBe(0);
    const items = s.sheets.find((x: { key: string }) => x.key === "weekly").items.map((i: { text: string }) => i.text);
    expect(items.filter((t: string) => t.includes("chưa báo cáo tuần 2022-W41"))).toHaveLength(2);
    expect(items.filter((t: string) => t.includes("Chép từ báo cáo tuần 2022-W40"))).toHaveLength(2);
    // Reviewed: one text changed, the other's note deleted because it still holds.
    ss._find(WEEKLY)!._put(
      [["Đã có loa mới, còn thiếu người trực"]],
      5,
      columnsOf("weekly").findIndex((c) => c.key === "difficulties") + 1,
    );
    ss._find(WEEKLY)!.notes.set(
      4,
      columnsOf("weekly").findIndex((c) => c.key === "proposals"),
      "",
    );
    s = plain(addon.runCheckNow());
    const left = s.sheets.find((x: { key: string }) => x.key === "weekly").items.map((i: { text: string }) => i.text);
    expect(left.filter((t: string) => t.includes("Chép từ báo cáo"))).toEqual([]);
    expect(cellOf(ss, "weekly", 5, "difficulties")).toMatchObject({ note: "", background: "#ffffff" });

    // Again for the same week: nothing to add, nothing overwritten.
    const before = ss._find(WEEKLY)!._dump();
    gas.ui.answers.push({ text: "2022-W41" });
    expect(plain(addon.menuNewWeek()).created).toEqual([]);
    expect(ss._find(WEEKLY)!._dump()).toEqual(before);
  });
});

describe("Dự thảo đánh giá", () => {
  /**
   * A year of weekly reports (2022): V01-T1 every week on time; V01-T2 misses every tenth week;
   * V02-T1 every week, late; V02-T2 every other week. Quarterly meetings for the first three.
   */
  function evalEnv() {
    const env = commune();
    const { wb, member } = env;
    const weeks = weeksInPeriod("2022");
    const pattern: Record<string, (i: number) => boolean> = {
      "V01-T1": () => true,
      "V01-T2": (i) => i % 10 !== 9,
      "V02-T1": () => true,
      "V02-T2": (i) => i % 2 === 0,
    };
    const weekly = Object.entries(pattern).flatMap(([team, has]) =>
      weeks
        .filter((_, i) => has(i))
        .map((week) => ({
          week,
          team_code: team,
          reporter: member(team),
          submitted_on: shiftDate(weekEnd(week), team === "V02-T1" ? 3 : 1),
          broadcasts: 3,
          zalo_posts: 2,
          households_visited: 6,
        })),
    );
    const meetings = ["V01-T1", "V01-T2", "V02-T1"].flatMap((team_code) =>
      ["2022-03-30", "2022-06-29", "2022-09-29", "2022-12-28"].map((meeting_date) => ({
        meeting_date,
        team_code,
        kind: "quarterly" as const,
        members_present: 4,
      })),
    );
    putWorkbook(env.ss, { ...wb, weekly, meetings });
    return env;
  }

  it("fills the Đánh giá sheet with a suggested rating and its reasons per team, by the rule table it creates", () => {
    const { gas, ss, addon } = evalEnv();
    gas.ui.answers.push({ text: "2022-Q1" });
    const r = plain(addon.menuEvaluationDraft());
    expect(r.ok).toBe(true);
    expect(r.created).toBe(true);
    expect(ss._find(CRITERIA_SHEET)).toBeDefined();
    const rows = rowsOf(ss, "evaluations");
    expect(rows.map((e) => [e.period, e.team_code, e.rating, e.suggested_rating])).toEqual([
      ["2022-Q1", "V01-T1", RATINGS.excellent, RATINGS.excellent],
      ["2022-Q1", "V01-T2", RATINGS.good, RATINGS.good],
      ["2022-Q1", "V02-T1", RATINGS.not_done, RATINGS.not_done],
      ["2022-Q1", "V02-T2", RATINGS.not_done, RATINGS.not_done],
    ]);
    expect(rows[1]!.suggestion_reasons).toContain("Tỷ lệ báo cáo tuần (%): 92,3% (12/13 tuần) — đạt mức Hoàn thành tốt nhiệm vụ (từ 85).");
    expect(rows[2]!.suggestion_reasons).toContain("Tỷ lệ báo cáo đúng hạn (%): 0% (0/13 tuần) — chưa đạt mức Hoàn thành nhiệm vụ (từ 50).");
    expect(rows.every((e) => e.commendation === "")).toBe(true); // a quarter: no commendation by default
    expect(gas.ui.alerts.at(-1)!.message).toContain(`Đã tạo trang "${CRITERIA_SHEET}" với ngưỡng mặc định`);
  });

  it("never overwrites a rating a person changed; the commendation follows the rating unless someone wrote another", () => {
    const { gas, ss, addon } = evalEnv();
    gas.ui.answers.push({ text: "2022" });
    plain(addon.menuEvaluationDraft());
    let rows = rowsOf(ss, "evaluations");
    expect(rows.map((e) => [e.team_code, e.rating, e.commendation])).toEqual([
      ["V01-T1", RATINGS.excellent, "Giấy khen của Chủ tịch UBND xã"],
      ["V01-T2", RATINGS.good, ""],
      ["V02-T1", RATINGS.not_done, ""],
      ["V02-T2", RATINGS.not_done, ""],
    ]);
    // The steering committee disagrees: V02-T1 reported every week (late) — "Hoàn thành tốt";
    // V01-T1 gets a commendation they word themselves; a comment on V01-T2.
    const sheet = ss._find(EVAL)!;
    const col = (k: string) => columnsOf("evaluations").findIndex((c) => c.key === k) + 1;
    sheet._put([[RATINGS.good]], 4, col("rating"));
    sheet._put([["Bằng khen của UBND tỉnh"]], 2, col("commendation"));
    sheet._put([["Cần họp đúng kỳ"]], 3, col("comment"));
    const before = sheet._dump();
    gas.ui.answers.push({ text: "2022" });
    const r = plain(addon.menuEvaluationDraft());
    expect(r.outcomes.find((o: { team: string }) => o.team === "V02-T1")).toMatchObject({
      kept: true,
      rating: "good",
      suggested: "not_done",
    });
    expect(gas.ui.alerts.at(-1)!.message).toContain("V02-T1: giữ Hoàn thành tốt nhiệm vụ (gợi ý mới: Không hoàn thành nhiệm vụ)");
    rows = rowsOf(ss, "evaluations");
    expect(rows.map((e) => [e.team_code, e.rating, e.commendation, e.comment])).toEqual([
      ["V01-T1", RATINGS.excellent, "Bằng khen của UBND tỉnh", ""],
      ["V01-T2", RATINGS.good, "", "Cần họp đúng kỳ"],
      ["V02-T1", RATINGS.good, "", ""],
      ["V02-T2", RATINGS.not_done, "", ""],
    ]);
    expect(sheet._dump()).toEqual(before); // same data: nothing else moved
    // More reports for V02-T1 come in; its suggestion would change, its rating stays the person's.
    const reasonsBefore = rows[2]!.suggestion_reasons;
    gas.ui.answers.push({ text: "2022" });
    plain(addon.menuEvaluationDraft());
    expect(rowsOf(ss, "evaluations")[2]).toMatchObject({ rating: RATINGS.good, suggestion_reasons: reasonsBefore });
  });

  it("refuses a rule table it cannot read, naming the cell, and writes nothing; an edited threshold changes the suggestion", () => {
    const { gas, ss, addon } = evalEnv();
    gas.ui.answers.push({ text: "2022-Q1" });
    plain(addon.menuEvaluationDraft());
    const rules = ss._find(CRITERIA_SHEET)!;
    rules._put([["nhiều"]], 2, 3);
    const before = ss._find(EVAL)!._dump();
    gas.ui.answers.push({ text: "2022-Q1" });
    const bad = plain(addon.menuEvaluationDraft());
    expect(bad.ok).toBe(false);
    expect(gas.ui.alerts.at(-1)!.message).toContain(
      'Trang "Tiêu chí đánh giá", dòng 2, cột Hoàn thành xuất sắc nhiệm vụ (từ): "nhiều" không phải là số.',
    );
    expect(ss._find(EVAL)!._dump()).toEqual(before);
    // The commune asks less for "xuất sắc" reporting: V01-T2 (92,3%) reaches it on that criterion.
    rules._put([[90]], 2, 3);
    gas.ui.answers.push({ text: "2022-Q1" });
    plain(addon.menuEvaluationDraft());
    expect(rowsOf(ss, "evaluations")[1]).toMatchObject({ rating: RATINGS.excellent });
    expect(plain(gas.ui.answers)).toEqual([]);
  });
});

describe("Tạo Quyết định với Ban Chỉ đạo", () => {
  it("prints the Ban Chỉ đạo's own decision with its members after the teams' decision", () => {
    const steering = [
      { member_no: 2, full_name: "Trần Văn Bình", current_position: "Phó Bí thư Thường trực", seat: "standing_deputy", role: "deputy" },
      { member_no: 1, full_name: "Nguyễn Văn An", current_position: "Bí thư Đảng ủy", seat: "party_secretary", role: "head" },
      { member_no: 3, full_name: "Lê Thị Cúc", current_position: "Trạm trưởng Trạm Y tế", seat: "health", role: "member" },
    ] as Workbook["steering"];
    const { gas, addon } = commune({ steering });
    plain(addon.menuDecision());
    const doc = gas.documents[0]!;
    expect(doc.paragraphs.map((p) => p.text)).toContain("Thành lập Ban Chỉ đạo xây dựng thí điểm Tổ Dân vận cộng đồng của xã");
    expect(doc.tables[1]).toEqual([
      ["TT", "Họ và tên", "Chức vụ hiện tại", "Chức vụ trong Ban Chỉ đạo"],
      ["1", "Nguyễn Văn An", "Bí thư Đảng ủy", "Trưởng ban"],
      ["2", "Trần Văn Bình", "Phó Bí thư Thường trực", "Phó Trưởng ban"],
      ["3", "Lê Thị Cúc", "Trạm trưởng Trạm Y tế", "Thành viên"],
    ]);
    expect(doc.pageBreaks).toBe(2);
  });
});

describe("Sheets calls do not grow with the rows", () => {
  /** 30 teams (15 villages × 2) and `weeks` weeks of reports for each: 30 × weeks weekly rows. */
  function big(weeks: number) {
    const wb = register({ villages: 15, teamsPerVillage: 2, householdsPerTeam: 30 });
    const keys = Array.from({ length: weeks }, (_, i) => `2021-W${String(i + 1).padStart(2, "0")}`);
    wb.weekly = wb.teams.flatMap((t) =>
      keys.map((week) => ({
        week,
        team_code: t.team_code,
        reporter: wb.members.find((m) => m.team_code === t.team_code)!.full_name,
        submitted_on: shiftDate(weekEnd(week), 1),
        broadcasts: 2,
      })),
    );
    const env = setupEnv(bundle);
    putWorkbook(env.ss, wb);
    setCommune(env.ss);
    const paste = wb.teams
      .map(
        (t) =>
          `${wb.members.find((m) => m.team_code === t.team_code)!.full_name}\n20:00 16/10/2022\nTổ: ${t.team_code}\nTuần 41/2022\nLoa: 3\nZalo: 1 200\nHộ đến tận nhà: vài`,
      )
      .join("\n");
    return { ...env, paste, rows: wb.weekly.length };
  }

  it("pastes 30 messages and drafts 30 teams' evaluations with the same calls at 30 and at 300 weekly rows", () => {
    const run = (weeks: number) => {
      const { gas, addon, paste, rows, ss } = big(weeks);
      gas.counter.reset();
      const r = plain(addon.applyZaloPaste(paste, ""));
      const pasteCalls = gas.counter.snapshot(SHEETS_CLASSES);
      expect(r.counts.new).toBe(30);
      gas.counter.reset();
      gas.ui.answers.push({ text: "2021" });
      const e = plain(addon.menuEvaluationDraft());
      const draftCalls = gas.counter.snapshot(SHEETS_CLASSES);
      expect(e.outcomes).toHaveLength(30);
      expect(rowsOf(ss, "weekly")).toHaveLength(rows + 30);
      return { pasteCalls, draftCalls };
    };
    const small = run(1);
    const large = run(10);
    expect(large.pasteCalls).toEqual(small.pasteCalls);
    expect(large.draftCalls).toEqual(small.draftCalls);
    const total = (x: Record<string, number>) => Object.values(x).reduce((a, b) => a + b, 0);
    expect(small.pasteCalls["Range.getValues"]).toBe(4); // Thôn, Tổ, Thành viên, Báo cáo tuần
    expect(small.pasteCalls["Range.setValues"]).toBe(1);
    expect(total(small.pasteCalls)).toBeLessThanOrEqual(25);
    // The rule table, Thôn, Tổ, Thành viên, Báo cáo tuần, Họp tổ, Đánh giá; one write of the rule table
    // this first time (created with its defaults), one of the Đánh giá rows.
    expect(small.draftCalls["Range.getValues"]).toBe(7);
    expect(small.draftCalls["Range.setValues"]).toBe(2);
    expect(total(small.draftCalls)).toBeLessThanOrEqual(50);
  }, 120_000);
});
