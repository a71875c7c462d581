/** Protection of a range (Range.protect()): description, warning-only, removal. */
type GRange = GoogleAppsScript.Spreadsheet.Range;

/** What a protection knows of its range: the list of protections on the range's sheet, and where it is. */
export interface ProtectedRange {
  readonly _sheet: { protections: FakeProtection[] };
  getA1Notation(): string;
}

export class FakeProtection implements Partial<GoogleAppsScript.Spreadsheet.Protection> {
  description = "";
  warningOnly = false;
  removed = false;
  constructor(public range: ProtectedRange) {}
  setDescription(d: string) {
    this.description = d;
    return this as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }
  getDescription() {
    return this.description;
  }
  setWarningOnly(w: boolean) {
    this.warningOnly = w;
    return this as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }
  isWarningOnly() {
    return this.warningOnly;
  }
  setRange(r: GRange) {
    this.range = r as unknown as ProtectedRange;
    return this as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }
  getRange() {
    return this.range as unknown as GRange;
  }
  remove() {
    this.removed = true;
    const list = this.range._sheet.protections;
    list.splice(list.indexOf(this), 1);
  }
}
