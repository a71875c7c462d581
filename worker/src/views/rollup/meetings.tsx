/**
 * "Họp tổ": meetings held by kind, how many member attendances, and per commune its meetings and
 * the teams that skipped a quarter's periodic meeting (worker/src/rollup/meetings.ts). On an
 * aggregate link teams are named by code.
 */
import { MEETING_KINDS } from "../../../../shared/enums";
import { parsePeriodKey } from "../../../../shared/periods";
import type { MeetingsOfCommune, Rollup } from "../../rollup/types";
import { num } from "../format";
import type { PageNav } from "./nav";
import { CommuneName } from "./parts";

const quarterLabel = (key: string) => parsePeriodKey(key)?.label_vi ?? key;

/** "Tổ QT-T3 (Quý I/2022), Tổ số 2 (Quý II/2022)". */
function skippedText(m: MeetingsOfCommune): string {
  return m.skipped.map((s) => `${s.team_name} (${quarterLabel(s.quarter)})`).join(", ");
}

export function Meetings({ r, nav }: { r: Rollup; nav: PageNav }) {
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
      <h3>Họp định kỳ theo xã</h3>
      {m.quarters.length === 0 ? (
        <p>Trong kỳ này chưa có quý nào kết thúc, chưa xét họp định kỳ hằng quý.</p>
      ) : m.by_commune.length === 0 ? (
        <p>Không có tổ nào phải họp định kỳ trong kỳ này.</p>
      ) : r.depth === "commune" ? (
        <p>
          Lượt tổ phải họp định kỳ: <strong>{num(m.by_commune.reduce((n, c) => n + c.owed, 0))}</strong>; lượt tổ chưa họp:{" "}
          <strong>{num(m.by_commune.reduce((n, c) => n + c.skipped.length, 0))}</strong>
          <span class="muted"> (từng xã: bảng “Theo xã, phường”; tên các tổ: trang của xã)</span>
        </p>
      ) : (
        <>
          <div class="scroll">
            <table class="stack">
              <thead>
                <tr>
                  <th>Xã, phường</th>
                  <th class="n">Số cuộc họp</th>
                  <th class="n">Lượt tổ phải họp định kỳ</th>
                  <th class="n">Lượt tổ chưa họp</th>
                  <th>Tổ chưa họp định kỳ</th>
                </tr>
              </thead>
              <tbody>
                {m.by_commune.map((c) => (
                  <tr>
                    <td class="name">
                      <CommuneName id={c.commune_id} label={c.commune} nav={nav} />
                    </td>
                    <td class="n" data-label="Số cuộc họp">
                      {num(c.total)}
                    </td>
                    <td class="n" data-label="Lượt tổ phải họp định kỳ">
                      {num(c.owed)}
                    </td>
                    <td class={c.skipped.length ? "n bad" : "n"} data-label="Lượt tổ chưa họp">
                      {num(c.skipped.length)}
                    </td>
                    <td class="text" data-label="Tổ chưa họp định kỳ">
                      {skippedText(c)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="muted">
            Theo kế hoạch, tổ họp định kỳ hằng quý (họp 6 tháng, họp năm thay cho họp quý II, quý IV). Xét các quý kết thúc trong kỳ:{" "}
            {m.quarters.map(quarterLabel).join(", ")}; mỗi tổ còn hoạt động đến ngày cuối quý phải có một cuộc họp trong quý.
          </p>
        </>
      )}
    </section>
  );
}
