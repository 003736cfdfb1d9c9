/**
 * Registers the per-core execution statistics (cycles, throughput, events, lock
 * acquisitions and waits) and their `total.*` aggregates. A core's counters sum its SMT
 * threads' (its cycles are the latest of their clocks); with two threads per core each
 * thread's own cycles, events and lock waits are registered too (`core3.thread1.cycles`).
 */
import type { StatsRegistry } from '../util/stats.js';
import { OP_COUNT, OP_NAMES } from '../trace/events.js';
import { WINDOW_EVENTS } from './demux.js';
import type { HwThread } from './hw-thread.js';

type Read = (t: HwThread) => number;

const events: Read = (t) => {
  let n = 0;
  for (let op = 0; op < OP_COUNT; op++) n += t.opCounts[op] as number;
  return n;
};

/** Per-thread counters summed per core and in total: suffix, description, unit, reader. */
const SUMS: readonly (readonly [string, string, string, Read])[] = [
  ['events', 'trace events executed', 'count', events],
  [
    'memory_cycles',
    'cycles spent in memory accesses (lock-word accesses included)',
    'cycles',
    (t) => t.memoryCycles,
  ],
  ['compute_cycles', 'cycles of compute (c) events', 'cycles', (t) => t.computeCycles],
  ['lock.acquisitions', 'locks acquired (successful test-and-set)', 'count', (t) => t.lockAcquisitions],
  [
    'lock.wait_cycles',
    'cycles from the start of a lock event to the test load of the attempt that won it (0 when uncontended)',
    'cycles',
    (t) => t.lockWaitCycles,
  ],
  [
    'lock.failed_rmw',
    'test-and-set RMWs that lost the race for a lock another thread claimed first',
    'count',
    (t) => t.lockFailedRmw,
  ],
  [
    'lock.test_loads',
    'loads of lock words while acquiring, including spin iterations skipped while asleep',
    'count',
    (t) => t.lockTestLoads,
  ],
];

/** Counters that only SMT siblings can have (registered with two threads per core). */
const SMT_SUMS: readonly (readonly [string, string, string, Read])[] = [
  [
    'fill_waits',
    "accesses to a line the SMT sibling's miss was still filling, which waited for its data",
    'count',
    (t) => t.fillWaits,
  ],
  [
    'fill_wait_cycles',
    'cycles those accesses waited beyond their own latency (part of memory_cycles)',
    'cycles',
    (t) => t.fillWaitCycles,
  ],
];

export function registerCpuStats(
  stats: StatsRegistry,
  threads: readonly HwThread[],
  cores: number,
  threadsPerCore: number,
): void {
  const coreThreads = (c: number): readonly HwThread[] =>
    threads.slice(c * threadsPerCore, (c + 1) * threadsPerCore);
  const sum = (ts: readonly HwThread[], f: Read): number => ts.reduce((a, t) => a + f(t), 0);
  const maxClock = (ts: readonly HwThread[]): number => ts.reduce((a, t) => Math.max(a, t.clock), 0);
  // The first start among the threads that ran (0 when none did).
  const startCycle = (ts: readonly HwThread[]): number => {
    const ran = ts.filter((t) => t.tid >= 0);
    return ran.length === 0 ? 0 : ran.reduce((a, t) => Math.min(a, t.startCycle), Infinity);
  };
  const perCycle = (ts: readonly HwThread[]): number => {
    const cycles = maxClock(ts) - startCycle(ts);
    return cycles === 0 ? 0 : sum(ts, events) / cycles;
  };
  const group = (prefix: string, ts: readonly HwThread[], what: string): void => {
    stats.register(
      `${prefix}.cycles`,
      `${what}: cycles from the start of the run to its last event (the latest clock)`,
      () => maxClock(ts),
      'cycles',
    );
    stats.register(
      `${prefix}.start_cycle`,
      `${what}: the cycle its first trace thread started at (a thread first seen after the trace's first ${WINDOW_EVENTS} events starts at the cycle the run had reached; 0 when none ran)`,
      () => startCycle(ts),
      'cycles',
    );
    stats.register(
      `${prefix}.ops_per_cycle`,
      `${what}: trace events per cycle from start_cycle to its last event, an IPC-like throughput (a ratio, not a counter; 0 when no cycle elapsed)`,
      () => perCycle(ts),
      'events/cycle',
    );
    for (const [suffix, desc, unit, f] of threadsPerCore > 1 ? [...SUMS, ...SMT_SUMS] : SUMS)
      stats.register(`${prefix}.${suffix}`, `${what}: ${desc}`, () => sum(ts, f), unit);
    for (let op = 0; op < OP_COUNT; op++) {
      const name = OP_NAMES[op] as string;
      stats.register(`${prefix}.events.${name}`, `${what}: trace events of kind ${name} executed`, () =>
        sum(ts, (t) => t.opCounts[op] as number),
      );
    }
  };
  for (let c = 0; c < cores; c++) {
    const ts = coreThreads(c);
    group(`core${c}`, ts, `core ${c}`);
    if (threadsPerCore > 1) {
      ts.forEach((t, s) => {
        stats.register(
          `core${c}.thread${s}.cycles`,
          `core ${c} SMT thread ${s}: its clock at its last event`,
          () => t.clock,
          'cycles',
        );
        stats.register(`core${c}.thread${s}.events`, `core ${c} SMT thread ${s}: trace events executed`, () =>
          events(t),
        );
        stats.register(
          `core${c}.thread${s}.lock.wait_cycles`,
          `core ${c} SMT thread ${s}: lock-wait cycles`,
          () => t.lockWaitCycles,
          'cycles',
        );
      });
    }
  }
  group('total', threads, 'all cores');
}
