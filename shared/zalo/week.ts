/** The week a Zalo report states (./parse.ts reads the rest of the message). Pure. */
import { readDate } from "../cells";
import { isoWeekKey, parsePeriodKey, shiftDate } from "../periods";
import { fold } from "../text";

/**
 * The week a message states: '2022-W41', "tuần 41/2022", "tuần 41" (the week 41 nearest to the day
 * the message was sent, else to the day of the paste), a Monday–Sunday range, "tuần này/trước".
 */
export function findWeek(text: string, sentOn: string | null, today: string): { week: string | null; note: string } {
  const s = fold(text);
  const found: string[] = [];
  const key = /(\d{4})\s*-?\s*w\s*(\d{1,2})/.exec(s);
  if (key) found.push(`${key[1]}-W${key[2]!.padStart(2, "0")}`);
  const num = /tuan\s*(?:so\s*|thu\s*)?(\d{1,2})(?!\d)(?:\s*(?:\/|-|nam)\s*(\d{4}))?/.exec(s) ?? /^\s*(\d{1,2})\s*\/\s*(\d{4})/.exec(s);
  if (num) {
    const n = num[1]!.padStart(2, "0");
    if (num[2]) found.push(`${num[2]}-W${n}`);
    else {
      const ref = Date.parse(sentOn ?? today);
      const y = Number((sentOn ?? today).slice(0, 4));
      const near = [y - 1, y, y + 1]
        .map((yy) => parsePeriodKey(`${yy}-W${n}`))
        .filter((p) => p !== null)
        .sort((a, b) => Math.abs(Date.parse(a.start) - ref) - Math.abs(Date.parse(b.start) - ref))[0];
      if (near) found.push(near.key);
    }
  }
  const range = /(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\s*(?:-|–|den|toi)\s*(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?/.exec(s);
  if (range) {
    const year = range[6] ?? range[3] ?? (sentOn ?? today).slice(0, 4);
    const y = year && year.length === 2 ? `20${year}` : year;
    const from = y ? readDate(`${range[1]}/${range[2]}/${y}`) : null;
    const to = y ? readDate(`${range[4]}/${range[5]}/${y}`) : null;
    if (typeof from === "string" && typeof to === "string" && /^\d{4}-/.test(from) && /^\d{4}-/.test(to)) {
      const a = isoWeekKey(from);
      const b = to < from ? isoWeekKey(to.replace(/^\d{4}/, String(Number(y) + 1))) : isoWeekKey(to);
      if (a !== b) return { week: null, note: `Khoảng ngày ${range[0]} không nằm trong một tuần.` };
      found.push(a);
    }
  }
  if (/tuan (nay|nay a)\b/.test(s) && sentOn) found.push(isoWeekKey(sentOn));
  if (/tuan (truoc|qua|vua qua)\b/.test(s) && sentOn) found.push(isoWeekKey(shiftDate(sentOn, -7)));
  const weeks = [...new Set(found.filter((w) => parsePeriodKey(w)?.kind === "week"))];
  if (weeks.length === 1) return { week: weeks[0]!, note: "" };
  if (weeks.length > 1) return { week: null, note: `Tin nhắn ghi các tuần khác nhau (${weeks.join(", ")}).` };
  return { week: null, note: "" };
}
