/**
 * "Dữ liệu hộ": a household's data on request — find it by commune and household code, read
 * everything stored about it, download it as JSON, and erase it (../households.tsx). Personal data is
 * shown here only to an operator of the commune's unit; the page is never cached.
 */
import { SHEETS } from "../../../../shared/templates";
import { formatDateTimeVi } from "../../../../shared/text";
import type { EraseResult } from "../../privacy/erase";
import type { HouseholdRecord } from "../../privacy/household";
import type { Principal } from "../env";
import { ConsolePage, Msg } from "./layout";

type Row = Record<string, unknown>;

/** A stored value as a clerk reads it. */
function shown(v: unknown): string {
  if (v === null || v === undefined || v === "") return "";
  if (Array.isArray(v)) return v.join(", ");
  if (typeof v === "boolean") return v ? "Có" : "Không";
  return String(v);
}

/** One table of rows with the sheet's Vietnamese headers (only its columns). */
function SheetRows(props: { sheet: "households" | "changes"; rows: Row[] }) {
  const cols = Object.values(SHEETS[props.sheet].columns) as { key: string; header: string }[];
  if (!props.rows.length) return <p class="muted">Không có.</p>;
  return (
    <div class="scroll">
      <table class="cards">
        <thead>
          <tr>
            {cols.map((c) => (
              <th>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              {cols.map((c) => (
                <td data-h={c.header}>{shown(r[c.key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface HouseholdPageProps {
  who: Principal;
  nonce?: string;
  communes: { id: string; label: string }[];
  commune: string | null;
  code: string;
  record?: HouseholdRecord | null;
  erased?: EraseResult;
  flash?: { kind: "ok" | "bad"; text: string };
}

export function HouseholdPage(p: HouseholdPageProps) {
  const rec = p.record;
  const q = new URLSearchParams({ xa: p.commune ?? "", ma: p.code }).toString();
  return (
    <ConsolePage title="Dữ liệu của một hộ gia đình" who={p.who} section="ho" {...(p.nonce ? { nonce: p.nonce } : {})}>
      <p class="muted">
        Theo yêu cầu của hộ gia đình (Luật Bảo vệ dữ liệu cá nhân 2025): xem, tải về mọi dữ liệu đã lưu về hộ, hoặc xóa dữ liệu cá nhân của
        hộ. Số liệu tổng hợp được giữ nguyên.
      </p>
      {p.flash ? <Msg kind={p.flash.kind}>{p.flash.text}</Msg> : null}
      {p.erased ? (
        <Msg kind="ok">
          Đã xóa dữ liệu cá nhân của hộ {p.erased.household_code}: họ tên, năm sinh, dân tộc, ghi chú trong danh sách hộ, biến động nhân
          khẩu, các phiên bản cũ và {p.erased.payloads} bản gửi đã lưu. Số liệu tổng hợp giữ nguyên. Nếu xã gửi lại trang tính còn hộ này,
          bản gửi vẫn được nhận và cán bộ xã được nhắc xóa trên trang tính.
        </Msg>
      ) : null}
      <form class="stack" method="get" action="/admin/ho">
        <label>
          Xã, phường
          <select name="xa" required>
            <option value="">— Chọn xã —</option>
            {p.communes.map((c) => (
              <option value={c.id} selected={c.id === p.commune}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mã hộ
          <input name="ma" value={p.code} required maxlength={40} />
        </label>
        <button class="main" type="submit">
          Tìm
        </button>
      </form>
      {rec ? (
        <>
          <h2>Hộ {rec.household_code}</h2>
          {rec.erased ? <Msg kind="bad">Hộ này đã yêu cầu xóa dữ liệu; dữ liệu cá nhân đã được xóa.</Msg> : null}
          <p class="row-actions noprint">
            <a class="button" href={`/admin/ho.json?${q}`}>
              Tải về (JSON)
            </a>
          </p>
          <h3>Danh sách hộ (mẫu 02)</h3>
          <SheetRows sheet="households" rows={rec.register ? [rec.register] : []} />
          <h3>Biến động nhân khẩu</h3>
          <SheetRows sheet="changes" rows={rec.changes} />
          <h3>Phiên bản cũ của biến động ({rec.revisions.length})</h3>
          <SheetRows sheet="changes" rows={rec.revisions.map((r) => r.data)} />
          <h3>Các bản gửi có hộ này ({rec.submissions.length})</h3>
          {rec.submissions.length ? (
            <ul>
              {rec.submissions.map((s) => (
                <li>
                  {formatDateTimeVi(s.received_at)} — bản gửi {s.submission_id}: {s.households.length} dòng danh sách hộ, {s.changes.length}{" "}
                  dòng biến động
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Không có (bản gửi gốc đã quá thời hạn lưu hoặc đã xóa).</p>
          )}
          <h3>Xóa dữ liệu cá nhân của hộ</h3>
          <form class="stack" method="post" action="/admin/ho/xoa">
            <input type="hidden" name="xa" value={p.commune ?? ""} />
            <input type="hidden" name="ma" value={rec.household_code} />
            <label>
              Nhập lại mã hộ để xác nhận (không hoàn tác được)
              <input name="xac-nhan" required maxlength={40} autocomplete="off" />
            </label>
            <button class="main" type="submit">
              Xóa dữ liệu cá nhân của hộ
            </button>
          </form>
        </>
      ) : null}
    </ConsolePage>
  );
}
