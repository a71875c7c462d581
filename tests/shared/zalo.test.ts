/** The Zalo form and the pieces of its reader: figures, labels, Zalo's headers; the form read back. */
import { describe, expect, it } from "vitest";
import { headerOf } from "../../shared/templates";
import { WEEKLY_FIGURES } from "../../shared/weekly";
import { weeklyFormText } from "../../shared/zalo/form";
import { figureLabel } from "../../shared/zalo/labels";
import { editDistance, labelMatcher } from "../../shared/zalo/match";
import { readZaloPaste } from "../../shared/zalo/parse";
import { readStamp, splitMessages } from "../../shared/zalo/segment";
import { readFigure } from "../../shared/zalo/values";
import { CORPUS_TEAMS } from "../fixtures/zalo/corpus";

describe("readFigure", () => {
  it.each([
    ["3", 3],
    [" 03 ", 3],
    ["3 lần", 3],
    ["12 hộ", 12],
    ["60 người", 60],
    ["1 200", 1200],
    ["1.050", 1050],
    ["3️⃣5️⃣", 35],
    ["không", 0],
    ["Không.", 0],
    ["ko", 0],
    ["k", 0],
    ["0️⃣", 0],
    ["không có vụ nào", 0],
    ["chưa có ca nào", 0],
    ["hai lần", 2],
    ["mười", 10],
    ["5 hộ (2 hộ mới)", 5],
    ["có 4 buổi", 4],
  ])("reads %j as %d", (raw, n) => {
    expect(readFigure(raw)).toEqual({ value: n });
  });

  it.each([
    "vài",
    "vài hộ",
    "3-4",
    "khoảng 5",
    "2+1",
    "nhiều",
    "?",
    "chưa thống kê",
    "không rõ",
    "-2",
    "1,5",
    "5 hoặc 6",
    "trên 10",
    "10+",
    "1 2",
    "9999999",
  ])("reports %j unreadable, as written", (raw) => {
    expect(readFigure(raw)).toEqual({ unreadable: raw });
  });

  it("a blank value is not given", () => {
    expect(readFigure("  ")).toBeNull();
  });
});

describe("labels", () => {
  const match = labelMatcher();
  it.each([
    ["Tuyên truyền trên loa (lần)", "broadcasts"],
    ["Số lần tuyên truyền trên loa", "broadcasts"],
    ["tuyen truen tren loa", "broadcasts"],
    ["LOA", "broadcasts"],
    ["Phân loại rát", "env_waste_sorting"],
    ["Covid-19: ca mắc mới", "covid_new_cases"],
    ["An ninh trật tự vụ việc", "antt_incidents"],
    ["Khó khăn về tiêm vắc xin", "difficulties"],
    ["Người báo cáo", "reporter"],
    ["Tổ", "team"],
  ])("%j names %s", (label, key) => {
    expect(match(label)).toBe(key);
  });

  it("names nothing for words the form does not have, or two labels equally close", () => {
    expect(match("Tổ chức hội nghị")).toBeNull();
    expect(match("Vi phạm")).toBeNull(); // Covid or environment: the message must say
  });

  it("every weekly figure has a label, and no label names two figures", () => {
    const labels = WEEKLY_FIGURES.map(figureLabel);
    expect(new Set(labels).size).toBe(WEEKLY_FIGURES.length);
    for (const k of WEEKLY_FIGURES) {
      expect(match(figureLabel(k)), k).toBe(k);
      expect(match(headerOf("weekly", k)), k).toBe(k);
    }
  });

  it("editDistance counts a swap as one edit and stops past its bound", () => {
    expect(editDistance("loa", "lao", 2)).toBe(1);
    expect(editDistance("tuyen truyen", "tuyen truen", 2)).toBe(1);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });
});

describe("Zalo headers", () => {
  it.each([
    ["20:15", "2022-10-17"],
    ["Hôm qua 21:30", "2022-10-16"],
    ["20:15 16/10/2022", "2022-10-16"],
    ["16/10/2022 20:15", "2022-10-16"],
    ["[20:15, 16/10]", "2022-10-16"],
    ["20h15 16/10/22", "2022-10-16"],
    ["08:00 31/12", "2021-12-31"], // no year and later than today: last year's
  ])("reads %j as sent on %s", (line, day) => {
    expect(readStamp(line, "2022-10-17")?.sentOn).toBe(day);
  });

  it.each(["Loa: 3", "25:00", "31/02/2022 10:00", "Nguyễn Văn Hùng"])("%j is not a time", (line) => {
    expect(readStamp(line, "2022-10-17")).toBeNull();
  });

  it("splits at each header and keeps sender and day", () => {
    const m = splitMessages(
      "Nguyễn Văn Hùng\n20:15 16/10/2022\nLoa: 3\nLê Văn Nam, 21:00 16/10/2022\nLoa: 2\n[16/10/2022 21:30] Đỗ Thị Hạnh: Loa: 1",
      "2022-10-17",
    );
    expect(m.map((x) => [x.sender, x.sentOn, x.body])).toEqual([
      ["Nguyễn Văn Hùng", "2022-10-16", ["Loa: 3"]],
      ["Lê Văn Nam", "2022-10-16", ["Loa: 2"]],
      ["Đỗ Thị Hạnh", "2022-10-16", ["Loa: 1"]],
    ]);
  });
});

describe("the form as a Zalo message", () => {
  it.each(CORPUS_TEAMS.map((t) => [t.team_code, t] as const))("%s: filled with numbers, is read back whole", (_code, team) => {
    const text = weeklyFormText(team, "2022-W41");
    expect(text).toContain(`Tổ: ${team.team_code} - ${team.team_name}`);
    expect(text).toContain("Tuần: 41/2022 (10/10–16/10/2022)");
    const asked = WEEKLY_FIGURES.filter((k) => team.ethnic || !k.startsWith("ethnic_"));
    expect(asked.every((k) => text.includes(`${figureLabel(k)}: `))).toBe(true);
    let n = 0;
    const filled = text
      .split("\n")
      .map((l) => (/^\d+\. .*: $/.test(l) ? `${l}${++n * 7}` : l.startsWith("Người báo cáo") ? `${l}${team.members[0]}` : l))
      .join("\n");
    const [r] = readZaloPaste(`${team.members[0]}\n20:00 16/10/2022\n${filled}`, { teams: CORPUS_TEAMS, today: "2022-10-17" });
    expect(r!.team).toBe(team.team_code);
    expect(r!.week).toBe("2022-W41");
    expect(r!.reporter).toBe(team.members[0]);
    expect(r!.figures).toEqual(Object.fromEntries(asked.map((k, i) => [k, (i + 1) * 7])));
    expect(r!.unreadable).toEqual({});
    expect(r!.unknownLines).toEqual([]);
  });
});
