/**
 * A link's report as a document (issue 13), mounted by ./routes.ts:
 *   GET /:token/bao-cao?ky=<period key>        printable HTML page (A4)
 *   GET /:token/bao-cao.docx?ky=<period key>   Word document to edit before signing
 *   GET /:token/bao-cao.json?ky=<period key>   the report model (worker/src/report/types.ts)
 * `ky` is any period key (shared/periods.ts), the plan phases P1, P2 (sơ kết) and P3 (tổng kết)
 * included; `mode` as on the rollup page. A missing or unreadable `ky` is a 400 `invalid_period`
 * that changes nothing. The figures are the rollup's for the same link, period and mode; the
 * commune's narrative ("Báo cáo kỳ") is read only for a commune's own (detail) link.
 */
import type { Context } from "hono";
import { parsePeriodKey, todayVi } from "../../../shared/periods";
import type { TokenRow } from "../auth/tokens";
import { applyClosings } from "../closing/overlay";
import { controlDb, perShard, shardGroups } from "../db/shard";
import type { AppEnv } from "../http/env";
import { errorBody } from "../http/errors";
import { buildReport } from "../report/model";
import { readNarratives } from "../report/narrative";
import { rollup } from "../rollup/rollup";
import { loadUnitTree } from "../rollup/tree-cache";
import type { RollupMode, RollupScope } from "../rollup/types";
import type { UnitRow } from "../rollup/units";
import { ErrorPage } from "../views/layout";
import { reportDocx } from "../views/report-docx";
import { ReportPage } from "../views/report-page";

export const REPORT_DOC = /^bao-cao(?:\.(docx|json))?$/;

const BAD_PERIOD =
  "Kỳ báo cáo không hợp lệ hoặc chưa chọn kỳ (tham số ky). Ví dụ: 2022-01, 2022-Q1, 2022-H1, 2022; P1, P2: sơ kết đợt 1, đợt 2; P3: tổng kết.";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export interface ReportRequest {
  link: TokenRow & { scope: RollupScope };
  token: string;
  ext: "docx" | "json" | undefined;
  defaultMode: (unit: UnitRow, today: string) => RollupMode;
  notFound: () => Promise<Response>;
}

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

export async function reportResponse<E extends AppEnv>(c: Context<E>, req: ReportRequest): Promise<Response> {
  const period = parsePeriodKey(c.req.query("ky"));
  if (!period) {
    if (req.ext) return c.json(errorBody("invalid_period", BAD_PERIOD), 400);
    return c.html(
      `<!DOCTYPE html>${String(await ErrorPage({ title: "Kỳ báo cáo không hợp lệ", message: BAD_PERIOD, code: "invalid_period" }))}`,
      400,
    );
  }
  const db = controlDb(c.env);
  const tree = await loadUnitTree(db, req.link.unit_id);
  const unit = tree.get(req.link.unit_id);
  if (!unit) return req.notFound();
  const today = todayVi();
  const modeParam = c.req.query("mode");
  const mode: RollupMode = modeParam === "as_was" || modeParam === "current" ? modeParam : req.defaultMode(unit, today);

  const shards = shardGroups(c.env);
  // Closings (period_closings) are commune data: read from each commune's shard.
  const r = await applyClosings(
    shards,
    await rollup(db, { unitId: unit.id, period: period.key, mode, scope: req.link.scope, today }, tree, shards),
  );
  const narratives =
    r.scope === "detail"
      ? (
          await perShard(
            shards,
            r.communes.flatMap((n) => n.sources.map((s) => s.id)),
            (d, ids) => readNarratives(d, ids, period.key),
          )
        ).flat()
      : [];
  const doc = buildReport(r, { today, narratives });

  if (req.ext === "json") return c.json(doc);
  if (req.ext === "docx") {
    c.header("Content-Type", DOCX);
    c.header("Content-Disposition", `attachment; filename="${doc.filename}"`);
    return c.body(await reportDocx(doc));
  }
  const here = (key: string) => `bao-cao${q({ ky: key, mode })}`;
  const page = ReportPage({
    doc,
    nav: {
      back: `../${req.token}${q({ period: period.key, mode })}`,
      docx: `bao-cao.docx${q({ ky: period.key, mode })}`,
      reviews: [
        { href: here("P1"), label: "Sơ kết đợt 1" },
        { href: here("P2"), label: "Sơ kết đợt 2" },
        { href: here("P3"), label: "Tổng kết" },
      ],
    },
  });
  return c.html(`<!DOCTYPE html>${String(await page)}`);
}
