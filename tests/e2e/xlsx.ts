/**
 * Just enough of .xlsx to read back what a spreadsheet program wrote: a ZIP reader (central
 * directory, stored or deflated entries — node:zlib) and the first worksheet's cells with their
 * type: shared/inline string, number, boolean, error, and whether the cell holds a formula.
 * https://ecma-international.org/publications-and-standards/standards/ecma-376/ (SpreadsheetML)
 */
import { inflateRawSync } from "node:zlib";

export function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip file (no end of central directory)");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    out.set(name, method === 0 ? Buffer.from(data) : method === 8 ? inflateRawSync(data) : Buffer.alloc(0));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const decode = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_, e: string, d?: string, h?: string) =>
    d
      ? String.fromCodePoint(Number(d))
      : h
        ? String.fromCodePoint(parseInt(h, 16))
        : ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[e]!,
  );

/** Text of every <t> inside an element (rich text runs are joined). */
const textOf = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)].map((m) => decode(m[1] ?? "")).join("");

export interface Cell {
  ref: string;
  type: "string" | "number" | "boolean" | "error" | "empty";
  value: string | number | boolean | null;
  formula: string | null;
}

function colIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0];
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** The first worksheet as rows of cells (index = column). */
export function readFirstSheet(xlsx: Buffer): Cell[][] {
  const files = unzip(xlsx);
  const shared = files.get("xl/sharedStrings.xml")?.toString("utf8") ?? "";
  const strings = [...shared.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]!));
  const sheetName = [...files.keys()].filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).sort()[0];
  if (!sheetName) throw new Error("no worksheet in the file");
  const xml = files.get(sheetName)!.toString("utf8");
  const rows: Cell[][] = [];
  for (const rm of xml.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
    const r = Number(/\br="(\d+)"/.exec(rm[1]!)?.[1] ?? rows.length + 1) - 1;
    const row: Cell[] = [];
    for (const cm of rm[2]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cm[1]!;
      const inner = cm[2] ?? "";
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1] ?? "";
      const t = /\bt="(\w+)"/.exec(attrs)?.[1] ?? "n";
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const f = /<f\b[^>]*>([\s\S]*?)<\/f>|<f\b[^>]*\/>/.exec(inner);
      let cell: Cell;
      if (t === "s") cell = { ref, type: "string", value: strings[Number(v)] ?? "", formula: null };
      else if (t === "inlineStr") cell = { ref, type: "string", value: textOf(inner), formula: null };
      else if (t === "str") cell = { ref, type: "string", value: decode(v ?? ""), formula: null };
      else if (t === "b") cell = { ref, type: "boolean", value: v === "1", formula: null };
      else if (t === "e") cell = { ref, type: "error", value: decode(v ?? ""), formula: null };
      else
        cell =
          v === undefined ? { ref, type: "empty", value: null, formula: null } : { ref, type: "number", value: Number(v), formula: null };
      if (f) cell.formula = decode(f[1] ?? "");
      row[colIndex(ref)] = cell;
    }
    rows[r] = row;
  }
  return rows;
}
