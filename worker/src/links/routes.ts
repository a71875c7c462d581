/**
 * Read-only link pages, mounted at /r by app.ts:
 *   GET /:token           HTML rollup (period picker, tables, bar charts); above commune level one
 *                         row per commune, each linking to its drill-down
 *   GET /:token?commune=  drill-down: one commune of the link's unit (as grouped in the mode) with its
 *                         villages and teams, in the link's scope; also for .json and .csv
 *   GET /:token.json      the Rollup as JSON      (?period=&mode=)
 *   GET /:token.csv       one row per team, UTF-8 with BOM, for IMPORTDATA
 *   GET /:token/mau-01    printable member list (detail links only)
 *   GET /:token/mau-02    printable household list (detail links only)
 *   GET /:token/bao-cao-zalo  each team's weekly report form as a Zalo message (detail links only; ?week=)
 *   POST /:token/chot     accept or reopen a commune's closed period (links with the acceptance right; ./closing.ts)
 * District and province rollups show closed periods' figures (../closing/overlay.ts, applied after `rollup()`).
 * Any unknown, malformed, revoked or expired token, and any page a link may not see (a commune
 * outside the link's unit included), gets the same 404 page. Headers: strict CSP, no caching, no indexing (hono/secure-headers:
 * https://hono.dev/docs/middleware/builtin/secure-headers).
 */
import { type Context, Hono } from "hono";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import { todayVi } from "../../../shared/periods";
import { privacyNotice, retentionMonths } from "../../../shared/privacy";
import { findActiveToken, HASH_PREFIX_LENGTH, TOKEN_PATTERN, type TokenRow } from "../auth/tokens";
import { applyClosings } from "../closing/overlay";
import { type AccessRoute, linkAccessesOf } from "../db/access-log";
import { controlDb, perShard, shardGroups } from "../db/shard";
import { logAccess, tokenPrefix } from "../http/access";
import type { AppEnv } from "../http/env";
import { errorBody } from "../http/errors";
import { rollupCsv } from "../rollup/csv";
import { loadForms } from "../rollup/forms";
import { resolveCommune } from "../rollup/groups";
import { rollup } from "../rollup/rollup";
import { lastWeekAcrossShards } from "../rollup/shards";
import { loadSteering } from "../rollup/steering";
import { loadUnitTree, unitVersion } from "../rollup/tree-cache";
import type { RollupMode, RollupScope } from "../rollup/types";
import type { UnitRow, UnitTree } from "../rollup/units";
import { loadZaloForms } from "../rollup/zalo-forms";
import { midSentence } from "../views/format";
import { Mau01Page, Mau02Page } from "../views/forms";
import { NotFoundPage } from "../views/layout";
import { RollupPage } from "../views/rollup-page";
import { ZaloFormsPage } from "../views/zalo-forms";
import { closingPost } from "./closing";
import { adjacentPeriods, askedPeriod, defaultPeriodKey, KIND_LABELS, lastCompleteWeek, resolvePeriod, suggestedPeriods } from "./period";
import { REPORT_DOC, reportResponse } from "./report";

type LinkEnv = AppEnv & { Variables: { link?: TokenRow } };

export const rollupRoutes = new Hono<LinkEnv>();

rollupRoutes.use(
  "*",
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      imgSrc: ["data:"],
      formAction: ["'self'"],
    },
    referrerPolicy: "no-referrer",
  }),
  async (c, next) => {
    await next();
    c.header("Cache-Control", "private, no-store");
    c.header("X-Robots-Tag", "noindex, nofollow");
  },
  // Every access goes to the access log after the answer (../http/access.ts): the link (its hash),
  // what was opened and the status. Never the token.
  async (c, next) => {
    await next();
    const [name = "", form] = c.req.path.replace(/^\/r\/?/, "").split("/");
    const m = NAME.exec(name);
    const link = c.get("link");
    const route: AccessRoute =
      form === undefined
        ? m?.[2] === "json"
          ? "json"
          : m?.[2] === "csv"
            ? "csv"
            : "page"
        : form === "mau-01" || form === "mau-02"
          ? form
          : REPORT_DOC.test(form)
            ? "bao-cao"
            : "other";
    await logAccess(c, {
      kind: "link",
      route,
      status: c.res.status,
      outcome: c.res.status < 400 ? "ok" : "refused",
      tokenHash: link?.token_hash ?? null,
      tokenPrefix: link ? link.token_hash.slice(0, HASH_PREFIX_LENGTH) : m ? await tokenPrefix(m[1]!) : null,
      unitId: link?.unit_id ?? null,
    });
  },
);

/** A token (shared/contract.ts TOKEN_PATTERN) optionally followed by `.json` or `.csv`. */
const NAME = new RegExp(`^(${TOKEN_PATTERN.source.replace(/^\^|\$$/g, "")})(?:\\.(json|csv))?$`);

/** A full HTML document from a page component. */
async function page(c: Context<LinkEnv>, node: unknown, status: 200 | 404 = 200): Promise<Response> {
  return c.html(`<!DOCTYPE html>${String(await node)}`, status);
}

const notFound = (c: Context<LinkEnv>) => page(c, NotFoundPage(), 404);

async function activeLink(c: Context<LinkEnv>, token: string): Promise<(TokenRow & { scope: RollupScope }) | null> {
  const row = await findActiveToken(controlDb(c.env), token, "link");
  if (!row || (row.scope !== "aggregate" && row.scope !== "detail")) return null;
  c.set("link", row);
  return row as TokenRow & { scope: RollupScope };
}

/** Current boundaries for a unit that still exists, the boundaries of its time for one that was merged. */
function defaultMode(unit: UnitRow, today: string): RollupMode {
  return unit.valid_to === null || unit.valid_to > today ? "current" : "as_was";
}

const query = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

rollupRoutes.get("/:name", async (c) => {
  const m = NAME.exec(c.req.param("name"));
  if (!m) return notFound(c);
  const [, token, ext] = m as unknown as [string, string, "json" | "csv" | undefined];
  const db = controlDb(c.env);
  // The units' version is read beside the token's lookup (one round trip less before the tree).
  const version = unitVersion(db);
  version.catch(() => undefined); // awaited below when the link is valid
  const link = await activeLink(c, token);
  if (!link) return notFound(c);
  const shards = shardGroups(c.env);
  const tree = await loadUnitTree(db, link.unit_id, version);
  const unit = tree.get(link.unit_id);
  if (!unit) return notFound(c);

  const today = todayVi();
  const modeParam = c.req.query("mode");
  const mode: RollupMode = modeParam === "as_was" || modeParam === "current" ? modeParam : defaultMode(unit, today);
  // A drill-down: the commune must be one of the unit's communes in this mode, else the same 404 as
  // an unknown link. On a commune link the page already is the commune's.
  const communeParam = c.req.query("commune");
  let commune: string | undefined;
  if (communeParam) {
    const group = resolveCommune(tree, unit.id, mode, today, communeParam);
    if (!group) return notFound(c);
    if (unit.level !== "commune") commune = group;
  }
  // The default period follows the last week with data: read only when the request names no period that can be read.
  const asked = askedPeriod({ period: c.req.query("period"), kind: c.req.query("kind") }, today);
  const { invalid } = asked;
  let period = asked.period;
  if (!period) {
    const upTo = lastCompleteWeek(today);
    const communeIds = tree.communesOf(unit.id, mode, today).map((u) => u.id);
    period = resolvePeriod({}, today, defaultPeriodKey(today, upTo ? await lastWeekAcrossShards(shards, communeIds, upTo) : null)).period;
  }
  if (invalid && ext) {
    return c.json(errorBody("invalid_period", "Kỳ báo cáo không hợp lệ. Ví dụ: 2022-W03, 2022-01, 2022-Q1, 2022-H1, 2022, P1."), 400);
  }
  // Above commune level the HTML page shows communes only; JSON, CSV and drill-downs go down to teams.
  const depth = !ext && unit.level !== "commune" && commune === undefined ? "commune" : "team";
  const live = await rollup(
    db,
    { unitId: unit.id, period: period.key, mode, scope: link.scope, today, depth, ...(commune ? { commune } : {}) },
    tree,
    shards,
  );
  // Closings (period_closings: commune data, read from each commune's shard) and the steering bodies
  // (which read only the communes shown, never the figures closings replace), side by side.
  const [r, steering] = await Promise.all([applyClosings(shards, live), loadSteering(db, live, link.scope, shards)]);
  r.steering = steering;

  if (ext === "json") return c.json(r);
  if (ext === "csv") {
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `inline; filename="tong-hop-${period.key}.csv"`);
    return c.body(rollupCsv(r));
  }

  const within: Record<string, string> = commune ? { commune } : {};
  const self = (key: string) => `${token}${query({ ...within, period: key, mode })}`;
  const adj = adjacentPeriods(period);
  const view = RollupPage({
    r,
    nav: {
      periodKey: period.key,
      kind: period.kind,
      mode,
      kinds: Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label })),
      suggestions: suggestedPeriods(period),
      prev: adj.prev ? self(adj.prev) : undefined,
      next: adj.next ? self(adj.next) : undefined,
      json: `${token}.json${query({ ...within, period: period.key, mode })}`,
      csv: `${token}.csv${query({ ...within, period: period.key, mode })}`,
      importUrl: new URL(
        `${token}.csv${query({ ...within, period: period.key, mode })}`,
        c.env.PUBLIC_BASE_URL ? `${c.env.PUBLIC_BASE_URL.replace(/\/+$/, "")}/r/` : c.req.url,
      ).toString(),
      mau01: link.scope === "detail" ? `${token}/mau-01` : undefined,
      mau02: link.scope === "detail" ? `${token}/mau-02` : undefined,
      report: `${token}/bao-cao${query({ ky: period.key, mode })}`,
      zalo: link.scope === "detail" ? `${token}/bao-cao-zalo` : undefined,
      notice: invalid ? "Không đọc được kỳ báo cáo đã nhập; đang hiển thị kỳ mặc định." : undefined,
      closingForms: link.can_accept && r.closing?.kind === "exact" ? { action: `${token}/chot`, period: period.key, mode } : undefined,
      communeHref: r.depth === "commune" ? (id: string) => `${token}${query({ commune: id, period: period.key, mode })}` : undefined,
      up: commune ? { href: `${token}${query({ period: period.key, mode })}`, label: `Toàn ${midSentence(r.unit.label_vi)}` } : undefined,
      hidden: commune ? { commune } : undefined,
      otherMode: commune ? otherModeHref(token, tree, unit.id, today, mode, commune, period.key) : undefined,
      privacy:
        link.scope === "detail"
          ? { notice: privacyNotice(retentionMonths(c.env.RETENTION_MONTHS)), accesses: await linkAccessesOf(db, link.unit_id) }
          : undefined,
    },
  });
  return page(c, view);
});

/** From a drill-down, the other mode: the same commune's drill-down where it has one, else the whole unit. */
function otherModeHref(
  token: string,
  tree: UnitTree,
  unitId: string,
  today: string,
  mode: RollupMode,
  commune: string,
  period: string,
): string {
  const other: RollupMode = mode === "as_was" ? "current" : "as_was";
  const there = resolveCommune(tree, unitId, other, today, commune);
  return `${token}${query({ ...(there ? { commune: there } : {}), period, mode: other })}`;
}

rollupRoutes.get("/:token/:form", async (c, next) => {
  const token = c.req.param("token");
  const doc = REPORT_DOC.exec(c.req.param("form"));
  if (!doc) return next();
  if (!NAME.test(token) || token.includes(".")) return notFound(c);
  const link = await activeLink(c, token);
  if (!link) return notFound(c);
  return reportResponse(c, { link, token, ext: doc[1] as "docx" | "json" | undefined, defaultMode, notFound: () => notFound(c) });
});

rollupRoutes.get("/:token/:form", async (c) => {
  const token = c.req.param("token");
  const form = c.req.param("form");
  if (!NAME.test(token) || token.includes(".") || (form !== "mau-01" && form !== "mau-02" && form !== "bao-cao-zalo")) return notFound(c);
  const link = await activeLink(c, token);
  if (link?.scope !== "detail") return notFound(c);
  const db = controlDb(c.env);
  const shards = shardGroups(c.env);
  const tree = await loadUnitTree(db, link.unit_id);
  if (!tree.get(link.unit_id)) return notFound(c);
  const today = todayVi();
  if (form === "bao-cao-zalo") {
    const v = await loadZaloForms(
      db,
      tree.communesOf(link.unit_id, "current", today).map((u) => u.id),
      c.req.query("week"),
      today,
      shards,
    );
    return page(c, ZaloFormsPage({ v, commune: tree.ref(link.unit_id).label_vi, back: `../${token}` }));
  }
  // The link's commune; when it has no register yet (a commune formed in 2025), the registers of
  // the communes merged into it, which are its history.
  const withHouseholds = form === "mau-02";
  // Registers are read where each commune's data is (../db/shard.ts).
  const forms = async (ids: string[], villagesOf?: (id: string) => "all" | readonly string[]) =>
    (await perShard(shards, ids, (d, part) => loadForms(d, tree, part, today, withHouseholds, villagesOf))).flat();
  let communes = await forms([link.unit_id]);
  if (!communes.length) {
    const merged = tree
      .communesOf(link.unit_id, "current", today)
      .map((u) => u.id)
      .filter((id) => id !== link.unit_id);
    communes = await forms(merged, (id) => tree.villagesMappedTo(id, link.unit_id, today));
  }
  const back = `../${token}`;
  return page(c, form === "mau-01" ? Mau01Page({ communes, back }) : Mau02Page({ communes, back }));
});

rollupRoutes.post("/:token/chot", csrf(), async (c) => {
  const token = c.req.param("token");
  if (!NAME.test(token) || token.includes(".")) return notFound(c);
  const link = await activeLink(c, token);
  if (!link) return notFound(c);
  return closingPost(c, link, token);
});

rollupRoutes.all("*", (c) => notFound(c));
