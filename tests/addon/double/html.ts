/** HtmlService: pages built from the add-on's HTML files, with `<?!= data ?>` and `<?= x ?>` scriptlets. */
import { readFileSync } from "node:fs";
import path from "node:path";

export class FakeHtmlOutput implements Partial<GoogleAppsScript.HTML.HtmlOutput> {
  title = "";
  width = 0;
  height = 0;
  constructor(public content: string) {}
  private self() {
    return this as unknown as GoogleAppsScript.HTML.HtmlOutput;
  }
  setTitle(t: string) {
    this.title = t;
    return this.self();
  }
  getTitle() {
    return this.title;
  }
  setWidth(w: number) {
    this.width = w;
    return this.self();
  }
  setHeight(h: number) {
    this.height = h;
    return this.self();
  }
  getContent() {
    return this.content;
  }
  /** Test helper: the JSON the server embedded as `var DATA = …;`. */
  _data<T = unknown>(): T {
    const m = /var DATA = (.*);\n/.exec(this.content);
    if (!m) throw new Error("no DATA in page");
    return JSON.parse(m[1]!) as T;
  }
}

/** The HtmlService global over the HTML files in `htmlDir` (createTemplateFromFile). */
export function htmlService(htmlDir: string) {
  const readHtml = (name: string) => readFileSync(path.join(htmlDir, name.endsWith(".html") ? name : `${name}.html`), "utf8");
  return {
    createHtmlOutput: (html = "") => new FakeHtmlOutput(html),
    createHtmlOutputFromFile: (name: string) => new FakeHtmlOutput(readHtml(name)),
    createTemplateFromFile: (name: string) => {
      const raw = readHtml(name);
      const t: Record<string, unknown> = {
        getRawContent: () => raw,
        evaluate: () =>
          new FakeHtmlOutput(
            raw
              .replace(/<\?!=\s*([\w$]+)\s*\?>/g, (_m, k: string) => String(t[k]))
              .replace(/<\?=\s*([\w$]+)\s*\?>/g, (_m, k: string) => String(t[k]).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)),
          ),
      };
      return t;
    },
    SandboxMode: { IFRAME: "IFRAME" },
  };
}
