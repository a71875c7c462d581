/** The period form: kind, period key (with suggestions), boundaries mode; on a drill-down a link to the other mode. */
import type { RollupMode } from "../../rollup/types";
import { MODE_LABELS, type PageNav } from "./nav";

export function Picker({ nav }: { nav: PageNav }) {
  return (
    <section class="noprint">
      <form class="picker" method="get" action="">
        <label>
          Loại kỳ
          <select name="kind">
            {nav.kinds.map((k) => (
              <option value={k.value} selected={k.value === nav.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kỳ báo cáo
          <input name="period" value={nav.periodKey} list="period-list" size={10} placeholder="2022-Q1" />
        </label>
        <datalist id="period-list">
          {nav.suggestions.map((s) => (
            <option value={s.value}>{s.label}</option>
          ))}
        </datalist>
        {nav.otherMode ? (
          <input type="hidden" name="mode" value={nav.mode} />
        ) : (
          <fieldset>
            {(Object.keys(MODE_LABELS) as RollupMode[]).map((m) => (
              <label>
                <input type="radio" name="mode" value={m} checked={nav.mode === m} />
                {MODE_LABELS[m]}
              </label>
            ))}
          </fieldset>
        )}
        {Object.entries(nav.hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit">Xem</button>
      </form>
      {nav.otherMode ? (
        <p>
          {MODE_LABELS[nav.mode]} ·{" "}
          <a href={nav.otherMode}>Xem {MODE_LABELS[nav.mode === "as_was" ? "current" : "as_was"].replace(/^T/, "t")}</a>
        </p>
      ) : null}
      <p class="muted">
        Nhập kỳ dạng 2022-W03 (tuần), 2022-01 (tháng), 2022-Q1 (quý), 2022-H1 (6 tháng), 2022 (năm) hoặc P1, P2, P3 (các đợt của kế hoạch).
        Để trống để xem kỳ hiện tại của loại kỳ đã chọn.
      </p>
    </section>
  );
}
