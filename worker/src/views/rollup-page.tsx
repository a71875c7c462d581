/**
 * The rollup page of a link: figures, tables and bar charts for one unit and period, one component
 * per section (./rollup/). Above commune level (a rollup of depth "commune") one table has a row per
 * commune (./rollup/communes.tsx), each linking to the commune's drill-down (`nav.communeHref`), which
 * shows its villages and teams; the other sections show the totals only; lists of weeks read as ranges
 * ("Tuần 44–52/2022"). The weekly counts' columns, cards and charts follow the weekly sheet
 * (shared/weekly-counts.ts); `counts` is a parameter so a test can pass another list.
 */
import { type CountColumn, groupCounts, WEEKLY_COUNT_COLUMNS } from "../../../shared/weekly-counts";
import type { RollupClosing } from "../closing/types";
import type { Rollup } from "../rollup/types";
import { dateVi, midSentence } from "./format";
import { Layout } from "./layout";
import { Adhoc } from "./rollup/adhoc";
import { Breakdown } from "./rollup/breakdown";
import { Changes } from "./rollup/changes";
import { Closing } from "./rollup/closing";
import { CommuneTable } from "./rollup/communes";
import { Evaluations } from "./rollup/evaluations";
import { Meetings } from "./rollup/meetings";
import { Milestones } from "./rollup/milestones";
import { MODE_LABELS, type PageNav } from "./rollup/nav";
import { Notes } from "./rollup/notes";
import { Overview } from "./rollup/overview";
import { Picker } from "./rollup/picker";
import { Privacy } from "./rollup/privacy";
import { Propaganda } from "./rollup/propaganda";
import { Reporting } from "./rollup/reporting";
import { Steering } from "./rollup/steering";
import { Tasks } from "./rollup/tasks";

export type { PageNav, PeriodChoice } from "./rollup/nav";

export function RollupPage(props: { r: Rollup & { closing?: RollupClosing }; nav: PageNav; counts?: readonly CountColumn[] }) {
  const { r, nav } = props;
  const counts = groupCounts(props.counts ?? WEEKLY_COUNT_COLUMNS);
  const shown = r.commune ?? r.unit;
  const title = `Tổng hợp Tổ Dân vận cộng đồng — ${shown.label_vi} — ${r.period.label_vi}`;
  return (
    <Layout title={title}>
      <header class="top">
        <h1>Tổng hợp hoạt động Tổ Dân vận cộng đồng</h1>
        <p>
          <strong>{shown.label_vi}</strong>
          {shown.parents.length
            ? `, ${shown.parents
                .slice()
                .reverse()
                .map((u) => midSentence(u.label_vi))
                .join(", ")}`
            : ""}
        </p>
        <p>
          Kỳ: <strong>{r.period.label_vi}</strong> (từ {dateVi(r.period.start)} đến {dateVi(r.period.end)}) · {MODE_LABELS[r.mode]}
        </p>
      </header>
      <main>
        <Picker nav={nav} />
        <nav class="links">
          {nav.up ? <a href={nav.up.href}>‹ {nav.up.label}</a> : null}
          {nav.prev ? <a href={nav.prev}>‹ Kỳ trước</a> : null}
          {nav.next ? <a href={nav.next}>Kỳ sau ›</a> : null}
          <a href={nav.csv}>Tải bảng tính (CSV)</a>
          <a href={nav.json}>Dữ liệu JSON</a>
          {nav.mau01 ? <a href={nav.mau01}>In danh sách thành viên (mẫu 01)</a> : null}
          {nav.mau02 ? <a href={nav.mau02}>In danh sách hộ gia đình (mẫu 02)</a> : null}
          {nav.report ? <a href={nav.report}>Báo cáo kỳ này (in, tải Word)</a> : null}
          {nav.zalo ? <a href={nav.zalo}>Mẫu tin nhắn báo cáo tuần (Zalo)</a> : null}
        </nav>
        {nav.importUrl ? (
          <p class="muted noprint">
            Lấy bảng số liệu theo tổ vào Google Trang tính: <code>=IMPORTDATA("{nav.importUrl}")</code>
          </p>
        ) : null}
        {nav.notice ? <p class="warn">{nav.notice}</p> : null}
        {r.communes.length === 0 ? <p class="warn">Chưa có dữ liệu của xã nào trong kỳ này.</p> : null}

        {r.closing ? <Closing closing={r.closing} forms={nav.closingForms} /> : null}
        <Overview r={r} />
        <Reporting r={r} nav={nav} />
        {r.depth === "commune" ? <CommuneTable r={r} nav={nav} /> : <Breakdown r={r} nav={nav} counts={counts.propaganda} />}
        <Changes f={r.totals} />
        <Propaganda r={r} counts={counts.propaganda} />
        <Tasks f={r.totals} counts={counts} />
        <Adhoc r={r} nav={nav} />
        <Meetings r={r} nav={nav} />
        <Evaluations r={r} nav={nav} />
        <Milestones r={r} />
        <Steering r={r} />
        {r.notes ? <Notes r={r} /> : null}
        {nav.privacy ? <Privacy p={nav.privacy} /> : null}
        <p class="muted">
          Ngày lập: {dateVi(r.today)}. Tỷ lệ báo cáo = số báo cáo tuần đã nhận / số báo cáo phải nộp; tỷ lệ đúng hạn = số báo cáo nhận đúng
          hạn / số báo cáo phải nộp. Số báo cáo phải nộp tính theo ngày thành lập, ngày giải thể của từng tổ.
        </p>
      </main>
    </Layout>
  );
}
