/**
 * Field masks as Google's APIs read them: the `fields` parameter of a response
 * (`files(id,name),nextPageToken`) and the `fields` of a Sheets update request
 * (`userEnteredFormat(textFormat.bold,backgroundColor)`). https://developers.google.com/workspace/sheets/api/guides/field-masks
 */

/** `a,b(c.d,e)` → ["a", "b.c.d", "b.e"]. */
export function maskPaths(mask: string): string[] {
  const out: string[] = [];
  let i = 0;
  const walk = (prefix: string): void => {
    let name = "";
    const flush = () => {
      if (name.trim()) out.push(prefix + name.trim());
      name = "";
    };
    while (i < mask.length) {
      const ch = mask[i++]!;
      if (ch === ",") flush();
      else if (ch === "(") {
        const base = prefix + name.trim();
        name = "";
        walk(`${base}.`);
      } else if (ch === ")") {
        flush();
        return;
      } else name += ch;
    }
    flush();
  };
  walk("");
  return out;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keep only the masked fields of a response (arrays are masked element by element). */
export function pick(value: unknown, mask: string | undefined): unknown {
  if (!mask || mask === "*") return value;
  const tree: Record<string, unknown> = {};
  for (const p of maskPaths(mask)) {
    let node = tree;
    for (const part of p.split(".")) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
  }
  const apply = (v: unknown, t: Record<string, unknown>): unknown => {
    if (Array.isArray(v)) return v.map((x) => apply(x, t));
    if (!isObj(v) || Object.keys(t).length === 0) return v;
    const out: Record<string, unknown> = {};
    for (const [k, sub] of Object.entries(t)) if (k in v) out[k] = apply(v[k], sub as Record<string, unknown>);
    return out;
  };
  return apply(value, tree);
}

const parsed = new Map<string, string[][]>();
const pathsOf = (mask: string) => {
  let p = parsed.get(mask);
  if (!p) {
    p = maskPaths(mask).map((x) => x.split("."));
    parsed.set(mask, p);
  }
  return p;
};

/**
 * Copy the masked fields from `src` to `dst` (a field absent in `src` is cleared in `dst`). Values
 * are shared, not copied (a request's values are never changed afterwards); objects on the way
 * down in `dst` are copied before they change, so cells that share them stay apart.
 */
export function applyMask(dst: Record<string, unknown>, src: Record<string, unknown>, mask: string): void {
  if (mask === "*") {
    for (const k of Object.keys(dst)) delete dst[k];
    Object.assign(dst, src);
    return;
  }
  for (const parts of pathsOf(mask)) {
    let s: unknown = src;
    for (const p of parts) s = isObj(s) ? s[p] : undefined;
    let d = dst;
    for (const p of parts.slice(0, -1)) {
      d[p] = isObj(d[p]) ? { ...(d[p] as Record<string, unknown>) } : {};
      d = d[p] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1]!;
    if (s === undefined) delete d[last];
    else d[last] = s;
  }
}
