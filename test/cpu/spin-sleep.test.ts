/**
 * A spinning thread that sleeps until its lock word's line is invalidated (or the lock is
 * released) gives exactly the statistics of simulating every spin iteration, including
 * which thread wins a tie at the cycle of the release.
 */
import fc from 'fast-check';
import { Op } from '../../src/trace/events.js';
import { describe, expect, it } from 'vitest';
import { churnMachine, level, testMachine } from '../support/machine.js';
import { threadCount, traceArb } from '../support/random-trace.js';
import { runKnobs } from '../support/run.js';
import { litmusReader, readerOf } from '../support/trace.js';
import { loadPreset } from '../../src/sim/machine.js';

describe('sleeping spinners', () => {
  it('equal step-by-step spinning on the contended-lock litmus', async () => {
    const machine = loadPreset('tiny');
    const asleep = await runKnobs(await litmusReader('contended-lock.trace'), machine, { spinSleep: true });
    const spinning = await runKnobs(await litmusReader('contended-lock.trace'), machine, {
      spinSleep: false,
    });
    expect(asleep).toEqual(spinning);
  });

  it('equal step-by-step spinning on random traces with locks (one thread per core)', async () => {
    let contended = 0;
    await fc.assert(
      fc.asyncProperty(traceArb(4, 6), fc.integer({ min: 1, max: 4 }), async (events, l1Latency) => {
        const cores = threadCount(events);
        const machine = { ...churnMachine('mesi', 'lru', cores, 1, false), l1d: level(256, 2, l1Latency) };
        const asleep = await runKnobs(readerOf(events), machine, { spinSleep: true });
        const spinning = await runKnobs(readerOf(events), machine, { spinSleep: false });
        expect(asleep).toEqual(spinning);
        if ((asleep['total.lock.wait_cycles'] ?? 0) > 0) contended++;
      }),
      { numRuns: 80 },
    );
    expect(contended).toBeGreaterThan(10);
  });

  it('equal step-by-step spinning on random traces with locks on SMT cores', async () => {
    // Siblings share the lock word's line: a sibling's miss or upgrade on it makes the
    // spinner's next test load wait for the fill, so the sleeping spinner must wake for it.
    // Data accesses to the first three lines move onto the lock words' lines (0x8000), and
    // the LLC is large enough that back-invalidations do not wake every spinner first.
    let waited = 0;
    await fc.assert(
      fc.asyncProperty(traceArb(4, 6), fc.integer({ min: 1, max: 4 }), async (generated, l1Latency) => {
        const events = generated.map((e) =>
          e.op !== Op.lock && e.op !== Op.unlock && e.op !== Op.compute && e.addr < 192
            ? { ...e, addr: e.addr + 0x8000 }
            : e,
        );
        const machine = testMachine({
          cores: Math.ceil(threadCount(events) / 2),
          threadsPerCore: 2,
          l1d: level(1024, 4, l1Latency),
          llc: level(16384, 4, 10),
        });
        const asleep = await runKnobs(readerOf(events), machine, { spinSleep: true });
        const spinning = await runKnobs(readerOf(events), machine, { spinSleep: false });
        expect(asleep).toEqual(spinning);
        if ((asleep['total.fill_waits'] ?? 0) > 0 && (asleep['total.lock.wait_cycles'] ?? 0) > 0) waited++;
      }),
      { numRuns: 150 },
    );
    expect(waited).toBeGreaterThan(10);
  });
});
