/**
 * The unit history of Vietnam from three sources: the lists of 3 Feb 2021 and 4 Jan 2025 and the
 * conversion table of 1 July 2025. A unit version is a code with one name, kind and parent over an
 * interval; when any of these changes (or the parent got a new version), a new version starts and
 * the old one names it as its successor. Dates (see shared/data/vn/README.md):
 *   - 2021-02-03: a unit of the first list starts then (when it was founded is not in the lists);
 *   - 2025-01-01: what changed between the two lists (new, renamed, re-typed, moved or gone units)
 *     changes on this day by convention — the lists say only that it happened in between; the pilot's
 *     own change (Thị xã Chũ) is known to be on this day;
 *   - 2025-01-05: an old unit the conversion names but the 2025-01-04 list lacks starts then;
 *   - 2025-07-01: the reform (law): districts end without successor, every commune and the merged
 *     provinces get new versions, each old commune names the new ones it went into.
 */
import { fold } from "../../shared/text";
import { type Unit, type UnitLevel, unitId } from "../../shared/units";
import type { ConversionRow } from "./conversion";
import { SourceError } from "./csv";
import type { CommuneList, ListedUnit, ListRow } from "./lists";
import { kindedName } from "./names";

export const DATES = {
  first: "2021-02-03",
  between: "2025-01-01",
  afterSecond: "2025-01-05",
  reform: "2025-07-01",
} as const;

export interface Sources {
  first: CommuneList;
  second: CommuneList;
  conversion: { file: string; rows: ConversionRow[] };
}

export interface BuildReport {
  /** Where the conversion table was read otherwise than it is written, and why. */
  corrections: string[];
  /** Facts worth knowing that need no correction (names spelled otherwise, rows without old unit). */
  notes: string[];
  /** Units that ended without a known successor, by end date. */
  ended_unknown: Record<string, string[]>;
}

interface Snapshot {
  provinces: Map<string, ListedUnit>;
  districts: Map<string, ListedUnit & { province: string }>;
  communes: Map<string, ListedUnit & { district: string; line: number }>;
}

function snapshot(file: string, rows: ListRow[]): Snapshot {
  const s: Snapshot = { provinces: new Map(), districts: new Map(), communes: new Map() };
  const put = <T extends ListedUnit>(m: Map<string, T>, v: T, line: number, what: string) => {
    const had = m.get(v.code);
    if (had && JSON.stringify(had) !== JSON.stringify(v)) {
      throw new SourceError(file, line, `mã ${what} ${v.code} đã dùng cho "${had.name}", ở đây "${v.name}"`);
    }
    m.set(v.code, v);
  };
  for (const r of rows) {
    put(s.provinces, r.province, r.line, "tỉnh");
    put(s.districts, { ...r.district, province: r.province.code }, r.line, "huyện");
    if (r.commune) put(s.communes, { ...r.commune, district: r.district.code, line: r.line }, r.line, "xã");
  }
  return s;
}

type Link = { id: string; part: boolean };

/** The units being built: versions opened and closed as the sources are read in time order. */
class Draft {
  readonly units = new Map<string, Unit>();
  readonly report: BuildReport = { corrections: [], notes: [], ended_unknown: {} };

  open(level: UnitLevel, u: ListedUnit, from: string, parent: string | null): Unit {
    const unit: Unit = {
      id: unitId(level, u.code, from),
      code: u.code,
      level,
      kind_vi: u.kind_vi,
      name: u.name,
      parent_id: parent,
      valid_from: from,
      valid_to: null,
      successor_ids: [],
    };
    this.units.set(unit.id, unit);
    return unit;
  }

  /** End `u` on `on`: with successors (each taken whole or in part), none (abolished), or unknown. */
  close(u: Unit, on: string, next: Link[] | "none" | "unknown"): void {
    u.valid_to = on;
    if (next === "unknown") {
      u.successor_unknown = true;
      const list = this.report.ended_unknown[on] ?? [];
      list.push(`${u.name} (${u.id})`);
      this.report.ended_unknown[on] = list;
    } else if (next !== "none") {
      // A unit cannot go whole into two units: with several successors every link is a part.
      const ids = [...new Set(next.map((l) => l.id))];
      u.successor_ids = ids;
      const partial = ids.filter((id) => ids.length > 1 || next.some((l) => l.id === id && l.part));
      if (partial.length) u.partial_successor_ids = partial;
    }
  }

  /** The version of `u` valid after `on`: itself if `now` matches it, else a new version (successor, whole). */
  carry(level: UnitLevel, u: Unit, now: ListedUnit, parent: string | null, on: string): Unit {
    if (u.name === now.name && u.kind_vi === now.kind_vi && u.parent_id === parent) return u;
    const next = this.open(level, now, on, parent);
    this.close(u, on, [{ id: next.id, part: false }]);
    return next;
  }
}

/** Versions of one level across the two lists; `parentOf` gives a row's parent id in each list. */
function twoLists<T extends ListedUnit>(
  d: Draft,
  level: UnitLevel,
  first: Map<string, T>,
  second: Map<string, T>,
  parentOf: (x: T, list: 1 | 2) => string | null,
): { atFirst: Map<string, Unit>; atSecond: Map<string, Unit> } {
  const atFirst = new Map<string, Unit>();
  const atSecond = new Map<string, Unit>();
  for (const [code, x] of first) atFirst.set(code, d.open(level, x, DATES.first, parentOf(x, 1)));
  for (const [code, x] of second) {
    const was = atFirst.get(code);
    atSecond.set(code, was ? d.carry(level, was, x, parentOf(x, 2), DATES.between) : d.open(level, x, DATES.between, parentOf(x, 2)));
  }
  for (const [code, u] of atFirst) if (!second.has(code)) d.close(u, DATES.between, "unknown");
  return { atFirst, atSecond };
}

export function buildHistory(src: Sources): { units: Unit[]; report: BuildReport } {
  const d = new Draft();
  d.report.corrections.push(...src.first.corrections, ...src.second.corrections);
  const s1 = snapshot(src.first.file, src.first.rows);
  const s2 = snapshot(src.second.file, src.second.rows);
  const idOf = (m: Map<string, Unit>, code: string) => m.get(code)?.id ?? null;

  const P = twoLists(d, "province", s1.provinces, s2.provinces, () => null);
  const D = twoLists(d, "district", s1.districts, s2.districts, (x, l) => idOf(l === 1 ? P.atFirst : P.atSecond, x.province));
  const C = twoLists(d, "commune", s1.communes, s2.communes, (x, l) => idOf(l === 1 ? D.atFirst : D.atSecond, x.district));

  // ── 1 July 2025 ──
  const conv = src.conversion;
  const oldOf = resolveOld(d, conv, s2, C.atSecond, D.atSecond);
  /** The old province (code in the 2025-01-04 list) of an old commune version. */
  const provinceOf = (c: Unit) => d.units.get(d.units.get(c.parent_id!)!.parent_id!)!.code;

  const newProvinces = new Map<string, { row: ConversionRow; olds: Set<string> }>();
  for (const r of conv.rows) {
    const np = newProvinces.get(r.province.code) ?? { row: r, olds: new Set<string>() };
    if (fold(np.row.province.name) !== fold(r.province.name)) {
      throw new SourceError(
        conv.file,
        r.line,
        `tỉnh ${r.province.code} tên "${r.province.name}", ở dòng ${np.row.line} "${np.row.province.name}"`,
      );
    }
    const old = oldOf.get(r);
    if (old) np.olds.add(provinceOf(old));
    newProvinces.set(r.province.code, np);
  }
  const provinceNow = new Map<string, Unit>();
  const provinceLinks = new Map<string, Link[]>();
  for (const [code, { row, olds }] of newProvinces) {
    const was = P.atSecond.get(code);
    const same = was && olds.size === 1 && olds.has(code) && was.name === row.province.name && was.kind_vi === row.province.kind_vi;
    const now = same ? was : d.open("province", row.province, DATES.reform, null);
    provinceNow.set(code, now);
    for (const o of olds)
      if (now !== P.atSecond.get(o)) (provinceLinks.get(o) ?? provinceLinks.set(o, []).get(o)!).push({ id: now.id, part: false });
  }
  for (const [code, u] of P.atSecond) {
    if (provinceNow.get(code) === u) continue;
    const links = provinceLinks.get(code);
    d.close(u, DATES.reform, links?.length ? links : "unknown");
  }
  for (const u of D.atSecond.values()) d.close(u, DATES.reform, "none");

  const communeNow = new Map<string, Unit>();
  const communeLinks = new Map<Unit, Link[]>();
  for (const r of conv.rows) {
    let now = communeNow.get(r.commune.code);
    if (!now) {
      now = d.open("commune", r.commune, DATES.reform, provinceNow.get(r.province.code)!.id);
      communeNow.set(r.commune.code, now);
    }
    const old = oldOf.get(r);
    if (old) communeLinks.set(old, [...(communeLinks.get(old) ?? []), { id: now.id, part: r.part }]);
    else
      d.report.notes.push(
        `${conv.file}, dòng ${r.line}: ${r.commune.name} (${r.commune.code}) nhận "${r.old.name || r.note}", không phải một xã cũ.`,
      );
  }
  const olds = new Set([...C.atSecond.values(), ...oldOf.values()]);
  for (const u of olds) d.close(u, DATES.reform, communeLinks.get(u) ?? "unknown");

  const order: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2, village: 3 };
  const units = [...d.units.values()].sort(
    (a, b) => order[a.level] - order[b.level] || a.code.localeCompare(b.code) || a.valid_from.localeCompare(b.valid_from),
  );
  return { units, report: d.report };
}

/**
 * The old commune version each conversion row names: the unit of the 2025-01-04 list with that code
 * and name. When the code is missing from the list or is another unit's, and the list has exactly
 * one unit of the row's name in the row's district that no row names by its own code, the table's
 * code is taken as a typo for that unit's. A missing code otherwise is a unit formed after the list:
 * it is created from 2025-01-05 under the district of that code. Every such reading is reported.
 */
function resolveOld(
  d: Draft,
  conv: Sources["conversion"],
  s2: Snapshot,
  communes: Map<string, Unit>,
  districts: Map<string, Unit>,
): Map<ConversionRow, Unit> {
  const named = new Set(conv.rows.map((r) => r.old.code));
  const created = new Map<string, Unit>();
  const out = new Map<ConversionRow, Unit>();
  for (const r of conv.rows) {
    const code = r.old.code;
    if (code === null) continue;
    const listed = communes.get(code);
    const at = `${conv.file}, dòng ${r.line}`;
    if (listed && fold(listed.name) === fold(r.old.name)) {
      out.set(r, listed);
      continue;
    }
    const same = [...s2.communes.values()].filter(
      (c) => c.district === r.old.district_code && fold(c.name) === fold(r.old.name) && !named.has(c.code),
    );
    if (same.length === 1) {
      const u = communes.get(same[0]!.code)!;
      const why = listed ? `là mã của "${listed.name}"` : "không có trong danh sách 2025-01-04";
      d.report.corrections.push(
        `${at}: mã cũ ${code} "${r.old.name}" ${why}; dùng ${u.code} cùng tên, cùng huyện, không dòng nào khác ghi.`,
      );
      out.set(r, u);
      continue;
    }
    if (listed) {
      d.report.notes.push(`${at}: ${code} ghi "${r.old.name}", danh sách 2025-01-04 ghi "${listed.name}".`);
      out.set(r, listed);
      continue;
    }
    let u = created.get(code);
    if (!u) {
      const district = r.old.district_code ? districts.get(r.old.district_code) : undefined;
      if (!district) throw new SourceError(conv.file, r.line, `xã cũ ${code} không có trong danh sách 2025-01-04 và không rõ huyện`);
      const name = kindedName(r.old.name, "commune");
      if (!name) throw new SourceError(conv.file, r.line, `tên xã cũ "${r.old.name}" không bắt đầu bằng Xã/Phường/Thị trấn`);
      u = d.open("commune", { code, name: name.name, kind_vi: name.kind_vi }, DATES.afterSecond, district.id);
      created.set(code, u);
      d.report.corrections.push(
        `${at}: xã cũ ${code} "${name.name}" không có trong danh sách 2025-01-04 (lập sau ngày đó): thêm từ ${DATES.afterSecond} thuộc ${district.name}.`,
      );
    }
    out.set(r, u);
  }
  return out;
}
