/**
 * A QR code as inline SVG, drawn from the module matrix of @paulmillr/qr
 * (https://github.com/paulmillr/qr): one path of horizontal runs, escaped like any other JSX, no
 * image request. Error correction "medium" (15%): a printed sheet survives a fold or a smudge.
 */
import { encodeQR } from "@paulmillr/qr";

export function QrCode(props: { text: string; size: string; label: string }) {
  const m = encodeQR(props.text, "raw", { ecc: "medium", border: 4 });
  const n = m.length;
  let d = "";
  m.forEach((row, y) => {
    for (let x = 0; x < n; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < n && row[x + run]) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run;
    }
  });
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${n} ${n}`}
      width={props.size}
      height={props.size}
      role="img"
      aria-label={props.label}
      shape-rendering="crispEdges"
      class="qr"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
