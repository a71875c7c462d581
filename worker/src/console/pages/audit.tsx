/**
 * "Nhật ký": who did what to which unit and when (audit_log), and who opened which link
 * (access_log), filtered; each table downloadable as CSV (UTF-8 with BOM, formula-safe).
 */
import type { AccessRow, AuditRow } from "../../rollout/audit";
import { ACTION_LABELS, actionLabel } from "../../rollout/audit";
import { dateTimeVi } from "../../views/format";
import type { Principal } from "../env";
import { ConsolePage } from "./layout";

export interface AuditFilterView {
  from: string;
  to: string;
  actor: string;
  action: string;
  unitId: string;
}

const OUTCOME: Record<string, string> = { ok: "mở được", refused: "bị từ chối", throttled: "bị chặn tạm" };
const ROUTE: Record<string, string> = {
  page: "trang",
  json: "JSON",
  csv: "CSV",
  "mau-01": "mẫu 01",
  "mau-02": "mẫu 02",
  submission: "gửi báo cáo",
  admin: "API quản trị",
  console: "bảng điều khiển",
  other: "khác",
};

export function AuditPage(props: {
  who: Principal;
  nonce?: string;
  filter: AuditFilterView;
  units: { id: string; label: string }[];
  labels: Map<string, string>;
  actions: AuditRow[];
  accesses: AccessRow[];
  csv: { actions: string; accesses: string };
  limit: number;
}) {
  const f = props.filter;
  return (
    <ConsolePage title="Nhật ký" who={props.who} section="nhat-ky" {...(props.nonce ? { nonce: props.nonce } : {})}>
      <form class="filters noprint" method="get" action="/admin/nhat-ky">
        <label>
          Từ ngày
          <input type="date" name="tu" value={f.from} />
        </label>
        <label>
          Đến ngày
          <input type="date" name="den" value={f.to} />
        </label>
        <label>
          Người thực hiện
          <input name="nguoi" value={f.actor} placeholder="email" />
        </label>
        <label>
          Việc
          <select name="viec">
            <option value="">Tất cả</option>
            {Object.entries(ACTION_LABELS).map(([k, v]) => (
              <option value={k} selected={k === f.action}>
                {v}
              </option>
            ))}
          </select>
        </label>
        {props.units.length > 1 ? (
          <label>
            Đơn vị
            <select name="don-vi">
              <option value="">Tất cả</option>
              {props.units.map((u) => (
                <option value={u.id} selected={u.id === f.unitId}>
                  {u.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" class="plain">
          Lọc
        </button>
      </form>
      <section>
        <h2>
          Việc đã làm ({props.actions.length}
          {props.actions.length >= props.limit ? "+" : ""})
        </h2>
        <p class="noprint">
          <a href={props.csv.actions}>Tải CSV</a>
        </p>
        <div class="scroll">
          <table class="cards audit">
            <thead>
              <tr>
                <th>Thời điểm</th>
                <th>Người thực hiện</th>
                <th>Việc</th>
                <th>Đơn vị</th>
              </tr>
            </thead>
            <tbody>
              {props.actions.map((a) => (
                <tr data-action={a.action}>
                  <td data-h="Thời điểm">{dateTimeVi(a.at)}</td>
                  <td data-h="Người">{a.actor}</td>
                  <td data-h="Việc">{actionLabel(a.action)}</td>
                  <td data-h="Đơn vị">{a.unit_id ? (props.labels.get(a.unit_id) ?? a.unit_id) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>
          Lượt mở đường dẫn và lần bị từ chối ({props.accesses.length}
          {props.accesses.length >= props.limit ? "+" : ""})
        </h2>
        <p class="noprint">
          <a href={props.csv.accesses}>Tải CSV</a>
        </p>
        <div class="scroll">
          <table class="cards accesses">
            <thead>
              <tr>
                <th>Thời điểm</th>
                <th>Đường dẫn (mã băm)</th>
                <th>Mở gì</th>
                <th>Kết quả</th>
                <th>Đơn vị</th>
              </tr>
            </thead>
            <tbody>
              {props.accesses.map((a) => (
                <tr>
                  <td data-h="Thời điểm">{dateTimeVi(a.at)}</td>
                  <td data-h="Đường dẫn">{a.token_prefix ? `${a.token_prefix}…` : ""}</td>
                  <td data-h="Mở gì">{ROUTE[a.route] ?? a.route}</td>
                  <td data-h="Kết quả">
                    {OUTCOME[a.outcome] ?? a.outcome} ({a.status})
                  </td>
                  <td data-h="Đơn vị">{a.unit_id ? (props.labels.get(a.unit_id) ?? a.unit_id) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </ConsolePage>
  );
}

export { OUTCOME, ROUTE };
