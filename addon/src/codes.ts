/**
 * Stable codes the add-on generates for rows that lack one: household codes (`QT-0007`: village
 * code, running number) and ad-hoc report codes (`DX-QT-T1-003`: team code, running number).
 * A code once written is never changed; new numbers continue after the highest one in use.
 * Pure.
 */

import { isBlank } from "../../shared/sheet-model";
import { nfc } from "../../shared/text";

const CODE_RE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;

/** A cell as a code (upper case, no spaces), or "" when it is not a valid code. */
export function asCode(v: unknown): string {
  if (isBlank(v)) return "";
  const s = nfc(String(v)).trim().toUpperCase();
  return CODE_RE.test(s) ? s : "";
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Hands out codes `PREFIX-NNNN` that are not yet used. */
export class CodeAllocator {
  private readonly used = new Set<string>();
  private readonly next = new Map<string, number>();

  constructor(
    existing: Iterable<unknown>,
    private readonly pad: number,
  ) {
    for (const v of existing) {
      const c = asCode(v);
      if (c) this.used.add(c);
    }
  }

  allocate(prefix: string): string {
    let n = this.next.get(prefix);
    if (n === undefined) {
      const re = new RegExp(`^${escapeRe(prefix)}-(\\d+)$`);
      n = 0;
      for (const c of this.used) {
        const m = re.exec(c);
        if (m) n = Math.max(n, Number(m[1]));
      }
      n += 1;
    }
    let code = `${prefix}-${String(n).padStart(this.pad, "0")}`;
    while (this.used.has(code)) {
      n += 1;
      code = `${prefix}-${String(n).padStart(this.pad, "0")}`;
    }
    this.used.add(code);
    this.next.set(prefix, n + 1);
    return code;
  }
}

export interface CodeFill {
  /** Index (into the given rows) → new code. */
  codes: Map<number, string>;
}

/**
 * New household codes for rows that have data but no code. `villageOfTeam` maps a team code to its
 * village code (from the Tổ sheet); a household of an unknown team gets the prefix "HO".
 */
export function householdCodes(
  rows: readonly { code: unknown; team: unknown; hasData: boolean }[],
  villageOfTeam: ReadonlyMap<string, string>,
): Map<number, string> {
  const alloc = new CodeAllocator(
    rows.map((r) => r.code),
    4,
  );
  const out = new Map<number, string>();
  rows.forEach((r, i) => {
    if (!r.hasData || !isBlank(r.code)) return;
    const village = asCode(villageOfTeam.get(asCode(r.team)) ?? "");
    out.set(i, alloc.allocate(village || "HO"));
  });
  return out;
}

/** New ad-hoc report codes `DX-<team>-NNN` for rows that have data but no code. */
export function adhocCodes(rows: readonly { code: unknown; team: unknown; hasData: boolean }[]): Map<number, string> {
  const alloc = new CodeAllocator(
    rows.map((r) => r.code),
    3,
  );
  const out = new Map<number, string>();
  rows.forEach((r, i) => {
    if (!r.hasData || !isBlank(r.code)) return;
    const team = asCode(r.team);
    out.set(i, alloc.allocate(team ? `DX-${team}` : "DX"));
  });
  return out;
}
