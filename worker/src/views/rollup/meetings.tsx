/** "Họp tổ": meetings held by kind, and how many member attendances. */
import { MEETING_KINDS } from "../../../../shared/enums";
import type { Rollup } from "../../rollup/types";
import { num } from "../format";

export function Meetings({ r }: { r: Rollup }) {
  const m = r.meetings;
  return (
    <section>
      <h2>Họp tổ</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Loại cuộc họp</th>
              <th class="n">Số cuộc họp</th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(MEETING_KINDS) as (keyof typeof MEETING_KINDS)[]).map((k) => (
              <tr>
                <td>{MEETING_KINDS[k]}</td>
                <td class="n">{num(m.by_kind[k])}</td>
              </tr>
            ))}
            <tr class="total">
              <td>Tổng số</td>
              <td class="n">{num(m.total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="muted">Tổng số lượt thành viên dự họp: {num(m.members_present)}.</p>
    </section>
  );
}
