/**
 * What `npm start` prints (scripts/demo/load.ts printLinks) is what the README says it prints: the
 * district link, and for each commune its link and its mẫu 01 / mẫu 02 print pages.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type DemoResult, printLinks } from "../../scripts/demo/load";

const link = (token: string) => ({ token, url: `http://127.0.0.1:8787/r/${token}`, json_url: "", csv_url: "" });
const result: DemoResult = {
  baseUrl: "http://127.0.0.1:8787",
  district: { name: "Huyện Lục Ngạn", link: link("dvl_d"), accepting: link("dvl_x") },
  communes: [
    { name: "Xã Quý Sơn", unit_id: "a", link: link("dvl_a"), write_token: "dvw_a" },
    { name: "Xã Hồng Giang", unit_id: "b", link: link("dvl_b"), write_token: "dvw_b" },
  ],
  imports: { created: 3, duplicate: 0 },
  units: { sent: false, ms: 0 },
  closings: { commune: "Xã Quý Sơn", closed: true, correction: "sent" },
};

afterEach(() => vi.restoreAllMocks());

describe("npm start's printout", () => {
  it("prints the console's address, the district link, each commune link and its two print pages, as the README says", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    printLinks(result, 1234);
    const text = log.mock.calls.map((c) => String(c[0])).join("\n");
    expect(text).toContain("http://127.0.0.1:8787/admin ");
    expect(text).toContain("http://127.0.0.1:8787/r/dvl_d\n");
    for (const t of ["dvl_a", "dvl_b"]) {
      for (const suffix of ["", "/mau-01", "/mau-02"]) expect(text).toContain(`http://127.0.0.1:8787/r/${t}${suffix}\n`);
    }
    // The closed periods and the correction after closing, on the district's page of that month.
    expect(text).toContain("Xã Quý Sơn đã chốt các tháng 01–09/2022 và quý I–III/2022");
    expect(text).toContain("http://127.0.0.1:8787/r/dvl_d?period=2022-09#chot-so-lieu\n");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(readme).toMatch(
      /prints the \*\*console\*\*'s address[\s\S]*\*\*district link\*\*[\s\S]*\*\*commune link\*\*[\s\S]*`…\/mau-01`, `…\/mau-02`/,
    );
  });
});
