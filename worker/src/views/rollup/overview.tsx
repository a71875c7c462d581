/** "Tổng quan": the register's figures as cards. */
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

export function Overview({ r }: { r: Rollup }) {
  const reg = r.totals.register;
  return (
    <section>
      <h2>Tổng quan</h2>
      <div class="cards">
        <Card label="Số xã, phường có số liệu" value={num(r.communes.length)} />
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
