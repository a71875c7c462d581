/**
 * The steering committee's composition without names (agg_steering, 0015_steering_bodies.sql),
 * rebuilt for ONE commune at the end of its ingest batch, in the same transaction, like the other
 * aggregates (./refresh.ts).
 */
export function steeringAggregateStatements(db: D1Database, communeId: string): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM agg_steering WHERE commune_id = ?1").bind(communeId),
    db
      .prepare(
        `INSERT INTO agg_steering (commune_id, role, seat, n)
         SELECT commune_id, role, seat, count(*) FROM steering_members WHERE commune_id = ?1 GROUP BY commune_id, role, seat`,
      )
      .bind(communeId),
  ];
}
