/**
 * Finding the header of a list kept in the plan's layouts (mẫu 01: members, mẫu 02: households)
 * by fuzzy header matching: texts are folded (no case, no diacritics) and matched by keywords, so
 * "Họ và tên chủ hộ", "HỌ VÀ TÊN CHỦ HỘ" and "Ho va ten chu ho" all match. Pure.
 */
import { norm } from "../../shared/sheet-model";

export type Mau02Key = "group" | "responsible" | "no" | "head" | "birth" | "count" | "note";
export type Mau01Key = "tt" | "village" | "team" | "no" | "name" | "position" | "role";

/** Which mẫu 02 column a header text names, if any. */
export function matchMau02(text: unknown): Mau02Key | null {
  const t = norm(text);
  if (!t) return null;
  if (t.includes("phu trach")) return "responsible";
  if (t.includes("chu ho")) return "head";
  if (t.includes("nhom")) return "group";
  if (t.includes("nam sinh")) return "birth";
  if (t.includes("nhan khau")) return "count";
  if (t.includes("ghi chu")) return "note";
  if (/^(so tt|stt|tt|so thu tu)\b/.test(t)) return "no";
  return null;
}

/** Which mẫu 01 column a header text names, if any. */
export function matchMau01(text: unknown): Mau01Key | null {
  const t = norm(text);
  if (!t) return null;
  if (t.includes("chuc vu tham gia")) return "role";
  if (t.includes("chuc vu hien tai") || t === "chuc vu") return "position";
  if (t.includes("ho va ten") || t === "ho ten") return "name";
  if (t === "stt" || t === "so tt" || t === "so thu tu") return "no";
  if (t === "tt") return "tt";
  if (t.includes("nguoi tham gia")) return null;
  if (t.includes("to dan van") || t.startsWith("thon") || t === "ten thon") return "village";
  if (t === "to" || t === "ten to" || t === "to so") return "team";
  return null;
}

export interface Layout<K extends string> {
  /** 0-based index of the (last) header row; data starts on the next row. */
  headerRow: number;
  col: Partial<Record<K, number>>;
}

const SCAN_ROWS = 40;

/** The mẫu 02 header: a row naming the household head and at least three more columns. */
export function findMau02(values: readonly (readonly unknown[])[]): Layout<Mau02Key> | null {
  for (let r = 0; r < Math.min(values.length, SCAN_ROWS); r++) {
    const col: Partial<Record<Mau02Key, number>> = {};
    (values[r] ?? []).forEach((cell, c) => {
      const k = matchMau02(cell);
      if (k && col[k] === undefined) col[k] = c;
    });
    if (col.head !== undefined && Object.keys(col).length >= 4) return { headerRow: r, col };
  }
  return null;
}

/**
 * The mẫu 01 header. In the plan it spans two rows: "Người tham gia Tổ Dân vận cộng đồng" is
 * merged over STT | Họ và tên | Chức vụ hiện tại on the row below. A sub-header cell wins over
 * the cell above it.
 */
export function findMau01(values: readonly (readonly unknown[])[]): Layout<Mau01Key> | null {
  for (let r = 0; r < Math.min(values.length, SCAN_ROWS); r++) {
    const top = values[r] ?? [];
    const sub = values[r + 1] ?? [];
    const width = Math.max(top.length, sub.length);
    const col: Partial<Record<Mau01Key, number>> = {};
    let subUsed = false;
    for (let c = 0; c < width; c++) {
      const s = matchMau01(sub[c]);
      const k = s ?? matchMau01(top[c]);
      if (s) subUsed = true;
      if (k && col[k] === undefined) col[k] = c;
    }
    const topKeys = top.map(matchMau01).filter(Boolean).length;
    if (topKeys >= 2 && col.name !== undefined && (col.team !== undefined || col.village !== undefined)) {
      return { headerRow: subUsed && sub.some((v) => matchMau01(v) === "name" || matchMau01(v) === "no") ? r + 1 : r, col };
    }
  }
  return null;
}

export type Detected = { kind: "mau02"; layout: Layout<Mau02Key> } | { kind: "mau01"; layout: Layout<Mau01Key> };

export function detectLayout(values: readonly (readonly unknown[])[]): Detected | null {
  const m2 = findMau02(values);
  const m1 = findMau01(values);
  if (m2 && (!m1 || m2.headerRow <= m1.headerRow)) return { kind: "mau02", layout: m2 };
  if (m1) return { kind: "mau01", layout: m1 };
  return null;
}
