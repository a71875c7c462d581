/**
 * Routes of "Nhật ký":
 *   GET /nhat-ky?tu=&den=&nguoi=&viec=&don-vi=      the page (newest first, 200 rows of each kind)
 *   GET /nhat-ky.csv?…&loai=viec|truy-cap            the same filter as CSV, up to 5,000 rows: UTF-8 with
 *                                                     BOM, formula-safe (the rollup's CSV helpers)
 * An operator sees the rows of units under theirs; the whole country also sees rows with no unit.
 */
import { type Context, Hono } from "hono";
import { allShards, controlDb } from "../db/shard";
import { unitsWithin } from "../operators/scope";
import { type AuditFilter, actionLabel, readAuditOf, readLinkAccesses } from "../rollout/audit";
import { unitsById } from "../rollout/units";
import { toCsv } from "../rollup/csv";
import { dateTimeVi } from "../views/format";
import type { ConsoleEnv } from "./env";
import { currentProvinces } from "./overview";
import { type AuditFilterView, AuditPage, OUTCOME, ROUTE } from "./pages/audit";
import { forbidden, html, nonceOf } from "./respond";

const PAGE_ROWS = 200;
const CSV_ROWS = 5000;
const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "");

async function filterOf(c: Context<ConsoleEnv>): Promise<{ view: AuditFilterView; filter: AuditFilter } | null> {
  const op = c.get("operator");
  const db = controlDb(c.env);
  const scope = op.unit_id === null ? null : await unitsWithin(db, op.unit_id);
  const view: AuditFilterView = {
    from: day(c.req.query("tu")),
    to: day(c.req.query("den")),
    actor: (c.req.query("nguoi") ?? "").slice(0, 200),
    action: (c.req.query("viec") ?? "").slice(0, 60),
    unitId: c.req.query("don-vi") ?? "",
  };
  if (view.unitId && scope !== null && !scope.includes(view.unitId)) return null;
  const filter: AuditFilter = {
    scope,
    ...(view.unitId ? { unitId: view.unitId } : {}),
    ...(view.actor ? { actor: view.actor } : {}),
    ...(view.action ? { action: view.action } : {}),
    ...(view.from ? { from: view.from } : {}),
    ...(view.to ? { to: view.to } : {}),
  };
  return { view, filter };
}

const query = (v: AuditFilterView, extra: Record<string, string>) =>
  new URLSearchParams(
    Object.entries({ tu: v.from, den: v.to, nguoi: v.actor, viec: v.action, "don-vi": v.unitId, ...extra }).filter(([, x]) => x),
  ).toString();

export const auditRoutes = new Hono<ConsoleEnv>()
  .get("/nhat-ky", async (c) => {
    const f = await filterOf(c);
    if (!f) return forbidden(c, "Đơn vị này không thuộc đơn vị bạn phụ trách.");
    const db = controlDb(c.env);
    const op = c.get("operator");
    const [actions, accesses] = await Promise.all([
      readAuditOf(allShards(c.env), { ...f.filter, limit: PAGE_ROWS }),
      readLinkAccesses(db, { ...f.filter, limit: PAGE_ROWS }),
    ]);
    const unitIds = [...actions.map((a) => a.unit_id), ...accesses.map((a) => a.unit_id)].filter((x): x is string => !!x);
    const options = op.unit_id === null ? await currentProvinces(db) : [{ id: op.unit_id, label: op.unit_label }];
    const labels = await unitsById(db, unitIds);
    const nonce = nonceOf(c);
    return html(
      c,
      AuditPage({
        who: op,
        ...(nonce ? { nonce } : {}),
        filter: f.view,
        units: options,
        labels: new Map([...labels].map(([id, u]) => [id, u.label])),
        actions,
        accesses,
        limit: PAGE_ROWS,
        csv: {
          actions: `/admin/nhat-ky.csv?${query(f.view, { loai: "viec" })}`,
          accesses: `/admin/nhat-ky.csv?${query(f.view, { loai: "truy-cap" })}`,
        },
      }),
    );
  })
  .get("/nhat-ky.csv", async (c) => {
    const f = await filterOf(c);
    if (!f) return forbidden(c, "Đơn vị này không thuộc đơn vị bạn phụ trách.");
    const db = controlDb(c.env);
    const accesses = c.req.query("loai") === "truy-cap";
    let rows: (string | number | null)[][];
    let unitIds: string[];
    if (accesses) {
      const list = await readLinkAccesses(db, { ...f.filter, limit: CSV_ROWS });
      unitIds = list.flatMap((a) => (a.unit_id ? [a.unit_id] : []));
      const labels = await unitsById(db, unitIds);
      rows = [
        ["Thời điểm", "Loại", "Đường dẫn (mã băm)", "Mở gì", "Kết quả", "Mã trạng thái", "Đơn vị", "Mã đơn vị"],
        ...list.map((a) => [
          dateTimeVi(a.at),
          a.kind,
          a.token_prefix,
          ROUTE[a.route] ?? a.route,
          OUTCOME[a.outcome] ?? a.outcome,
          a.status,
          a.unit_id ? (labels.get(a.unit_id)?.label ?? a.unit_id) : null,
          a.unit_id,
        ]),
      ];
    } else {
      const list = await readAuditOf(allShards(c.env), { ...f.filter, limit: CSV_ROWS });
      unitIds = list.flatMap((a) => (a.unit_id ? [a.unit_id] : []));
      const labels = await unitsById(db, unitIds);
      rows = [
        ["Thời điểm", "Người thực hiện", "Việc", "Mã việc", "Đơn vị", "Mã đơn vị", "Chi tiết"],
        ...list.map((a) => [
          dateTimeVi(a.at),
          a.actor,
          actionLabel(a.action),
          a.action,
          a.unit_id ? (labels.get(a.unit_id)?.label ?? a.unit_id) : null,
          a.unit_id,
          a.detail,
        ]),
      ];
    }
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="nhat-ky-${accesses ? "truy-cap" : "viec"}.csv"`);
    c.header("Cache-Control", "no-store");
    return c.body(toCsv(rows));
  });
