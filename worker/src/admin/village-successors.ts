/**
 * "Chuyển đổi thôn" by an operator, for a split commune whose workbook is gone after the merge (or
 * whose clerk asked the district to enter it). Admin only; a page of the console can sit on these.
 *   POST /api/admin/village-successors/query  {commune_id}: the split commune (any version of it), its
 *        successors (the only choices), its villages from its registers with the successor each went
 *        to and who set it when — the same answer as the commune's `GET /api/village-successors`.
 *   POST /api/admin/village-successors        {commune_id, villages: [{village_code, successor}]}:
 *        the whole mapping (a village left out, or `successor: null`, is "not known yet"); `successor`
 *        is a successor's unit id or GSO code. Checked as the add-on checks it; 422
 *        `invalid_village_moves` (an issue per village) or `not_split` writes nothing. Audited.
 * POST for the query as for /tokens/lookup: every admin route takes a JSON body (./routes.ts).
 */
import { Hono } from "hono";
import { villageMovesAdminBodySchema } from "../../../shared/village-moves";
import * as z from "../../../shared/zod-vi";
import { movesOrThrow } from "../api/village-successors";
import { controlDb, shardGroups } from "../db/shard";
import type { Bindings } from "../http/env";
import { validateJson } from "../http/validate";
import { readMoves, replaceMoves } from "../villages/moves";

export const villageMovesQueryBody = z.strictObject({ commune_id: z.string().min(1).max(80) });

export const villageSuccessorAdminRoutes = new Hono<{ Bindings: Bindings }>()
  .post("/village-successors/query", validateJson(villageMovesQueryBody), async (c) => {
    const { commune_id } = c.req.valid("json");
    return c.json(movesOrThrow(await readMoves(controlDb(c.env), commune_id, shardGroups(c.env))).view);
  })
  .post("/village-successors", validateJson(villageMovesAdminBodySchema), async (c) => {
    const { commune_id, villages } = c.req.valid("json");
    const outcome = await replaceMoves(
      controlDb(c.env),
      {
        communeId: commune_id,
        rows: villages.map((v) => ({ row: v.row ?? null, village_code: v.village_code, successor: v.successor })),
        setBy: "admin",
        actor: "admin",
        now: new Date().toISOString(),
      },
      shardGroups(c.env),
    );
    return c.json(movesOrThrow(outcome).result);
  });
