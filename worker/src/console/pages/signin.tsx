/** The development sign-in (npm start only): ADMIN_SECRET, and optionally an operator to act as. */
import { Layout } from "../../views/layout";
import { Msg } from "./layout";

const CSS = `
header.console { background: var(--accent); color: #fff; padding: 10px 12px; }
form.stack { display: grid; gap: 10px; max-width: 420px; }
form.stack label { display: grid; gap: 4px; }
form.stack input { font: inherit; padding: 8px; min-height: 40px; }
button.main { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: 8px 14px; font: inherit; min-height: 40px; }
.msg { padding: 8px 10px; border-radius: 4px; margin: 8px 0; } .msg.bad { background: #fdecea; border: 1px solid #f5a097; }
`;

export function SignInPage(props: { next: string; error?: string; email?: string }) {
  return (
    <Layout title="Đăng nhập thử — Bảng điều khiển Dân vận" head={<style dangerouslySetInnerHTML={{ __html: CSS }} />}>
      <header class="console">
        <b>Dân vận · Bảng điều khiển</b>
      </header>
      <main>
        <h1 style="font-size:1.2rem">Đăng nhập thử (máy phát triển)</h1>
        <p class="muted">
          Trên máy chủ thật, bảng điều khiển đăng nhập qua Cloudflare Access; trang này chỉ có khi chạy <code>npm start</code>.
        </p>
        {props.error ? <Msg kind="bad">{props.error}</Msg> : null}
        <form class="stack" method="post" action="/admin/dang-nhap">
          <input type="hidden" name="tiep" value={props.next} />
          <label>
            Mã quản trị (ADMIN_SECRET trong tệp .dev.vars)
            <input type="password" name="secret" required autocomplete="off" />
          </label>
          <label>
            Đăng nhập như cán bộ (email, để trống: quản trị cả nước)
            <input type="email" name="email" value={props.email ?? ""} autocomplete="off" />
          </label>
          <div>
            <button type="submit" class="main">
              Đăng nhập
            </button>
          </div>
        </form>
      </main>
    </Layout>
  );
}
