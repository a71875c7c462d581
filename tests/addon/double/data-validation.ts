/** Data validation rules and their builder (SpreadsheetApp.newDataValidation()). */
type GRange = GoogleAppsScript.Spreadsheet.Range;

export class FakeDataValidation implements Partial<GoogleAppsScript.Spreadsheet.DataValidation> {
  constructor(
    readonly criteria: string,
    readonly args: unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {}
  getCriteriaType() {
    return this.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues() {
    return this.args as unknown[] as never[];
  }
  getAllowInvalid() {
    return this.allowInvalid;
  }
  getHelpText() {
    return this.helpText;
  }
}

export class FakeDataValidationBuilder implements Partial<GoogleAppsScript.Spreadsheet.DataValidationBuilder> {
  private criteria = "";
  private args: unknown[] = [];
  private allowInvalid = true;
  private helpText = "";
  private self() {
    return this as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }
  requireValueInList(values: string[], showDropdown?: boolean) {
    this.criteria = "VALUE_IN_LIST";
    this.args = [[...values], showDropdown ?? true];
    return this.self();
  }
  requireValueInRange(range: GRange, showDropdown?: boolean) {
    this.criteria = "VALUE_IN_RANGE";
    this.args = [range, showDropdown ?? true];
    return this.self();
  }
  requireNumberBetween(start: number, end: number) {
    this.criteria = "NUMBER_BETWEEN";
    this.args = [start, end];
    return this.self();
  }
  requireDateBetween(start: Date, end: Date) {
    this.criteria = "DATE_BETWEEN";
    this.args = [start, end];
    return this.self();
  }
  requireDate() {
    this.criteria = "DATE_IS_VALID_DATE";
    this.args = [];
    return this.self();
  }
  setAllowInvalid(allow: boolean) {
    this.allowInvalid = allow;
    return this.self();
  }
  setHelpText(text: string) {
    this.helpText = text;
    return this.self();
  }
  build() {
    if (!this.criteria) throw new Error("Data validation has no criteria.");
    return new FakeDataValidation(
      this.criteria,
      this.args,
      this.allowInvalid,
      this.helpText,
    ) as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
  }
}
