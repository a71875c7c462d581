/** "Tiến độ kế hoạch": the plan's milestones due in the period, with how many communes did each. */
import type { Rollup } from "../../rollup/types";
import { dateVi, num } from "../format";

export function Milestones({ r }: { r: Rollup }) {
  const m = r.milestones;
  return (
    <section>
      <h2>Tiến độ kế hoạch</h2>
      {m.items.length === 0 ? (
        <p>Không có mốc kế hoạch đến hạn trong kỳ.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>Nội dung</th>
                <th>Hạn</th>
                <th class="n">Đã hoàn thành</th>
                <th class="n">Quá hạn</th>
                <th class="n">Chưa đến hạn</th>
              </tr>
            </thead>
            <tbody>
              {m.items.map((it) => (
                <tr>
                  <td>{it.title}</td>
                  <td>{dateVi(it.due_on)}</td>
                  <td class="n">{num(it.done)}</td>
                  <td class={it.overdue ? "n bad" : "n"}>{num(it.overdue)}</td>
                  <td class="n">{num(it.pending)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="muted">Số xã đã hoàn thành / quá hạn, tính đến ngày {dateVi(r.today)}.</p>
    </section>
  );
}
