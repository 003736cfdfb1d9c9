/**
 * One benchmark measurement, run in its own process so peak memory is its own: replays a
 * trace in a hierarchy mode and prints one JSON line with events, memory accesses,
 * seconds and peak RSS. Used by bench/run.ts; not a user command.
 *
 *   node dist/bench/replay-one.js <trace> <cachegrind|writeback> [cores] [llcMiBPerCore]
 *
 * With `llcMiBPerCore`, the LLC grows to that many MiB per core when that is more than the
 * preset's (a 32-core machine with a 4-core part's 8 MiB LLC would only measure thrashing).
 *
 * Besides the whole run, it times the part after the first STEADY_FROM events (the steady
 * state: the reader thread has started and V8 has compiled the hot code), from the progress
 * callback, which fires as each chunk is read (at most a chunk and a window ahead of the
 * simulation), to the end of the simulation (before the reader closes). Its accesses are
 * estimated as its events times the run's accesses per event.
 */
import { loadPreset } from '../src/sim/machine.js';
import { replay, type HierarchyMode, type ReplayResult } from '../src/sim/replay.js';
import { denseAddressing } from '../src/sim/multicore.js';
import { openTrace } from '../src/trace/open.js';
import { WINDOW_EVENTS } from '../src/cpu/demux.js';

export interface BenchMeasurement {
  readonly trace: string;
  readonly mode: HierarchyMode;
  readonly cores: number;
  readonly events: number;
  readonly accesses: number;
  readonly seconds: number;
  /** Events and seconds after the first STEADY_FROM events (0 when the trace is shorter). */
  readonly steadyEvents: number;
  readonly steadySeconds: number;
  readonly maxRssMiB: number;
}

/** Events read before the steady-state clock starts. */
export const STEADY_FROM = 4_000_000;

const ACCESS_STATS = ['cachegrind.Ir', 'cachegrind.Dr', 'cachegrind.Dw'];

async function main(): Promise<void> {
  const [trace, modeArg, coresArg, llcPerCoreArg] = process.argv.slice(2);
  if (trace === undefined || (modeArg !== 'cachegrind' && modeArg !== 'writeback')) {
    throw new Error('usage: replay-one <trace> <cachegrind|writeback> [cores] [llcMiBPerCore]');
  }
  const cores = Number(coresArg ?? '1');
  const preset = loadPreset('haswell');
  const llcSize = Math.max(preset.llc.size, cores * Number(llcPerCoreArg ?? '0') * 2 ** 20);
  const machine = { ...preset, llc: { ...preset.llc, size: llcSize } };
  const geometry = (l: { size: number; assoc: number; line: number }) => ({
    size: l.size,
    assoc: l.assoc,
    line: l.line,
  });
  const start = process.hrtime.bigint();
  // Every progress call records its count and time on one path; the steady-state start is
  // picked after the run. (A branch first taken at the STEADY_FROM mark, inlined into the
  // demultiplexer, deoptimized it once mid-run.) One call per chunk: 1,332 on the 8-core
  // trace; past the arrays' end, calls overwrite the last mark.
  const marks = 1 << 16;
  const markEvents = new Float64Array(marks);
  const markTimes = new Float64Array(marks);
  let marked = 0;
  const onProgress = (events: number): void => {
    const k = marked < marks ? marked++ : marks - 1;
    markEvents[k] = events;
    markTimes[k] = performance.now();
  };
  // as `txsim replay` does (its second run without dense addresses is for traces unlike these)
  const reader = await openTrace(trace, {
    thread: modeArg === 'writeback',
    groupWindow: WINDOW_EVENTS,
    ...(modeArg === 'writeback' ? { dense: denseAddressing(machine) ?? undefined } : {}),
  });
  let result: ReplayResult;
  let simulated: number;
  try {
    result = await replay(reader, {
      mode: modeArg,
      machine,
      cachegrind: {
        I1: geometry(machine.l1i ?? machine.l1d),
        D1: geometry(machine.l1d),
        LL: geometry(machine.llc),
        replacement: 'lru',
      },
      cores,
      seed: 1,
      onProgress,
    });
    simulated = performance.now();
  } finally {
    await reader.close(); // a failed replay must not leave the reader thread holding the process
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let steadyFrom = 0;
  let steadySeconds = 0;
  for (let k = 0; k < marked; k++) {
    if ((markEvents[k] as number) >= STEADY_FROM) {
      steadyFrom = markEvents[k] as number;
      steadySeconds = (simulated - (markTimes[k] as number)) / 1e3;
      break;
    }
  }
  let accesses = 0;
  for (const [name, s] of Object.entries(result.stats)) {
    if (
      modeArg === 'cachegrind'
        ? ACCESS_STATS.includes(name)
        : /^core\d+\.events\.(read|write|rmw|readPrivate|writePrivate|ifetch|modify)$/.test(name)
    ) {
      accesses += s.value;
    }
  }
  const m: BenchMeasurement = {
    trace,
    mode: modeArg,
    cores,
    events: result.trace.events,
    accesses,
    seconds,
    steadyEvents: steadyFrom === 0 ? 0 : result.trace.events - steadyFrom,
    steadySeconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
