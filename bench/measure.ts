/**
 * One benchmark figure: runs bench/replay-one.ts in its own process (so peak memory is its
 * own) once unmeasured (the page cache and the CPU settle; this VM's first run is often the
 * slowest), then RUNS times, and summarizes the accesses per second as the median with the
 * spread. Five runs because single runs on this shared 2-vCPU machine vary by ±20 %.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchMeasurement } from './replay-one.js';

export const RUNS = 5;
const here = dirname(fileURLToPath(import.meta.url)); // dist/bench

/** Replays `trace` RUNS times (after one unmeasured run) with replay-one's arguments. */
export function measure(trace: string, mode: 'cachegrind' | 'writeback', cores = 1, llcMiBPerCore = 0) {
  const once = (): BenchMeasurement =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [join(here, 'replay-one.js'), trace, mode, String(cores), String(llcMiBPerCore)],
        { encoding: 'utf8' },
      ),
    ) as BenchMeasurement;
  once();
  return Array.from({ length: RUNS }, once);
}

/**
 * One line: label, median accesses per second (min, max), accesses, median seconds, the
 * median steady-state rate (replay-one.ts: after the first STEADY_FROM events), peak RSS.
 */
export function summarize(label: string, runs: readonly BenchMeasurement[]): string {
  const rates = runs.map((r) => r.accesses / r.seconds / 1e6).sort((a, b) => a - b);
  const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const mid = Math.floor(runs.length / 2);
  const rss = Math.max(...runs.map((r) => r.maxRssMiB));
  const steady = runs
    .filter((r) => r.steadySeconds > 0)
    .map((r) => (r.steadyEvents * (r.accesses / r.events)) / r.steadySeconds / 1e6)
    .sort((a, b) => a - b);
  const steadyText =
    steady.length === 0 ? '' : `, steady ${(steady[Math.floor(steady.length / 2)] as number).toFixed(1)} M/s`;
  const first = runs[0] as BenchMeasurement;
  return (
    `${label.padEnd(50)} ${(rates[mid] as number).toFixed(1).padStart(6)} M accesses/s ` +
    `(min ${(rates[0] as number).toFixed(1)}, max ${(rates[rates.length - 1] as number).toFixed(1)}; ` +
    `${(first.accesses / 1e6).toFixed(1)} M accesses, ${(seconds[mid] as number).toFixed(2)} s${steadyText})  ` +
    `peak RSS ${rss.toFixed(0)} MiB`
  );
}
