/** How a report's figures read, the same on the printable page and in the .docx: "- Số thành viên: 1.234." */
import type { FigureLine, TableCell } from "../report/types";
import { num, pct } from "./format";

/** A table cell: a count, a percent (for a percent column), text, or "–" for none. */
export const cellText = (v: TableCell, isPct = false): string => (v === null ? "–" : typeof v === "number" ? (isPct ? pct(v) : num(v)) : v);

/** A figure as a line of the body. */
export const lineText = (l: FigureLine): string => `- ${l.label}: ${l.pct ? pct(l.value) : num(l.value)}.`;
