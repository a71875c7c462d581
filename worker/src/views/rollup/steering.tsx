/**
 * Page section "Ban Chỉ đạo xã và Tổ hướng dẫn, giám sát": the plan's two steering bodies
 * (shared/steering.ts) with what departs from the plan's composition. Names and positions only
 * where the rollup carries them (a commune's own link); elsewhere counts per position and seat,
 * in the plan's own words.
 */
import { GUIDANCE_ROLES, GUIDANCE_SEATS, STEERING_ROLES, STEERING_SEATS, type Vocabulary } from "../../../../shared/enums";
import type { BodySummary } from "../../rollup/steering-types";
import type { Rollup } from "../../rollup/types";
import { midSentence, num } from "../format";

const label = (v: Vocabulary<string>, code: string) => v[code] ?? code;

function Warnings({ b }: { b: BodySummary }) {
  if (!b.members) return <p class="muted">Chưa có danh sách.</p>;
  if (!b.warnings.length) return <p class="muted">Thành phần đúng theo kế hoạch.</p>;
  return (
    <ul class="bad">
      {b.warnings.map((w) => (
        <li>{w.message_vi}</li>
      ))}
    </ul>
  );
}

function Body({ b, roles, seats }: { b: BodySummary; roles: Vocabulary<string>; seats: Vocabulary<string> }) {
  return (
    <>
      {b.members ? (
        <div class="scroll">
          {b.people ? (
            <table>
              <thead>
                <tr>
                  <th class="n">STT</th>
                  <th>Họ và tên</th>
                  <th>Chức vụ hiện tại</th>
                  <th>Thành phần</th>
                  <th>Chức vụ</th>
                </tr>
              </thead>
              <tbody>
                {b.people.map((p) => (
                  <tr>
                    <td class="n">{p.member_no}</td>
                    <td>{p.full_name}</td>
                    <td>{p.current_position ?? ""}</td>
                    <td>{label(seats, p.seat)}</td>
                    <td>{label(roles, p.role)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Chức vụ</th>
                  <th>Thành phần</th>
                  <th class="n">Số người</th>
                </tr>
              </thead>
              <tbody>
                {b.composition.map((c) => (
                  <tr>
                    <td>{label(roles, c.role)}</td>
                    <td>{label(seats, c.seat)}</td>
                    <td class="n">{num(c.n)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ) : null}
      <Warnings b={b} />
    </>
  );
}

export function Steering({ r }: { r: Rollup }) {
  const s = r.steering;
  if (!s) return null;
  const one = s.communes.length === 1 ? s.communes[0] : undefined;
  return (
    <section>
      <h2>Ban Chỉ đạo xã và Tổ hướng dẫn, giám sát</h2>
      {one ? (
        <>
          <h3>Ban Chỉ đạo {midSentence(one.unit)}</h3>
          <Body b={one} roles={STEERING_ROLES} seats={STEERING_SEATS} />
        </>
      ) : s.communes.length ? (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>Xã, phường</th>
                <th class="n">Thành viên Ban Chỉ đạo</th>
                <th>So với kế hoạch (7–9 đồng chí, thành phần theo mục II.1.2)</th>
              </tr>
            </thead>
            <tbody>
              {s.communes.map((c) => (
                <tr>
                  <td>{c.unit}</td>
                  <td class="n">{c.members ? num(c.members) : "–"}</td>
                  <td class={c.warnings.length ? "bad" : ""}>
                    {!c.members ? "Chưa có danh sách" : c.warnings.length ? c.warnings.map((w) => w.message_vi).join(" ") : "Đúng kế hoạch"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3>Tổ hướng dẫn và giám sát{s.guidance ? ` — ${midSentence(s.guidance.unit)}` : ""}</h3>
      {s.guidance ? <Body b={s.guidance} roles={GUIDANCE_ROLES} seats={GUIDANCE_SEATS} /> : <p class="muted">Chưa có danh sách.</p>}
    </section>
  );
}
