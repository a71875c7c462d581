/** "Kết quả thực hiện nhiệm vụ": each task area's weekly counts summed over the period; the ethnic task only where a village has it. */
import { TASK_AREAS, type TaskArea } from "../../../../shared/enums";
import type { CountColumn } from "../../../../shared/weekly-counts";
import type { Figures } from "../../rollup/types";
import { num } from "../format";

export function Tasks({ f, counts }: { f: Figures; counts: Readonly<Record<TaskArea, readonly CountColumn[]>> }) {
  const areas = (Object.keys(TASK_AREAS) as TaskArea[]).filter((a) => f.tasks[a] !== null);
  return (
    <section>
      <h2>Kết quả thực hiện nhiệm vụ</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Nhiệm vụ</th>
              <th>Chỉ tiêu</th>
              <th class="n">Tổng trong kỳ</th>
            </tr>
          </thead>
          <tbody>
            {areas.flatMap((a) => {
              const sums: Record<string, number> = f.tasks[a] ?? {};
              return counts[a].map((c, i) => (
                <tr>
                  <td>{i === 0 ? TASK_AREAS[a] : ""}</td>
                  <td>{c.header}</td>
                  <td class="n">{num(sums[c.key])}</td>
                </tr>
              ));
            })}
          </tbody>
        </table>
      </div>
      {f.tasks.ethnic === null ? null : <p class="muted">Nhiệm vụ giữ gìn bản sắc dân tộc chỉ tính ở các thôn thực hiện nhiệm vụ này.</p>}
    </section>
  );
}
