/**
 * "Tổng hợp": figures of a period for the operator's unit — the whole country as one row per
 * province (../../views/rollup/provinces.tsx), a province or district as one row per commune
 * (../../views/rollup/communes.tsx, the table of its links' page). Figures only: no personal data.
 */
import type { Child } from "hono/jsx";
import type { RollupClosing } from "../../closing/types";
import type { NationalRollup } from "../../rollup/national";
import type { PeriodRef, Rollup } from "../../rollup/types";
import { dateVi } from "../../views/format";
import { CommuneTable } from "../../views/rollup/communes";
import { PROVINCE_TABLE_CSS, ProvinceFiguresTable } from "../../views/rollup/provinces";
import type { Principal } from "../env";
import { ConsolePage, Msg } from "./layout";

export interface FiguresPageProps {
  who: Principal;
  nonce?: string;
  /** The unit's label ("Cả nước", "Tỉnh Bắc Ninh"). */
  label: string;
  unitId: string | null;
  period: Pick<PeriodRef, "key" | "label_vi" | "start" | "end">;
  prev: string | null;
  next: string | null;
  picker: Child;
  notice?: string;
  /** The country by province, or a unit by commune. */
  national?: NationalRollup;
  rollup?: Rollup & { closing?: RollupClosing };
  /** A page of the same section: the unit (empty: the country) and the period. */
  href: (unitId: string | null, period: string) => string;
}

export function FiguresPage(p: FiguresPageProps) {
  const here = (period: string) => p.href(p.unitId, period);
  return (
    <ConsolePage
      title={`Tổng hợp — ${p.label}`}
      who={p.who}
      section="tong-hop"
      {...(p.nonce ? { nonce: p.nonce } : {})}
      css={PROVINCE_TABLE_CSS}
    >
      {p.notice ? <Msg kind="bad">{p.notice}</Msg> : null}
      {p.picker}
      <form class="filters noprint" method="get" action="/admin/tong-hop">
        {p.unitId ? <input type="hidden" name="don-vi" value={p.unitId} /> : null}
        <label>
          Kỳ (năm 2025, quý 2025-Q1, tháng 2025-01, tuần 2025-W03)
          <input name="ky" value={p.period.key} inputmode="text" autocomplete="off" />
        </label>
        <button type="submit" class="plain">
          Xem
        </button>
      </form>
      <p>
        Kỳ: <strong>{p.period.label_vi}</strong> (từ {dateVi(p.period.start)} đến {dateVi(p.period.end)}) · Theo địa giới hành chính hiện
        nay
      </p>
      <nav class="links noprint">
        {p.unitId ? <a href={p.href(null, p.period.key)}>‹ Cả nước</a> : null} {p.prev ? <a href={here(p.prev)}>« Kỳ trước</a> : null}{" "}
        {p.next ? <a href={here(p.next)}>Kỳ sau »</a> : null}
      </nav>
      {p.national ? <ProvinceFiguresTable n={p.national} href={(id) => p.href(id, p.period.key)} /> : null}
      {p.rollup ? <CommuneTable r={p.rollup} nav={{}} /> : null}
    </ConsolePage>
  );
}
