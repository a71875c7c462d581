/**
 * A paste of Zalo messages → one block of lines per message, with its sender and day when the copy
 * carries them. Zalo puts a header before each message: the sender's name and the time on one line
 * ("Nguyễn Văn Hùng, 20:15 10/10/2022", "[10/10/2022 20:15] Nguyễn Văn Hùng: …") or on two (the
 * name, then "20:15", "Hôm qua 20:15", "20:15 10/10"). A time without a day is today's (as Zalo
 * shows today's messages). A paste with no header at all is split where a new report starts.
 */
import { readDate } from "../cells";
import { shiftDate } from "../periods";
import { fold, nfc } from "../text";
import { plainText } from "./values";

export interface Message {
  /** The message's lines as pasted, header lines included. */
  lines: string[];
  /** Lines of the message itself (headers left out). */
  body: string[];
  sender: string | null;
  /** 'yyyy-MM-dd' the message was sent, when the copy says. */
  sentOn: string | null;
}

interface Stamp {
  sentOn: string;
}

const pad = (n: string) => n.padStart(2, "0");

/** A date and/or time alone ("20:15", "hôm qua 20:15", "10/10/2022 20:15", "[20:15, 10/10]"). */
export function readStamp(text: string, today: string): Stamp | null {
  const s = fold(text)
    .replace(/^[[(]\s*|\s*[\])]$/g, "")
    .trim();
  const m =
    /^(?:(hom nay|hom qua|hqua)\s*,?\s*)?(?:(\d{1,2})[:h](\d{2})(?:\s*,?\s*(?:ngay\s*)?(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?)?|(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\s*,?\s*(\d{1,2})[:h](\d{2}))\s*(hom nay|hom qua)?$/.exec(
      s,
    );
  if (!m) return null;
  const rel = m[1] ?? m[12];
  const [d, mo, y] = m[4] ? [m[4], m[5]!, m[6]] : m[7] ? [m[7], m[8]!, m[9]] : [undefined, undefined, undefined];
  const hour = Number(m[2] ?? m[10]);
  if (hour > 23) return null;
  if (d && mo) {
    let year = Number(y ? (y.length === 2 ? `20${y}` : y) : today.slice(0, 4));
    if (!y && `${year}-${pad(mo)}-${pad(d)}` > today) year--;
    const iso = readDate(`${d}/${mo}/${year}`);
    return typeof iso === "string" && /^\d{4}-/.test(iso) ? { sentOn: iso } : null;
  }
  return { sentOn: rel === "hom qua" || rel === "hqua" ? shiftDate(today, -1) : today };
}

/** A line that can be a Zalo display name: a few words, no ":" (digits allowed: "Hùng Tổ 1"). */
function nameLike(line: string): boolean {
  const s = nfc(plainText(line));
  return s.length >= 2 && s.length <= 40 && !/[:=]/.test(s) && /\p{L}/u.test(s) && s.split(" ").length <= 6;
}

interface Header {
  sender: string | null;
  sentOn: string;
  /** Lines the header takes (1 or 2). */
  size: number;
  /** Text of the message on the header line itself ("[…] Name: text"). */
  rest: string | null;
}

function headerAt(lines: readonly string[], i: number, today: string): Header | null {
  const line = lines[i]!.trim();
  const alone = readStamp(line, today);
  if (alone) return { sender: null, sentOn: alone.sentOn, size: 1, rest: null };
  const next = lines[i + 1]?.trim();
  if (next && nameLike(line)) {
    const st = readStamp(next, today);
    if (st) return { sender: nfc(line), sentOn: st.sentOn, size: 2, rest: null };
  }
  let m = /^\[([^\]]+)\]\s*([^:]{2,60}?)\s*:\s*(.*)$/.exec(line);
  if (m) {
    const st = readStamp(m[1]!, today);
    if (st && nameLike(m[2]!)) return { sender: nfc(m[2]!), sentOn: st.sentOn, size: 1, rest: m[3]!.trim() || null };
  }
  m = /^(.+?)\s*(?:,|\s-\s|\s–\s|\()\s*([[\]\d:h/.,\s\p{L}]+?)\)?\s*:?$/u.exec(line);
  if (m && nameLike(m[1]!)) {
    const st = readStamp(m[2]!, today);
    if (st) return { sender: nfc(m[1]!), sentOn: st.sentOn, size: 1, rest: null };
  }
  return null;
}

/** Where a report starts in a paste without headers: its title, or a team line after a report's content. */
const isTitle = (line: string) =>
  /^bao cao\b/.test(
    fold(line)
      .replace(/[^a-z0-9 ]/g, " ")
      .trim(),
  );
const isTeamLine = (line: string) => /^to\s*[:\-–]/.test(fold(line).replace(/^[^a-z0-9]+/, ""));
const hasNumber = (line: string) => /\d/.test(line) && /[:=]/.test(line);

export function splitMessages(paste: string, today: string): Message[] {
  const lines = paste.replace(/\r\n?/g, "\n").split("\n");
  const out: Message[] = [];
  let cur: Message | null = null;
  const start = (sender: string | null, sentOn: string | null) => {
    cur = { lines: [], body: [], sender, sentOn };
    out.push(cur);
    return cur;
  };
  const headers = new Map<number, Header>();
  for (let i = 0; i < lines.length; i++) {
    const h = lines[i]!.trim() ? headerAt(lines, i, today) : null;
    if (h) {
      headers.set(i, h);
      i += h.size - 1;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    const h = headers.get(i);
    if (h) {
      const m = start(h.sender, h.sentOn);
      m.lines.push(...lines.slice(i, i + h.size));
      if (h.rest) m.body.push(h.rest);
      i += h.size - 1;
      continue;
    }
    const line = lines[i]!;
    let m: Message = cur ?? start(null, null);
    if (!headers.size && line.trim() && m.body.some((l) => l.trim())) {
      const seenContent = m.body.some(hasNumber) || m.body.some(isTeamLine);
      if ((isTitle(line) && seenContent) || (isTeamLine(line) && m.body.some(isTeamLine))) m = start(null, null);
    }
    m.lines.push(line);
    m.body.push(line);
  }
  return out.filter((m) => m.body.some((l) => l.trim()));
}
