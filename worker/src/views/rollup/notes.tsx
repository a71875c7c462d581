/** "Khó khăn, vướng mắc và đề xuất của các tổ": the weekly reports' free text (detail links only). */
import { parsePeriodKey } from "../../../../shared/periods";
import type { Rollup } from "../../rollup/types";
import { dateVi } from "../format";

/** "Tuần 04 (24/01–30/01/2022)": short enough for a list of weeks. */
export function weekShort(week: string): string {
  const p = parsePeriodKey(week);
  if (!p) return week;
  const [, m, d] = p.start.split("-");
  return `Tuần ${week.slice(6)} (${d}/${m}–${dateVi(p.end)})`;
}

export function Notes({ r }: { r: Rollup }) {
  const notes = r.notes ?? [];
  return (
    <section>
      <h2>Khó khăn, vướng mắc và đề xuất của các tổ</h2>
      {notes.length === 0 ? (
        <p>Không có khó khăn, đề xuất nào trong báo cáo tuần của kỳ này.</p>
      ) : (
        <div class="scroll">
          <table class="stack">
            <thead>
              <tr>
                <th>Tuần</th>
                <th>Tổ</th>
                <th>Khó khăn, vướng mắc</th>
                <th>Đề xuất, kiến nghị</th>
              </tr>
            </thead>
            <tbody>
              {notes.map((n) => (
                <tr>
                  <td class="name">{weekShort(n.week)}</td>
                  <td data-label="Tổ">{n.team_name}</td>
                  <td class="text" data-label="Khó khăn, vướng mắc">
                    {n.difficulties ?? ""}
                  </td>
                  <td class="text" data-label="Đề xuất, kiến nghị">
                    {n.proposals ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
