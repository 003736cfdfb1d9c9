/**
 * The multicore benchmark: generates (once, into bench/.cache) a 20M-access
 * multi-threaded binary trace with realistic sharing for 1, 8 and 32 threads
 * (gen-multicore.ts) and replays each on the Haswell preset with as many cores as
 * threads and an LLC of 2 MiB per core (at least the preset's 8 MiB), each run in its own
 * process (measure.ts). Prints one line per core count: median accesses per second and
 * peak RSS. With `long`, one more line: the 8-core replay of a 100M-access trace from the
 * same generator and seed (397 MB, about 25 s to generate), where the fixed start of a run
 * weighs a fifth of what it does on 20M accesses.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBinary } from '../src/trace/binary-writer.js';
import { openFileSink } from '../src/trace/sink.js';
import { multicoreTrace } from './gen-multicore.js';
import { measure, summarize } from './measure.js';

const ACCESSES = 20_000_000;
const CORE_COUNTS = [1, 8, 32];
/** The long line's trace: 8 threads, LONG_ACCESSES accesses. */
const LONG_CORES = 8;
const LONG_ACCESSES = 100_000_000;
/** LLC MiB per core (Haswell-EP parts have 2.5). */
const LLC_MIB_PER_CORE = 2;

const here = dirname(fileURLToPath(import.meta.url)); // dist/bench
const cache = join(here, '..', '..', 'bench', '.cache');

export async function benchMulticore(long: boolean): Promise<string[]> {
  mkdirSync(cache, { recursive: true });
  const lines: string[] = [];
  const runs: [number, number][] = CORE_COUNTS.map((cores) => [cores, ACCESSES]);
  if (long) runs.push([LONG_CORES, LONG_ACCESSES]);
  for (const [cores, accesses] of runs) {
    const millions = `${accesses / 1e6}M`;
    const trace = join(cache, `multicore-${cores}t-${millions}.txb`);
    if (!existsSync(trace)) {
      process.stderr.write(`generating ${trace}...\n`);
      await writeBinary(multicoreTrace(cores, accesses, 1), await openFileSink(trace));
    }
    const llc = Math.max(8, cores * LLC_MIB_PER_CORE);
    const label = `${cores} core(s), ${llc} MiB LLC, Haswell MESI, binary${accesses === ACCESSES ? '' : `, ${millions}`}`;
    lines.push(summarize(label, measure(trace, 'writeback', cores, LLC_MIB_PER_CORE)));
  }
  return lines;
}
