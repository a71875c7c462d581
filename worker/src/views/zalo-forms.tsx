/** The commune link's page of weekly report forms, one Zalo message per team (../rollup/zalo-forms.ts). */
import type { ZaloFormsView } from "../rollup/zalo-forms";
import { Layout } from "./layout";

export function ZaloFormsPage({ v, commune, back }: { v: ZaloFormsView; commune: string; back: string }) {
  return (
    <Layout title={`Mẫu tin nhắn báo cáo tuần — ${commune}`}>
      <header class="top">
        <h1>Mẫu tin nhắn báo cáo tuần gửi các tổ</h1>
        <p>
          <strong>{commune}</strong> — {v.label}
        </p>
      </header>
      <main>
        <nav class="links">
          <a href={back}>‹ Trang tổng hợp</a>
        </nav>
        <form method="get" class="noprint">
          <label>
            Tuần <input name="week" value={v.week} size={10} />
          </label>{" "}
          <button type="submit">Xem</button>
        </form>
        {v.invalid ? <p class="warn">Không đọc được tuần đã nhập; đang hiển thị tuần mặc định.</p> : null}
        <p class="muted">
          Sao chép tin nhắn của từng tổ gửi vào nhóm Zalo; tổ điền số sau dấu ":" rồi gửi lại. Cán bộ xã dán các tin nhắn trả lời vào bảng
          tính (Dân vận → Dán báo cáo Zalo).
        </p>
        {v.forms.length === 0 ? <p class="warn">Không có tổ nào hoạt động trong tuần này.</p> : null}
        {v.forms.map((f) => (
          <section>
            <h2>
              {f.team_code} – {f.team_name}
            </h2>
            <pre class="zalo">{f.text}</pre>
          </section>
        ))}
      </main>
    </Layout>
  );
}
