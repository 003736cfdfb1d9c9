/**
 * Builds and runs the multicore machine for one trace: the coherent hierarchy, one
 * hardware thread per (core, SMT slot), the spin locks, the scheduler and the
 * demultiplexer and run-ahead, and registers their statistics. `--debug-checks` runs the
 * invariant checker after every micro-op (checker.ts) and at the end of the run.
 */
import { DebugChecker } from '../cache/multicore/checker.js';
import { MulticoreHierarchy } from '../cache/multicore/hierarchy.js';
import { registerHierarchyStats } from '../cache/multicore/stats.js';
import { Demux } from '../cpu/demux.js';
import { HwThread } from '../cpu/hw-thread.js';
import { RunAhead } from '../cpu/run-ahead.js';
import { Scheduler } from '../cpu/scheduler.js';
import { SpinLocks } from '../cpu/spin-lock.js';
import { registerCpuStats } from '../cpu/stats.js';
import { parseThreadMap, roundRobin } from '../cpu/thread-map.js';
import { locateThreadEvents } from '../trace/locate.js';
import type { TraceReader } from '../trace/reader.js';
import { denseOptions, NARROW_BLOCKS, type DenseOptions } from '../trace/dense.js';
import { isMemoryOp } from '../trace/events.js';
import { displayName } from '../trace/source.js';
import { InputError, ThreadEventError, type InputLocation } from '../util/errors.js';
import type { Rng } from '../util/rng.js';
import type { MachineConfig } from './machine.js';
import type { StatsRegistry } from '../util/stats.js';

export interface MulticoreOptions {
  readonly cores: number;
  readonly threadsPerCore: 1 | 2;
  /** Explicit `tid:hwthread,...` map; round-robin when absent. */
  readonly threadMap?: string;
  readonly debugChecks: boolean;
  readonly onProgress?: (events: number) => void;
  /**
   * Test knobs: false disables the L1D fast path / the sleeping of spinning threads /
   * run-ahead (cpu/run-ahead.ts).
   */
  readonly fastPath?: boolean;
  readonly spinSleep?: boolean;
  readonly runAhead?: boolean;
  /** Test knob: events the demultiplexer moves per request (demux.ts). */
  readonly windowEvents?: number;
  /** Test knob: the debug checker's scan budget in lines per step (checker.ts). */
  readonly debugScanLines?: number;
  /** Test knob: the LRU counter's limit in narrow tag arrays (replacement/lru.ts). */
  readonly stampLimit?: number;
}

/**
 * How a reader renumbers addresses for this machine (trace/dense.ts, OpenOptions.dense):
 * regions at least as large as its largest cache way, block numbers below 2^31.
 */
export function denseAddressing(machine: MachineConfig): DenseOptions | null {
  return denseOptions(largestWay(machine), machine.l1d.line);
}

/** Bytes of the machine's largest cache way (sets × line). */
function largestWay(machine: MachineConfig): number {
  const levels = [machine.l1i, machine.l1d, machine.l2, machine.llc].filter((l) => l !== null);
  return Math.max(...levels.map((l) => l.size / l.assoc));
}

export interface MulticoreRun {
  readonly events: number;
  /** The thread map in effect (`round-robin` or the explicit pairs). */
  readonly threadMap: string;
}

export async function runMulticore(
  reader: TraceReader,
  machine: MachineConfig,
  opts: MulticoreOptions,
  stats: StatsRegistry,
  rng: Rng,
): Promise<MulticoreRun> {
  const { cores, threadsPerCore } = opts;
  const map =
    opts.threadMap === undefined
      ? roundRobin(cores, threadsPerCore)
      : parseThreadMap(opts.threadMap, cores, threadsPerCore);
  const regions = reader.regions ?? null;
  // Dense addresses must keep every set (regions of at least a way) and number blocks below 2^31.
  if (
    regions !== null &&
    (2 ** regions.regionBits < largestWay(machine) ||
      regions.capacity * 2 ** regions.regionBits > NARROW_BLOCKS * machine.l1d.line)
  )
    throw new Error(`dense addresses in regions of 2^${regions.regionBits} bytes do not fit this machine`);
  const mem = new MulticoreHierarchy(
    { ...machine, cores },
    rng,
    opts.fastPath ?? true,
    regions,
    opts.stampLimit,
  );
  const threads: HwThread[] = [];
  const locks = new SpinLocks(mem, threads, threadsPerCore, opts.spinSleep ?? true);
  for (let h = 0; h < cores * threadsPerCore; h++)
    threads.push(new HwThread(h, Math.floor(h / threadsPerCore), mem, locks));
  if (threadsPerCore === 2) for (const t of threads) t.sibling = threads[t.id ^ 1] as HwThread;
  mem.setLineLostListener(locks);
  registerCpuStats(stats, threads, cores, threadsPerCore);
  registerHierarchyStats(stats, mem);
  let ahead: RunAhead | null = null;
  if (opts.runAhead ?? true) {
    ahead = new RunAhead(mem, threads, threadsPerCore);
    mem.home.snoopObserver = ahead;
  }
  const checker = opts.debugChecks ? new DebugChecker(mem, opts.debugScanLines) : null;
  let last: HwThread | null = null;
  const afterStep =
    checker === null
      ? null
      : (t: HwThread): void => {
          last = t;
          check(t, () => checker.afterStep(pendingBlocks(t, mem.config.l1d.line)));
        };
  const scheduler = new Scheduler(threads, locks, afterStep, ahead);
  const demux = new Demux(reader, map, threads, (t) => scheduler.add(t), opts.onProgress, opts.windowEvents);
  try {
    await scheduler.run(demux);
    if (checker !== null && last !== null) {
      const t: HwThread = last;
      check(t, () => checker.scan());
    }
  } catch (e) {
    if (e instanceof InvariantViolation) {
      // A txsim bug, not the user's: said as one, with the place to reproduce it from.
      const at = await located(reader, new ThreadEventError(e.after, e.tid, e.index));
      throw new Error(`${e.message}\n  after ${at.message}`);
    }
    throw e instanceof ThreadEventError ? await located(reader, e) : e;
  }
  return { events: demux.events, threadMap: map.description };
}

/** A debug check failed after thread `tid`'s event `index` (a simulator bug). */
class InvariantViolation extends Error {
  constructor(
    message: string,
    readonly tid: number,
    readonly index: number,
    /** What ran last, for the message: the thread, its core and cycle. */
    readonly after: string,
  ) {
    super(message);
  }
}

/** The blocks of the events `t` took ahead (memory ops: one line each), for the checker. */
function pendingBlocks(t: HwThread, line: number): number[] {
  const q = t.queue;
  const blocks: number[] = [];
  for (let j = 0; j < t.ahead; j++) {
    const i = (q.head + j) & q.mask;
    if (isMemoryOp(q.op[i] as number)) blocks.push(Math.floor((q.addr[i] as number) / line));
  }
  return blocks;
}

/** Runs a check after `t`'s micro-op, its failure tagged with `t`'s last event. */
function check(t: HwThread, run: () => void): void {
  try {
    run();
  } catch (e) {
    throw new InvariantViolation(
      (e as Error).message,
      t.tid,
      t.lastEvent(),
      `trace thread ${t.tid}'s event on core ${t.core}, its clock at cycle ${t.clock}`,
    );
  }
}

/**
 * `e` located at its event's line or byte offset, found by reading the trace again (and
 * its other events' places written at their markers); with the events' numbers instead
 * when the trace cannot be read again (stdin) or that fails.
 */
async function located(reader: TraceReader, e: ThreadEventError): Promise<InputError> {
  if (reader.path !== '-') {
    try {
      const refs = [{ tid: e.tid, index: e.index }, ...e.others];
      const places = await locateThreadEvents(reader.path, reader.format, refs);
      if (places.every((p) => p !== null)) {
        const [where, ...others] = places as InputLocation[];
        const at = others.map((o) =>
          o.line !== undefined ? ` at line ${o.line}` : ` at byte offset ${o.byteOffset}`,
        );
        return new InputError(fillMarkers(e.detail, at), where);
      }
    } catch {
      // The file changed or went away since it was read: fall back to the events' numbers.
    }
  }
  const detail = fillMarkers(
    e.detail,
    e.others.map((o) => ` at its event ${o.index + 1}`),
  );
  return new InputError(`${detail} (at event ${e.index + 1} of trace thread ${e.tid})`, {
    file: displayName(reader.path),
  });
}

/** `message` with each marker `{k}` replaced by `places[k - 1]`. */
function fillMarkers(message: string, places: readonly string[]): string {
  return message.replace(/\{(\d+)\}/g, (m, k: string) => places[Number(k) - 1] ?? m);
}
