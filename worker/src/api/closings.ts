/**
 * "Chốt số liệu kỳ" with a commune's write token (the add-on's menu item, addon/src/menu/closing.ts):
 *   GET  /api/closings          the commune's closed periods
 *   POST /api/closings          {period, closed_by?}: close a month or a quarter (idempotent: 200 `changed: false`)
 *   POST /api/closings/reopen   {period}: reopen it, until the district accepted it
 * Bodies are checked with the shared schemas (shared/closing.ts); a period that is not a real month or
 * quarter is a 400 `invalid_period`. The domain is ../closing/actions.ts; a refusal writes nothing.
 */
import { Hono } from "hono";
import { closablePeriod, closeRequestSchema, PERIOD_NOT_CLOSABLE, periodRequestSchema } from "../../../shared/closing";
import type { Period } from "../../../shared/periods";
import type { TokenRow } from "../auth/tokens";
import { closePeriod, reopenPeriod } from "../closing/actions";
import type { Outcome } from "../closing/refusal";
import { closingsOfCommune, closingView } from "../closing/store";
import { controlDb, shardFor } from "../db/shard";
import { communeAuth } from "../http/auth";
import { jsonBody, limitBody } from "../http/body";
import type { Bindings } from "../http/env";
import { ApiError } from "../http/errors";
import { validateJson } from "../http/validate";

type Env = { Bindings: Bindings; Variables: { token: TokenRow } };

/** A closable period from a checked body, or a 400 `invalid_period`. */
export function periodOrThrow(input: string): Period {
  const p = closablePeriod(input);
  if (!p) throw new ApiError("invalid_period", PERIOD_NOT_CLOSABLE);
  return p;
}

/** The result of a closing action; its refusal thrown as an ApiError. */
export function closingOrThrow<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new ApiError(outcome.code, outcome.message, outcome.details);
  return outcome;
}

const commune = (token: TokenRow) => ({ actor: `commune:${token.unit_id}`, name: token.label ?? "Xã" });

export const closingRoutes = new Hono<Env>()
  .get("/", communeAuth, async (c) => {
    const token = c.get("token");
    const rows = await closingsOfCommune(await shardFor(c.env, token.unit_id), token.unit_id);
    return c.json({ closings: rows.map(closingView) });
  })
  .post("/", communeAuth, limitBody(), jsonBody, validateJson(closeRequestSchema), async (c) => {
    const token = c.get("token");
    const body = c.req.valid("json");
    const period = periodOrThrow(body.period);
    const who = commune(token);
    const { closing, changed } = closingOrThrow(
      await closePeriod({ control: controlDb(c.env), shard: await shardFor(c.env, token.unit_id) }, token.unit_id, period, {
        ...who,
        name: body.closed_by ?? who.name,
      }),
    );
    return c.json({ closing, changed }, changed ? 201 : 200);
  })
  .post("/reopen", communeAuth, limitBody(), jsonBody, validateJson(periodRequestSchema), async (c) => {
    const token = c.get("token");
    const period = periodOrThrow(c.req.valid("json").period);
    const { closing, changed } = closingOrThrow(
      await reopenPeriod(await shardFor(c.env, token.unit_id), token.unit_id, period, { ...commune(token), district: false }),
    );
    return c.json({ closing, changed });
  });
