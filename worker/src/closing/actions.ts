/**
 * Close, accept, reopen (issue 13). Each is one D1 batch — the closing row and its audit row — and
 * changes nothing when it was already so. Closing takes the commune's figures as its aggregates hold
 * them (its latest accepted submission); the write is guarded by the commune's version
 * (`commune_versions`, 0002), so a submission that lands in between makes the closing read again
 * rather than record figures of neither submission. After the district accepted a period, only the
 * district reopens it, and closing it again with other figures is refused.
 */

import type { Closing } from "../../../shared/closing";
import type { Period } from "../../../shared/periods";
import { formatDateVi } from "../../../shared/text";
import { currentErrors } from "./errors";
import { type CommuneDbs, communeFigures, figuresText } from "./figures";
import { type Outcome, refuse } from "./refusal";
import { type ClosingRow, closingOf, closingView, guardedAudit } from "./store";

type Done = Outcome<{ closing: Closing; changed: boolean }>;

export interface Actor {
  /** The audit log's actor: 'commune:<unit id>', an operator's e-mail, 'link:<hash prefix>'. */
  actor: string;
  /** The name recorded on the closing (the clerk's, the token's or link's label, the operator's). */
  name: string;
}

const day = (iso: string | null) => (iso ? formatDateVi(iso.slice(0, 10)) : "");
const acceptedMessage = (row: ClosingRow, p: Period) =>
  `Huyện đã chấp nhận số liệu ${p.label_vi} ngày ${day(row.accepted_at)}: muốn chốt lại hoặc mở lại kỳ này, đề nghị huyện (Ban Dân vận) mở lại.`;

/**
 * The commune closes a month or a quarter. Its closing, versions, refusals and audit row are commune
 * data, in its shard (../db/shard.ts); the unit tree its figures are counted in is in the control database.
 */
export async function closePeriod(dbs: CommuneDbs, communeId: string, p: Period, who: Actor, now = new Date()): Promise<Done> {
  const db = dbs.shard;
  const errors = await currentErrors(db, communeId);
  if (errors.length) {
    return refuse(
      "period_has_errors",
      `Chưa chốt được ${p.label_vi}: dữ liệu gửi gần nhất của xã còn lỗi (${errors.length} loại lỗi, xem chi tiết). Sửa lỗi, gửi lại rồi chốt.`,
      errors,
    );
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const latest = await db
      .prepare("SELECT version, submission_id FROM commune_versions WHERE commune_id = ? ORDER BY version DESC LIMIT 1")
      .bind(communeId)
      .first<{ version: number; submission_id: string }>();
    if (!latest) return refuse("no_submission", "Xã chưa có lần gửi dữ liệu nào được chấp nhận: chưa có số liệu để chốt.");
    const { text, hash } = figuresText(await communeFigures(dbs, communeId, p.key, now));
    const row = await closingOf(db, communeId, p.key);
    if (row && row.state !== "reopened" && row.figures_hash === hash) return { ok: true, closing: closingView(row), changed: false };
    if (row?.state === "accepted") return refuse("period_accepted", acceptedMessage(row, p));

    const at = now.toISOString();
    const [write] = await db.batch([
      db
        .prepare(
          `INSERT INTO period_closings (commune_id, period, state, figures, figures_hash, submission_id, closed_by, closed_at)
           SELECT ?1, ?2, 'closed', ?3, ?4, ?5, ?6, ?7
           WHERE (SELECT coalesce(max(version), 0) FROM commune_versions WHERE commune_id = ?1) = ?8
           ON CONFLICT (commune_id, period) DO UPDATE SET state = 'closed', figures = excluded.figures,
             figures_hash = excluded.figures_hash, submission_id = excluded.submission_id, closed_by = excluded.closed_by,
             closed_at = excluded.closed_at, accepted_by = NULL, accepted_at = NULL, reopened_by = NULL, reopened_at = NULL
           WHERE period_closings.state <> 'accepted'`,
        )
        .bind(communeId, p.key, text, hash, latest.submission_id, who.name, at, latest.version),
      guardedAudit(
        db,
        {
          sql: "EXISTS (SELECT 1 FROM period_closings WHERE commune_id = ? AND period = ? AND closed_at = ? AND figures_hash = ?)",
          binds: [communeId, p.key, at, hash],
        },
        {
          at,
          actor: who.actor,
          action: row && row.state !== "reopened" ? "period.reclose" : "period.close",
          unitId: communeId,
          detail: { period: p.key, closed_by: who.name, submission_id: latest.submission_id },
        },
      ),
    ]);
    if ((write?.meta.changes ?? 0) > 0) {
      const stored = await closingOf(db, communeId, p.key);
      return { ok: true, closing: closingView(stored!), changed: true };
    }
  }
  return refuse("busy", "Dữ liệu của xã đang được ghi cùng lúc; hãy chốt lại sau ít phút.");
}

/** The district accepts a closed period (`db`: the commune's shard). */
export async function acceptPeriod(db: D1Database, communeId: string, p: Period, who: Actor, now = new Date()): Promise<Done> {
  const row = await closingOf(db, communeId, p.key);
  if (!row || row.state === "reopened") return refuse("period_not_closed", `Xã chưa chốt số liệu ${p.label_vi}: chưa có gì để chấp nhận.`);
  if (row.state === "accepted") return { ok: true, closing: closingView(row), changed: false };
  return transition(db, row, { state: "accepted", set: "accepted_by = ?3, accepted_at = ?4", action: "period.accept", who, now, p });
}

/**
 * Reopen: the commune before the district accepted, the district at any time. The district page
 * then shows the commune's live figures again, as "Chưa chốt".
 */
export async function reopenPeriod(
  db: D1Database,
  communeId: string,
  p: Period,
  who: Actor & { district: boolean },
  now = new Date(),
): Promise<Done> {
  const row = await closingOf(db, communeId, p.key);
  if (!row || row.state === "reopened") return refuse("period_not_closed", `${p.label_vi} chưa chốt: không có gì để mở lại.`);
  if (row.state === "accepted" && !who.district) return refuse("period_accepted", acceptedMessage(row, p));
  return transition(db, row, { state: "reopened", set: "reopened_by = ?3, reopened_at = ?4", action: "period.reopen", who, now, p });
}

async function transition(
  db: D1Database,
  row: ClosingRow,
  t: { state: "accepted" | "reopened"; set: string; action: string; who: Actor; now: Date; p: Period },
): Promise<Done> {
  const at = t.now.toISOString();
  const [write] = await db.batch([
    db
      .prepare(
        `UPDATE period_closings SET state = '${t.state}', ${t.set}
         WHERE commune_id = ?1 AND period = ?2 AND state = ?5 AND figures_hash = ?6`,
      )
      .bind(row.commune_id, row.period, t.who.name, at, row.state, row.figures_hash),
    guardedAudit(
      db,
      {
        sql: `EXISTS (SELECT 1 FROM period_closings WHERE commune_id = ? AND period = ? AND state = '${t.state}' AND ${t.state}_at = ?)`,
        binds: [row.commune_id, row.period, at],
      },
      { at, actor: t.who.actor, action: t.action, unitId: row.commune_id, detail: { period: row.period, by: t.who.name, was: row.state } },
    ),
  ]);
  if ((write?.meta.changes ?? 0) === 0) return refuse("busy", "Kỳ này vừa được thay đổi cùng lúc; hãy tải lại trang và thử lại.");
  return { ok: true, closing: closingView((await closingOf(db, row.commune_id, row.period))!), changed: true };
}
