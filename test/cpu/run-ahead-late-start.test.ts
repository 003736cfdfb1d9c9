/**
 * A thread that starts late, on the SMT sibling of a thread with pending run-ahead hits,
 * takes back only the hits the scheduler had not yet reached when it read the trace
 * window that starts the new thread: hits keyed below the thread that waited for input
 * ran before the new thread existed, even at its start cycle and a lower id. So does a
 * late thread on another core whose store invalidates the block of those hits. Every
 * statistic equals stepping without run-ahead.
 */
import { describe, expect, it } from 'vitest';
import { level, testMachine } from '../support/machine.js';
import type { Snapshot } from '../../src/util/stats.js';
import { runKnobs } from '../support/run.js';
import { textReader } from '../support/trace.js';

// Thread 1 (hardware thread 1, core 0) misses once, then hits 100 times, taken ahead.
// Thread 2 (hardware thread 2, core 1) computes for 150 cycles and runs out of events:
// the scheduler reads the next window at its clock, and thread 0 starts on hardware
// thread 0, thread 1's SMT sibling. Thread 1's hits keyed below thread 2's at that cycle
// had run before the read; taken back, they would run again after thread 0's store.
const TRACE = `# txsim-trace 1\n${'1 r 0x1000\n'.repeat(101)}2 c 150\n0 w 0x1080\n0 c 10\n`;

/** Two one-way L1D sets (0x1000 and 0x1080 share set 0), a busy LLC bank. */
const machine = (cores: number, threadsPerCore: 1 | 2) =>
  testMachine({
    cores,
    threadsPerCore,
    l1i: null,
    l1d: level(128, 1, 1),
    llc: level(4096, 4, 10),
    memoryLatency: 100,
    llcBankBusy: 20,
  });

/** Every statistic with run-ahead, after checking that they equal stepping's. */
async function sameAsStepped(trace: string, cores: number, threadsPerCore: 1 | 2): Promise<Snapshot> {
  // The first window ends after thread 2's compute: thread 0 starts when it is read.
  const knobs = { threadMap: '0:0,1:1,2:2', windowEvents: 102 };
  const m = machine(cores, threadsPerCore);
  const ahead = await runKnobs(await textReader(trace), m, { ...knobs, runAhead: true });
  const stepped = await runKnobs(await textReader(trace), m, { ...knobs, runAhead: false });
  expect(ahead).toEqual(stepped);
  return stepped;
}

describe('run-ahead and a thread that starts late', () => {
  it('keeps the pending hits that ran before the trace window was read (SMT sibling)', async () => {
    const stats = await sameAsStepped(TRACE, 2, 2);
    expect(stats['core0.thread0.cycles']).toBeGreaterThan(150);
  });

  it('keeps them when the new thread, on another core, takes their block', async () => {
    const trace = `# txsim-trace 1\n${'1 r 0x1000\n'.repeat(101)}2 c 150\n0 w 0x1000\n0 c 10\n1 r 0x1000\n`;
    const stats = await sameAsStepped(trace, 3, 1);
    // Thread 1's E copy is taken by the store (a forward), and its last read misses.
    expect(stats['core1.coherence.forwards']).toBe(1);
    expect(stats['core1.l1d.load.misses']).toBe(2);
  });
});
