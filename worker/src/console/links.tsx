/**
 * Routes of "Đường dẫn" (rollup links):
 *   GET  /duong-dan            the links of the unit (and under it), with their accesses
 *   POST /duong-dan            create one → its address, shown once
 *   POST /duong-dan/thu-hoi    revoke one
 *   POST /duong-dan/han        set or clear its end date
 * A link of a unit outside the operator's is refused (403, nothing written).
 */
import { type Context, Hono } from "hono";
import { nfc } from "../../../shared/text";
import { linkUrls } from "../admin/tokens";
import { linkAccessSummary } from "../db/access-log";
import { controlDb } from "../db/shard";
import { covers, registeredWithin, unitsWithin } from "../operators/scope";
import { createLink, getLink, linkScopesFor, listLinks, revokeLink, setLinkExpiry } from "../rollout/tokens";
import { unitsById } from "../rollout/units";
import type { ConsoleEnv } from "./env";
import { pickable } from "./overview";
import { LinksPage } from "./pages/links";
import { UnitPicker } from "./pages/parts";
import { forbidden, html, lacks, nonceOf } from "./respond";
import { chooseUnit, type UnitChoice } from "./unit-choice";

const formText = (v: unknown) => (typeof v === "string" ? v : "");

/** The end of a Vietnam calendar day as an instant (the link works through that whole day). */
export function endOfDayVi(day: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const t = Date.parse(`${day}T00:00:00+07:00`);
  return Number.isNaN(t) ? null : new Date(t + 86_400_000).toISOString();
}

async function page(
  c: Context<ConsoleEnv>,
  choice: UnitChoice,
  extra: { created?: { url: string; label: string }; flash?: { kind: "ok" | "bad"; text: string } } = {},
  status: 200 | 201 | 422 = 200,
) {
  const db = controlDb(c.env);
  const scope = choice.unitId === null ? null : await unitsWithin(db, choice.unitId);
  const links = await listLinks(db, scope);
  const access = await linkAccessSummary(
    db,
    links.map((l) => l.token_hash),
  );
  const options = choice.unitId === null ? [] : [choice.unitId, ...(await registeredWithin(db, choice.unitId))];
  const units = await unitsById(db, [...options, ...links.map((l) => l.unit_id)]);
  const now = new Date().toISOString();
  const picker = await pickable(c);
  const nonce = nonceOf(c);
  return html(
    c,
    LinksPage({
      who: c.get("operator"),
      ...(nonce ? { nonce } : {}),
      canChange: lacks(c, "change") === null,
      units: options.flatMap((id) => {
        const u = units.get(id);
        return u ? [{ id, label: u.label, detail: u.level === "commune" }] : [];
      }),
      links: links.map((l) => ({ ...l, unit_label: units.get(l.unit_id)?.label ?? l.unit_id, access: access.get(l.token_hash)! })),
      now,
      ...extra,
      picker: <UnitPicker action="/admin/duong-dan" current={choice.unitId} options={picker} />,
    }),
    status,
  );
}

export const linkRoutes = new Hono<ConsoleEnv>()
  .get("/duong-dan", async (c) => {
    const chosen = await chooseUnit(c, c.req.query("don-vi"));
    if (!chosen.ok) return forbidden(c, chosen.message);
    const done = c.req.query("xong");
    const flash =
      done === "thu-hoi"
        ? "Đã thu hồi đường dẫn: từ giờ mở ra sẽ không thấy gì."
        : done === "han"
          ? "Đã đổi hạn của đường dẫn."
          : undefined;
    return page(c, chosen.choice, flash ? { flash: { kind: "ok", text: flash } } : {});
  })
  .post("/duong-dan", async (c) => {
    const denied = lacks(c, "change");
    if (denied) return denied;
    const body = await c.req.parseBody();
    const chosen = await chooseUnit(c, formText(body["don-vi"]));
    if (!chosen.ok || chosen.choice.unitId === null) return forbidden(c, chosen.ok ? "Hãy chọn một đơn vị." : chosen.message);
    const db = controlDb(c.env);
    const unit = (await unitsById(db, [chosen.choice.unitId])).get(chosen.choice.unitId)!;
    const scope = body.loai === "detail" ? "detail" : "aggregate";
    // The acceptance right ("Chốt số liệu kỳ", shared/closing.ts): a district's or province's figures link only.
    const canAccept = body["chap-nhan"] === "1" && scope === "aggregate" && unit.level !== "commune";
    const label = nfc(formText(body.nhan)).slice(0, 200);
    const expiryDay = formText(body["het-han"]);
    const expiresAt = expiryDay ? endOfDayVi(expiryDay) : null;
    const problem = !linkScopesFor(unit.level).includes(scope)
      ? "Đường dẫn chi tiết (có danh sách hộ) chỉ tạo cho một xã, phường; tỉnh, huyện chỉ xem số liệu tổng hợp."
      : !label
        ? "Hãy ghi tên gọi của đường dẫn (ai dùng, để làm gì)."
        : expiryDay && (!expiresAt || expiresAt <= new Date().toISOString())
          ? "Ngày hết hạn phải là một ngày từ hôm nay trở đi."
          : null;
    if (problem) return page(c, chosen.choice, { flash: { kind: "bad", text: `${problem} Chưa tạo đường dẫn.` } }, 422);
    const token = await createLink(db, { unitId: unit.id, scope, label, expiresAt, actor: c.get("operator").email, canAccept });
    const base = c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin;
    return page(c, chosen.choice, { created: { url: linkUrls(base, token).url, label } }, 201);
  })
  .post("/duong-dan/:viec{thu-hoi|han}", async (c) => {
    const denied = lacks(c, "change");
    if (denied) return denied;
    const body = await c.req.parseBody();
    const db = controlDb(c.env);
    const op = c.get("operator");
    const link = await getLink(db, formText(body.ma));
    if (!link || !(await covers(db, op, link.unit_id)))
      return forbidden(c, `Đường dẫn này không thuộc ${op.unit_label}; không thay đổi gì.`);
    if (c.req.param("viec") === "thu-hoi") await revokeLink(db, link, op.email);
    else {
      const day = formText(body["het-han"]);
      const expiresAt = day ? endOfDayVi(day) : null;
      if (day && !expiresAt) return forbidden(c, "Ngày hết hạn không hợp lệ.");
      await setLinkExpiry(db, link, expiresAt, op.email);
    }
    return c.redirect(`/admin/duong-dan?xong=${c.req.param("viec")}`, 303);
  });
