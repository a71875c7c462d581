/** "Báo cáo tuần": reporting figures, the reporting rate per commune or team, and who has not reported. */
import type { Rollup } from "../../rollup/types";
import { BarChart } from "../chart";
import { midSentence, num, pct, weekRangesVi } from "../format";
import type { PageNav } from "./nav";
import { Card, perCommune } from "./parts";

export function Reporting({ r }: { r: Rollup; nav?: PageNav }) {
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
      {r.depth === "commune" ? (
        <p class="muted">Tỷ lệ báo cáo, số tổ chưa nộp đủ của từng xã: bảng “Theo xã, phường”; các tuần chưa nộp: trang của xã.</p>
      ) : (
        <>
          <h3>{byCommune ? "Tỷ lệ báo cáo theo xã" : "Tỷ lệ báo cáo theo tổ"}</h3>
          <BarChart title={byCommune ? "Tỷ lệ báo cáo theo xã" : "Tỷ lệ báo cáo theo tổ"} bars={bars} percent />
          <h3>Các tổ chưa nộp đủ báo cáo tuần</h3>
        </>
      )}
      {r.depth === "commune" ? null : r.missing_reports.length === 0 ? (
        <p>Tất cả các tổ đã nộp đủ báo cáo tuần trong kỳ.</p>
      ) : (
        <div class="scroll">
          <table class="stack">
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
                  <td class="name">
                    {m.team_name}
                    <div class="muted">
                      {m.village}, {midSentence(m.commune)}
                    </div>
                  </td>
                  <td class="n bad" data-label="Thiếu">
                    {num(m.weeks.length)}
                  </td>
                  <td class="weeks text" data-label="Các tuần chưa nộp">
                    {weekRangesVi(m.weeks)}
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
