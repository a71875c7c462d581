/** The built Apps Script bundle: shape, manifest, and that it runs where Apps Script's V8 would. */
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_LIMIT_BYTES } from "../../scripts/build-addon.mjs";
import { envelopeHashes } from "../../shared/sheet-hash";
import { putWorkbook, register, setCommune, setConnection } from "./fixtures";
import { GasDouble } from "./gas-double";
import { type Bundle, buildBundle, ENTRY_FUNCTIONS, loadAddon, setupEnv } from "./harness";

let bundle: Bundle;
beforeAll(async () => {
  bundle = await buildBundle();
}, 60_000);

describe("Apps Script bundle", () => {
  it("is one IIFE plus a top-level function per export of main.ts", () => {
    expect(bundle.names).toEqual([...ENTRY_FUNCTIONS].sort());
    expect(bundle.code).toMatch(/^(\/\/.*\n|\n)*("use strict";\s*)?var __gas ?= ?\(\(\) ?=> ?\{/);
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

  it("stays under 400 KB: zod without its other locales, SHA-256 from Apps Script (issue 18)", () => {
    const bytes = Buffer.byteLength(bundle.code, "utf8");
    const top = bundle.parts.slice(0, 6).map((p) => `${p.part} ${(p.bytes / 1000).toFixed(1)} KB`);
    expect(bytes, top.join(", ")).toBeLessThan(BUNDLE_LIMIT_BYTES);
    // Only the Vietnamese locale (and English, zod's built-in default) of zod's 64.
    const locales = bundle.inputs.flatMap((f) => /node_modules\/zod\/v4\/locales\/([\w-]+)\.js$/.exec(f)?.[1] ?? []);
    expect(locales.sort()).toEqual(["en", "vi"]);
    // No SHA-256 nor UTF-8 encoder in JavaScript: Utilities.computeDigest does both.
    expect(bundle.inputs).not.toContain("node_modules/@noble/hashes/sha2.js");
    expect(bundle.code).not.toMatch(/\bTextEncoder\b/);
  });

  it("loads in a bare vm context (no process, no require, no TextEncoder) and zod works there", () => {
    const gas = new GasDouble({ htmlDir: bundle.dir });
    const ss = gas.spreadsheet();
    ss._sheet("Trang tính1");
    const { context } = loadAddon(bundle, gas);
    expect(vm.runInContext("typeof process + typeof require + typeof module + typeof Buffer + typeof TextEncoder", context)).toBe(
      "undefinedundefinedundefinedundefinedundefined",
    );
    // zod (with its Vietnamese locale) runs inside: no sheets yet, then rows with a bad cell.
    const empty = context.runCheckNow();
    expect(JSON.stringify(empty)).toContain("Chưa có trang");
    putWorkbook(ss, register());
    ss._find("Hộ gia đình (mẫu 02)")!._put([[" 75 "]], 3, 6);
    const s = JSON.parse(JSON.stringify(context.runCheckNow()));
    expect(s.errors).toBe(1);
    expect(s.sheets.find((x: { key: string }) => x.key === "households").items[0].text).toBe(
      'Trang "Hộ gia đình (mẫu 02)", dòng 3, cột "Năm sinh": "Năm sinh" phải ghi đủ 4 chữ số (từ 1900 đến 2100): "75" có phải là năm 1975? Hãy sửa lại trong ô.',
    );
  });

  it("computes the content hash the worker computes, for any text a clerk may type", () => {
    const { gas, ss, addon } = setupEnv(bundle);
    const wb = register();
    const odd = ["Nguyễn Thị Ánh".normalize("NFD"), "Đồng — “ngoặc” 😀 𝔘", "tab\tvà\nxuống dòng", "\ud800 lẻ", "\u0000\u2028"];
    wb.households.forEach((h, i) => {
      h.note = odd[i % odd.length]!;
    });
    putWorkbook(ss, wb);
    setCommune(ss);
    setConnection(ss, "https://dan-van.example.workers.dev", `dvc_${"ab".repeat(16)}`);
    gas.fetchHandler = () => ({ status: 503, body: "{}" }); // the request is all this test needs
    addon.menuSubmit();
    const sent = JSON.parse(gas.requests[0]!.payload) as { content_hash: string; sheets: Record<string, { note?: string }[]> };
    expect(sent.sheets.households!.map((h) => h.note)).toContain("Đồng — “ngoặc” 😀 𝔘");
    // Apps Script's digest in the bundle (Utilities.computeDigest) = the worker's (shared/hash.ts with @noble/hashes).
    expect(sent.content_hash).toBe(envelopeHashes(sent.sheets).content_hash);
    // One digest per sheet sent, one for the content hash over them.
    expect(gas.counter.get("Utilities.computeDigest")).toBe(Object.keys(sent.sheets).length + 1);
  });
});
