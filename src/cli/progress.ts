/**
 * Progress for long runs: a self-overwriting line on stderr when stderr is a terminal,
 * nothing when it is piped or `--quiet` is given. Throttled to a few updates per second.
 */
export interface Progress {
  update(done: number, total?: number): void;
  done(): void;
}

export function createProgress(label: string, quiet: boolean): Progress {
  const tty = process.stderr.isTTY === true && !quiet;
  let last = 0;
  const start = Date.now();
  let shown = false;
  return {
    update(done, total) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const rate = done / Math.max(1e-3, (now - start) / 1000);
      const pct = total ? ` ${((done / total) * 100).toFixed(1)}%` : '';
      process.stderr.write(
        `\r${label}: ${done.toLocaleString('en-US')} events${pct} (${(rate / 1e6).toFixed(1)} M/s)   `,
      );
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
