/**
 * Names and kinds of units as the statistics office's lists write them, made uniform: NFC, single
 * spaces (the lists have trailing spaces, line breaks inside names and some decomposed text), and
 * the kind at the start of the name spelled one way ("Thị Xã Chũ" → "Thị xã Chũ", "Xa Ea Kly" →
 * "Xã Ea Kly"). The rest of a name is kept as written.
 */
import { fold, nfc } from "../../shared/text";
import type { UnitLevel } from "../../shared/units";

/** The kinds of each level, as they start a name; longest first so "Thành phố" wins over shorter words. */
const KINDS: Record<Exclude<UnitLevel, "village">, readonly string[]> = {
  province: ["Thành phố", "Tỉnh"],
  district: ["Thành phố", "Thị xã", "Huyện", "Quận"],
  commune: ["Thị trấn", "Đặc khu", "Phường", "Xã"],
};

export interface KindedName {
  /** The full name with its kind spelled as in KINDS: "Phường Chũ". */
  name: string;
  /** The kind in lower case, as `Unit.kind_vi`: "phường". */
  kind_vi: string;
  /** True when the kind at the start of the name was spelled otherwise in the source. */
  respelled: boolean;
}

/**
 * The kind and the uniform full name of `raw` at `level`, or null when the name does not start with
 * a kind of that level. The kind is matched without case or diacritics ("Xa" is "Xã"; the lists
 * hold such typos); a kind must be followed by a name.
 */
export function kindedName(raw: string, level: Exclude<UnitLevel, "village">): KindedName | null {
  const text = nfc(raw);
  const words = text.split(" ");
  for (const kind of KINDS[level]) {
    const n = kind.split(" ").length;
    if (words.length <= n) continue;
    const head = words.slice(0, n).join(" ");
    if (fold(head) !== fold(kind)) continue;
    const name = `${kind} ${words.slice(n).join(" ")}`;
    return { name, kind_vi: kind.toLocaleLowerCase("vi"), respelled: name !== text };
  }
  return null;
}

/** A level's kind from the lists' "Cấp" column ("Xã", "Phường", "Thị trấn"), or null. */
export function communeKindOf(level: string): string | null {
  const k = KINDS.commune.find((x) => fold(x) === fold(level));
  return k ? k.toLocaleLowerCase("vi") : null;
}
