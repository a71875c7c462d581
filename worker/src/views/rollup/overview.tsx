/**
 * "Tổng quan": the register's figures as cards. A page of several communes counts the communes with
 * data; a page of one commune (a commune link, a drill-down) counts its villages with teams instead.
 */
import type { RegisterFigures, Rollup } from "../../rollup/types";
import { num, pct } from "../format";
import { Card } from "./parts";

/** "120 (85,7% số hộ đã rõ; 20 hộ chưa rõ)": the share is over the households whose answer is known. */
function zaloText(r: RegisterFigures): string {
  const unknown = r.households - r.zalo_known;
  return unknown > 0
    ? `${num(r.zalo_households)} (${pct(r.zalo_pct)} số hộ đã rõ; ${num(unknown)} hộ chưa rõ)`
    : `${num(r.zalo_households)} (${pct(r.zalo_pct)})`;
}

/** A page about one commune: a commune link or a drill-down (villages and teams are listed). */
const oneCommune = (r: Rollup) => r.depth !== "commune" && (r.commune !== undefined || r.unit.level === "commune");

export function Overview({ r }: { r: Rollup }) {
  const reg = r.totals.register;
  return (
    <section>
      <h2>Tổng quan</h2>
      <div class="cards">
        {oneCommune(r) ? (
          <Card label="Số thôn, tổ dân phố có Tổ Dân vận" value={num(r.communes.reduce((n, c) => n + c.villages.length, 0))} />
        ) : (
          <Card label="Số xã, phường có số liệu" value={num(r.communes.length)} />
        )}
        <Card label="Số Tổ Dân vận cộng đồng" value={num(reg.teams)} />
        <Card label="Số thành viên" value={num(reg.members)} />
        <Card label="Số hộ gia đình" value={num(reg.households)} />
        <Card label="Số nhân khẩu" value={num(reg.people)} />
        <Card label="Hộ tham gia nhóm Zalo" value={zaloText(reg)} />
        <Card label="Tổ ngoài mức 30–50 hộ" value={num(reg.teams_outside_range)} bad={reg.teams_outside_range > 0} />
      </div>
      <p class="muted">Số tổ, thành viên, hộ và nhân khẩu theo danh sách xã gửi gần nhất, tính các tổ hoạt động trong kỳ.</p>
    </section>
  );
}
