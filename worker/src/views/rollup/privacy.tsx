/**
 * On a commune's own (detail) link only: the privacy notice (shared/privacy.ts) and "who looked" —
 * the recent accesses to the commune's links from the access log (time and link label; never an IP).
 */
import type { PrivacyNotice } from "../../../../shared/privacy";
import { dateTimeVi } from "../format";

export interface LinkAccess {
  /** ISO instant. */
  at: string;
  /** The link's label as the console or admin named it; null when it has none. */
  label: string | null;
  /** What was opened: the page, its JSON or CSV, a printable form. */
  route: string;
}

export interface PrivacyPart {
  notice: PrivacyNotice;
  accesses: LinkAccess[];
}

const ROUTE_LABELS: Record<string, string> = {
  page: "Trang tổng hợp",
  json: "Dữ liệu JSON",
  csv: "Bảng tính CSV",
  "mau-01": "Mẫu 01",
  "mau-02": "Mẫu 02",
};

export function Privacy({ p }: { p: PrivacyPart }) {
  return (
    <>
      <section id="truy-cap">
        <h2>Ai đã xem dữ liệu của xã</h2>
        {p.accesses.length === 0 ? (
          <p>Chưa có lượt truy cập nào.</p>
        ) : (
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>Thời gian</th>
                  <th>Đường dẫn</th>
                  <th>Nội dung</th>
                </tr>
              </thead>
              <tbody>
                {p.accesses.map((a) => (
                  <tr>
                    <td>{dateTimeVi(a.at)}</td>
                    <td>{a.label ?? "(không tên)"}</td>
                    <td>{ROUTE_LABELS[a.route] ?? "Khác"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section id="du-lieu-ca-nhan">
        <h2>{p.notice.title}</h2>
        {p.notice.items.map((i) => (
          <p>
            <strong>{i.heading}:</strong> {i.text}
          </p>
        ))}
      </section>
    </>
  );
}
