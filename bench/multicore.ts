/**
 * The multicore benchmark: generates (once, into bench/.cache) a 20M-access
 * multi-threaded binary trace with realistic sharing for 1, 8 and 32 threads
 * (gen-multicore.ts) and replays each on the Haswell preset with as many cores as
 * threads and an LLC of 2 MiB per core (at least the preset's 8 MiB), each run in its own
 * process (replay-one.ts) for its own peak RSS. Prints one line per core count: median
 * accesses per second over 3 runs, and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBinary } from '../src/trace/binary-writer.js';
import { openFileSink } from '../src/trace/sink.js';
import { multicoreTrace } from './gen-multicore.js';
import type { BenchMeasurement } from './replay-one.js';

const ACCESSES = 20_000_000;
const CORE_COUNTS = [1, 8, 32];
const RUNS = 3;
/** LLC MiB per core (Haswell-EP parts have 2.5). */
const LLC_MIB_PER_CORE = 2;

const here = dirname(fileURLToPath(import.meta.url)); // dist/bench
const cache = join(here, '..', '..', 'bench', '.cache');

export async function benchMulticore(): Promise<string[]> {
  mkdirSync(cache, { recursive: true });
  const lines: string[] = [];
  for (const cores of CORE_COUNTS) {
    const trace = join(cache, `multicore-${cores}t-20M.txb`);
    if (!existsSync(trace)) {
      process.stderr.write(`generating ${trace}...\n`);
      await writeBinary(multicoreTrace(cores, ACCESSES, 1), await openFileSink(trace));
    }
    const runs: BenchMeasurement[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(
        process.execPath,
        [join(here, 'replay-one.js'), trace, 'writeback', String(cores), String(LLC_MIB_PER_CORE)],
        { encoding: 'utf8' },
      );
      runs.push(JSON.parse(out) as BenchMeasurement);
    }
    const rates = runs.map((r) => r.accesses / r.seconds / 1e6).sort((a, b) => a - b);
    const rss = Math.max(...runs.map((r) => r.maxRssMiB));
    lines.push(
      `${`${cores} core(s), ${Math.max(8, cores * LLC_MIB_PER_CORE)} MiB LLC, Haswell MESI, binary`.padEnd(44)} ${(rates[1] ?? 0).toFixed(1).padStart(6)} M accesses/s ` +
        `(min ${(rates[0] ?? 0).toFixed(1)}, max ${(rates[2] ?? 0).toFixed(1)}; ${((runs[0]?.accesses ?? 0) / 1e6).toFixed(1)} M accesses)  peak RSS ${rss.toFixed(0)} MiB`,
    );
  }
  return lines;
}
