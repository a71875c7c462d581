/**
 * Progress of a long run: a bar with done / failed / remaining and the estimated time left
 * (cli-progress) on a terminal; elsewhere (a log file, CI) one line every `everyMs` and at the end.
 */
import cliProgress from "cli-progress";

export interface Progress {
  tick(ok: boolean): void;
  stop(): void;
}

export interface ProgressCounts {
  done: number;
  failed: number;
  remaining: number;
  total: number;
  /** Seconds left at the current pace (null before the first commune is finished). */
  etaS: number | null;
}

/** "1 giờ 02 phút", "3 phút 05 giây", "12 giây". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h) return `${h} giờ ${String(m).padStart(2, "0")} phút`;
  if (m) return `${m} phút ${String(sec).padStart(2, "0")} giây`;
  return `${sec} giây`;
}

export function progressLine(label: string, c: ProgressCounts): string {
  return `${label}: xong ${c.done}, lỗi ${c.failed}, còn lại ${c.remaining}/${c.total}, ước tính còn ${c.etaS === null ? "…" : formatDuration(c.etaS)}`;
}

export function startProgress(
  label: string,
  total: number,
  opts: { stream?: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean }; everyMs?: number; now?: () => number } = {},
): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const started = now();
  const c: ProgressCounts = { done: 0, failed: 0, remaining: total, total, etaS: null };
  const eta = () => {
    const finished = c.done + c.failed;
    return finished ? ((now() - started) / 1000 / finished) * c.remaining : null;
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} {bar} {percentage}% | xong {done} | lỗi {failed} | còn {remaining} | còn khoảng {eta_vi}`,
        hideCursor: true,
        stream: stream as NodeJS.WriteStream,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { done: 0, failed: 0, remaining: total, eta_vi: "…" });
    return {
      tick(ok) {
        if (ok) c.done++;
        else c.failed++;
        c.remaining--;
        const e = eta();
        bar.update(c.done + c.failed, {
          done: c.done,
          failed: c.failed,
          remaining: c.remaining,
          eta_vi: e === null ? "…" : formatDuration(e),
        });
      },
      stop: () => bar.stop(),
    };
  }
  const every = opts.everyMs ?? 10_000;
  let last = started;
  return {
    tick(ok) {
      if (ok) c.done++;
      else c.failed++;
      c.remaining--;
      if (now() - last >= every || c.remaining === 0) {
        last = now();
        stream.write(`${progressLine(label, { ...c, etaS: eta() })}\n`);
      }
    },
    stop() {},
  };
}
