/** The cells of a sheet: a sparse 2-D store with a default value (0-based), one per cell property. */
export class Grid<T> {
  rows: (T[] | undefined)[] = [];
  constructor(private readonly def: T) {}
  get(r: number, c: number): T {
    const row = this.rows[r];
    if (!row) return this.def;
    const v = row[c];
    return v === undefined ? this.def : v;
  }
  set(r: number, c: number, v: T) {
    let row = this.rows[r];
    if (!row) this.rows[r] = row = [];
    row[c] = v;
  }
  insertRows(at: number, n: number) {
    if (at < this.rows.length) this.rows.splice(at, 0, ...new Array<T[] | undefined>(n).fill(undefined));
  }
  insertColumns(at: number, n: number) {
    for (const row of this.rows) if (row && at < row.length) row.splice(at, 0, ...new Array<T>(n));
  }
}

export const isEmpty = (v: unknown) => v === "" || v === null || v === undefined;
