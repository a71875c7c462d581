import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildEnvelope } from "../../shared/envelope";
import { envelopeHashes, plainRowTexts, rowText } from "../../shared/sheet-hash";
import { SHEETS } from "../../shared/templates";
import { validWorkbook } from "./fixtures";

const meta = {
  commune_code: "07576",
  spreadsheet_id: "1AbC",
  submission_id: "0b9f3c1e-4d7a-4c2b-9a51-6f3e2d1c0b9a",
  generated_at: "2022-03-31T08:00:00+07:00",
};

describe("row and sheet hashes (shared/sheet-hash.ts)", () => {
  const row = { team_code: "T01", week: "2022-W03", zalo_posts: 2, note: undefined, _row: 7 };
  it.each<[string, Record<string, unknown>, boolean]>([
    ["another place on the sheet (_row)", { ...row, _row: 40 }, true],
    ["another key order", { zalo_posts: 2, week: "2022-W03", team_code: "T01" }, true],
    ["a blank cell sent as null rather than left out", { ...row, note: null }, false],
    ["another value", { ...row, zalo_posts: 3 }, false],
    ["a number sent as text", { ...row, zalo_posts: "2" }, false],
    ["a key outside the template", { ...row, secret: "x" }, false],
    ["an object in a cell", { ...row, zalo_posts: { n: 2 } }, false],
  ])("%s → same text: %s", (_label, other, same) => {
    expect(rowText("weekly", other) === rowText("weekly", row)).toBe(same);
  });

  // The worker's texts (built cell by cell) are the add-on's (`rowText`: JSON.stringify with the columns).
  it("plainRowTexts gives rowText's text for every plain row", () => {
    const weekly = Object.keys(SHEETS.weekly.columns);
    const cellValue = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.integer(),
      fc.constantFrom(-0, 1e21, 5e-7, Number.NaN, Number.POSITIVE_INFINITY),
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.constantFrom("\u2028", '"\\', "\ud800", "Hộ\n"),
      fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))),
    );
    const rowArb = fc.record(
      { ...Object.fromEntries(weekly.map((c) => [c, cellValue])), _row: fc.integer() },
      { requiredKeys: [] },
    ) as fc.Arbitrary<Record<string, unknown>>;
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 5 }), fc.boolean(), (rows, shuffle) => {
        const sent = shuffle ? rows.map((r) => Object.fromEntries(Object.entries(r).reverse())) : rows;
        expect(plainRowTexts({ weekly: sent })).toEqual({ weekly: sent.map((r) => rowText("weekly", r)) });
      }),
      { numRuns: 300 },
    );
    const wb = validWorkbook() as unknown as Record<string, unknown[]>;
    const texts = plainRowTexts(JSON.parse(JSON.stringify(wb)))!;
    for (const [sheet, rows] of Object.entries(wb)) expect(texts[sheet]).toEqual(rows.map((r) => rowText(sheet, r)));
  });

  it("what is not a row never reads as one", () => {
    const texts = [null, 1, "x", [], [row], {}].map((v) => rowText("weekly", v));
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("the envelope carries a hash per sheet and the content hash over them; one cell changes one sheet's hash", () => {
    const wb = validWorkbook();
    const e = buildEnvelope(meta, wb);
    expect(Object.keys(e.sheet_hashes!).sort()).toEqual(Object.keys(wb).sort());
    expect(envelopeHashes(JSON.parse(JSON.stringify(wb)))).toEqual({ sheet_hashes: e.sheet_hashes, content_hash: e.content_hash });
    wb.households[0]!.members_count += 1;
    const after = envelopeHashes(wb);
    const changed = Object.keys(after.sheet_hashes).filter((k) => after.sheet_hashes[k] !== e.sheet_hashes![k]);
    expect(changed).toEqual(["households"]);
    expect(after.content_hash).not.toBe(e.content_hash);
  });
});
