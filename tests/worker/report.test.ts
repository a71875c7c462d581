/**
 * Reports as documents (issue 13): for the plan's three reviews (P1, P2 sơ kết; P3 tổng kết) and
 * other periods, a link's report has exactly the figures of the rollup JSON of the same link, period
 * and mode — both pilot communes on their own links and the district — as JSON, on the printable
 * page and in the .docx (unzipped here; tests/e2e/report.test.ts opens it in LibreOffice). The
 * commune's narrative ("Báo cáo kỳ") is on its own link only. A bad `ky` is a 400 with a stable code.
 */
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportDoc } from "../../worker/src/report/types";
import type { Figures, Rollup } from "../../worker/src/rollup/types";
import { num } from "../../worker/src/views/format";
import {
  adminPost,
  call,
  communeToken,
  copy,
  type ErrorJson,
  envelope,
  importPilot,
  PILOT,
  pilot,
  seed,
  snapshot,
  submit,
} from "./helpers";

const { quySon, hongGiang } = pilot();
const links: Record<"quySon" | "hongGiang" | "district" | "quySonAggregate", string> = {
  quySon: "",
  hongGiang: "",
  district: "",
  quySonAggregate: "",
};

async function link(unit_id: string, scope: "aggregate" | "detail"): Promise<string> {
  const res = await adminPost("/links", { unit_id, scope });
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  await seed();
  await importPilot([quySon, hongGiang]);
  links.quySon = await link(PILOT.quySon, "detail");
  links.hongGiang = await link(PILOT.hongGiang, "detail");
  links.district = await link(PILOT.lucNgan, "aggregate");
  links.quySonAggregate = await link(PILOT.quySon, "aggregate");
});

const json = async <T>(path: string): Promise<T> => {
  const res = await call(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const figuresOf = (f: Figures): Figures => ({
  register: f.register,
  reporting: f.reporting,
  propaganda: f.propaganda,
  tasks: f.tasks,
  changes: f.changes,
});
const docxText = async (res: Response) => {
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  return new TextDecoder().decode(files["word/document.xml"]!);
};

const CASES = (["quySon", "hongGiang", "district"] as const).flatMap((who) =>
  ["P1", "P2", "P3", "2022-Q1", "2022"].map((ky) => [who, ky] as const),
);

describe("a report's figures are the rollup's", () => {
  it.each(CASES)("%s, %s", async (who, ky) => {
    const t = links[who];
    const q = `ky=${ky}&mode=as_was`;
    const doc = await json<ReportDoc>(`/r/${t}/bao-cao.json?${q}`);
    const r = await json<Rollup>(`/r/${t}.json?period=${ky}&mode=as_was`);
    expect(doc.period).toEqual(r.period);
    expect(doc.figures.totals).toEqual(figuresOf(r.totals));
    expect(doc.figures.communes).toEqual(r.communes.map((c) => ({ unit: c.unit, ...figuresOf(c) })));
    const { open: _o, open_by_commune: _b, ...adhoc } = r.adhoc;
    expect(doc.figures.adhoc).toEqual(adhoc);
    expect(doc.figures.meetings).toEqual(r.meetings);
    expect(doc.figures.evaluations).toEqual({ by_rating: r.evaluations.by_rating, commendations: r.evaluations.commendations.length });
    // The data is there.
    expect(r.totals.register.households).toBeGreaterThan(0);
    expect(r.totals.reporting.received).toBeGreaterThan(0);

    // The page and the .docx show those figures and the blocks of the layout.
    const html = await (await call(`/r/${t}/bao-cao?${q}`)).text();
    const word = await docxText(await call(`/r/${t}/bao-cao.docx?${q}`));
    for (const text of [html, word]) {
      for (const block of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "Nơi nhận:", "TRƯỞNG BAN"]) {
        expect(text, block).toContain(block);
      }
      expect(text).toContain(`Số hộ gia đình được phân công phụ trách: ${num(r.totals.register.households)}.`);
      expect(text).toContain(`Số báo cáo đã nhận: ${num(r.totals.reporting.received)}.`);
      expect(text).toContain(doc.heading.subject);
      expect(text).toMatch(/, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    }
    if (ky === "P1") expect(doc.heading.subject).toBe("Sơ kết đợt 1 thực hiện thí điểm mô hình Tổ Dân vận cộng đồng");
    if (ky === "P3") expect(doc.heading.subject).toBe("Tổng kết việc thực hiện thí điểm mô hình Tổ Dân vận cộng đồng");
    if (who === "district") {
      expect(doc.heading.superior).toBe("HUYỆN ỦY LỤC NGẠN");
      expect(doc.heading.number).toMatch(/^Số: +\/BC-BDVHU$/);
      expect(doc.figures.communes.map((c) => c.unit.id).sort()).toEqual([PILOT.hongGiang, PILOT.quySon].sort());
      expect(html).toContain("Số liệu của từng xã, phường");
    } else {
      expect(doc.heading.superior).toBe(who === "quySon" ? "ĐẢNG ỦY XÃ QUÝ SƠN" : "ĐẢNG ỦY XÃ HỒNG GIANG");
    }
  });
});

describe("the commune's narrative", () => {
  const written = (c: typeof quySon, ky: string) => c.workbook.period_reports.find((n) => n.period === ky)!;

  it.each(["P1", "P2", "P3"])("is on the commune's own report for %s, in the page and the .docx", async (ky) => {
    for (const [c, t] of [
      [quySon, links.quySon],
      [hongGiang, links.hongGiang],
    ] as const) {
      const n = written(c, ky);
      const doc = await json<ReportDoc>(`/r/${t}/bao-cao.json?ky=${ky}&mode=as_was`);
      expect(doc.narrative).toBe(true);
      const html = await (await call(`/r/${t}/bao-cao?ky=${ky}&mode=as_was`)).text();
      const word = await docxText(await call(`/r/${t}/bao-cao.docx?ky=${ky}&mode=as_was`));
      for (const text of [html, word]) {
        expect(text).toContain(n.shortcomings!);
        expect(text).toContain(n.proposals!);
        expect(text).toContain(n.results!.split("\n")[0]!.slice(0, 60));
      }
    }
  });

  it("is on no aggregate link: the district's report and the commune's figures-only link", async () => {
    const texts = [quySon, hongGiang].flatMap((c) => c.workbook.period_reports.flatMap((n) => [n.shortcomings!, n.causes!, n.proposals!]));
    for (const t of [links.district, links.quySonAggregate]) {
      for (const ky of ["P1", "P2", "P3"]) {
        const doc = await json<ReportDoc>(`/r/${t}/bao-cao.json?ky=${ky}&mode=as_was`);
        expect(doc.narrative).toBe(false);
        const bodies = [
          JSON.stringify(doc),
          await (await call(`/r/${t}/bao-cao?ky=${ky}&mode=as_was`)).text(),
          await docxText(await call(`/r/${t}/bao-cao.docx?ky=${ky}&mode=as_was`)),
        ];
        for (const body of bodies) for (const text of texts) expect(body).not.toContain(text);
      }
    }
  });

  it("says it is missing for a period the commune wrote nothing for", async () => {
    const html = await (await call(`/r/${links.quySon}/bao-cao?ky=2022-01&mode=as_was`)).text();
    expect(html).toContain("Xã chưa nhập nội dung này ở trang &quot;Báo cáo kỳ&quot;.");
  });
});

describe("bad input", () => {
  it.each(["2022-Q5", "P4", "2021-W53", "abc", ""])("ky=%j is a 400 invalid_period on every format", async (ky) => {
    for (const ext of [".json", ".docx"]) {
      const res = await call(`/r/${links.district}/bao-cao${ext}?ky=${encodeURIComponent(ky)}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("invalid_period");
      expect(body.error.message).toContain("Kỳ báo cáo không hợp lệ");
    }
    const page = await call(`/r/${links.district}/bao-cao?ky=${encodeURIComponent(ky)}`);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain("Kỳ báo cáo không hợp lệ");
    expect(html).toContain("invalid_period");
  });

  it("a narrative over its limit is refused with its sheet, row and column, and nothing is written", async () => {
    const token = await communeToken(PILOT.quySon);
    const wb = copy(quySon.workbook);
    const row = wb.period_reports.findIndex((n) => n.period === "P1");
    wb.period_reports[row]!.shortcomings = "Khó khăn. ".repeat(400);
    const before = await snapshot();
    const res = await submit(envelope(quySon, wb), token);
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("invalid_envelope");
    expect(body.error.details).toContainEqual(
      expect.objectContaining({
        sheet: "period_reports",
        column: "shortcomings",
        severity: "error",
        message_vi: expect.stringContaining("dài quá 3.000 ký tự"),
      }),
    );
    expect(await snapshot()).toEqual(before);
  });

  it("no ky at all is the same 400; an unknown link is the same 404 as elsewhere", async () => {
    expect((await call(`/r/${links.quySon}/bao-cao.json`)).status).toBe(400);
    expect((await call(`/r/dvl_${"0".repeat(43)}/bao-cao?ky=P1`)).status).toBe(404);
    expect((await call(`/r/${links.quySon}/bao-cao.pdf?ky=P1`)).status).toBe(404);
  });
});
