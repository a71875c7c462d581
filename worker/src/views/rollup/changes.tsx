/** "Biến động nhân, hộ khẩu": population changes by type, and the net change of people. */
import { CHANGE_TYPES, type ChangeType } from "../../../../shared/enums";
import type { Figures } from "../../rollup/types";
import { num } from "../format";

export function Changes({ f }: { f: Figures }) {
  const types = Object.keys(CHANGE_TYPES) as ChangeType[];
  return (
    <section>
      <h2>Biến động nhân, hộ khẩu</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Loại biến động</th>
              <th class="n">Số lượt</th>
              <th class="n">Số người</th>
            </tr>
          </thead>
          <tbody>
            {types.map((k) => (
              <tr>
                <td>{CHANGE_TYPES[k]}</td>
                <td class="n">{num(f.changes.by_type[k].events)}</td>
                <td class="n">{num(f.changes.by_type[k].people)}</td>
              </tr>
            ))}
            <tr class="total">
              <td>Tăng (+) / giảm (−) nhân khẩu</td>
              <td></td>
              <td class="n">{num(f.changes.net)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
