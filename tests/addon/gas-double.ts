/**
 * The Apps Script environment the add-on runs in, as in-memory doubles: SpreadsheetApp
 * (./double/spreadsheet.ts, sheet.ts, range.ts, data-validation.ts, protection.ts), Ui (ui.ts),
 * PropertiesService (properties.ts), UrlFetchApp (url-fetch.ts), HtmlService (html.ts), Utilities
 * (utilities.ts), ScriptApp triggers (triggers.ts) and DocumentApp (documents.ts). Each fake is typed
 * against @types/google-apps-script (`implements Partial<…>` of the real interface) and every service
 * call is counted (`counter`, ./double/counting.ts), so tests can assert that work is batched.
 */
import { Counter, counted, proxyOf } from "./double/counting";
import { FakeDataValidationBuilder } from "./double/data-validation";
import { documentApp, type FakeDocument } from "./double/documents";
import { htmlService } from "./double/html";
import { FakeProperties } from "./double/properties";
import { FakeSpreadsheet } from "./double/spreadsheet";
import { type FakeTrigger, scriptApp } from "./double/triggers";
import { FakeUi } from "./double/ui";
import { type FetchHandler, type FetchRequest, urlFetchApp } from "./double/url-fetch";
import { utilities } from "./double/utilities";

export interface GasOptions {
  /** Directory of the HTML files (createTemplateFromFile). */
  htmlDir: string;
}

export class GasDouble {
  readonly counter = new Counter();
  readonly ui = new FakeUi(this.counter);
  readonly spreadsheets = new Map<string, FakeSpreadsheet>();
  active: FakeSpreadsheet | null = null;
  readonly userProperties = new FakeProperties();
  readonly scriptProperties = new FakeProperties();
  readonly requests: FetchRequest[] = [];
  /** Milliseconds of each Utilities.sleep call, in order. */
  readonly sleeps: number[] = [];
  fetchHandler: FetchHandler = () => {
    throw new Error("Address unavailable: no fetch handler in this test");
  };
  readonly triggers: FakeTrigger[] = [];
  readonly documents: FakeDocument[] = [];
  private seq = 0;

  constructor(readonly opts: GasOptions) {}

  /** A new spreadsheet; the first one becomes the active one. */
  spreadsheet(name = "Báo cáo Tổ Dân vận", id = `ss-${++this.seq}`): FakeSpreadsheet {
    const ss = new FakeSpreadsheet(this, id, name);
    counted(ss, "Spreadsheet", this.counter);
    this.spreadsheets.set(id, ss);
    if (!this.active) this.active = ss;
    return ss;
  }

  /** The global objects of an Apps Script project, for a vm context. */
  globals(): Record<string, unknown> {
    const c = this.counter;
    const SpreadsheetApp = {
      getActiveSpreadsheet: () => (this.active ? proxyOf(this.active) : null),
      getActive: () => (this.active ? proxyOf(this.active) : null),
      openById: (id: string) => {
        const ss = this.spreadsheets.get(id);
        if (!ss) throw new Error(`Không tìm thấy bảng tính ${id}`);
        return proxyOf(ss);
      },
      getUi: () => this.ui,
      newDataValidation: () => counted(new FakeDataValidationBuilder(), "DataValidationBuilder", c),
      flush: () => undefined,
      ProtectionType: { RANGE: "RANGE", SHEET: "SHEET" },
      DataValidationCriteria: {
        VALUE_IN_LIST: "VALUE_IN_LIST",
        VALUE_IN_RANGE: "VALUE_IN_RANGE",
        NUMBER_BETWEEN: "NUMBER_BETWEEN",
        DATE_BETWEEN: "DATE_BETWEEN",
      },
    };
    const PropertiesService = {
      getDocumentProperties: () => (this.active ? counted(this.active.documentProperties, "Properties", c) : null),
      getUserProperties: () => counted(this.userProperties, "Properties", c),
      getScriptProperties: () => counted(this.scriptProperties, "Properties", c),
    };
    const nextId = (prefix: string) => () => `${prefix}-${++this.seq}`;
    const logs: unknown[] = [];
    return {
      SpreadsheetApp: counted(SpreadsheetApp, "SpreadsheetApp", c),
      PropertiesService: counted(PropertiesService, "PropertiesService", c),
      UrlFetchApp: counted(
        urlFetchApp(this.requests, () => this.fetchHandler),
        "UrlFetchApp",
        c,
      ),
      HtmlService: counted(htmlService(this.opts.htmlDir), "HtmlService", c),
      Utilities: counted(utilities(this.sleeps), "Utilities", c),
      ScriptApp: counted(scriptApp(this.triggers, nextId("trigger")), "ScriptApp", c),
      DocumentApp: counted(documentApp(this.documents, nextId("doc")), "DocumentApp", c),
      Logger: { log: (...a: unknown[]) => void logs.push(a) },
      console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    };
  }
}
