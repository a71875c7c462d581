/** The built Apps Script bundle: shape, manifest, and that it runs where Apps Script's V8 would. */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { putWorkbook, register } from "./fixtures";
import { GasDouble } from "./gas-double";
import { type Bundle, buildBundle, ENTRY_FUNCTIONS, loadAddon } from "./harness";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

describe("Apps Script bundle", () => {
  it("is one IIFE plus a top-level function per export of main.ts", () => {
    expect(bundle.names).toEqual([...ENTRY_FUNCTIONS].sort());
    expect(bundle.code).toMatch(/^(\/\/.*\n)*var __gas = \(\(\) => \{/m);
    for (const n of ENTRY_FUNCTIONS) {
      expect(bundle.code).toContain(`\nfunction ${n}() { return __gas.${n}.apply(this, arguments); }`);
    }
  });

  it("ships the V8 manifest with the scopes of the features, and the HTML files", () => {
    const manifest = JSON.parse(readFileSync(path.join(bundle.dir, "appsscript.json"), "utf8"));
    expect(manifest.runtimeVersion).toBe("V8");
    expect(manifest.timeZone).toBe("Asia/Ho_Chi_Minh");
    expect(manifest.oauthScopes.sort()).toEqual([
      "https://www.googleapis.com/auth/documents", // Tạo Quyết định (DocumentApp.create)
      "https://www.googleapis.com/auth/script.container.ui", // menu, sidebar, dialogs
      "https://www.googleapis.com/auth/script.external_request", // UrlFetchApp → worker
      "https://www.googleapis.com/auth/script.scriptapp", // weekly trigger
      "https://www.googleapis.com/auth/spreadsheets", // openById in the weekly trigger (no active document there)
    ]);
    for (const f of ["Sidebar.html", "Settings.html", "Import.html"]) {
      const html = readFileSync(path.join(bundle.dir, f), "utf8");
      expect(html).toContain('<html lang="vi">');
      expect(html).toContain("var DATA = <?!= data ?>;");
    }
  });

  it("loads in a bare vm context (no process, no require, no TextEncoder) and zod works there", () => {
    const gas = new GasDouble({ htmlDir: bundle.dir });
    const ss = gas.spreadsheet();
    ss._sheet("Trang tính1");
    const { context } = loadAddon(bundle, gas);
    expect(vm.runInContext("typeof process + typeof require + typeof module + typeof Buffer", context)).toBe(
      "undefinedundefinedundefinedundefined",
    );
    // The polyfill installed a TextEncoder in the context; it matches Node's UTF-8 byte for byte.
    const samples = ["", "abc", "Nguyễn Thị Ánh", "Nguyễn Thị Ánh".normalize("NFD"), "Đồng — “ngoặc” 😀 𝔘", "\ud800 lone"];
    for (const s of samples) {
      const bytes = vm.runInContext(`Array.from(new TextEncoder().encode(${JSON.stringify(s)}))`, context) as number[];
      expect(bytes).toEqual([...new TextEncoder().encode(s)]);
    }
    // zod (with its Vietnamese locale) runs inside: no sheets yet, then rows with a bad cell.
    const empty = context.runCheckNow();
    expect(JSON.stringify(empty)).toContain("Chưa có trang");
    putWorkbook(ss, register());
    ss._find("Hộ gia đình (mẫu 02)")!._put([[" 75 "]], 3, 6);
    const s = JSON.parse(JSON.stringify(context.runCheckNow()));
    expect(s.errors).toBe(1);
    expect(s.sheets.find((x: { key: string }) => x.key === "households").items[0].text).toBe(
      'Trang "Hộ gia đình (mẫu 02)", dòng 3, cột "Năm sinh": "Năm sinh" phải từ 1900 đến 2100.',
    );
    // (The content hash computed inside the bundle is checked against Node's by the envelope test in submit.test.ts.)
  });
});
