/**
 * A spinning thread that sleeps until its lock word's line is invalidated (or the lock is
 * released, or its SMT sibling reaches the line's L1D set) gives exactly the statistics of
 * simulating every spin iteration, including which thread wins a tie at the cycle of the
 * release, with free L1 hits (latency 0), with threads that start late (small trace
 * windows) and under every replacement policy.
 */
import fc from 'fast-check';
import { Op } from '../../src/trace/events.js';
import { describe, expect, it } from 'vitest';
import { churnMachine, level, testMachine } from '../support/machine.js';
import { threadCount, traceArb } from '../support/random-trace.js';
import { runKnobs } from '../support/run.js';
import { litmusReader, readerOf, textReader } from '../support/trace.js';
import { loadPreset } from '../../src/sim/machine.js';
import { REPLACEMENT_NAMES } from '../../src/cache/replacement/policy.js';

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
      // Latency 0 too: an iteration still takes a cycle, stepped as asleep.
      // Small trace windows start threads late, at the cycle the run has reached.
      fc.asyncProperty(
        traceArb(4, 6),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(3, 16, 4096),
        async (events, l1Latency, windowEvents) => {
          const cores = threadCount(events);
          const machine = { ...churnMachine('mesi', 'lru', cores, 1, false), l1d: level(256, 2, l1Latency) };
          const asleep = await runKnobs(readerOf(events), machine, { spinSleep: true, windowEvents });
          const spinning = await runKnobs(readerOf(events), machine, { spinSleep: false, windowEvents });
          expect(asleep).toEqual(spinning);
          if ((asleep['total.lock.wait_cycles'] ?? 0) > 0) contended++;
        },
      ),
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
      fc.asyncProperty(
        traceArb(4, 6),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(3, 16, 4096),
        async (generated, l1Latency, windowEvents) => {
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
          const asleep = await runKnobs(readerOf(events), machine, { spinSleep: true, windowEvents });
          const spinning = await runKnobs(readerOf(events), machine, { spinSleep: false, windowEvents });
          expect(asleep).toEqual(spinning);
          if ((asleep['total.fill_waits'] ?? 0) > 0 && (asleep['total.lock.wait_cycles'] ?? 0) > 0) waited++;
        },
      ),
      { numRuns: 150 },
    );
    expect(waited).toBeGreaterThan(10);
  });

  it.each(REPLACEMENT_NAMES)(
    "equal step-by-step spinning while the SMT sibling fills the lock line's set (%s)",
    async (replacement) => {
      // Thread 1 holds the lock and loads 7 lines into the one-set L1D (8 ways), hits them
      // again, then loads an eighth, while thread 0, its sibling, spins: stepped, the
      // spinner's test loads keep the lock line recent between the hits, so the eighth
      // line evicts one of the seven, not the lock line.
      const load = (k: number): string => `1 r 0x${(k * 64).toString(16)}\n`;
      const seven = [0, 1, 2, 3, 4, 5, 6].map(load).join('');
      const trace = `# txsim-trace 1\n1 lock 0x10000\n0 c 300\n0 lock 0x10000\n${seven}${seven}${load(7)}${seven}1 unlock 0x10000\n0 unlock 0x10000\n`;
      const machine = testMachine({ cores: 1, threadsPerCore: 2, l1d: level(512, 8, 1, replacement) });
      const asleep = await runKnobs(await textReader(trace), machine, { spinSleep: true });
      const spinning = await runKnobs(await textReader(trace), machine, { spinSleep: false });
      expect(asleep).toEqual(spinning);
      expect(asleep['total.lock.wait_cycles']).toBeGreaterThan(100);
    },
  );

  it('equal step-by-step spinning while the SMT sibling fetches the lock line as an instruction', async () => {
    // The fetch fills the L1I, not the L1D the spinner's test loads hit: neither way of
    // spinning waits for it.
    const trace =
      '# txsim-trace 1\n1 lock 0x10000\n0 c 300\n0 lock 0x10000\n1 c 400\n1 i 0x10000 4\n1 c 300\n1 unlock 0x10000\n0 unlock 0x10000\n';
    const machine = testMachine({ cores: 1, threadsPerCore: 2 });
    const asleep = await runKnobs(await textReader(trace), machine, { spinSleep: true });
    const spinning = await runKnobs(await textReader(trace), machine, { spinSleep: false });
    expect(asleep).toEqual(spinning);
    expect(asleep['total.fill_waits']).toBe(0);
    expect(asleep['core0.l1i.load.misses']).toBe(1);
  });

  it('equal step-by-step spinning on SMT cores whose L1D is one set, for every policy', async () => {
    // The sibling's every access reaches the lock line's set: a stepped spinner keeps the
    // line recent, so a sleeping one must wake to touch it again (or the sibling's fills
    // would evict it).
    await fc.assert(
      fc.asyncProperty(
        traceArb(4, 6),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...REPLACEMENT_NAMES),
        async (events, l1Latency, replacement) => {
          const machine = testMachine({
            cores: Math.ceil(threadCount(events) / 2),
            threadsPerCore: 2,
            l1d: level(512, 8, l1Latency, replacement),
            llc: level(16384, 4, 10),
          });
          const asleep = await runKnobs(readerOf(events), machine, { spinSleep: true });
          const spinning = await runKnobs(readerOf(events), machine, { spinSleep: false });
          expect(asleep).toEqual(spinning);
        },
      ),
      { numRuns: 150 },
    );
  });
});
