/**
 * "Báo cáo đột xuất": ad-hoc reports by area, urgency and status, and those not yet resolved (their
 * content on a detail link only; cards on a phone).
 */
import { ADHOC_STATUSES, TASK_AREAS, URGENCIES } from "../../../../shared/enums";
import type { Rollup } from "../../rollup/types";
import { dateVi, num } from "../format";
import type { PageNav } from "./nav";
import { CountTable } from "./parts";

export function Adhoc({ r }: { r: Rollup; nav?: PageNav }) {
  const a = r.adhoc;
  const detail = r.scope === "detail";
  return (
    <section>
      <h2>Báo cáo đột xuất</h2>
      <p>
        Tổng số báo cáo đột xuất trong kỳ: <strong>{num(a.total)}</strong>
      </p>
      <div class="cards">
        <div class="scroll">
          <CountTable head="Lĩnh vực" labels={TASK_AREAS} counts={a.by_area} />
        </div>
        <div class="scroll">
          <CountTable head="Mức độ" labels={URGENCIES} counts={a.by_urgency} />
        </div>
        <div class="scroll">
          <CountTable head="Tình trạng" labels={ADHOC_STATUSES} counts={a.by_status} />
        </div>
      </div>
      <h3>Vụ việc chưa xử lý xong (đến hết kỳ)</h3>
      {r.depth === "commune" ? (
        <p>
          Tổng số: <strong>{num(a.open_by_commune.reduce((n, o) => n + o.total, 0))}</strong>
          <span class="muted"> (từng xã: bảng “Theo xã, phường”; từng vụ việc: trang của xã)</span>
        </p>
      ) : a.open.length === 0 ? (
        <p>Không có vụ việc nào chưa xử lý xong.</p>
      ) : (
        <div class="scroll">
          <table class="stack">
            <thead>
              <tr>
                <th>Ngày</th>
                <th>Xã</th>
                <th>Tổ</th>
                <th>Lĩnh vực</th>
                <th>Mức độ</th>
                <th>Tình trạng</th>
                {detail ? <th>Nội dung</th> : null}
              </tr>
            </thead>
            <tbody>
              {a.open.map((o) => (
                <tr>
                  <td class="name">{dateVi(o.report_date)}</td>
                  <td data-label="Xã">{o.commune}</td>
                  <td data-label="Tổ">{o.team_name}</td>
                  <td data-label="Lĩnh vực">{TASK_AREAS[o.area] ?? o.area}</td>
                  <td class={o.urgency === "normal" ? "" : "bad"} data-label="Mức độ">
                    {URGENCIES[o.urgency] ?? o.urgency}
                  </td>
                  <td data-label="Tình trạng">{ADHOC_STATUSES[o.status] ?? o.status}</td>
                  {detail ? (
                    <td class="text" data-label="Nội dung">
                      {o.content ?? ""}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
