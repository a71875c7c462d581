/** "Cán bộ" (admins only): the operators of the unit — add one, change a role or unit, lock one out. */
import { ROLE_LABELS, type Role } from "../../operators/roles";
import type { OperatorRow } from "../../operators/store";
import { dateTimeVi } from "../../views/format";
import type { Principal } from "../env";
import { ConsolePage, Msg } from "./layout";
import { Chip } from "./parts";

export function OperatorsPage(props: {
  who: Principal;
  nonce?: string;
  operators: OperatorRow[];
  labels: Map<string, string>;
  roles: Role[];
  units: { id: string; label: string }[];
  flash?: { kind: "ok" | "bad"; text: string };
}) {
  return (
    <ConsolePage title="Cán bộ điều hành" who={props.who} section="can-bo" {...(props.nonce ? { nonce: props.nonce } : {})}>
      {props.flash ? <Msg kind={props.flash.kind}>{props.flash.text}</Msg> : null}
      <section class="noprint">
        <h2>Thêm hoặc sửa cán bộ</h2>
        <p class="muted">
          Cán bộ đăng nhập bằng email qua Cloudflare Access; email này phải được Access cho phép. Mỗi người chỉ thấy và thay đổi các đơn vị
          thuộc đơn vị của mình.
        </p>
        <form class="stack" method="post" action="/admin/can-bo">
          <label>
            Email
            <input type="email" name="email" required maxlength={254} />
          </label>
          <label>
            Họ tên (không bắt buộc)
            <input name="ten" maxlength={100} />
          </label>
          <label>
            Vai trò
            <select name="vai-tro">
              {props.roles.map((r) => (
                <option value={r}>{ROLE_LABELS[r]}</option>
              ))}
            </select>
          </label>
          <label>
            Phụ trách
            <select name="don-vi">
              {props.units.map((u) => (
                <option value={u.id}>{u.label}</option>
              ))}
            </select>
          </label>
          <div>
            <button type="submit" class="main">
              Lưu cán bộ
            </button>
          </div>
        </form>
      </section>
      <section>
        <h2>Danh sách ({props.operators.length})</h2>
        <div class="scroll">
          <table class="cards">
            <thead>
              <tr>
                <th>Email</th>
                <th>Vai trò</th>
                <th>Phụ trách</th>
                <th>Trạng thái</th>
                <th class="noprint">Việc</th>
              </tr>
            </thead>
            <tbody>
              {props.operators.map((o) => (
                <tr data-email={o.email}>
                  <td data-h="Email">
                    {o.email}
                    {o.name ? <div class="muted">{o.name}</div> : null}
                  </td>
                  <td data-h="Vai trò">{ROLE_LABELS[o.role]}</td>
                  <td data-h="Phụ trách">{o.unit_id ? (props.labels.get(o.unit_id) ?? o.unit_id) : "Cả nước"}</td>
                  <td data-h="Trạng thái">
                    {o.disabled_at ? <Chip kind="off">đã khóa {dateTimeVi(o.disabled_at)}</Chip> : <Chip kind="ok">đang dùng</Chip>}
                    <div class="muted">
                      thêm bởi {o.created_by}, {dateTimeVi(o.created_at)}
                    </div>
                  </td>
                  <td class="noprint" data-h="Việc">
                    {!o.disabled_at && o.email !== props.who.email ? (
                      <form class="inline" method="post" action="/admin/can-bo/khoa">
                        <input type="hidden" name="email" value={o.email} />
                        <button type="submit" class="plain">
                          Khóa
                        </button>
                      </form>
                    ) : null}
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
