/**
 * "Tuyên truyền, vận động": the propaganda counts as cards, and a bar chart per commune (or village)
 * for each count marked `chart` in the weekly sheet (shared/templates.ts) — not above commune level,
 * where the page stays one short row per commune (./communes.tsx).
 */
import { FIGURE_GROUPS } from "../../../../shared/enums";
import type { CountColumn } from "../../../../shared/weekly-counts";
import type { Rollup } from "../../rollup/types";
import { BarChart } from "../chart";
import { num } from "../format";
import { Card, perCommune } from "./parts";

export function Propaganda({ r, counts }: { r: Rollup; counts: readonly CountColumn[] }) {
  const sum = (f: { propaganda: Record<string, number> }, key: string) => f.propaganda[key] ?? null;
  const units = perCommune(r)
    ? r.communes.map((c) => ({ label: c.unit.label_vi, f: c }))
    : r.communes.flatMap((c) => c.villages.map((v) => ({ label: v.village_name, f: v })));
  return (
    <section>
      <h2>{FIGURE_GROUPS.propaganda}</h2>
      <div class="cards">
        {counts.map((c) => (
          <Card label={c.header} value={num(sum(r.totals, c.key))} />
        ))}
      </div>
      {(r.depth === "commune" ? [] : counts)
        .filter((c) => c.figure.chart)
        .map((c) => (
          <>
            <h3>{c.header}</h3>
            <BarChart title={c.header} bars={units.map((u) => ({ label: u.label, value: sum(u.f, c.key) }))} />
          </>
        ))}
    </section>
  );
}
