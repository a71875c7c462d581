/**
 * Which figure or field a label names, as leaders type it: compared folded (no case, diacritics or
 * punctuation, ./labels.ts labelKey), then by a known label at its start ("số lần tuyên truyền trên
 * loa truyền thanh"), by a start of exactly one known label ("covid vi phạm"), then with typos
 * allowed — about one edit in seven letters (optimal string alignment distance). Two different
 * answers equally close is no answer.
 */
import { labelIndex, labelKey } from "./labels";

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), cut off above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** A label matcher over every known way of writing the form's labels. */
export function labelMatcher(): (label: string) => string | null {
  const index = labelIndex();
  const aliases = [...index.keys()].sort((a, b) => b.length - a.length);
  const unique = (targets: Iterable<string>) => {
    const set = new Set(targets);
    return set.size === 1 ? [...set][0]! : null;
  };
  return (label) => {
    const k = labelKey(label);
    if (!k) return null;
    const exact = index.get(k);
    if (exact) return exact;
    const head = aliases.find((a) => a.length >= 4 && k.startsWith(`${a} `));
    if (head) return index.get(head)!;
    if (k.length >= 6) {
      const starts = unique(aliases.filter((a) => a.startsWith(`${k} `)).map((a) => index.get(a)!));
      if (starts) return starts;
    }
    let best = Number.POSITIVE_INFINITY;
    let found: string[] = [];
    for (const a of aliases) {
      if (a.length < 4) continue;
      const max = Math.min(3, Math.max(1, Math.floor(a.length / 7)));
      const d = editDistance(k, a, max);
      if (d > max) continue;
      if (d < best) {
        best = d;
        found = [index.get(a)!];
      } else if (d === best) found.push(index.get(a)!);
    }
    return unique(found);
  };
}
