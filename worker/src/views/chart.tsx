/**
 * A horizontal bar chart: one row per bar, the label and value as text (they wrap on a phone), the
 * bar as a tiny inline SVG stretched to the row (no scripts, no external resources).
 */
import { num, pct } from "./format";

export interface Bar {
  label: string;
  value: number | null;
}

export function BarChart(props: { title: string; bars: Bar[]; percent?: boolean }) {
  const { bars, percent } = props;
  if (!bars.length) return null;
  const max = percent ? 100 : Math.max(1, ...bars.map((b) => b.value ?? 0));
  return (
    <figure class="chart" aria-label={props.title}>
      {bars.map((b) => {
        const w = Math.round((1000 * Math.min(max, Math.max(0, b.value ?? 0))) / max) / 10;
        return (
          <div class="bar-row">
            <span class="bar-label">{b.label}</span>
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
              <rect class="bg" x="0" y="0" width="100" height="10" />
              <rect class="bar" x="0" y="0" width={w} height="10" />
            </svg>
            <span class="bar-value">{percent ? pct(b.value) : num(b.value)}</span>
          </div>
        );
      })}
    </figure>
  );
}
