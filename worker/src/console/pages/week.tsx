/**
 * "Tuần này" (or any chosen week): per commune its state for the week, the teams that owe the report
 * (by code), the reports received and on time, the last accepted submission, the submissions refused
 * since the week began with their codes; reminder texts to copy into Zalo — one for every late
 * commune, one per commune.
 */
import type { Period } from "../../../../shared/periods";
import { deadlineDayVi } from "../../rollout/reminders";
import type { CommuneWeek, Refusal, WeekState } from "../../rollout/week";
import { WEEK_STATE_LABELS } from "../../rollout/week";
import { dateTimeVi } from "../../views/format";
import type { Principal } from "../env";
import { ConsolePage, CopyBox } from "./layout";
import { Chip, type ProvinceCount, ProvinceTable, UnitPicker } from "./parts";

const CHIP: Record<WeekState, "ok" | "warn" | "bad" | "off"> = {
  submitted: "ok",
  partial: "warn",
  missing: "bad",
  never: "bad",
  no_teams: "off",
};

/** What a refused submission's code means (shared/contract.ts ERROR_STATUS), in a few words. */
const REFUSAL_WORDS: Record<string, string> = {
  unauthorized: "mã truy cập không dùng được",
  commune_mismatch: "mã xã không khớp mã truy cập",
  invalid_envelope: "dữ liệu sai dạng",
  rule_violation: "dữ liệu vi phạm quy định",
  hash_mismatch: "dữ liệu hỏng trên đường gửi",
  stale_schema_version: "tiện ích cũ, cần cập nhật",
  schema_version_too_new: "tiện ích mới hơn máy chủ",
  confirm_deletions_required: "chờ xã xác nhận xóa nhiều dòng",
  payload_too_large: "dữ liệu quá lớn",
  unit_ended: "xã đã kết thúc",
  busy: "máy chủ bận",
  too_many_attempts: "thử sai quá nhiều lần",
};
const REASON_WORDS: Record<string, string> = {
  revoked: "mã đã bị thu hồi",
  expired: "mã đã hết hạn",
  unknown: "mã không đúng",
  missing: "không có mã",
};

export function refusalText(r: Refusal): string {
  const words = [REFUSAL_WORDS[r.code] ?? r.code, r.reason ? REASON_WORDS[r.reason] : null].filter(Boolean).join(", ");
  const issues = Object.entries(r.issue_codes)
    .map(([code, n]) => `${code} ×${n}`)
    .join(", ");
  return `${dateTimeVi(r.at)} — ${r.code}: ${words}${issues ? ` (${issues})` : ""}`;
}

export interface WeekRow {
  id: string;
  short: string;
  code: string;
  clerk_name: string | null;
  week: CommuneWeek;
  reminder: string | null;
}

export function WeekPage(props: {
  who: Principal;
  nonce?: string;
  unitLabel: string;
  unitId: string | null;
  pickable: { id: string; label: string }[];
  week: Period;
  prev: string | null;
  next: string | null;
  deadline: Date;
  rows: WeekRow[] | null;
  provinces: ProvinceCount[] | null;
  allReminder: string | null;
  notice?: string;
}) {
  const q = (week: string) => `/admin/tuan?tuan=${week}${props.unitId ? `&don-vi=${encodeURIComponent(props.unitId)}` : ""}`;
  const rows = props.rows ?? [];
  const count = (s: WeekState) => rows.filter((r) => r.week.state === s).length;
  return (
    <ConsolePage
      title={`${props.week.label_vi} — ${props.unitLabel}`}
      who={props.who}
      section="tuan"
      {...(props.nonce ? { nonce: props.nonce } : {})}
    >
      {props.notice ? <p class="warn">{props.notice}</p> : null}
      <UnitPicker
        action="/admin/tuan"
        current={props.unitId}
        options={props.pickable}
        extra={<input type="hidden" name="tuan" value={props.week.key} />}
      />
      <form class="filters noprint" method="get" action="/admin/tuan">
        {props.unitId ? <input type="hidden" name="don-vi" value={props.unitId} /> : null}
        <label>
          Tuần
          <input type="week" name="tuan" value={props.week.key} />
        </label>
        <button type="submit" class="plain">
          Xem tuần
        </button>
        {props.prev ? <a href={q(props.prev)}>← Tuần trước</a> : null}
        {props.next ? <a href={q(props.next)}>Tuần sau →</a> : null}
      </form>
      <p>
        Hạn nộp báo cáo tuần: <b>hết ngày {deadlineDayVi(props.deadline)}</b>.
        {props.rows ? (
          <>
            {" "}
            {rows.length} xã: <b>{count("submitted")}</b> đã nộp, <b>{count("partial")}</b> nộp thiếu, <b>{count("missing")}</b> chưa nộp,{" "}
            <b>{count("never")}</b> chưa gửi lần nào.
          </>
        ) : null}
      </p>
      {props.provinces ? (
        <ProvinceTable path="/admin/tuan" rows={props.provinces} otherHeader="Chưa nộp đủ" query={`&tuan=${props.week.key}`} />
      ) : null}
      {props.allReminder ? (
        <CopyBox id="nhac-tat-ca" label="Tin nhắn Zalo nhắc tất cả các xã chưa nộp đủ" text={props.allReminder} rows={8} />
      ) : null}
      {props.rows ? (
        <section>
          <h2>Từng xã</h2>
          <div class="scroll">
            <table class="cards week">
              <thead>
                <tr>
                  <th>Xã, phường</th>
                  <th>Tuần này</th>
                  <th>Tổ chưa nộp</th>
                  <th class="n">Báo cáo nhận / đúng hạn</th>
                  <th>Lần gửi gần nhất</th>
                  <th>Lần gửi bị từ chối</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr data-unit={r.id} data-state={r.week.state}>
                    <td data-h="Xã">
                      <b>{r.short}</b> <span class="muted">({r.code})</span>
                    </td>
                    <td data-h="Tuần này">
                      <Chip kind={CHIP[r.week.state]}>{WEEK_STATE_LABELS[r.week.state]}</Chip>
                    </td>
                    <td data-h="Tổ chưa nộp">{r.week.owing.length ? r.week.owing.map((t) => `Tổ ${t}`).join(", ") : ""}</td>
                    <td class="n" data-h="Nhận / đúng hạn">
                      {r.week.received}/{r.week.expected.length} · {r.week.on_time}
                    </td>
                    <td data-h="Gửi gần nhất">{r.week.last_submission_at ? dateTimeVi(r.week.last_submission_at) : "chưa gửi"}</td>
                    <td data-h="Bị từ chối" class="refusals">
                      {r.week.refusals.length ? (
                        <ul>
                          {r.week.refusals.slice(0, 5).map((f) => (
                            <li data-code={f.code}>{refusalText(f)}</li>
                          ))}
                          {r.week.refusals.length > 5 ? <li>… và {r.week.refusals.length - 5} lần khác</li> : null}
                        </ul>
                      ) : (
                        ""
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {rows.some((r) => r.reminder) ? (
        <section>
          <h2>Tin nhắn nhắc từng xã</h2>
          {rows.flatMap((r) => (r.reminder ? [<CopyBox id={`nhac-${r.code}`} label={r.short} text={r.reminder} rows={4} />] : []))}
        </section>
      ) : null}
    </ConsolePage>
  );
}
