/**
 * shared/periods.ts `isOnTime` as an SQL expression, so aggregates can store on_time inside the
 * ingest batch. The deadline of ISO week W of year Y is the end (23:59:59.999, UTC+7, no daylight
 * saving in Vietnam) of the Monday after the week = 16:59:59.999Z that Monday. That Monday is
 * W weeks after the Monday of ISO week 1 — the Monday on or before 4 January
 * (https://en.wikipedia.org/wiki/ISO_week_date#First_week).
 * tests/worker/rollup-deadline.test.ts checks the expression against `isOnTime` itself.
 */

/** The Monday after an ISO week key ('2022-W03'), 'yyyy-MM-dd', in SQL. */
export function mondayAfterSql(week: string): string {
  const jan4 = `substr(${week}, 1, 4) || '-01-04'`;
  return `date(${jan4}, '-' || ((CAST(strftime('%w', ${jan4}) AS INTEGER) + 6) % 7) || ' days', '+' || (CAST(substr(${week}, 7) AS INTEGER) * 7) || ' days')`;
}

/** 1 when `receivedAt` (an ISO instant) is no later than the week's deadline, else 0. */
export function onTimeSql(week: string, receivedAt: string): string {
  return `CASE WHEN strftime('%Y-%m-%dT%H:%M:%fZ', ${receivedAt}) <= ${mondayAfterSql(week)} || 'T16:59:59.999Z' THEN 1 ELSE 0 END`;
}
