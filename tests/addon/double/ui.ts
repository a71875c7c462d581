/** Ui: the add-on menu, alerts and prompts (answered from a script of `answers`), sidebars and dialogs. */
import { type Counter, counted } from "./counting";
import type { FakeHtmlOutput } from "./html";

export const Button = { OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO", CLOSE: "CLOSE" } as const;
export const ButtonSet = { OK: "OK", OK_CANCEL: "OK_CANCEL", YES_NO: "YES_NO", YES_NO_CANCEL: "YES_NO_CANCEL" } as const;

class FakeMenu implements Partial<GoogleAppsScript.Base.Menu> {
  items: { caption: string; fn: string | null }[] = [];
  constructor(
    private readonly ui: FakeUi,
    readonly title: string,
  ) {}
  addItem(caption: string, fn: string) {
    this.items.push({ caption, fn });
    return this as unknown as GoogleAppsScript.Base.Menu;
  }
  addSeparator() {
    this.items.push({ caption: "---", fn: null });
    return this as unknown as GoogleAppsScript.Base.Menu;
  }
  addToUi() {
    this.ui.menus.push(this);
  }
}

export interface Answer {
  button?: string;
  text?: string;
}

export class FakeUi implements Partial<GoogleAppsScript.Base.Ui> {
  readonly Button = Button as unknown as typeof GoogleAppsScript.Base.Button;
  readonly ButtonSet = ButtonSet as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  menus: FakeMenu[] = [];
  alerts: { title: string; message: string }[] = [];
  prompts: { title: string; message: string }[] = [];
  sidebars: FakeHtmlOutput[] = [];
  dialogs: { html: FakeHtmlOutput; title: string }[] = [];
  /** Scripted answers for prompt() and for alert() with buttons, used in order. */
  answers: Answer[] = [];
  constructor(private readonly counter: Counter) {}
  createAddonMenu() {
    return counted(new FakeMenu(this, "Dân vận (tiện ích)"), "Menu", this.counter) as unknown as GoogleAppsScript.Base.Menu;
  }
  createMenu(title: string) {
    return counted(new FakeMenu(this, title), "Menu", this.counter) as unknown as GoogleAppsScript.Base.Menu;
  }
  alert(a: string, b?: unknown, c?: unknown): GoogleAppsScript.Base.Button {
    const [title, message, buttons] = typeof b === "string" ? [a, b, c] : ["", a, b];
    this.alerts.push({ title, message });
    if (buttons && buttons !== ButtonSet.OK) return (this.answers.shift()?.button ?? Button.OK) as unknown as GoogleAppsScript.Base.Button;
    return Button.OK as unknown as GoogleAppsScript.Base.Button;
  }
  prompt(a: string, b?: unknown, _c?: unknown): GoogleAppsScript.Base.PromptResponse {
    const [title, message] = typeof b === "string" ? [a, b] : ["", a];
    this.prompts.push({ title, message });
    const ans = this.answers.shift();
    if (!ans) throw new Error(`Unexpected prompt: ${title} — ${message}`);
    return {
      getResponseText: () => ans.text ?? "",
      getSelectedButton: () => (ans.button ?? Button.OK) as unknown as GoogleAppsScript.Base.Button,
    } as GoogleAppsScript.Base.PromptResponse;
  }
  showSidebar(html: GoogleAppsScript.HTML.HtmlOutput) {
    this.sidebars.push(html as unknown as FakeHtmlOutput);
  }
  showModalDialog(html: GoogleAppsScript.HTML.HtmlOutput, title: string) {
    this.dialogs.push({ html: html as unknown as FakeHtmlOutput, title });
  }
}
