/**
 * What the console's list pages show for a unit: the units a national operator may pick (the
 * country, its current provinces), the provinces overview, and the registered communes of a unit.
 */
import type { Context } from "hono";
import { todayVi } from "../../../shared/periods";
import { compareVi } from "../../../shared/text";
import { unitLabel } from "../../../shared/units";
import { controlDb } from "../db/shard";
import { currentProvinces as provincesOn, type UnitRow, unitOfRow } from "../db/units";
import { provinceOf, registeredWithin } from "../operators/scope";
import type { ConsoleEnv } from "./env";
import type { ProvinceCount } from "./pages/parts";

/** Current provinces, in Vietnamese order. */
export async function currentProvinces(db: D1Database, today = todayVi()): Promise<{ id: string; label: string }[]> {
  return (await provincesOn(db, today)).map((p) => ({ id: p.unit.id, label: p.label }));
}

/** Units the picker offers: the operator's own; for one who covers the country, also every current province. */
export async function pickable(c: Context<ConsoleEnv>): Promise<{ id: string; label: string }[]> {
  const op = c.get("operator");
  if (op.unit_id !== null) return [{ id: op.unit_id, label: op.unit_label }];
  return [{ id: "", label: "Cả nước" }, ...(await currentProvinces(controlDb(c.env)))];
}

/**
 * The country by province: current provinces, and any older province that has registered communes
 * (the pilot's Bắc Giang), with the count of registered communes and of those in `other`.
 */
export async function provinceCounts(db: D1Database, registered: readonly string[], other: ReadonlySet<string>): Promise<ProvinceCount[]> {
  const of = await provinceOf(db, registered);
  const byProvince = new Map<string, ProvinceCount>((await currentProvinces(db)).map((p) => [p.id, { ...p, registered: 0, other: 0 }]));
  const missing = [...new Set(of.values())].filter((id) => !byProvince.has(id));
  if (missing.length) {
    const rows = (
      await db.prepare("SELECT * FROM units WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(missing)).all<UnitRow>()
    ).results;
    for (const r of rows) byProvince.set(r.id, { id: r.id, label: `${unitLabel(unitOfRow(r))} (cũ)`, registered: 0, other: 0 });
  }
  for (const id of registered) {
    const p = byProvince.get(of.get(id) ?? "");
    if (!p) continue;
    p.registered++;
    if (other.has(id)) p.other = (p.other ?? 0) + 1;
  }
  return [...byProvince.values()].sort((a, b) => b.registered - a.registered || compareVi(a.label, b.label));
}

export { registeredWithin };
