/** "Đánh giá, xếp loại và đề xuất khen thưởng": ratings per evaluation period, and the teams proposed for commendation (counted per commune above commune level: ./communes.tsx). */
import { RATINGS } from "../../../../shared/enums";
import type { Rollup } from "../../rollup/types";
import { midSentence, num } from "../format";
import type { PageNav } from "./nav";

export function Evaluations({ r }: { r: Rollup; nav?: PageNav }) {
  const e = r.evaluations;
  const ratings = Object.keys(RATINGS) as (keyof typeof RATINGS)[];
  return (
    <section>
      <h2>Đánh giá, xếp loại và đề xuất khen thưởng</h2>
      {e.periods.length === 0 ? (
        <p>Chưa có kết quả đánh giá, xếp loại cho kỳ này.</p>
      ) : (
        <div class="scroll">
          <table class="stack">
            <thead>
              <tr>
                <th>Kỳ đánh giá</th>
                {ratings.map((k) => (
                  <th class="n">{RATINGS[k]}</th>
                ))}
                <th class="n">Đề xuất khen thưởng</th>
              </tr>
            </thead>
            <tbody>
              {e.periods.map((p) => (
                <tr>
                  <td class="name">{p.label_vi}</td>
                  {ratings.map((k) => (
                    <td class="n" data-label={RATINGS[k]}>
                      {num(p.by_rating[k])}
                    </td>
                  ))}
                  <td class="n" data-label="Đề xuất khen thưởng">
                    {num(p.commendations)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {e.commendations.length ? (
        <>
          <h3>Các tổ được đề xuất khen thưởng</h3>
          <ul>
            {e.commendations.map((c) => (
              <li>
                {c.team_name}, {midSentence(c.commune)} ({c.period}){c.text ? `: ${c.text}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
