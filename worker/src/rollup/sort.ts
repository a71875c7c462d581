/** Orders of rows. Names of people and places: shared/text.ts compareVi (Intl.Collator 'vi'). */

const numericVi = new Intl.Collator("vi", { numeric: true });

/** Team names carry numbers ("Tổ số 2" before "Tổ số 10"): Vietnamese order with numbers by value. */
export function compareTeamNames(a: string, b: string): number {
  return numericVi.compare(a, b);
}
