/**
 * The scheduler runs the smallest clock first, breaks ties by core id, and its results
 * depend on the trace only: not on how the reader cuts it into chunks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/trace/events.js';
import { level, testMachine } from '../support/machine.js';
import { threadCount, traceArb } from '../support/random-trace.js';
import { run, runKnobs } from '../support/run.js';
import { readerOf, textReader, type Ev } from '../support/trace.js';

describe('scheduler', () => {
  it('breaks a tie at cycle 0 by core id: core 0 misses to memory, core 1 is forwarded', async () => {
    // Thread 1 is listed first in the file; the order in the file does not matter.
    const v = await run(
      await textReader('# txsim-trace 1\n1 w 0x1000 8\n0 w 0x1000 8\n'),
      testMachine({ cores: 2 }),
    );
    expect([v('core0.cycles'), v('core1.cycles')]).toEqual([100, 40]);
    expect([v('core0.coherence.forwards'), v('core1.coherence.forwards')]).toEqual([1, 0]);
  });

  it('gives the same statistics whatever the reader’s chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(traceArb(4), fc.integer({ min: 1, max: 50 }), async (events, chunk) => {
        const machine = testMachine({
          cores: threadCount(events),
          l1d: level(256, 2, 1),
          llc: level(1024, 4, 10),
          llcBankBusy: 2,
          memoryBusy: 5,
        });
        expect(await runKnobs(readerOf(events, chunk), machine, {})).toEqual(
          await runKnobs(readerOf(events, 1000), machine, {}),
        );
      }),
      { numRuns: 40 },
    );
  });

  it('starts a thread first seen after the first window at the cycle the run has reached', async () => {
    // 5000 one-cycle compute events of thread 0, then one event of thread 1. The first
    // window (4096 events) holds only thread 0, which runs to cycle 4096 before the next
    // window is read; thread 1 starts there.
    const events: Ev[] = Array.from({ length: 5000 }, () => ({ op: Op.compute, tid: 0, addr: 1, size: 0 }));
    events.push({ op: Op.compute, tid: 1, addr: 0, size: 0 });
    const v = await runKnobs(readerOf(events, 777), testMachine({ cores: 2 }), {});
    expect([v['core0.cycles'], v['core1.cycles']]).toEqual([5000, 4096]);
  });
});
