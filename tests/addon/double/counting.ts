/**
 * Counting of Apps Script service calls: every fake is wrapped in a Proxy that counts each method
 * call as "Class.method", so tests can assert that work is batched (one read/write per range).
 */

/** Service calls by "Class.method". */
export class Counter {
  readonly counts = new Map<string, number>();
  inc(key: string) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  reset() {
    this.counts.clear();
  }
  /** Sum of calls whose class is one of `classes`. */
  total(classes: readonly string[]): number {
    let n = 0;
    for (const [k, v] of this.counts) if (classes.includes(k.split(".")[0]!)) n += v;
    return n;
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  snapshot(classes?: readonly string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of [...this.counts].sort()) if (!classes || classes.includes(k.split(".")[0]!)) out[k] = v;
    return out;
  }
}

/** The classes that make up the Spreadsheet service. */
export const SHEETS_CLASSES = ["SpreadsheetApp", "Spreadsheet", "Sheet", "Range", "Protection"] as const;

const proxies = new WeakMap<object, object>();

/** Wrap an object so every method call is counted as `cls.method`. Methods returning the raw object return the proxy. */
export function counted<T extends object>(obj: T, cls: string, counter: Counter): T {
  const p = new Proxy(obj, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== "function" || typeof prop !== "string" || prop.startsWith("_") || prop === "constructor") return v;
      return (...args: unknown[]) => {
        counter.inc(`${cls}.${prop}`);
        const r = (v as (...a: unknown[]) => unknown).apply(target, args);
        return r === target ? p : r;
      };
    },
  });
  proxies.set(obj, p);
  return p;
}

/** The counting proxy of a fake (or the fake itself when it was never wrapped). */
export function proxyOf<T extends object>(raw: T): T {
  return (proxies.get(raw) as T | undefined) ?? raw;
}
