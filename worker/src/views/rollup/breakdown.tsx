/**
 * "Chi tiết theo xã, thôn, tổ": one row per commune (with its villages and teams below commune
 * level) and a total. The propaganda columns are the weekly sheet's propaganda counts, each under
 * its short header (shared/templates.ts weeklySheet).
 */
import type { CountColumn } from "../../../../shared/weekly-counts";
import type { CommuneNode, Figures, Rollup, TeamNode, VillageNode } from "../../rollup/types";
import { dateTimeVi, dateVi, midSentence, num, pct } from "../format";
import type { PageNav } from "./nav";
import { CommuneName } from "./parts";

interface Props {
  /** The counts shown as columns: the propaganda group's. */
  counts: readonly CountColumn[];
}

function FigureCells({ f, team, counts }: Props & { f: Figures; team?: TeamNode }) {
  const outside = team ? f.register.teams_outside_range > 0 : false;
  const sums: Record<string, number> = f.propaganda;
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
      {counts.map((c) => (
        <td class="n">{num(sums[c.key])}</td>
      ))}
      <td class="n">{num(f.changes.net)}</td>
    </>
  );
}

export function Breakdown({ r, nav, counts }: Props & { r: Rollup; nav: PageNav }) {
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
              {counts.map((c) => (
                <th class="n">{c.figure.short ?? c.header}</th>
              ))}
              <th class="n">Tăng/giảm nhân khẩu</th>
            </tr>
          </thead>
          <tbody>
            {r.communes.map((c) => (
              <CommuneRows c={c} known={new Set([r.unit.id, ...r.unit.parents.map((u) => u.id)])} nav={nav} counts={counts} />
            ))}
            <tr class="total">
              <td>Tổng cộng</td>
              <FigureCells f={r.totals} counts={counts} />
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
function CommuneRows({ c, known, nav, counts }: Props & { c: CommuneNode; known: Set<string>; nav: PageNav }) {
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
        <FigureCells f={c} counts={counts} />
      </tr>
      {c.villages.map((v) => (
        <VillageRows v={v} counts={counts} />
      ))}
    </>
  );
}

function VillageRows({ v, counts }: Props & { v: VillageNode }) {
  return (
    <>
      <tr class="village">
        <td>{v.village_name}</td>
        <FigureCells f={v} counts={counts} />
      </tr>
      {v.teams.map((t) => (
        <tr>
          <td>
            {t.team_name}
            {t.dissolved_on ? <span class="muted"> (giải thể {dateVi(t.dissolved_on)})</span> : null}
          </td>
          <FigureCells f={t} team={t} counts={counts} />
        </tr>
      ))}
    </>
  );
}
