/**
 * "Dán báo cáo Zalo": Zalo messages → weekly reports. Each message (./segment.ts) is read line by
 * line: "label: value" (or "label value" for a number), labels matched loosely (./match.ts),
 * figures read exactly or reported unreadable (./values.ts) — never guessed. The team comes from
 * the message (its code, or its name with the village's), else from a sender who is one of its
 * members; the week from the message (./week.ts: "Tuần 41/2022", "tuần 41", "10/10–16/10", "tuần này"), else
 * the week the clerk chose for messages without one. Pure.
 */
import { nameProblem, readDate } from "../cells";
import { shiftDate } from "../periods";
import { fold, nfc } from "../text";
import { isEthnicFigure, WEEKLY_FIGURES } from "../weekly";
import { type FieldKey, labelKey } from "./labels";
import { labelMatcher } from "./match";
import { splitMessages } from "./segment";
import { type Figure, plainText, readFigure } from "./values";
import { findWeek } from "./week";

export interface ZaloTeam {
  team_code: string;
  team_name: string;
  village_name: string;
  ethnic: boolean;
  /** Full names of the team's members. */
  members: readonly string[];
}

export interface ZaloContext {
  teams: readonly ZaloTeam[];
  /** 'yyyy-MM-dd', Vietnam: the day of the paste ("20:15" alone is today's message). */
  today: string;
  /** The week for messages that do not say theirs (chosen by the clerk), '2022-W41'. */
  defaultWeek?: string;
}

export interface ZaloReport {
  /** 1-based, in paste order. */
  index: number;
  /** The message as pasted. */
  original: string;
  sender: string | null;
  sentOn: string | null;
  /** False for a message that is not a report (no team, week or figure in it). */
  isReport: boolean;
  team: string | null;
  week: string | null;
  reporter: string | null;
  submitted_on: string | null;
  /** Figures read, by weekly column key. */
  figures: Record<string, number>;
  /** Figures given but not readable: the text as written. */
  unreadable: Record<string, string>;
  /** Figures left out on purpose (ethnic figures of a village without that task), with the reason. */
  ignored: Record<string, string>;
  texts: { difficulties?: string; proposals?: string };
  /** How the team, week, reporter and date were found, or why not (Vietnamese). */
  notes: Partial<Record<"team" | "week" | "reporter" | "date", string>>;
  /** Lines that name nothing the form knows. */
  unknownLines: string[];
  /** Why the report cannot be written (no team, no week), Vietnamese; empty when it can. */
  problems: string[];
}

const BULLET = /^\s*(?:[-–—•*+>·]+|\d{1,2}\s*[.)]|[a-d][.)])\s*/;
/** Words before a number that open a new section of figures ("ANTT:", "Môi trường:"). */
const SECTIONS = new Set(["covid", "antt", "moi truong", "ban sac dan toc", "ban sac", "tuyen truyen", "ket qua"]);

const numberish = (v: string) => /^\s*(\d|khong\b|ko\b|chua co|k\b|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)/.test(fold(plainText(v)));

type Match = { key: string; value: string } | null;

/** Split a line into a known label and its value. */
function splitLine(line: string, match: (l: string) => string | null, section: string): Match {
  const tryLabel = (label: string) => (section ? (match(`${section} ${label}`) ?? match(label)) : match(label));
  const first = /^(.*?)\s*[:=]\s*(.*)$/.exec(line);
  if (first) {
    const key = tryLabel(first[1]!);
    if (key) return { key, value: first[2]! };
    const last = /^(.*)[:=]\s*(.*)$/.exec(line)!;
    const key2 = last[1] !== first[1] ? tryLabel(last[1]!) : null;
    if (key2 && (WEEKLY_FIGURES.includes(key2) || numberish(last[2]!))) return { key: key2, value: last[2]! };
    return null;
  }
  // No ":": "Loa 3 lần", "Tuần 41", "Ngày 16/10/2022" — the longest label before a number.
  const words = line.split(" ");
  for (let k = words.length - 1; k >= 1; k--) {
    const value = words.slice(k).join(" ");
    const label = words.slice(0, k).join(" ");
    if ((!/\d/.test(value) && !numberish(value)) || /\d/.test(labelKey(label).replace(/\bf0\b/, ""))) continue;
    const key = tryLabel(label);
    if (key && (WEEKLY_FIGURES.includes(key) || key === "week" || key === "date")) return { key, value };
  }
  return null;
}

/**
 * The team a message names: by its code; else by its name ("Tổ 2", "tổ số 2"), narrowed to the
 * village named when several villages have a team of that name. Several left: the message does not
 * say which.
 */
function findTeam(text: string, teams: readonly ZaloTeam[]): ZaloTeam[] {
  const hay = ` ${labelKey(text)} `;
  const byCode = teams.filter((t) => hay.includes(` ${labelKey(t.team_code)} `));
  if (byCode.length) return byCode;
  const words = (s: string) => ` ${labelKey(s)} `;
  const byName = teams.filter((t) => [words(t.team_name), words(t.team_name).replace(" to so ", " to ")].some((n) => hay.includes(n)));
  const inVillage = byName.filter((t) => hay.includes(words(t.village_name).replace(/^ (thon|ban|xom|lang|khu|to dan pho) /, " ")));
  return inVillage.length ? inVillage : byName;
}

/** A member of the team whose name folds to the same as `name`. */
const memberNamed = (team: ZaloTeam | undefined, name: string | null) =>
  team && name ? team.members.find((m) => fold(m) === fold(name.replace(/\(.*?\)/g, ""))) : undefined;

/** Read one message. */
export function readReport(
  index: number,
  lines: readonly string[],
  body: readonly string[],
  meta: { sender: string | null; sentOn: string | null },
  ctx: ZaloContext,
  match: (l: string) => string | null,
): ZaloReport {
  const r: ZaloReport = {
    index,
    original: lines.join("\n").trim(),
    sender: meta.sender,
    sentOn: meta.sentOn,
    isReport: false,
    team: null,
    week: null,
    reporter: null,
    submitted_on: null,
    figures: {},
    unreadable: {},
    ignored: {},
    texts: {},
    notes: {},
    unknownLines: [],
    problems: [],
  };
  const fields: Partial<Record<FieldKey, string>> = {};
  const head: string[] = [];
  const read: Record<string, Figure[]> = {};
  let open = null as "difficulties" | "proposals" | null;
  let section = "";
  let seenFigure = false;
  const addFigure = (key: string, value: string) => {
    seenFigure = true;
    open = null;
    const list = read[key] ?? [];
    read[key] = list;
    list.push(readFigure(value));
  };
  for (const rawLine of body) {
    const line = nfc(plainText(rawLine).replace(BULLET, ""));
    // Empty, or a remark in brackets (the form's own instruction line).
    if (!line || /^\(.*\)$/.test(line)) continue;
    const bare = /^([^:=]*)[:=]?\s*$/.exec(line)?.[1];
    if (bare !== undefined && SECTIONS.has(labelKey(bare))) {
      section = labelKey(bare);
      continue;
    }
    const m = splitLine(line, match, section);
    if (m && WEEKLY_FIGURES.includes(m.key)) addFigure(m.key, m.value);
    else if (m && (m.key === "difficulties" || m.key === "proposals")) {
      open = m.key;
      r.texts[m.key] = m.value.trim();
    } else if (m) {
      open = null;
      fields[m.key as FieldKey] = m.value.trim();
      if (!seenFigure) head.push(line);
    } else if (open) r.texts[open] = `${r.texts[open] ? `${r.texts[open]}\n` : ""}${line}`;
    else {
      // Several figures on one line: "Tổ 1 tuần 41: loa 2, zalo 3, đến tận nhà 10 hộ".
      const colon = /^(.*?)[:=]\s*(.+)$/.exec(line);
      const parts = (colon ? colon[2]! : line).split(/[,;]\s+/).map((p) => [p, splitLine(p, match, section)] as const);
      const figures = parts.filter(([, x]) => x && WEEKLY_FIGURES.includes(x.key));
      if (parts.length > 1 && figures.length) {
        for (const [, x] of figures) addFigure(x!.key, x!.value);
        if (colon) head.push(colon[1]!);
      } else if (!seenFigure) head.push(line);
      else r.unknownLines.push(line);
    }
  }
  for (const k of ["difficulties", "proposals"] as const) {
    const t = r.texts[k]?.trim();
    if (t === undefined) continue;
    if (!t || /^(khong|ko|k|khong co|chua co|khong co gi|khong co y kien)\.?$/.test(fold(t))) delete r.texts[k];
    else r.texts[k] = t;
  }

  // Team.
  const teamText = fields.team ?? head.join("\n");
  let teams = findTeam(teamText, ctx.teams);
  if (!teams.length && fields.team) teams = findTeam(head.join("\n"), ctx.teams);
  const bySender = ctx.teams.filter((t) => memberNamed(t, meta.sender));
  let team: ZaloTeam | undefined;
  if (teams.length === 1) team = teams[0];
  else if (teams.length > 1) r.problems.push(`Không rõ tổ nào: tin nhắn hợp với ${teams.map((t) => t.team_code).join(", ")}.`);
  else if (bySender.length === 1) {
    team = bySender[0];
    r.notes.team = `Theo người gửi (${meta.sender}, thành viên tổ ${team!.team_code}).`;
  } else r.problems.push(fields.team ? `Không nhận ra tổ "${fields.team}".` : "Tin nhắn không ghi tổ nào.");
  r.team = team?.team_code ?? null;

  // Week.
  const wk = findWeek(fields.week !== undefined ? `tuan ${fields.week}` : head.join("\n"), meta.sentOn, ctx.today);
  if (wk.week) r.week = wk.week;
  else if (wk.note) r.problems.push(wk.note);
  else if (ctx.defaultWeek) {
    r.week = ctx.defaultWeek;
    r.notes.week = "Tin nhắn không ghi tuần: dùng tuần đã chọn khi dán.";
  } else r.problems.push("Tin nhắn không ghi tuần nào.");

  // Figures: one reading each; the ethnic ones only where the village has that task.
  for (const [key, list] of Object.entries(read)) {
    const values = list.filter((f): f is NonNullable<Figure> => f !== null);
    if (!values.length) continue;
    const nums = [...new Set(values.map((f) => ("value" in f ? f.value : NaN)))];
    const bad = values.find((f) => "unreadable" in f);
    if (bad && "unreadable" in bad) r.unreadable[key] = bad.unreadable;
    else if (nums.length > 1) r.unreadable[key] = `${nums.join(" và ")} (hai số khác nhau)`;
    else if (team && !team.ethnic && isEthnicFigure(key)) {
      if (nums[0]) r.ignored[key] = `${nums[0]}: thôn của tổ không có nhiệm vụ giữ gìn bản sắc dân tộc`;
    } else r.figures[key] = nums[0]!;
  }

  // Reporter: as written, matched to a member's spelling; else the sender when a member.
  const named = fields.reporter
    ?.replace(/\(.*?\)/g, "")
    .replace(/[-–,]\s*(tổ trưởng|tổ phó|tt|tp)\s*$/i, "")
    .trim();
  if (named) {
    const member = memberNamed(team, named);
    const problem = member ? null : nameProblem("Người báo cáo", named);
    if (problem) r.notes.reporter = `Không đọc được người báo cáo "${named}".`;
    else r.reporter = member ?? named;
  } else {
    const member = memberNamed(team, meta.sender);
    if (member) {
      r.reporter = member;
      r.notes.reporter = "Theo người gửi tin nhắn.";
    } else r.notes.reporter = "Tin nhắn không ghi người báo cáo.";
  }

  // Report date: stated, else the day the message was sent.
  const said = fields.date ? fold(fields.date) : "";
  if (meta.sentOn && (said === "hom nay" || said === "hom qua")) {
    r.submitted_on = said === "hom nay" ? meta.sentOn : shiftDate(meta.sentOn, -1);
    r.notes.date = `"${fields.date}", theo ngày gửi tin nhắn.`;
  } else if (fields.date) {
    const d = readDate(fields.date.replace(/\s+/g, ""));
    if (typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d)) r.submitted_on = d;
    else r.notes.date = `Không đọc được ngày báo cáo "${fields.date}".`;
  } else if (meta.sentOn) {
    r.submitted_on = meta.sentOn;
    r.notes.date = "Ngày gửi tin nhắn.";
  } else r.notes.date = "Tin nhắn không có ngày gửi.";

  // A report says which team or week, or gives a figure; a member's "Vâng ạ" is not one.
  r.isReport = fields.team !== undefined || fields.week !== undefined || Object.keys(read).length > 0;
  return r;
}

/** Read every message of a paste. */
export function readZaloPaste(paste: string, ctx: ZaloContext): ZaloReport[] {
  const match = labelMatcher();
  return splitMessages(paste, ctx.today).map((m, i) => readReport(i + 1, m.lines, m.body, m, ctx, match));
}
