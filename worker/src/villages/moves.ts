/**
 * "Chuyển đổi thôn" in the domain: for a commune the 2025 reform split between several new communes,
 * its villages and the successor each went to (`readMoves`), and a new mapping checked with the same
 * check as the add-on's (shared/village-moves.ts) against the conversion's successors and the
 * commune's registers, then stored whole in one batch with an audit row (`replaceMoves`). Results,
 * not HTTP: ../api/village-successors.ts and ../admin/village-successors.ts map them. The rollups
 * that follow the mapping: ../rollup/groups.ts.
 */
import type { ErrorCode } from "../../../shared/contract";
import type { Issue } from "../../../shared/issues";
import { type Unit, unitLabel } from "../../../shared/units";
import {
  checkVillageMoves,
  type SuccessorRef,
  type VillageMoveRow,
  type VillageMovesResult,
  type VillageMovesView,
} from "../../../shared/village-moves";
import { auditStatement } from "../db/audit";
import { oneDatabase, perShard, type ShardGroups } from "../db/shard";
import { getUnit, type UnitRow, unitOfRow } from "../db/units";
import { readVillageMoves, registerVillages, replaceVillageMovesStatements } from "../db/village-moves";

export interface MovesRefusal {
  ok: false;
  code: ErrorCode;
  message: string;
  details: Issue[];
}
export type MovesOutcome<T> = ({ ok: true } & T) | MovesRefusal;
const refuse = (code: ErrorCode, message: string, details: Issue[] = []): MovesRefusal => ({ ok: false, code, message, details });

interface Split {
  /** The unit that was split: several successors, or one that took only part of it. */
  unit: Unit;
  /** It and its earlier versions (single successors into it): the unit ids holding its register. */
  chain: string[];
  successors: SuccessorRef[];
}

const isSplit = (u: Unit) => u.successor_ids.length > 1 || !!u.partial_successor_ids?.length;
const ref = (u: Unit): SuccessorRef => ({ id: u.id, code: u.code, label: unitLabel(u) });

/** Earlier versions of a unit: predecessors with it as their only successor, transitively (0006's index). */
const CHAIN_SQL = `WITH RECURSIVE chain(id) AS (
    SELECT ?1
    UNION SELECT s.unit_id FROM unit_successors s JOIN chain ON s.successor_id = chain.id
      JOIN units u ON u.id = s.unit_id WHERE u.level = 'commune' AND json_array_length(u.successor_ids) = 1)
  SELECT id FROM chain`;

/** The split in the history of commune `communeId` (it or a later version of it); null if it was not split. */
async function findSplit(db: D1Database, communeId: string): Promise<MovesOutcome<{ split: Split }>> {
  let row: UnitRow | null = await getUnit(db, communeId);
  if (row?.level !== "commune") return refuse("unit_not_found", `Không có xã, phường mã "${communeId}".`);
  const start = unitOfRow(row);
  const seen = new Set<string>();
  while (row && !seen.has(row.id)) {
    seen.add(row.id);
    const u = unitOfRow(row);
    if (isSplit(u)) {
      const [chain, successors] = await db.batch<{ id: string } | UnitRow>([
        db.prepare(CHAIN_SQL).bind(u.id),
        db.prepare("SELECT * FROM units WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(u.successor_ids)),
      ]);
      const found = new Map(((successors?.results ?? []) as UnitRow[]).map((r) => [r.id, unitOfRow(r)]));
      return {
        ok: true,
        split: {
          unit: u,
          chain: ((chain?.results ?? []) as { id: string }[]).map((r) => r.id),
          successors: u.successor_ids.flatMap((id) => (found.has(id) ? [ref(found.get(id)!)] : [])),
        },
      };
    }
    if (u.successor_ids.length !== 1) break;
    row = await getUnit(db, u.successor_ids[0]!);
  }
  return refuse(
    "not_split",
    `${unitLabel(start)} không bị chia tách khi sắp xếp đơn vị hành chính (toàn bộ xã chuyển về một đơn vị): không cần chuyển đổi thôn.`,
  );
}

/**
 * The villages the registers of `chain` know, read where their data is (`db` holds the units and the
 * moves: the control database; the registers are in the communes' shards, ../db/shard.ts).
 */
async function villagesOf(shards: ShardGroups, chain: readonly string[]) {
  const names = new Map<string, string | null>();
  for (const part of await perShard(shards, chain, registerVillages)) {
    for (const v of part) names.set(v.village_code, names.get(v.village_code) ?? v.village_name);
  }
  return [...names]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([village_code, village_name]) => ({ village_code, village_name }));
}

/** The split commune's villages with their successors, as `GET …/village-successors` answers. */
export async function readMoves(
  db: D1Database,
  communeId: string,
  shards: ShardGroups = oneDatabase(db),
): Promise<MovesOutcome<{ view: VillageMovesView }>> {
  const found = await findSplit(db, communeId);
  if (!found.ok) return found;
  const { unit, chain, successors } = found.split;
  const [villages, moves] = await Promise.all([villagesOf(shards, chain), readVillageMoves(db, [unit.id])]);
  const byCode = new Map(moves.map((m) => [m.village_code, m]));
  const codes = [...new Set([...villages.map((v) => v.village_code), ...byCode.keys()])].sort();
  const names = new Map(villages.map((v) => [v.village_code, v.village_name]));
  return {
    ok: true,
    view: {
      commune: { ...ref(unit), valid_to: unit.valid_to },
      successors,
      villages: codes.map((code) => {
        const m = byCode.get(code);
        return {
          village_code: code,
          village_name: names.get(code) ?? null,
          successor_id: m?.successor_id ?? null,
          set_by: m?.set_by ?? null,
          set_at: m?.set_at ?? null,
        };
      }),
    },
  };
}

export interface ReplaceRequest {
  /** Any version of the commune (the token's unit, or what the operator names). */
  communeId: string;
  rows: readonly VillageMoveRow[];
  /** "commune" or "admin": kept with each row. */
  setBy: string;
  /** For the audit log: "commune:<unit id>", "admin". */
  actor: string;
  now: string;
}

/**
 * Check a whole mapping (every successor one of the conversion's, every village known to the
 * commune's registers when it has any, none twice) and store it in one batch with its audit row; a
 * village left out is "not known yet". Refused whole, nothing written, with an issue per bad cell.
 */
export async function replaceMoves(
  db: D1Database,
  req: ReplaceRequest,
  shards: ShardGroups = oneDatabase(db),
): Promise<MovesOutcome<{ result: VillageMovesResult }>> {
  const found = await findSplit(db, req.communeId);
  if (!found.ok) return found;
  const { unit, chain, successors } = found.split;
  const known = await villagesOf(shards, chain);
  const label = unitLabel(unit);
  const check = checkVillageMoves(req.rows, {
    commune: label,
    successors,
    villages: known.length ? new Set(known.map((v) => v.village_code)) : null,
  });
  if (check.issues.length) {
    return refuse(
      "invalid_village_moves",
      `Bảng chuyển đổi thôn của ${label} có ${check.issues.length} lỗi; chưa lưu gì. Xem chi tiết.`,
      check.issues,
    );
  }
  const mapped = check.moves.filter((m): m is { village_code: string; successor_id: string } => m.successor_id !== null);
  await db.batch([
    ...replaceVillageMovesStatements(db, unit.id, mapped, req.setBy, req.now),
    auditStatement(db, req.actor, "village_successors.replace", unit.id, {
      villages: check.moves.map((m) => [m.village_code, m.successor_id]),
    }),
  ]);
  const villages = new Set([...known.map((v) => v.village_code), ...check.moves.map((m) => m.village_code)]);
  return { ok: true, result: { commune_id: unit.id, mapped: mapped.length, unknown: villages.size - mapped.length } };
}
