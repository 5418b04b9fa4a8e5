// One progress line on stderr for long runs (many files, domains or IPs): count, rate, and an ETA
// when the total is known, redrawn in place with \r and erased at the end. Only on a TTY and never
// with --quiet, so logs and pipes never see it. Short runs show nothing: the line appears only
// once a run has taken longer than `delayMs`.

import type { CliIo } from './io.js';

export interface Progress {
  /** Counts `count` more items done (default 1). */
  tick(count?: number): void;
  /** Erases the line (call before printing the report). */
  done(): void;
}

export interface ProgressOptions {
  /** What is counted, e.g. "files", "domains". */
  label: string;
  /** Number of items, when known up front (enables percentage and ETA). */
  total?: number | undefined;
  /** --quiet: no progress line at all. */
  quiet?: boolean | undefined;
  /** Milliseconds before the first draw (default 250). */
  delayMs?: number | undefined;
  /** Milliseconds between redraws (default 100). */
  intervalMs?: number | undefined;
  /** Clock (injected by tests). */
  now?: (() => number) | undefined;
}

const ERASE_LINE = '\r\u001b[K';
const NO_PROGRESS: Progress = { tick: () => undefined, done: () => undefined };

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  return minutes > 0 ? `${minutes}m${String(whole % 60).padStart(2, '0')}s` : `${whole}s`;
}

function formatRate(perSecond: number): string {
  return perSecond >= 100 ? String(Math.round(perSecond)) : perSecond.toFixed(1);
}

export function createProgress(io: CliIo, options: ProgressOptions): Progress {
  if (options.quiet || !io.stderrIsTTY) return NO_PROGRESS;
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? 250;
  const intervalMs = options.intervalMs ?? 100;
  const started = now();
  let count = 0;
  let lastDraw = -Infinity;
  let drawn = false;

  function line(elapsedMs: number): string {
    const rate = elapsedMs > 0 ? (count * 1000) / elapsedMs : 0;
    const total = options.total;
    if (total !== undefined && total > 0) {
      const percent = Math.min(100, Math.floor((count * 100) / total));
      const eta = rate > 0 ? formatDuration((total - count) / rate) : '?';
      return `${options.label} ${count}/${total} (${percent}%) · ${formatRate(rate)}/s · ETA ${eta}`;
    }
    return `${options.label} ${count} · ${formatRate(rate)}/s · ${formatDuration(elapsedMs / 1000)}`;
  }

  return {
    tick(increment = 1) {
      count += increment;
      const at = now();
      const elapsed = at - started;
      if (elapsed < delayMs || at - lastDraw < intervalMs) return;
      lastDraw = at;
      drawn = true;
      io.stderr(`${ERASE_LINE}${line(elapsed)}`);
    },
    done() {
      if (drawn) io.stderr(ERASE_LINE);
      drawn = false;
    },
  };
}
