/**
 * The dry run of an uploaded commune list: counts, then every line — new, already there (what would
 * change), refused with each reason — and one button that applies the new and changed lines
 * together, or nothing. A file refused whole lists why, line by line where it can.
 */

import type { RosterPreview } from "../../rollout/roster";
import type { LineProblem } from "../../rollout/roster-file";
import type { Principal } from "../env";
import type { UnitChoice } from "../unit-choice";
import { ConsolePage, Msg } from "./layout";
import { Chip } from "./parts";

const STATUS = {
  new: <Chip kind="ok">mới</Chip>,
  existing: <Chip kind="off">đã có</Chip>,
  refused: <Chip kind="bad">không nhận</Chip>,
} as const;

export function RosterRefusedPage(props: {
  who: Principal;
  nonce?: string;
  choice: UnitChoice;
  fileName: string;
  problems: string[];
  lineProblems: LineProblem[];
}) {
  return (
    <ConsolePage title="Tệp danh sách xã không đọc được" who={props.who} section="xa" {...(props.nonce ? { nonce: props.nonce } : {})}>
      <Msg kind="bad">
        Không nhận tệp {props.fileName ? `"${props.fileName}"` : ""}; chưa ghi gì.
        <ul>
          {props.problems.map((p) => (
            <li>{p}</li>
          ))}
        </ul>
      </Msg>
      {props.lineProblems.length ? (
        <section>
          <h2>Các dòng có lỗi ({props.lineProblems.length})</h2>
          <ul class="line-problems">
            {props.lineProblems.map((p) => (
              <li data-line={p.line}>{p.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={`/admin/xa${props.choice.unitId ? `?don-vi=${encodeURIComponent(props.choice.unitId)}` : ""}`}>Tải tệp khác lên</a>
      </p>
    </ConsolePage>
  );
}

export function RosterPreviewPage(props: { who: Principal; nonce?: string; choice: UnitChoice; fileName: string; preview: RosterPreview }) {
  const { preview: p, choice } = props;
  const applicable = p.counts.new + p.counts.changing;
  return (
    <ConsolePage title="Kiểm tra danh sách xã (chưa ghi gì)" who={props.who} section="xa" {...(props.nonce ? { nonce: props.nonce } : {})}>
      <p>
        Tệp <b>{props.fileName}</b>, thêm vào <b>{choice.label}</b>: {p.rows.length} dòng — <b class="count-new">{p.counts.new}</b> xã mới,{" "}
        <b class="count-existing">{p.counts.existing}</b> đã có ({p.counts.changing} có thay đổi),{" "}
        <b class="count-refused">{p.counts.refused}</b> dòng không nhận.
      </p>
      {p.ignored.length ? <p class="muted">Các cột không dùng: {p.ignored.join(", ")}.</p> : null}
      {applicable && p.uploadId ? (
        <form method="post" action="/admin/xa/ap-dung" class="noprint">
          <input type="hidden" name="lan" value={p.uploadId} />
          <input type="hidden" name="don-vi" value={choice.unitId ?? ""} />
          <p>
            <button type="submit" class="main">
              Áp dụng: thêm {p.counts.new} xã mới{p.counts.changing ? `, cập nhật ${p.counts.changing} xã` : ""}
            </button>
          </p>
          <p class="muted">
            Ghi tất cả cùng lúc, hoặc không ghi gì nếu có lỗi. Các dòng “không nhận” bị bỏ qua: sửa tệp rồi tải lại để thêm chúng.
          </p>
        </form>
      ) : (
        <Msg kind="bad">Không có dòng nào để ghi.</Msg>
      )}
      <section>
        <h2>Từng dòng</h2>
        <div class="scroll">
          <table class="cards preview">
            <thead>
              <tr>
                <th class="n">Dòng</th>
                <th>Mã xã</th>
                <th>Xã</th>
                <th>Kết quả</th>
                <th>Chi tiết</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr class={r.status} data-line={r.line} data-status={r.status}>
                  <td class="n" data-h="Dòng">
                    {r.line}
                  </td>
                  <td data-h="Mã xã">{r.code}</td>
                  <td data-h="Xã">{r.unit?.label ?? ""}</td>
                  <td data-h="Kết quả">{STATUS[r.status]}</td>
                  <td class="reasons" data-h="Chi tiết">
                    {r.status === "refused" ? (
                      <ul>
                        {r.reasons.map((m) => (
                          <li>{m}</li>
                        ))}
                      </ul>
                    ) : r.status === "existing" ? (
                      r.changes.length ? (
                        `Sẽ cập nhật: ${r.changes.join(", ")}`
                      ) : (
                        "Không thay đổi"
                      )
                    ) : (
                      "Sẽ thêm"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </ConsolePage>
  );
}
