/**
 * Operator records in D1 (`operators`, 0013_console.sql): read by the sign-in on every console
 * request, written by an admin (console page or `POST /api/admin/operators`). Writes are statements
 * for the caller's batch, next to its audit row.
 */
import { normalEmail, type Operator, type Role } from "./roles";

export interface OperatorRow extends Operator {
  created_at: string;
  created_by: string;
  updated_at: string;
  disabled_at: string | null;
}

/** The operator with this e-mail, unless disabled or unknown. */
export async function findOperator(db: D1Database, email: string): Promise<Operator | null> {
  const row = await db
    .prepare("SELECT email, role, unit_id, name FROM operators WHERE email = ? AND disabled_at IS NULL")
    .bind(normalEmail(email))
    .first<Operator>();
  return row ?? null;
}

/** Every operator (disabled ones too) whose unit is one of `unitIds`, or all when it is null. */
export async function listOperators(db: D1Database, unitIds: readonly string[] | null): Promise<OperatorRow[]> {
  const stmt =
    unitIds === null
      ? db.prepare("SELECT * FROM operators ORDER BY disabled_at IS NOT NULL, email")
      : db
          .prepare("SELECT * FROM operators WHERE unit_id IN (SELECT value FROM json_each(?1)) ORDER BY disabled_at IS NOT NULL, email")
          .bind(JSON.stringify(unitIds));
  return (await stmt.all<OperatorRow>()).results;
}

export async function getOperatorRow(db: D1Database, email: string): Promise<OperatorRow | null> {
  return (await db.prepare("SELECT * FROM operators WHERE email = ?").bind(normalEmail(email)).first<OperatorRow>()) ?? null;
}

export interface OperatorInput {
  email: string;
  role: Role;
  unit_id: string | null;
  name?: string | null;
}

/** Create, or change role/unit/name of, an operator; a disabled one is enabled again. */
export function upsertOperatorStatement(
  db: D1Database,
  o: OperatorInput,
  actor: string,
  now = new Date().toISOString(),
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO operators (email, role, unit_id, name, created_at, created_by, updated_at, disabled_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, NULL)
       ON CONFLICT (email) DO UPDATE SET role = excluded.role, unit_id = excluded.unit_id,
         name = coalesce(excluded.name, operators.name), updated_at = excluded.updated_at, disabled_at = NULL`,
    )
    .bind(normalEmail(o.email), o.role, o.unit_id, o.name ?? null, now, actor);
}

export function disableOperatorStatement(db: D1Database, email: string, now = new Date().toISOString()): D1PreparedStatement {
  return db
    .prepare("UPDATE operators SET disabled_at = ?2, updated_at = ?2 WHERE email = ?1 AND disabled_at IS NULL")
    .bind(normalEmail(email), now);
}
