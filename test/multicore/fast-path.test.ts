/** The L1D fast path gives exactly the results of the general path (every statistic). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnMachine } from '../support/machine.js';
import { threadCount, traceArb } from '../support/random-trace.js';
import { runKnobs } from '../support/run.js';
import { readerOf } from '../support/trace.js';

describe('L1D fast path', () => {
  it('equals the general path on random multi-threaded traces', async () => {
    await fc.assert(
      fc.asyncProperty(
        traceArb(3),
        fc.constantFrom('mesi', 'moesi', 'mesif') as fc.Arbitrary<'mesi' | 'moesi' | 'mesif'>,
        async (events, protocol) => {
          const cores = threadCount(events);
          const machine = churnMachine(protocol, 'lru', cores, 1, true);
          const fast = await runKnobs(readerOf(events), machine, { fastPath: true });
          const general = await runKnobs(readerOf(events), machine, { fastPath: false });
          expect(fast).toEqual(general);
        },
      ),
      { numRuns: 60 },
    );
  });
});
