/**
 * Routes of "Xã, phường" and "Phiếu cài đặt":
 *   GET  /xa              the unit's registered communes (the provinces, for the whole country)
 *   POST /xa/tai-len      a CSV file → its dry run (nothing written; the checked list is staged)
 *   POST /xa/ap-dung      apply a staged list: one batch, once
 *   POST /xa/thu-hoi      revoke a commune's write token(s)
 *   GET  /phieu           choose communes for setup sheets
 *   POST /phieu           issue or rotate their tokens → the printable sheets (the only time a token shows)
 * Every change needs the "change" permission and units under the operator's; otherwise 403 and
 * nothing written.
 */
import { type Context, Hono } from "hono";
import { todayVi } from "../../../shared/periods";
import { controlDb, shardGroups } from "../db/shard";
import { limitBody } from "../http/body";
import { registeredWithin, withinOf } from "../operators/scope";
import { listCommunes } from "../rollout/communes";
import { applyRoster, previewRoster } from "../rollout/roster";
import { activeWriteTokens, issueCommuneTokens, MAX_TOKENS_PER_BATCH, revokeCommuneTokens } from "../rollout/tokens";
import { unitsById } from "../rollout/units";
import type { ConsoleEnv } from "./env";
import { pickable, provinceCounts } from "./overview";
import { CommunesPage } from "./pages/communes";
import { RefusalPage } from "./pages/layout";
import { RosterPreviewPage, RosterRefusedPage } from "./pages/roster-preview";
import { SetupChoosePage } from "./pages/setup-choose";
import { SetupSheetsPage } from "./pages/setup-sheets";
import { forbidden, html, lacks, nonceOf } from "./respond";
import { chooseUnit, type UnitChoice } from "./unit-choice";

/** Largest upload request: a file over the roster limit still arrives, to be refused with its size. */
const MAX_UPLOAD_REQUEST_BYTES = 8 * 1024 * 1024;

const opt = (nonce: string | undefined) => (nonce ? { nonce } : {});
const formText = (v: unknown) => (typeof v === "string" ? v : "");
const unitQuery = (id: string | null) => (id ? `don-vi=${encodeURIComponent(id)}` : "");

/** The list a page shows: communes of the chosen unit, or the provinces for the whole country. */
async function listing(c: Context<ConsoleEnv>, choice: UnitChoice) {
  const db = controlDb(c.env);
  const ids = await registeredWithin(db, choice.unitId);
  if (choice.unitId === null) {
    const tokens = await activeWriteTokens(db, ids);
    return { rows: null, provinces: await provinceCounts(db, ids, new Set(tokens.keys())) };
  }
  return { rows: await listCommunes(db, ids, new Date(), shardGroups(c.env)), provinces: null };
}

/** An upload over the request limit: the console's page, not the API's JSON. */
const uploadLimit = limitBody(MAX_UPLOAD_REQUEST_BYTES);

export const communeRoutes = new Hono<ConsoleEnv>()
  .get("/xa", async (c) => {
    const chosen = await chooseUnit(c, c.req.query("don-vi"));
    if (!chosen.ok) return forbidden(c, chosen.message);
    const added = c.req.query("them");
    const revoked = c.req.query("thu-hoi");
    const flash =
      added !== undefined
        ? { kind: "ok" as const, text: `Đã thêm ${added} xã, cập nhật ${c.req.query("cap-nhat") ?? 0} xã. Tiếp theo: in phiếu cài đặt.` }
        : revoked !== undefined
          ? { kind: "ok" as const, text: `Đã thu hồi ${revoked} mã. Xã đó không gửi báo cáo được nữa cho đến khi được cấp mã mới.` }
          : undefined;
    return html(
      c,
      CommunesPage({
        who: c.get("operator"),
        ...opt(nonceOf(c)),
        choice: chosen.choice,
        pickable: await pickable(c),
        canChange: lacks(c, "change") === null,
        ...(flash ? { flash } : {}),
        ...(await listing(c, chosen.choice)),
      }),
    );
  })
  .post("/xa/tai-len", async (c, next) => {
    const r = await uploadLimit(c, next);
    if (r instanceof Response && r.status === 413) {
      return html(
        c,
        RefusalPage({
          who: c.get("operator"),
          title: "Tệp quá lớn",
          message: `Tệp gửi lên lớn hơn ${MAX_UPLOAD_REQUEST_BYTES / 1024 / 1024} MB; danh sách xã chỉ cần dưới 1 MB. Không ghi gì.`,
          ...opt(nonceOf(c)),
        }),
        413,
      );
    }
    return r;
  })
  .post("/xa/tai-len", async (c) => {
    const denied = lacks(c, "change");
    if (denied) return denied;
    const body = await c.req.parseBody();
    const chosen = await chooseUnit(c, formText(body["don-vi"]));
    if (!chosen.ok) return forbidden(c, chosen.message);
    const file = body.tep;
    if (!(file instanceof File)) return forbidden(c, "Chưa chọn tệp danh sách xã.");
    const op = c.get("operator");
    const result = await previewRoster(controlDb(c.env), {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name,
      operator: op.email,
      scopeUnitId: chosen.choice.unitId,
      scopeLabel: chosen.choice.label,
      today: todayVi(),
    });
    const common = { who: op, ...opt(nonceOf(c)), choice: chosen.choice, fileName: file.name };
    if (!result.ok) return html(c, RosterRefusedPage({ ...common, problems: result.problems, lineProblems: result.lineProblems }), 422);
    return html(c, RosterPreviewPage({ ...common, preview: result.preview }));
  })
  .post("/xa/ap-dung", async (c) => {
    const denied = lacks(c, "change");
    if (denied) return denied;
    const body = await c.req.parseBody();
    const op = c.get("operator");
    const r = await applyRoster(controlDb(c.env), { uploadId: formText(body.lan), operator: op.email, operatorUnitId: op.unit_id });
    const unit = formText(body["don-vi"]) || null;
    if (!r.ok) return html(c, RefusalPage({ who: op, title: "Chưa áp dụng", message: r.message, ...opt(nonceOf(c)) }), r.status);
    return c.redirect(`/admin/xa?${[unitQuery(unit), `them=${r.added}`, `cap-nhat=${r.updated}`].filter(Boolean).join("&")}`, 303);
  })
  .post("/xa/thu-hoi", async (c) => {
    const denied = lacks(c, "change");
    if (denied) return denied;
    const body = await c.req.parseBody();
    const unitId = formText(body.xa);
    const op = c.get("operator");
    const db = controlDb(c.env);
    if (!unitId || !(await withinOf(db, [unitId], op.unit_id)).has(unitId)) {
      return forbidden(c, `Xã này không thuộc ${op.unit_label} mà bạn phụ trách; không thu hồi gì.`);
    }
    const n = await revokeCommuneTokens(db, unitId, op.email);
    const unit = formText(body["don-vi"]) || null;
    return c.redirect(`/admin/xa?${[unitQuery(unit), `thu-hoi=${n}`].filter(Boolean).join("&")}`, 303);
  })
  .get("/phieu", async (c) => {
    const chosen = await chooseUnit(c, c.req.query("don-vi"));
    if (!chosen.ok) return forbidden(c, chosen.message);
    return html(
      c,
      SetupChoosePage({
        who: c.get("operator"),
        ...opt(nonceOf(c)),
        choice: chosen.choice,
        pickable: await pickable(c),
        canChange: lacks(c, "change") === null,
        ...(await listing(c, chosen.choice)),
      }),
    );
  })
  .post("/phieu", async (c) => {
    const denied = lacks(c, "change");
    if (denied) return denied;
    const body = await c.req.parseBody({ all: true });
    const ids = [body.xa].flat().filter((v): v is string => typeof v === "string" && v.length > 0);
    const mode = body.viec === "rotate" ? "rotate" : "issue";
    const op = c.get("operator");
    const db = controlDb(c.env);
    if (!ids.length) return forbidden(c, "Chưa chọn xã nào.");
    if (ids.length > MAX_TOKENS_PER_BATCH) return forbidden(c, `Mỗi lần tối đa ${MAX_TOKENS_PER_BATCH} xã; hãy chọn ít hơn.`);
    const inScope = await withinOf(db, ids, op.unit_id);
    const registered = new Set(await registeredWithin(db, op.unit_id));
    const outside = ids.filter((id) => !inScope.has(id) || !registered.has(id));
    if (outside.length)
      return forbidden(c, `${outside.length} xã đã chọn không thuộc danh sách xã của ${op.unit_label}; không cấp mã nào.`);
    const units = await unitsById(db, ids);
    const now = new Date();
    const result = await issueCommuneTokens(db, { units: [...units.values()], mode, actor: op.email, today: todayVi(now), now });
    const records = await listCommunes(
      db,
      result.issued.map((i) => i.unit.id),
      now,
      shardGroups(c.env),
    );
    const rec = new Map(records.map((r) => [r.unit.id, r]));
    return html(
      c,
      SetupSheetsPage({
        who: op,
        ...opt(nonceOf(c)),
        workerUrl: (c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin).replace(/\/+$/, ""),
        issuedAt: now,
        skipped: result.skipped.map((s) => ({ label: s.unit.label, reason: s.reason })),
        communes: result.issued.map((i) => ({
          unit_id: i.unit.id,
          code: i.unit.code,
          name: i.unit.short,
          label: i.unit.label,
          clerk_name: rec.get(i.unit.id)?.clerk_name ?? null,
          spreadsheet_url: rec.get(i.unit.id)?.spreadsheet_url ?? null,
          token: i.token,
          rotated: i.revoked > 0,
        })),
      }),
    );
  });
