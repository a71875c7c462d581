/**
 * Printable forms laid out like the attachments of the district plan (huyện Lục Ngạn, 2021):
 * mẫu 01, the member list of the founding decision, and mẫu 02, the households assigned to each
 * team, with each team's and the village's totals. On a phone they shrink to the screen's width
 * (views/layout.tsx); printed, they are A4.
 */
import type { FormCommune, FormTeam } from "../rollup/forms";
import type { UnitRef } from "../rollup/types";
import { dateVi, midSentence, num } from "./format";
import { Layout } from "./layout";

const upper = (s: string) => s.toLocaleUpperCase("vi");

/** "HUYỆN ỦY LỤC NGẠN" before 2025; "ĐẢNG BỘ TỈNH BẮC NINH" for communes directly under a province. */
function parentCommittee(parent: UnitRef | null): string {
  if (!parent) return "";
  const name = parent.label_vi.replace(/^\S+\s+/, "");
  return parent.level === "district" ? upper(`Huyện ủy ${name}`) : upper(`Đảng bộ ${parent.label_vi}`);
}

function decisionNo(c: FormCommune): string {
  const nos = [...new Set(c.villages.flatMap((v) => v.teams.map((t) => t.decision_no).filter((d): d is string => !!d)))];
  return nos.length ? nos.join("; ") : "…-QĐ/ĐU";
}

function Heading({ c }: { c: FormCommune }) {
  return (
    <div class="heads">
      <div>
        <p>{parentCommittee(c.parent)}</p>
        <p>
          <strong>{upper(`Đảng ủy ${c.unit.label_vi}`)}</strong>
        </p>
        <p>*</p>
      </div>
      <div>
        <p>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
        </p>
        <p>
          <strong>
            <u>Độc lập – Tự do – Hạnh phúc</u>
          </strong>
        </p>
        <p>
          <em>…………, ngày …… tháng …… năm ……</em>
        </p>
      </div>
    </div>
  );
}

/** "Danh sách tại ngày 30/10/2022 (các tổ đã giải thể)" when the lists are not today's. */
function AsOf({ c }: { c: FormCommune }) {
  return c.as_of ? (
    <p>
      <em>(Danh sách tại ngày {dateVi(c.as_of)}; các tổ đã giải thể)</em>
    </p>
  ) : null;
}

function EmptyNotice() {
  return (
    <Layout title="Chưa có danh sách">
      <main>
        <section>
          <p>Chưa có danh sách tổ của xã. Xã cần gửi dữ liệu từ bảng tính trước.</p>
        </section>
      </main>
    </Layout>
  );
}

export function Mau01Page({ communes, back }: { communes: FormCommune[]; back: string }) {
  if (!communes.length) return <EmptyNotice />;
  return (
    <Layout title="Danh sách thành viên Tổ Dân vận cộng đồng (mẫu 01)">
      <nav class="links noprint form-nav">
        <a href={back}>‹ Về trang tổng hợp</a>
      </nav>
      {communes.map((c) => (
        <div class="form-page">
          <Heading c={c} />
          <div class="title">
            <h1>DANH SÁCH</h1>
            <p>
              <strong>Các thành viên Tổ Dân vận cộng đồng trên địa bàn {midSentence(c.unit.label_vi)}</strong>
            </p>
            <p>
              <em>
                (kèm theo Quyết định số {decisionNo(c)} của BCH Đảng bộ {midSentence(c.unit.label_vi)})
              </em>
            </p>
            <AsOf c={c} />
          </div>
          <table>
            <thead>
              <tr>
                <th rowspan={2} class="short">
                  TT
                </th>
                <th rowspan={2}>Tổ Dân vận cộng đồng</th>
                <th rowspan={2}>Tổ</th>
                <th colspan={3}>Người tham gia Tổ Dân vận cộng đồng</th>
                <th rowspan={2}>Chức vụ tham gia Tổ DVCĐ</th>
              </tr>
              <tr>
                <th class="short">STT</th>
                <th>Họ và tên</th>
                <th>Chức vụ hiện tại</th>
              </tr>
            </thead>
            <tbody>
              {c.villages.flatMap((v, vi) => {
                const span = (t: FormTeam) => Math.max(1, t.members.length);
                const villageSpan = v.teams.reduce((n, t) => n + span(t), 0);
                return v.teams.flatMap((t, ti) => {
                  const rows = t.members.length ? t.members : [null];
                  return rows.map((m, mi) => (
                    <tr>
                      {ti === 0 && mi === 0 ? (
                        <td class="c" rowspan={villageSpan}>
                          {vi + 1}
                        </td>
                      ) : null}
                      {ti === 0 && mi === 0 ? <td rowspan={villageSpan}>{v.village_name}</td> : null}
                      {mi === 0 ? (
                        <td class="nw" rowspan={span(t)}>
                          {t.team_name}
                        </td>
                      ) : null}
                      <td class="c">{m ? m.member_no : ""}</td>
                      <td>{m ? m.full_name : ""}</td>
                      <td>{m?.current_position ?? ""}</td>
                      <td>{m ? m.role_vi : ""}</td>
                    </tr>
                  ));
                });
              })}
            </tbody>
          </table>
        </div>
      ))}
    </Layout>
  );
}

export function Mau02Page({ communes, back }: { communes: FormCommune[]; back: string }) {
  if (!communes.length) return <EmptyNotice />;
  return (
    <Layout title="Danh sách các hộ gia đình phân công phụ trách (mẫu 02)">
      <nav class="links noprint form-nav">
        <a href={back}>‹ Về trang tổng hợp</a>
      </nav>
      {communes.flatMap((c) =>
        c.villages.map((v) => (
          <div class="form-page">
            <div class="title">
              <h1>DANH SÁCH</h1>
              <p>
                <strong>Các hộ gia đình phân công phụ trách</strong>
              </p>
              <p>
                <em>
                  (Tổ Dân vận cộng đồng {midSentence(v.village_name)}, {midSentence(c.unit.label_vi)})
                </em>
              </p>
              <AsOf c={c} />
            </div>
            <table class="households">
              <colgroup>
                <col class="team" />
                <col class="resp" />
                <col class="no" />
                <col class="head" />
                <col class="year" />
                <col class="people" />
                <col class="note" />
              </colgroup>
              <thead>
                <tr>
                  <th>Tên nhóm</th>
                  <th>Họ và tên người phụ trách các hộ gia đình</th>
                  <th class="short">Số TT</th>
                  <th>Họ và tên chủ hộ</th>
                  <th>Năm sinh</th>
                  <th>Số nhân khẩu trong gia đình</th>
                  <th>Ghi chú</th>
                </tr>
              </thead>
              <tbody>
                {v.teams.flatMap((t) => {
                  const rows = t.households.length ? t.households : [null];
                  const span = rows.length;
                  return [
                    ...rows.map((h, i) => (
                      <tr>
                        {i === 0 ? <td rowspan={span}>{t.team_name}</td> : null}
                        {i === 0 ? <td rowspan={span}>{t.responsible.map((n, k) => `${k + 1}. ${n}`).join("; ")}</td> : null}
                        <td class="c">{h ? h.household_no : ""}</td>
                        <td>{h ? h.head_name : ""}</td>
                        <td class="c">{h?.birth_year ? h.birth_year : ""}</td>
                        <td class="c">{h ? h.members_count : ""}</td>
                        <td>{h?.note ?? ""}</td>
                      </tr>
                    )),
                    <Totals label={`Cộng ${t.team_name}`} teams={[t]} cls="subtotal" />,
                  ];
                })}
                {v.teams.length > 1 ? <Totals label={`Tổng cộng ${midSentence(v.village_name)}`} teams={v.teams} cls="total" /> : null}
              </tbody>
            </table>
          </div>
        )),
      )}
    </Layout>
  );
}

/** A totals row of mẫu 02: how many households, and the people in them (the "Số nhân khẩu" column). */
function Totals({ label, teams, cls }: { label: string; teams: FormTeam[]; cls: string }) {
  const households = teams.reduce((n, t) => n + t.households.length, 0);
  const people = teams.reduce((n, t) => t.households.reduce((m, h) => m + h.members_count, n), 0);
  return (
    <tr class={cls}>
      <td colspan={3}>{label}</td>
      <td>{num(households)} hộ</td>
      <td></td>
      <td class="c">{num(people)}</td>
      <td></td>
    </tr>
  );
}
