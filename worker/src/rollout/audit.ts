/**
 * What the Audit page reads: who did what to which unit (audit_log), and who opened which link
 * (access_log: time, link hash prefix, what was opened, status — never an IP), filtered by time,
 * person, action and unit, within the operator's units. Newest first, at most `limit` rows.
 */

export interface AuditFilter {
  /** Units the reader covers; null: the whole country (rows with no unit included). */
  scope: readonly string[] | null;
  /** One unit of those. */
  unitId?: string;
  /** Part of the actor (an e-mail, "admin", "commune:…"). */
  actor?: string;
  /** An action, or its family ("token" matches token.issue, token.rotate…). */
  action?: string;
  /** Vietnam calendar days, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  unit_id: string | null;
  detail: string | null;
}

export interface AccessRow {
  id: number;
  at: string;
  kind: string;
  token_prefix: string | null;
  unit_id: string | null;
  route: string;
  status: number;
  outcome: string;
}

/** First instant of a Vietnam day, and of the day after (Vietnam has no daylight saving: UTC+7). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`).toISOString();
const nextDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00+07:00`) + 86_400_000).toISOString();

/** WHERE clauses of a filter ("$" in a clause is its value's numbered parameter), and the LIMIT's parameter. */
function where(f: AuditFilter, extra: [string, string | undefined][] = []) {
  const clauses: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, v: string | number) => {
    args.push(v);
    clauses.push(sql.replaceAll("$", `?${args.length}`));
  };
  if (f.scope !== null) add("unit_id IN (SELECT value FROM json_each($))", JSON.stringify(f.scope));
  if (f.unitId) add("unit_id = $", f.unitId);
  if (f.from) add("at >= $", dayStart(f.from));
  if (f.to) add("at < $", nextDayStart(f.to));
  for (const [sql, v] of extra) if (v) add(sql, v);
  args.push(Math.min(Math.max(1, f.limit ?? 200), 5000));
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", args, limit: `?${args.length}` };
}

export async function readAudit(db: D1Database, f: AuditFilter): Promise<AuditRow[]> {
  const w = where(f, [
    ["instr(lower(actor), lower($)) > 0", f.actor?.trim()],
    ["(action = $ OR action LIKE $ || '.%')", f.action?.trim()],
  ]);
  return (
    await db
      .prepare(`SELECT id, at, actor, action, unit_id, detail FROM audit_log ${w.sql} ORDER BY at DESC, id DESC LIMIT ${w.limit}`)
      .bind(...w.args)
      .all<AuditRow>()
  ).results;
}

/**
 * `readAudit` over several databases (the control database and the shards: a submission's or an
 * erasure's audit row is written with it, in its commune's shard), newest first, at most `limit` rows.
 */
export async function readAuditOf(dbs: readonly D1Database[], f: AuditFilter): Promise<AuditRow[]> {
  const lists = await Promise.all(dbs.map((db) => readAudit(db, f)));
  if (lists.length === 1) return lists[0]!;
  const limit = Math.min(Math.max(1, f.limit ?? 200), 5000);
  return lists
    .flat()
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id))
    .slice(0, limit);
}

/** Accesses to links (and refused credentials) of the reader's units. */
export async function readLinkAccesses(db: D1Database, f: AuditFilter): Promise<AccessRow[]> {
  const w = where(f);
  return (
    await db
      .prepare(
        `SELECT id, at, kind, token_prefix, unit_id, route, status, outcome FROM access_log ${w.sql} ORDER BY at DESC, id DESC LIMIT ${w.limit}`,
      )
      .bind(...w.args)
      .all<AccessRow>()
  ).results;
}

/** How the Audit page names an action. */
export const ACTION_LABELS: Record<string, string> = {
  submission: "Xã gửi báo cáo",
  import: "Nạp dữ liệu (quản trị)",
  "token.create": "Cấp mã (API quản trị)",
  "token.issue": "Cấp mã gửi báo cáo",
  "token.rotate": "Đổi mã gửi báo cáo",
  "token.revoke": "Thu hồi mã",
  "link.create": "Tạo đường dẫn",
  "link.revoke": "Thu hồi đường dẫn",
  "link.expiry": "Đổi hạn đường dẫn",
  "commune.add": "Thêm xã",
  "commune.update": "Cập nhật cán bộ xã",
  "commune_records.upsert": "Cập nhật hồ sơ xã (công cụ huyện)",
  "units.upsert": "Cập nhật danh mục đơn vị",
  "operator.upsert": "Thêm/sửa cán bộ điều hành",
  "operator.disable": "Khóa cán bộ điều hành",
  "console.signin": "Đăng nhập thử (máy phát triển)",
  "household.export": "Tải dữ liệu của một hộ",
  "household.erase": "Xóa dữ liệu cá nhân của một hộ theo yêu cầu",
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;
