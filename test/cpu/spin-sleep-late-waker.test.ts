/**
 * A sleeping spinner woken by a trace thread that starts late, at the cycle of one of its
 * skipped iterations, resumes after that iteration when the scheduler had run it before
 * the thread started, even though the new thread's lower id would win the tie: its
 * statistics equal stepping every iteration. (The thread that waited for input had the
 * higher id, so the spinner's iteration at that cycle had already run when the new
 * thread's first events were read.)
 */
import { describe, expect, it } from 'vitest';
import { level, testMachine } from '../support/machine.js';
import { runKnobs } from '../support/run.js';
import { textReader } from '../support/trace.js';

// Thread 1 (hardware thread 2, core 1) takes the lock and computes; thread 2 (hardware
// thread 1, core 0) spins on it, asleep. Those 4 events are the first window: thread 1
// runs out of events after its compute, and the scheduler reads the next window, where
// thread 0 starts on hardware thread 0 (the spinner's SMT sibling) at thread 1's clock.
// Its store's line shares the one-way L1D set of the lock word's line and evicts it, and
// thread 1 releases the lock in the same cycle. Stepped, the spinner's iteration at that
// cycle ran before the input was read (id 1 before 2), hit, and its next one (a cycle
// later, after the release) finds the lock free; resumed at that cycle behind the store
// (id 1 after 0), it missed the lock word and still saw it held.
const TRACE = `# txsim-trace 1
1 lock 0x1000
1 c 500
2 lock 0x1000
2 unlock 0x1000
0 w 0x1080
1 unlock 0x1000
0 c 10
`;

describe('a sleeping spinner woken by a thread that starts late', () => {
  it('resumes after its iteration that ran before the thread started', async () => {
    // Two one-way L1D sets (0x1000 and 0x1080 share set 0); no bank or memory contention.
    const machine = testMachine({
      cores: 2,
      threadsPerCore: 2,
      l1i: null,
      l1d: level(128, 1, 1),
      llc: level(4096, 4, 10),
      memoryLatency: 100,
    });
    const knobs = { threadMap: '0:0,1:2,2:1', windowEvents: 4 };
    const asleep = await runKnobs(await textReader(TRACE), machine, { ...knobs, spinSleep: true });
    const spinning = await runKnobs(await textReader(TRACE), machine, { ...knobs, spinSleep: false });
    expect(asleep).toEqual(spinning);
    expect(spinning['core0.lock.acquisitions']).toBe(1);
    // The spinner's first test load and its first after the release missed; its iteration
    // at the cycle of the store hit (resumed behind the store, it made a third miss).
    expect(spinning['core0.l1d.load.misses']).toBe(2);
  });
});
