/**
 * Routes of "Dữ liệu hộ" (a household's rights, Law 91/2025/QH15; README, "Personal data"):
 *   GET  /ho?xa=<commune>&ma=<code>       find a household and read everything stored about it
 *   GET  /ho.json?xa=&ma=                 the same as a JSON download
 *   POST /ho/xoa  xa, ma, xac-nhan        erase its personal data (the code typed again to confirm)
 * Operators and admins only (a viewer is refused: the page shows personal data), and only for a
 * commune under the operator's unit: another commune's household → 403, nothing read or written;
 * an unknown code → 404. Export and erasure each write an audit row with the code only.
 */
import { type Context, Hono } from "hono";
import { auditStatement } from "../db/audit";
import { allShards, controlDb, shardFor } from "../db/shard";
import { covers, unitsWithin } from "../operators/scope";
import { eraseHousehold } from "../privacy/erase";
import { communesWithHouseholds, householdRecord } from "../privacy/household";
import { unitsById } from "../rollout/units";
import type { ConsoleEnv } from "./env";
import { HouseholdPage, type HouseholdPageProps } from "./pages/household";
import { forbidden, html, lacks, nonceOf, notFoundPage } from "./respond";

const formText = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const CODE = /^[\p{L}\p{N}._-]{1,40}$/u;

async function page(c: Context<ConsoleEnv>, props: Omit<HouseholdPageProps, "who" | "communes" | "nonce">, status: 200 | 404 | 422 = 200) {
  const db = controlDb(c.env);
  const op = c.get("operator");
  // Registers are in the communes' shards (../db/shard.ts): every database is asked, the lists joined.
  const within = op.unit_id === null ? null : await unitsWithin(db, op.unit_id);
  const ids = [...new Set((await Promise.all(allShards(c.env).map((d) => communesWithHouseholds(d, within)))).flat())];
  const units = await unitsById(db, ids);
  const communes = ids
    .map((id) => ({ id, label: units.get(id)?.label ?? id }))
    .sort((a, b) => new Intl.Collator("vi").compare(a.label, b.label));
  const nonce = nonceOf(c);
  return html(c, HouseholdPage({ who: op, communes, ...(nonce ? { nonce } : {}), ...props }), status);
}

/** The commune and code asked for, checked: a refusal page, or what to look up (code empty: the search form only). */
async function target(
  c: Context<ConsoleEnv>,
  xa: string,
  ma: string,
): Promise<{ refusal: Promise<Response> } | { commune: string | null; code: string }> {
  const denied = lacks(c, "change");
  if (denied) return { refusal: denied };
  if (!xa) return { commune: null, code: "" };
  const op = c.get("operator");
  if (!(await covers(controlDb(c.env), op, xa))) {
    return { refusal: forbidden(c, `Xã này không thuộc ${op.unit_label}; không xem, không thay đổi gì.`) };
  }
  if (ma && !CODE.test(ma)) return { refusal: notFoundPage(c, "Mã hộ không hợp lệ.") };
  return { commune: xa, code: ma };
}

const notFound = (c: Context<ConsoleEnv>, code: string) => notFoundPage(c, `Xã này không có dữ liệu nào của hộ mã "${code}".`);

export const householdRoutes = new Hono<ConsoleEnv>()
  .get("/ho", async (c) => {
    const t = await target(c, formText(c.req.query("xa")), formText(c.req.query("ma")));
    if ("refusal" in t) return t.refusal;
    if (!t.commune || !t.code) return page(c, { commune: t.commune, code: t.code });
    const record = await householdRecord(await shardFor(c.env, t.commune), c.env.PAYLOADS, t.commune, t.code);
    if (!record) return notFound(c, t.code);
    return page(c, { commune: t.commune, code: t.code, record });
  })
  .get("/ho.json", async (c) => {
    const t = await target(c, formText(c.req.query("xa")), formText(c.req.query("ma")));
    if ("refusal" in t) return t.refusal;
    if (!t.commune || !t.code) return notFound(c, t.code);
    // The household's data and the audit row of its export: in its commune's shard.
    const db = await shardFor(c.env, t.commune);
    const record = await householdRecord(db, c.env.PAYLOADS, t.commune, t.code);
    if (!record) return notFound(c, t.code);
    await auditStatement(db, c.get("operator").email, "household.export", t.commune, { household_code: t.code }).run();
    c.header("Content-Disposition", `attachment; filename="ho-${t.code}.json"`);
    c.header("Cache-Control", "no-store");
    return c.json({ exported_at: new Date().toISOString(), ...record });
  })
  .post("/ho/xoa", async (c) => {
    const body = await c.req.parseBody();
    const t = await target(c, formText(body.xa), formText(body.ma));
    if ("refusal" in t) return t.refusal;
    if (!t.commune || !t.code) return notFound(c, t.code);
    const db = await shardFor(c.env, t.commune);
    if (formText(body["xac-nhan"]) !== t.code) {
      const record = await householdRecord(db, c.env.PAYLOADS, t.commune, t.code);
      if (!record) return notFound(c, t.code);
      const flash = { kind: "bad" as const, text: "Mã hộ nhập lại không khớp; chưa xóa gì." };
      return page(c, { commune: t.commune, code: t.code, record, flash }, 422);
    }
    const erased = await eraseHousehold(db, c.env.PAYLOADS, { communeId: t.commune, code: t.code, actor: c.get("operator").email });
    if (!erased) return notFound(c, t.code);
    const record = await householdRecord(db, c.env.PAYLOADS, t.commune, t.code);
    return page(c, { commune: t.commune, code: t.code, erased, record });
  });
