/**
 * "Xã, phường": add communes from a CSV file (checked first, applied with one click), and the list
 * of the unit's registered communes with their clerk, token and last submission — rotate (prints a
 * new setup sheet) or revoke each commune's token.
 */
import type { CommuneListRow } from "../../rollout/communes";
import { MAX_ROSTER_BYTES } from "../../rollout/roster-file";
import { dateTimeVi } from "../../views/format";
import type { Principal } from "../env";
import type { UnitChoice } from "../unit-choice";
import { ConsolePage, Msg } from "./layout";
import { type ProvinceCount, ProvinceTable, TokenChip, UnitPicker } from "./parts";

export function UploadForm(props: { unitId: string | null; label: string }) {
  return (
    <section class="noprint">
      <h2>Thêm xã từ tệp danh sách (CSV)</h2>
      <p>
        Tệp CSV (UTF-8), dòng đầu là tên cột: <b>Mã xã</b> (5 chữ số, bắt buộc), Tên xã, Họ tên cán bộ, Điện thoại, Email. Thêm vào:{" "}
        <b>{props.label}</b>. Bước này chỉ kiểm tra, <b>chưa ghi gì</b>: bạn xem từng dòng (mới / đã có / không nhận và lý do) rồi mới bấm
        áp dụng.
      </p>
      <p class="muted">
        Từ Excel: Tệp → Lưu thành → “CSV UTF-8 (Comma delimited)”. Định dạng cột Mã xã là Văn bản để giữ số 0 ở đầu. Tối đa{" "}
        {MAX_ROSTER_BYTES / 1024 / 1024} MB.
      </p>
      <form class="stack" method="post" action="/admin/xa/tai-len" enctype="multipart/form-data">
        <input type="hidden" name="don-vi" value={props.unitId ?? ""} />
        <label>
          Tệp danh sách xã
          <input type="file" name="tep" accept=".csv,text/csv" required />
        </label>
        <div>
          <button type="submit" class="main">
            Kiểm tra tệp (chưa ghi gì)
          </button>
        </div>
      </form>
    </section>
  );
}

function CommuneTable(props: { rows: CommuneListRow[]; canChange: boolean; unitId: string | null }) {
  if (!props.rows.length) return <p>Chưa có xã nào. Hãy tải danh sách xã lên ở trên.</p>;
  return (
    <div class="scroll">
      <table class="cards">
        <thead>
          <tr>
            <th>Xã, phường</th>
            <th>Cán bộ</th>
            <th>Mã gửi báo cáo</th>
            <th>Lần gửi gần nhất</th>
            {props.canChange ? <th class="noprint">Việc</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr data-unit={r.unit.id}>
              <td data-h="Xã">
                <b>{r.unit.short}</b> <span class="muted">({r.unit.code})</span>
                <div class="muted">{r.unit.label}</div>
              </td>
              <td data-h="Cán bộ">
                {r.clerk_name ?? ""}
                {r.clerk_phone ? <div>{r.clerk_phone}</div> : null}
                {r.clerk_email ? <div class="muted">{r.clerk_email}</div> : null}
              </td>
              <td data-h="Mã">
                <TokenChip tokens={r.tokens} since={r.token_issued_at} />
              </td>
              <td data-h="Gửi gần nhất">{r.last_submission_at ? dateTimeVi(r.last_submission_at) : "chưa gửi"}</td>
              {props.canChange ? (
                <td class="noprint" data-h="Việc">
                  <div class="row-actions">
                    <form class="inline" method="post" action="/admin/phieu">
                      <input type="hidden" name="xa" value={r.unit.id} />
                      <input type="hidden" name="viec" value={r.tokens ? "rotate" : "issue"} />
                      <button type="submit" class="plain">
                        {r.tokens ? "Đổi mã và in lại phiếu" : "Cấp mã và in phiếu"}
                      </button>
                    </form>
                    {r.tokens ? (
                      <form class="inline" method="post" action="/admin/xa/thu-hoi">
                        <input type="hidden" name="xa" value={r.unit.id} />
                        <input type="hidden" name="don-vi" value={props.unitId ?? ""} />
                        <button type="submit" class="plain">
                          Thu hồi mã
                        </button>
                      </form>
                    ) : null}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CommunesPage(props: {
  who: Principal;
  nonce?: string;
  choice: UnitChoice;
  pickable: { id: string; label: string }[];
  canChange: boolean;
  flash?: { kind: "ok" | "bad"; text: string };
  rows: CommuneListRow[] | null;
  provinces: ProvinceCount[] | null;
}) {
  const { choice } = props;
  return (
    <ConsolePage title={`Xã, phường — ${choice.label}`} who={props.who} section="xa" {...(props.nonce ? { nonce: props.nonce } : {})}>
      {props.flash ? <Msg kind={props.flash.kind}>{props.flash.text}</Msg> : null}
      <UnitPicker action="/admin/xa" current={choice.unitId} options={props.pickable} />
      {props.canChange ? <UploadForm unitId={choice.unitId} label={choice.label} /> : null}
      <section>
        <h2>Các xã đã thêm</h2>
        {props.provinces ? (
          <ProvinceTable path="/admin/xa" rows={props.provinces} otherHeader="Có mã gửi báo cáo" />
        ) : (
          <CommuneTable rows={props.rows ?? []} canChange={props.canChange} unitId={choice.unitId} />
        )}
      </section>
    </ConsolePage>
  );
}
