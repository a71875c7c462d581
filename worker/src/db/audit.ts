/** audit_log rows: who did what to which unit. Returned as a statement to go into the caller's batch. */
export function auditStatement(db: D1Database, actor: string, action: string, unitId: string | null, detail: unknown): D1PreparedStatement {
  return db
    .prepare("INSERT INTO audit_log (at, actor, action, unit_id, detail) VALUES (?, ?, ?, ?, ?)")
    .bind(new Date().toISOString(), actor, action, unitId, JSON.stringify(detail));
}
