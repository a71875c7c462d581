/**
 * `GET|PUT /api/village-successors` — "Chuyển đổi thôn" with a commune's write token: the clerk of a
 * commune the 2025 reform split between several new communes reads its villages and the choices
 * (GET), then sends, once, which new commune each village went to (PUT, the whole mapping; a village
 * left out or `successor: null` is "not known yet"), as the add-on's sheet "Chuyển đổi thôn" does.
 * Checked and stored by ../villages/moves.ts; a bad choice answers 422 `invalid_village_moves` with an
 * issue per cell and writes nothing.
 */
import { Hono } from "hono";
import { villageMovesBodySchema } from "../../../shared/village-moves";
import type { TokenRow } from "../auth/tokens";
import { controlDb, shardGroups } from "../db/shard";
import { communeAuth } from "../http/auth";
import { jsonBody, limitBody } from "../http/body";
import type { Bindings } from "../http/env";
import { ApiError } from "../http/errors";
import { validateJson } from "../http/validate";
import { type MovesOutcome, readMoves, replaceMoves } from "../villages/moves";

type Env = { Bindings: Bindings; Variables: { token: TokenRow } };

/** The result of an outcome; its refusal thrown as an ApiError. */
export function movesOrThrow<T>(outcome: MovesOutcome<T>): T {
  if (!outcome.ok) throw new ApiError(outcome.code, outcome.message, outcome.details);
  return outcome;
}

export const villageSuccessorRoutes = new Hono<Env>()
  .get("/", communeAuth, async (c) => {
    const token = c.get("token");
    return c.json(movesOrThrow(await readMoves(controlDb(c.env), token.unit_id, shardGroups(c.env))).view);
  })
  .put("/", communeAuth, limitBody(), jsonBody, validateJson(villageMovesBodySchema), async (c) => {
    const token = c.get("token");
    const { villages } = c.req.valid("json");
    const rows = villages.map((v) => ({ row: v.row ?? null, village_code: v.village_code, successor: v.successor }));
    const outcome = await replaceMoves(
      controlDb(c.env),
      {
        communeId: token.unit_id,
        rows,
        setBy: "commune",
        actor: `commune:${token.unit_id}`,
        now: new Date().toISOString(),
      },
      shardGroups(c.env),
    );
    return c.json(movesOrThrow(outcome).result);
  });
