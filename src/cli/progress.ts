/**
 * Progress for long runs: a self-overwriting line on stderr when stderr is a terminal,
 * nothing when it is piped or `--quiet` is given. Throttled to a few updates per second.
 * With the share of the input read (a file's bytes; unknown for a pipe), the line gives
 * it as a percentage and the time left at the rate so far.
 */
export interface Progress {
  /** `done` events so far; `fraction`: the share of the input read, 0 to 1, or null. */
  update(done: number, fraction: number | null): void;
  done(): void;
}

/** Shares below this give no estimate of the time left (the start is not the rate). */
const ETA_FROM = 0.02;

/** Seconds left, rounded up, as `12 s` or, from 100 s, `4 min`. */
export function formatEta(seconds: number): string {
  return seconds < 100 ? `${Math.ceil(seconds)} s` : `${Math.ceil(seconds / 60)} min`;
}

export function createProgress(label: string, quiet: boolean): Progress {
  const tty = process.stderr.isTTY === true && !quiet;
  let last = 0;
  const start = Date.now();
  let shown = false;
  return {
    update(done, fraction) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const seconds = Math.max(1e-3, (now - start) / 1000);
      const rate = done / seconds;
      const pct = fraction === null ? '' : `, ${(fraction * 100).toFixed(0)}%`;
      const eta =
        fraction === null || fraction < ETA_FROM
          ? ''
          : `, ${formatEta((seconds * (1 - fraction)) / fraction)} left`;
      process.stderr.write(
        `\r${label}: ${done.toLocaleString('en-US')} events${pct} (${(rate / 1e6).toFixed(1)} M/s${eta})   `,
      );
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/** Runs `work` with a progress line (`createProgress`), erased when it ends or fails. */
export async function withProgress<T>(
  label: string,
  quiet: boolean,
  work: (update: Progress['update']) => Promise<T>,
): Promise<T> {
  const progress = createProgress(label, quiet);
  try {
    return await work((done, fraction) => progress.update(done, fraction));
  } finally {
    progress.done();
  }
}
