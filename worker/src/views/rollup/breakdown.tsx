/**
 * "Chi tiết theo xã, thôn, tổ": one row per commune (with its villages and teams below commune
 * level) and a total. The propaganda columns are the weekly sheet's propaganda counts, each under
 * its short header (shared/templates.ts weeklySheet). Colour marks only what is out of range (the
 * plan's 30–50 households a team, shared/rules/households.ts): a team's households, and on a
 * commune or village row its number of teams when some are; missing reports are in red. On a phone
 * each row is a card (views/layout.tsx `table.stack`).
 */
import { HOUSEHOLDS_PER_TEAM } from "../../../../shared/rules/households";
import type { CountColumn } from "../../../../shared/weekly-counts";
import type { CommuneNode, Figures, Rollup, TeamNode, VillageNode } from "../../rollup/types";
import { dateTimeVi, dateVi, midSentence, num, pct } from "../format";
import type { PageNav } from "./nav";
import { CommuneName } from "./parts";

interface Props {
  /** The counts shown as columns: the propaganda group's. */
  counts: readonly CountColumn[];
}

/** A figure column: its header, its value, and the cell's class (out of range, missing). */
interface Column {
  head: string;
  value(f: Figures): string;
  cls?(f: Figures, team: boolean): string | undefined;
  /** The cell's tooltip, e.g. why it is coloured. */
  title?(f: Figures, team: boolean): string | undefined;
}

const { min, max } = HOUSEHOLDS_PER_TEAM;

const outside = (f: Figures) => f.register.teams_outside_range;

function columns(counts: readonly CountColumn[]): Column[] {
  return [
    {
      head: "Số tổ",
      value: (f) => num(f.register.teams),
      cls: (f, team) => (!team && outside(f) > 0 ? "out" : undefined),
      title: (f, team) => (!team && outside(f) > 0 ? `${num(outside(f))} tổ ngoài mức ${min}–${max} hộ` : undefined),
    },
    { head: "Thành viên", value: (f) => num(f.register.members) },
    {
      head: "Số hộ",
      value: (f) => num(f.register.households),
      cls: (f, team) => (team && outside(f) > 0 ? "out" : undefined),
      title: (f, team) => (team && outside(f) > 0 ? `Ngoài mức ${min}–${max} hộ` : undefined),
    },
    { head: "Nhân khẩu", value: (f) => num(f.register.people) },
    { head: "Hộ Zalo", value: (f) => pct(f.register.zalo_pct) },
    { head: "BC phải nộp", value: (f) => num(f.reporting.expected) },
    { head: "Đã nộp", value: (f) => num(f.reporting.received) },
    { head: "Đúng hạn", value: (f) => num(f.reporting.on_time) },
    { head: "Chưa nộp", value: (f) => num(f.reporting.missing), cls: (f) => (f.reporting.missing ? "bad" : undefined) },
    { head: "Tỷ lệ BC", value: (f) => pct(f.reporting.reporting_rate) },
    ...counts.map(
      (c): Column => ({ head: c.figure.short ?? c.header, value: (f) => num((f.propaganda as Record<string, number>)[c.key]) }),
    ),
    { head: "Tăng/giảm nhân khẩu", value: (f) => num(f.changes.net) },
  ];
}

function FigureCells({ f, team, cols }: { f: Figures; team?: TeamNode; cols: Column[] }) {
  return (
    <>
      {cols.map((c) => {
        const cls = c.cls?.(f, !!team);
        return (
          <td class={cls ? `n ${cls}` : "n"} data-label={c.head} title={c.title?.(f, !!team)}>
            {c.value(f)}
          </td>
        );
      })}
    </>
  );
}

export function Breakdown({ r, nav, counts }: Props & { r: Rollup; nav: PageNav }) {
  const communesOnly = r.depth === "commune";
  const cols = columns(counts);
  return (
    <section class="wide">
      <h2>{communesOnly ? "Chi tiết theo xã, phường" : "Chi tiết theo xã, thôn, tổ"}</h2>
      {communesOnly && nav.communeHref ? <p class="muted noprint">Bấm tên xã, phường để xem chi tiết theo thôn, tổ.</p> : null}
      <div class="scroll">
        <table class="stack figures">
          <thead>
            <tr>
              <th>Đơn vị</th>
              {cols.map((c) => (
                <th class="n">{c.head}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.communes.map((c) => (
              <CommuneRows c={c} known={new Set([r.unit.id, ...r.unit.parents.map((u) => u.id)])} nav={nav} cols={cols} />
            ))}
            <tr class="total">
              <td class="name">Tổng cộng</td>
              <FigureCells f={r.totals} cols={cols} />
            </tr>
          </tbody>
        </table>
      </div>
      <p class="muted">
        Ô tô màu hồng là số liệu ngoài mức: tổ phụ trách ít hơn {min} hoặc nhiều hơn {max} hộ (ở dòng xã, thôn: ô số tổ, khi có tổ ngoài
        mức). Số chữ đỏ: báo cáo tuần chưa nộp.
      </p>
    </section>
  );
}

/**
 * A commune with its villages and teams (none at depth "commune"); `known` units (the link's unit and
 * its parents) are not repeated.
 */
function CommuneRows({ c, known, nav, cols }: { c: CommuneNode; known: Set<string>; nav: PageNav; cols: Column[] }) {
  const merged = c.sources.filter((s) => s.id !== c.unit.id);
  const parents = c.parents.filter((p) => !known.has(p.id));
  return (
    <>
      <tr class="commune">
        <td class="name">
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
          {c.undetermined ? (
            <div class="muted">Các thôn này chưa được xác định chuyển về đơn vị mới nào (xã cũ khai ở trang “Chuyển đổi thôn”).</div>
          ) : null}
          {c.last_received_at ? <div class="muted">Cập nhật: {dateTimeVi(c.last_received_at)}</div> : null}
        </td>
        <FigureCells f={c} cols={cols} />
      </tr>
      {c.villages.map((v) => (
        <VillageRows v={v} cols={cols} />
      ))}
    </>
  );
}

function VillageRows({ v, cols }: { v: VillageNode; cols: Column[] }) {
  return (
    <>
      <tr class="village">
        <td class="name">{v.village_name}</td>
        <FigureCells f={v} cols={cols} />
      </tr>
      {v.teams.map((t) => (
        <tr>
          <td class="name">
            {t.team_name}
            {t.dissolved_on ? <span class="muted"> (giải thể {dateVi(t.dissolved_on)})</span> : null}
          </td>
          <FigureCells f={t} team={t} cols={cols} />
        </tr>
      ))}
    </>
  );
}
