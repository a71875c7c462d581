/**
 * Setup sheets: one A4 page per commune with what its clerk needs to connect the add-on — the steps,
 * the connection code (worker address + token, shared/contract.ts) as text and as a QR code. Shown
 * only in the answer that issued or rotated the tokens: they are not stored, so a reprint needs a
 * new token (the old one is revoked).
 */
import { connectionCode } from "../../../../shared/contract";
import { formatDateTimeVi } from "../../../../shared/text";
import type { Principal } from "../env";
import { ConsolePage, Msg } from "./layout";
import { QrCode } from "./qr";

const CSS = `
.sheet { background: #fff; border: 1px solid var(--line); max-width: 210mm; margin: 12px auto; padding: 12mm 14mm; font-size: 12pt; line-height: 1.45; }
.sheet h2 { border: 0; margin: 0 0 2mm; font-size: 15pt; text-align: center; }
.sheet .sub { text-align: center; margin: 0 0 5mm; }
.sheet ol { padding-left: 6mm; margin: 3mm 0; }
.sheet ol li { margin: 1.5mm 0; }
.sheet .code-box { display: grid; grid-template-columns: 1fr auto; gap: 5mm; align-items: center; border: 2px solid #000; padding: 4mm; margin: 4mm 0; }
.sheet .code { font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; font-size: 11pt; overflow-wrap: anywhere; word-break: break-all; }
.sheet .warn { font-size: 10.5pt; }
.sheet .meta { color: var(--muted); font-size: 9.5pt; margin-top: 4mm; }
@media (max-width: 600px) { .sheet { padding: 10px; font-size: 14px; } .sheet .code-box { grid-template-columns: 1fr; justify-items: center; } }
@media print {
  @page { size: A4; margin: 0; }
  body { background: #fff; }
  main > h1, .noprint { display: none !important; }
  .sheet { border: 0; margin: 0; max-width: none; width: 210mm; min-height: 296mm; padding: 16mm 18mm; break-after: page; }
  .sheet:last-child { break-after: auto; }
}
`;

export interface SheetCommune {
  unit_id: string;
  code: string;
  /** "Phường Chũ". */
  name: string;
  /** "Phường Chũ, Tỉnh Bắc Ninh". */
  label: string;
  clerk_name: string | null;
  spreadsheet_url: string | null;
  token: string;
  rotated: boolean;
}

export function SetupSheet(props: { c: SheetCommune; workerUrl: string; issuedAt: Date; issuedBy: string }) {
  const { c } = props;
  const code = connectionCode({ commune_code: c.code, worker_url: props.workerUrl, token: c.token });
  return (
    <section class="sheet" data-unit={c.unit_id}>
      <h2>PHIẾU CÀI ĐẶT TIỆN ÍCH DÂN VẬN</h2>
      <p class="sub">
        <b>{c.label}</b> — mã xã <b>{c.code}</b>
        {c.clerk_name ? (
          <>
            <br />
            Cán bộ phụ trách: {c.clerk_name}
          </>
        ) : null}
      </p>
      <ol>
        <li>
          Mở bảng tính của xã trên Google Trang tính
          {c.spreadsheet_url ? (
            <>
              : <span class="code">{c.spreadsheet_url}</span>
            </>
          ) : (
            " (bảng tính huyện/tỉnh đã tạo và chia sẻ cho xã, hoặc một bảng tính mới)"
          )}
          .
        </li>
        <li>Cài tiện ích “Dân vận” (menu Tiện ích mở rộng → Tiện ích bổ sung), rồi mở menu Dân vận.</li>
        <li>
          Dân vận → <b>Thiết lập mẫu</b>: nhập mã xã <b>{c.code}</b> và tên <b>{c.name}</b>.
        </li>
        <li>
          Dân vận → <b>Cài đặt kết nối</b>: dán cả dòng <b>mã kết nối</b> dưới đây vào ô “Mã kết nối” rồi bấm Lưu. Có thể quét mã QR bằng
          điện thoại, gửi chữ đọc được sang máy tính (Zalo “Cloud của tôi”) rồi dán.
        </li>
        <li>
          Nhập số liệu, bấm Dân vận → <b>Kiểm tra</b>, sửa các ô bị tô màu, rồi Dân vận → <b>Gửi báo cáo</b>. Báo cáo tuần nộp chậm nhất hết
          thứ Hai của tuần sau.
        </li>
      </ol>
      <div class="code-box">
        <div>
          <div>Mã kết nối:</div>
          <div class="code" data-connection-code>
            {code}
          </div>
        </div>
        <QrCode text={code} size="42mm" label={`Mã QR của mã kết nối ${c.label}`} />
      </div>
      <p class="warn">
        <b>Giữ kín mã kết nối</b>: ai có mã này gửi được báo cáo thay xã. Không đăng vào nhóm Zalo chung, không chụp gửi người ngoài. Mất
        hoặc lộ mã: báo ngay để được cấp mã mới (mã cũ bị thu hồi).
      </p>
      <p class="meta">
        {c.rotated ? "Mã mới (thay mã cũ đã thu hồi)" : "Cấp mã"} lúc {formatDateTimeVi(props.issuedAt)} bởi {props.issuedBy}. Máy chủ:{" "}
        {props.workerUrl}
      </p>
    </section>
  );
}

export function SetupSheetsPage(props: {
  who: Principal;
  nonce?: string;
  communes: SheetCommune[];
  skipped: { label: string; reason: string }[];
  workerUrl: string;
  issuedAt: Date;
}) {
  const n = props.communes.length;
  return (
    <ConsolePage title="Phiếu cài đặt" who={props.who} section="phieu" css={CSS} {...(props.nonce ? { nonce: props.nonce } : {})}>
      <div class="noprint">
        {n ? (
          <Msg kind="ok">
            Đã cấp mã cho {n} xã. Đây là lần duy nhất các mã này được hiện: hãy in ngay (mỗi xã một trang A4). Muốn in lại phải đổi mã.
          </Msg>
        ) : (
          <Msg kind="bad">Không cấp mã cho xã nào.</Msg>
        )}
        {props.skipped.length ? (
          <Msg kind="bad">
            Bỏ qua {props.skipped.length} xã:
            <ul>
              {props.skipped.map((s) => (
                <li>
                  {s.label}: {s.reason}
                </li>
              ))}
            </ul>
          </Msg>
        ) : null}
        {n ? (
          <p>
            <button type="button" class="main" data-print>
              In {n} phiếu
            </button>{" "}
            <a href="/admin/phieu">Quay lại danh sách</a>
          </p>
        ) : null}
      </div>
      {props.communes.map((c) => (
        <SetupSheet c={c} workerUrl={props.workerUrl} issuedAt={props.issuedAt} issuedBy={props.who.email} />
      ))}
    </ConsolePage>
  );
}
