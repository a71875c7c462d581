/**
 * `POST /r/<link>/chot` — the district accepts or reopens a commune's closed period from its page,
 * with a district or province link that carries the acceptance right (`tokens.can_accept`, 0027,
 * issued from the console's "Đường dẫn"). Form fields: commune, period, action (accept | reopen),
 * mode. Cross-site forms are refused by hono/csrf (https://hono.dev/docs/middleware/builtin/csrf);
 * a link without the right, or a commune outside the link's unit, gets 403 and nothing is written.
 * Done → back to the page (303). The domain: ../closing/actions.ts (audited as `link:<hash prefix>`).
 */
import type { Context } from "hono";
import { closablePeriod, PERIOD_NOT_CLOSABLE } from "../../../shared/closing";
import { ERROR_STATUS } from "../../../shared/contract";
import { todayVi } from "../../../shared/periods";
import { HASH_PREFIX_LENGTH, type TokenRow } from "../auth/tokens";
import { acceptPeriod, reopenPeriod } from "../closing/actions";
import { type Refused, refuse } from "../closing/refusal";
import { controlDb, shardFor } from "../db/shard";
import type { AppEnv } from "../http/env";
import { loadUnitTree } from "../rollup/tree-cache";
import { ErrorPage } from "../views/layout";

const text = (v: unknown) => (typeof v === "string" ? v : "");

async function refused(c: Context, status: number, title: string, message: string, code: string): Promise<Response> {
  return c.html(`<!DOCTYPE html>${String(await ErrorPage({ title, message, code }))}`, status as 400);
}

/** 403, nothing written: the link lacks the right, or the commune is not under it. */
const denied = (c: Context, r: Refused) => refused(c, ERROR_STATUS[r.code], "Không có quyền", r.message, r.code);

export async function closingPost<E extends AppEnv>(c: Context<E>, link: TokenRow, token: string): Promise<Response> {
  const db = controlDb(c.env);
  if (!link.can_accept || link.scope !== "aggregate") {
    return denied(
      c,
      refuse("forbidden", "Đường dẫn này chỉ để xem số liệu: không có quyền chấp nhận hay mở lại số liệu đã chốt. Không có gì thay đổi."),
    );
  }
  const body = await c.req.parseBody();
  const period = closablePeriod(text(body.period));
  if (!period) return refused(c, 400, "Kỳ không hợp lệ", PERIOD_NOT_CLOSABLE, "invalid_period");
  const communeId = text(body.commune);
  const today = todayVi();
  const tree = await loadUnitTree(db, link.unit_id);
  const within = (["as_was", "current"] as const).some((m) => tree.communesOf(link.unit_id, m, today).some((u) => u.id === communeId));
  if (!within || tree.get(link.unit_id)?.level === "commune") {
    return denied(c, refuse("forbidden", "Xã này không thuộc đơn vị của đường dẫn. Không có gì thay đổi."));
  }
  const who = { actor: `link:${link.token_hash.slice(0, HASH_PREFIX_LENGTH)}`, name: link.label ?? "Đường dẫn của huyện" };
  const action = text(body.action);
  const shard = await shardFor(c.env, communeId);
  const outcome =
    action === "accept"
      ? await acceptPeriod(shard, communeId, period, who)
      : action === "reopen"
        ? await reopenPeriod(shard, communeId, period, { ...who, district: true })
        : null;
  if (!outcome) return refused(c, 400, "Yêu cầu không hợp lệ", "Chỉ chấp nhận hoặc mở lại.", "invalid_request");
  if (!outcome.ok) return refused(c, ERROR_STATUS[outcome.code], "Chưa thực hiện được", outcome.message, outcome.code);
  const mode = text(body.mode) === "current" ? "current" : "as_was";
  return c.redirect(`/r/${token}?${new URLSearchParams({ period: period.key, mode }).toString()}#chot-so-lieu`, 303);
}
