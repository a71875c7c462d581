/** "Tiến độ kế hoạch": the plan's milestones due in the period, with how many communes did each (cards on a phone). */
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
          <table class="stack">
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
                  <td class="name">{it.title}</td>
                  <td data-label="Hạn">{dateVi(it.due_on)}</td>
                  <td class="n" data-label="Đã hoàn thành">
                    {num(it.done)}
                  </td>
                  <td class={it.overdue ? "n bad" : "n"} data-label="Quá hạn">
                    {num(it.overdue)}
                  </td>
                  <td class="n" data-label="Chưa đến hạn">
                    {num(it.pending)}
                  </td>
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
