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
import { runKnobs } from '../support/run.js';
import { textReader } from '../support/trace.js';

// Thread 1 (hardware thread 1, core 0) misses once, then hits 100 times, taken ahead.
// Thread 2 (hardware thread 2, core 1) computes for 150 cycles and runs out of events:
// the scheduler reads the next window at its clock, and thread 0 starts on hardware
// thread 0, thread 1's SMT sibling. Thread 1's hits keyed below thread 2's at that cycle
// had run before the read; taken back, they would run again after thread 0's store.
const TRACE = `# txsim-trace 1\n${'1 r 0x1000\n'.repeat(101)}2 c 150\n0 w 0x1080\n0 c 10\n`;

describe('run-ahead and a thread that starts late on the SMT sibling', () => {
  it('keeps the pending hits that ran before the trace window was read', async () => {
    const machine = testMachine({
      cores: 2,
      threadsPerCore: 2,
      l1i: null,
      l1d: level(128, 1, 1),
      llc: level(4096, 4, 10),
      memoryLatency: 100,
      llcBankBusy: 20,
    });
    const knobs = { threadMap: '0:0,1:1,2:2', windowEvents: 102 };
    const ahead = await runKnobs(await textReader(TRACE), machine, { ...knobs, runAhead: true });
    const stepped = await runKnobs(await textReader(TRACE), machine, { ...knobs, runAhead: false });
    expect(ahead).toEqual(stepped);
    expect(stepped['core0.thread0.cycles']).toBeGreaterThan(150);
  });

  it('keeps them when the new thread, on another core, invalidates their block', async () => {
    const machine = testMachine({
      cores: 3,
      threadsPerCore: 1,
      l1i: null,
      l1d: level(128, 1, 1),
      llc: level(4096, 4, 10),
      memoryLatency: 100,
      llcBankBusy: 20,
    });
    const trace = `# txsim-trace 1\n${'1 r 0x1000\n'.repeat(101)}2 c 150\n0 w 0x1000\n0 c 10\n1 r 0x1000\n`;
    const knobs = { threadMap: '0:0,1:1,2:2', windowEvents: 102 };
    const ahead = await runKnobs(await textReader(trace), machine, { ...knobs, runAhead: true });
    const stepped = await runKnobs(await textReader(trace), machine, { ...knobs, runAhead: false });
    expect(ahead).toEqual(stepped);
    // Thread 1's E copy is taken by the store (a forward), and its last read misses.
    expect(stepped['core1.coherence.forwards']).toBe(1);
    expect(stepped['core1.l1d.load.misses']).toBe(2);
  });
});
