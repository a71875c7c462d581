/**
 * The rollup page of a link: figures, tables and bar charts for one unit and period.
 * Above commune level (a rollup of depth "commune") the breakdown and the missing-reports list have
 * one row per commune, each linking to the commune's drill-down (`nav.communeHref`), which shows its
 * villages and teams; lists of weeks read as ranges ("Tuần 44–52/2022").
 */
import {
  ADHOC_STATUSES,
  CHANGE_TYPES,
  type ChangeType,
  MEETING_KINDS,
  RATINGS,
  TASK_AREAS,
  type TaskArea,
  URGENCIES,
} from "../../../shared/enums";
import { parsePeriodKey } from "../../../shared/periods";
import { headerOf } from "../../../shared/templates";
import type { CommuneNode, Figures, RegisterFigures, Rollup, RollupMode, TeamNode, VillageNode } from "../rollup/types";
import { BarChart } from "./chart";
import { dateTimeVi, dateVi, midSentence, num, pct, weekRangesVi } from "./format";
import { Layout } from "./layout";
import { Steering } from "./steering";

export const MODE_LABELS: Record<RollupMode, string> = {
  as_was: "Theo địa giới hành chính tại thời điểm báo cáo",
  current: "Theo địa giới hành chính hiện nay",
};

export interface PeriodChoice {
  value: string;
  label: string;
}

export interface PageNav {
  /** The period key and mode shown, for the form. */
  periodKey: string;
  kind: string;
  mode: RollupMode;
  kinds: PeriodChoice[];
  /** Period keys offered in the form's suggestion list. */
  suggestions: PeriodChoice[];
  prev?: string | undefined;
  next?: string | undefined;
  json: string;
  csv: string;
  /** The CSV's absolute address, for =IMPORTDATA in Google Sheets. */
  importUrl?: string | undefined;
  mau01?: string | undefined;
  mau02?: string | undefined;
  /** The teams' weekly report forms as Zalo messages (commune links). */
  zalo?: string | undefined;
  /** Shown above the figures, e.g. when the requested period could not be read. */
  notice?: string | undefined;
  /** The drill-down address of a commune (a row of a page above commune level). */
  communeHref?: ((communeId: string) => string) | undefined;
  /** On a drill-down: the page of the whole unit. */
  up?: { href: string; label: string } | undefined;
  /** Kept by the period form (e.g. the drill-down's commune). */
  hidden?: Record<string, string> | undefined;
  /**
   * On a drill-down the mode is fixed in the form (a commune's grouping depends on it); this link
   * shows the other mode: the same commune's drill-down, or the whole unit where it has none.
   */
  otherMode?: string | undefined;
}

/** "Tuần 04 (24/01–30/01/2022)": short enough for a list of weeks. */
export function weekShort(week: string): string {
  const p = parsePeriodKey(week);
  if (!p) return week;
  const [, m, d] = p.start.split("-");
  return `Tuần ${week.slice(6)} (${d}/${m}–${dateVi(p.end)})`;
}

export function RollupPage(props: { r: Rollup; nav: PageNav }) {
  const { r, nav } = props;
  const t = r.totals;
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
          {nav.zalo ? <a href={nav.zalo}>Mẫu tin nhắn báo cáo tuần (Zalo)</a> : null}
        </nav>
        {nav.importUrl ? (
          <p class="muted noprint">
            Lấy bảng số liệu theo tổ vào Google Trang tính: <code>=IMPORTDATA("{nav.importUrl}")</code>
          </p>
        ) : null}
        {nav.notice ? <p class="warn">{nav.notice}</p> : null}
        {r.communes.length === 0 ? <p class="warn">Chưa có dữ liệu của xã nào trong kỳ này.</p> : null}

        <section>
          <h2>Tổng quan</h2>
          <div class="cards">
            <Card label="Số xã, phường có số liệu" value={num(r.communes.length)} />
            <Card label="Số Tổ Dân vận cộng đồng" value={num(t.register.teams)} />
            <Card label="Số thành viên" value={num(t.register.members)} />
            <Card label="Số hộ gia đình" value={num(t.register.households)} />
            <Card label="Số nhân khẩu" value={num(t.register.people)} />
            <Card label="Hộ tham gia nhóm Zalo" value={zaloText(t.register)} />
            <Card label="Tổ ngoài mức 30–50 hộ" value={num(t.register.teams_outside_range)} bad={t.register.teams_outside_range > 0} />
          </div>
          <p class="muted">Số tổ, thành viên, hộ và nhân khẩu theo danh sách xã gửi gần nhất, tính các tổ hoạt động trong kỳ.</p>
        </section>

        <Reporting r={r} nav={nav} />
        <Breakdown r={r} nav={nav} />
        <Changes f={t} />
        <Propaganda r={r} />
        <Tasks f={t} />
        <Adhoc r={r} nav={nav} />
        <Meetings r={r} />
        <Evaluations r={r} nav={nav} />
        <Milestones r={r} />
        <Steering r={r} />
        {r.notes ? <Notes r={r} /> : null}
        <p class="muted">
          Ngày lập: {dateVi(r.today)}. Tỷ lệ báo cáo = số báo cáo tuần đã nhận / số báo cáo phải nộp; tỷ lệ đúng hạn = số báo cáo nhận đúng
          hạn / số báo cáo phải nộp. Số báo cáo phải nộp tính theo ngày thành lập, ngày giải thể của từng tổ.
        </p>
      </main>
    </Layout>
  );
}

/** "120 (85,7% số hộ đã rõ; 20 hộ chưa rõ)": the share is over the households whose answer is known. */
function zaloText(r: RegisterFigures): string {
  const unknown = r.households - r.zalo_known;
  return unknown > 0
    ? `${num(r.zalo_households)} (${pct(r.zalo_pct)} số hộ đã rõ; ${num(unknown)} hộ chưa rõ)`
    : `${num(r.zalo_households)} (${pct(r.zalo_pct)})`;
}

function Card(props: { label: string; value: string; bad?: boolean }) {
  return (
    <div class="card">
      <span class="muted">{props.label}</span>
      <b class={props.bad ? "bad" : ""}>{props.value}</b>
    </div>
  );
}

function Picker({ nav }: { nav: PageNav }) {
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

/** Bars and charts per commune (several communes, or a page above commune level), else per team or village. */
const perCommune = (r: Rollup) => r.communes.length > 1 || r.depth === "commune";

/** A commune's name, linked to its drill-down when the page has one. */
function CommuneName({ id, label, nav }: { id: string; label: string; nav: PageNav }) {
  return nav.communeHref ? <a href={nav.communeHref(id)}>{label}</a> : label;
}

function Reporting({ r, nav }: { r: Rollup; nav: PageNav }) {
  const rep = r.totals.reporting;
  const byCommune = perCommune(r);
  const bars = byCommune
    ? r.communes.map((c) => ({ label: c.unit.label_vi, value: c.reporting.reporting_rate }))
    : r.communes.flatMap((c) =>
        c.villages.flatMap((v) => v.teams.map((t) => ({ label: `${t.team_name} (${v.village_name})`, value: t.reporting.reporting_rate }))),
      );
  return (
    <section>
      <h2>Báo cáo tuần</h2>
      <div class="cards">
        <Card label="Số báo cáo phải nộp" value={num(rep.expected)} />
        <Card label="Đã nộp" value={num(rep.received)} />
        <Card label="Nộp đúng hạn" value={num(rep.on_time)} />
        <Card label="Nộp muộn" value={num(rep.late)} bad={rep.late > 0} />
        <Card label="Chưa nộp" value={num(rep.missing)} bad={rep.missing > 0} />
        <Card label="Tỷ lệ báo cáo" value={pct(rep.reporting_rate)} />
        <Card label="Tỷ lệ đúng hạn" value={pct(rep.on_time_rate)} />
      </div>
      <h3>{byCommune ? "Tỷ lệ báo cáo theo xã" : "Tỷ lệ báo cáo theo tổ"}</h3>
      <BarChart title={byCommune ? "Tỷ lệ báo cáo theo xã" : "Tỷ lệ báo cáo theo tổ"} bars={bars} percent />
      <h3>Các tổ chưa nộp đủ báo cáo tuần</h3>
      {r.depth === "commune" ? (
        <MissingByCommune r={r} nav={nav} />
      ) : r.missing_reports.length === 0 ? (
        <p>Tất cả các tổ đã nộp đủ báo cáo tuần trong kỳ.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>Tổ</th>
                <th class="n">Thiếu</th>
                <th>Các tuần chưa nộp</th>
              </tr>
            </thead>
            <tbody>
              {r.missing_reports.map((m) => (
                <tr>
                  <td>
                    {m.team_name}
                    <div class="muted">
                      {m.village}, {midSentence(m.commune)}
                    </div>
                  </td>
                  <td class="n bad">{num(m.weeks.length)}</td>
                  <td class="weeks">{weekRangesVi(m.weeks)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Above commune level: per commune, the teams missing reports and how many reports; the teams are in the drill-down. */
function MissingByCommune({ r, nav }: { r: Rollup; nav: PageNav }) {
  const rows = r.missing_by_commune;
  if (rows.length === 0) return <p>Tất cả các tổ đã nộp đủ báo cáo tuần trong kỳ.</p>;
  return (
    <>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Xã, phường</th>
              <th class="n">Số tổ chưa nộp đủ</th>
              <th class="n">Số báo cáo chưa nộp</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr>
                <td>
                  <CommuneName id={m.commune_id} label={m.commune} nav={nav} />
                </td>
                <td class="n bad">{num(m.teams)}</td>
                <td class="n bad">{num(m.reports)}</td>
              </tr>
            ))}
            <tr class="total">
              <td>Tổng cộng</td>
              <td class="n">{num(rows.reduce((n, m) => n + m.teams, 0))}</td>
              <td class="n">{num(rows.reduce((n, m) => n + m.reports, 0))}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {nav.communeHref ? <p class="muted">Bấm tên xã để xem từng tổ và các tuần chưa nộp.</p> : null}
    </>
  );
}

function FigureCells({ f, team }: { f: Figures; team?: TeamNode }) {
  const outside = team ? f.register.teams_outside_range > 0 : false;
  return (
    <>
      <td class="n">{num(f.register.teams)}</td>
      <td class="n">{num(f.register.members)}</td>
      <td class={outside ? "n bad" : "n"}>{num(f.register.households)}</td>
      <td class="n">{num(f.register.people)}</td>
      <td class="n">{pct(f.register.zalo_pct)}</td>
      <td class="n">{num(f.reporting.expected)}</td>
      <td class="n">{num(f.reporting.received)}</td>
      <td class="n">{num(f.reporting.on_time)}</td>
      <td class={f.reporting.missing ? "n bad" : "n"}>{num(f.reporting.missing)}</td>
      <td class="n">{pct(f.reporting.reporting_rate)}</td>
      <td class="n">{num(f.propaganda.broadcasts)}</td>
      <td class="n">{num(f.propaganda.zalo_posts)}</td>
      <td class="n">{num(f.propaganda.households_visited)}</td>
      <td class="n">{num(f.changes.net)}</td>
    </>
  );
}

function Breakdown({ r, nav }: { r: Rollup; nav: PageNav }) {
  const communesOnly = r.depth === "commune";
  return (
    <section class="wide">
      <h2>{communesOnly ? "Chi tiết theo xã, phường" : "Chi tiết theo xã, thôn, tổ"}</h2>
      {communesOnly && nav.communeHref ? <p class="muted noprint">Bấm tên xã, phường để xem chi tiết theo thôn, tổ.</p> : null}
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Đơn vị</th>
              <th class="n">Số tổ</th>
              <th class="n">Thành viên</th>
              <th class="n">Số hộ</th>
              <th class="n">Nhân khẩu</th>
              <th class="n">Hộ Zalo</th>
              <th class="n">BC phải nộp</th>
              <th class="n">Đã nộp</th>
              <th class="n">Đúng hạn</th>
              <th class="n">Chưa nộp</th>
              <th class="n">Tỷ lệ BC</th>
              <th class="n">Loa</th>
              <th class="n">Tin Zalo</th>
              <th class="n">Hộ đến tận nhà</th>
              <th class="n">Tăng/giảm nhân khẩu</th>
            </tr>
          </thead>
          <tbody>
            {r.communes.map((c) => (
              <CommuneRows c={c} known={new Set([r.unit.id, ...r.unit.parents.map((u) => u.id)])} nav={nav} />
            ))}
            <tr class="total">
              <td>Tổng cộng</td>
              <FigureCells f={r.totals} />
            </tr>
          </tbody>
        </table>
      </div>
      <p class="muted">Số hộ tô đỏ: tổ phụ trách ít hơn 30 hoặc nhiều hơn 50 hộ.</p>
    </section>
  );
}

/**
 * A commune with its villages and teams (none at depth "commune"); `known` units (the link's unit and
 * its parents) are not repeated.
 */
function CommuneRows({ c, known, nav }: { c: CommuneNode; known: Set<string>; nav: PageNav }) {
  const merged = c.sources.filter((s) => s.id !== c.unit.id);
  const parents = c.parents.filter((p) => !known.has(p.id));
  return (
    <>
      <tr class="commune">
        <td>
          <CommuneName id={c.unit.id} label={c.unit.label_vi} nav={nav} />
          {parents.length ? (
            <span class="muted">
              {" "}
              (
              {parents
                .slice()
                .reverse()
                .map((p) => midSentence(p.label_vi))
                .join(", ")}
              )
            </span>
          ) : null}
          {merged.length ? <div class="muted">Số liệu của: {merged.map((s) => s.label_vi).join(", ")}</div> : null}
          {c.last_received_at ? <div class="muted">Cập nhật: {dateTimeVi(c.last_received_at)}</div> : null}
        </td>
        <FigureCells f={c} />
      </tr>
      {c.villages.map((v) => (
        <VillageRows v={v} />
      ))}
    </>
  );
}

function VillageRows({ v }: { v: VillageNode }) {
  return (
    <>
      <tr class="village">
        <td>{v.village_name}</td>
        <FigureCells f={v} />
      </tr>
      {v.teams.map((t) => (
        <tr>
          <td>
            {t.team_name}
            {t.dissolved_on ? <span class="muted"> (giải thể {dateVi(t.dissolved_on)})</span> : null}
          </td>
          <FigureCells f={t} team={t} />
        </tr>
      ))}
    </>
  );
}

function Changes({ f }: { f: Figures }) {
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

function Propaganda({ r }: { r: Rollup }) {
  const p = r.totals.propaganda;
  const units = perCommune(r)
    ? r.communes.map((c) => ({ label: c.unit.label_vi, f: c as Figures }))
    : r.communes.flatMap((c) => c.villages.map((v) => ({ label: v.village_name, f: v as Figures })));
  return (
    <section>
      <h2>Tuyên truyền, vận động</h2>
      <div class="cards">
        <Card label={headerOf("weekly", "broadcasts")} value={num(p.broadcasts)} />
        <Card label={headerOf("weekly", "zalo_posts")} value={num(p.zalo_posts)} />
        <Card label={headerOf("weekly", "households_visited")} value={num(p.households_visited)} />
      </div>
      <h3>{headerOf("weekly", "broadcasts")}</h3>
      <BarChart title={headerOf("weekly", "broadcasts")} bars={units.map((u) => ({ label: u.label, value: u.f.propaganda.broadcasts }))} />
      <h3>{headerOf("weekly", "zalo_posts")}</h3>
      <BarChart title={headerOf("weekly", "zalo_posts")} bars={units.map((u) => ({ label: u.label, value: u.f.propaganda.zalo_posts }))} />
    </section>
  );
}

function Tasks({ f }: { f: Figures }) {
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
            {areas.flatMap((a) =>
              Object.entries(f.tasks[a] ?? {}).map(([col, v], i) => (
                <tr>
                  <td>{i === 0 ? TASK_AREAS[a] : ""}</td>
                  <td>{headerOf("weekly", col)}</td>
                  <td class="n">{num(v)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      {f.tasks.ethnic === null ? null : <p class="muted">Nhiệm vụ giữ gìn bản sắc dân tộc chỉ tính ở các thôn thực hiện nhiệm vụ này.</p>}
    </section>
  );
}

function CountTable<K extends string>(props: { head: string; labels: Record<K, string>; counts: Record<K, number> }) {
  return (
    <table>
      <thead>
        <tr>
          <th>{props.head}</th>
          <th class="n">Số báo cáo</th>
        </tr>
      </thead>
      <tbody>
        {(Object.keys(props.labels) as K[]).map((k) => (
          <tr>
            <td>{props.labels[k]}</td>
            <td class="n">{num(props.counts[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Adhoc({ r, nav }: { r: Rollup; nav: PageNav }) {
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
        <OpenByCommune r={r} nav={nav} />
      ) : a.open.length === 0 ? (
        <p>Không có vụ việc nào chưa xử lý xong.</p>
      ) : (
        <div class="scroll">
          <table>
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
                  <td>{dateVi(o.report_date)}</td>
                  <td>{o.commune}</td>
                  <td>{o.team_name}</td>
                  <td>{TASK_AREAS[o.area] ?? o.area}</td>
                  <td class={o.urgency === "normal" ? "" : "bad"}>{URGENCIES[o.urgency] ?? o.urgency}</td>
                  <td>{ADHOC_STATUSES[o.status] ?? o.status}</td>
                  {detail ? <td>{o.content ?? ""}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Above commune level: open ad-hoc reports counted per commune and urgency; each report is in the drill-down. */
function OpenByCommune({ r, nav }: { r: Rollup; nav: PageNav }) {
  const rows = r.adhoc.open_by_commune;
  if (rows.length === 0) return <p>Không có vụ việc nào chưa xử lý xong.</p>;
  const urgencies = Object.keys(URGENCIES) as (keyof typeof URGENCIES)[];
  const sum = (f: (x: (typeof rows)[number]) => number) => rows.reduce((n, x) => n + f(x), 0);
  return (
    <>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>Xã, phường</th>
              <th class="n">Số vụ việc</th>
              {urgencies.map((u) => (
                <th class="n">{URGENCIES[u]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr>
                <td>
                  <CommuneName id={o.commune_id} label={o.commune} nav={nav} />
                </td>
                <td class="n">{num(o.total)}</td>
                {urgencies.map((u) => (
                  <td class={u !== "normal" && o.by_urgency[u] ? "n bad" : "n"}>{num(o.by_urgency[u])}</td>
                ))}
              </tr>
            ))}
            <tr class="total">
              <td>Tổng cộng</td>
              <td class="n">{num(sum((o) => o.total))}</td>
              {urgencies.map((u) => (
                <td class="n">{num(sum((o) => o.by_urgency[u]))}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {nav.communeHref ? <p class="muted">Bấm tên xã để xem từng vụ việc.</p> : null}
    </>
  );
}

function Meetings({ r }: { r: Rollup }) {
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

function Evaluations({ r, nav }: { r: Rollup; nav: PageNav }) {
  const e = r.evaluations;
  const ratings = Object.keys(RATINGS) as (keyof typeof RATINGS)[];
  return (
    <section>
      <h2>Đánh giá, xếp loại và đề xuất khen thưởng</h2>
      {e.periods.length === 0 ? (
        <p>Chưa có kết quả đánh giá, xếp loại cho kỳ này.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>Kỳ đánh giá</th>
                {ratings.map((k) => (
                  <th class="n">{RATINGS[k]}</th>
                ))}
                <th class="n">Đề xuất khen thưởng</th>
              </tr>
            </thead>
            <tbody>
              {e.periods.map((p) => (
                <tr>
                  <td>{p.label_vi}</td>
                  {ratings.map((k) => (
                    <td class="n">{num(p.by_rating[k])}</td>
                  ))}
                  <td class="n">{num(p.commendations)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.depth === "commune" && e.commendations_by_commune.length ? (
        <>
          <h3>Các tổ được đề xuất khen thưởng</h3>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>Xã, phường</th>
                  <th class="n">Số đề xuất khen thưởng</th>
                </tr>
              </thead>
              <tbody>
                {e.commendations_by_commune.map((c) => (
                  <tr>
                    <td>
                      <CommuneName id={c.commune_id} label={c.commune} nav={nav} />
                    </td>
                    <td class="n">{num(c.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {nav.communeHref ? <p class="muted">Bấm tên xã để xem các tổ được đề xuất.</p> : null}
        </>
      ) : null}
      {e.commendations.length ? (
        <>
          <h3>Các tổ được đề xuất khen thưởng</h3>
          <ul>
            {e.commendations.map((c) => (
              <li>
                {c.team_name}, {midSentence(c.commune)} ({c.period}){c.text ? `: ${c.text}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Milestones({ r }: { r: Rollup }) {
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

function Notes({ r }: { r: Rollup }) {
  const notes = r.notes ?? [];
  return (
    <section>
      <h2>Khó khăn, vướng mắc và đề xuất của các tổ</h2>
      {notes.length === 0 ? (
        <p>Không có khó khăn, đề xuất nào trong báo cáo tuần của kỳ này.</p>
      ) : (
        <div class="scroll">
          <table>
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
                  <td>{weekShort(n.week)}</td>
                  <td>{n.team_name}</td>
                  <td>{n.difficulties ?? ""}</td>
                  <td>{n.proposals ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
