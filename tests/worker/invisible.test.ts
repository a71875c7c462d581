/**
 * Invisible and bidi control characters are removed where cells are read (shared/text.ts nfc, used
 * by every text reader in shared/cells.ts), so "\u200B=HYPERLINK(…)" is a formula-looking text by the
 * time the CSV guard looks at it, and is neutralised; HTML is escaped by hono/jsx.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PILOT } from "../../shared/data/units";
import { guardCell } from "../../worker/src/rollup/csv";
import { adminPost, call, communeToken, copy, envelope, pilot, seed, submit } from "./helpers";

const FORMULA = '=HYPERLINK("http://evil","bấm")';
const HIDDEN = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD]/;
const { quySon } = pilot();

let own: string;
let district: string;
beforeAll(async () => {
  await seed();
  const wb = copy(quySon.workbook);
  wb.teams[0]!.team_name = `\u200B${FORMULA}`;
  wb.teams[1]!.team_name = `\u202E\u2066=1+1`;
  wb.villages[0]!.village_name = `\uFEFFThôn <b>Quý</b> \u200DThịnh`;
  wb.members[0]!.note = `\u00AD+SUM(A1)`;
  const token = await communeToken(quySon.unit_id);
  const res = await submit(envelope(quySon, wb), token);
  expect(res.status, await res.clone().text()).toBe(201);
  own = ((await (await adminPost("/links", { unit_id: quySon.unit_id, scope: "detail" })).json()) as { token: string }).token;
  district = ((await (await adminPost("/links", { unit_id: PILOT.lucNgan, scope: "aggregate" })).json()) as { token: string }).token;
});

describe("invisible characters before a formula", () => {
  it("are gone from every page, and the formula is neutralised in the CSV", async () => {
    const q = "period=2022-Q1&mode=as_was";
    const csv = await (await call(`/r/${own}.csv?${q}`)).text();
    expect(csv).toContain(`"'${FORMULA.replace(/"/g, '""')}"`);
    expect(csv).toContain(`"'=1+1"`);
    for (const line of csv.slice(1).split("\r\n")) expect(line).not.toMatch(/(^|,)"\s*[=+\-@]/);
    for (const path of [
      `/r/${own}?${q}`,
      `/r/${own}.json?${q}`,
      `/r/${own}.csv?${q}`,
      `/r/${own}/mau-01`,
      `/r/${district}.csv?${q}`,
      `/r/${district}?${q}`,
    ]) {
      const body = await (await call(path)).text();
      expect(body.replace(/^\uFEFF/, ""), path).not.toMatch(HIDDEN);
    }
  });

  it("HTML is escaped: a tag typed in a name is text", async () => {
    const page = await (await call(`/r/${own}/mau-01`)).text();
    expect(page).toContain("Thôn &lt;b&gt;Quý&lt;/b&gt; Thịnh");
    expect(page).not.toContain("<b>Quý</b>");
  });

  it("the CSV guard also cleans text stored before the readers did", () => {
    expect(guardCell("\u200B=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(guardCell("\u202E@SUM(1)")).toBe("'@SUM(1)");
    expect(guardCell("  -1")).toBe("'  -1");
    expect(guardCell("Tổ số 1")).toBe("Tổ số 1");
  });
});
