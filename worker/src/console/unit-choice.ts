/**
 * The unit a page is about: `?don-vi=<unit id>` when it is the operator's own unit or under it,
 * else the operator's own unit (null = the whole country, for an operator who covers it). A unit
 * outside the operator's is refused, never silently replaced.
 */
import type { Context } from "hono";
import { unitLabel } from "../../../shared/units";
import { controlDb } from "../db/shard";
import { getUnit, unitOfRow } from "../db/units";
import { covers } from "../operators/scope";
import type { ConsoleEnv } from "./env";

export interface UnitChoice {
  unitId: string | null;
  label: string;
}

export type ChoiceResult = { ok: true; choice: UnitChoice } | { ok: false; message: string };

export async function chooseUnit(c: Context<ConsoleEnv>, requested: string | undefined | null): Promise<ChoiceResult> {
  const op = c.get("operator");
  const db = controlDb(c.env);
  const id = requested?.trim() || op.unit_id;
  if (id === null) return { ok: true, choice: { unitId: null, label: "Cả nước" } };
  if (id !== op.unit_id && !(await covers(db, op, id))) {
    return { ok: false, message: `Đơn vị này không thuộc ${op.unit_label} mà bạn phụ trách.` };
  }
  const unit = await getUnit(db, id);
  if (!unit) return { ok: false, message: "Không có đơn vị hành chính này." };
  return { ok: true, choice: { unitId: unit.id, label: unitLabel(unitOfRow(unit)) } };
}
