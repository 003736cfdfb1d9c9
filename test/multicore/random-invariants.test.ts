/**
 * Property: random multi-threaded traces run to completion under the debug invariant
 * checker (single writer / multiple readers, inclusion, directory = caches, dirty only
 * in M/O) after every micro-op, for every protocol × replacement policy, on machines small
 * enough that lines are shared, evicted and back-invalidated all the time, with and
 * without an L2 and SMT. Counters also add up, each core's LLC counts to the LLC's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_NAMES } from '../../src/cache/coherence/types.js';
import { REPLACEMENT_NAMES } from '../../src/cache/replacement/policy.js';
import { Op } from '../../src/trace/events.js';
import { churnMachine } from '../support/machine.js';
import { threadCount, traceArb } from '../support/random-trace.js';
import { run } from '../support/run.js';
import { readerOf } from '../support/trace.js';

describe.each(PROTOCOL_NAMES)('%s', (protocol) => {
  it.each(REPLACEMENT_NAMES)('%s replacement: invariants hold after every step', async (replacement) => {
    await fc.assert(
      fc.asyncProperty(
        traceArb(4),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 1000 }),
        async (events, withL2, smt, seed) => {
          const threads = threadCount(events);
          const tpc = smt ? 2 : 1;
          const cores = Math.max(1, Math.ceil(threads / tpc));
          const machine = churnMachine(protocol, replacement, cores, tpc, withL2);
          const v = await run(readerOf(events, 7), machine, { seed });
          const count = (op: number): number => events.filter((e) => e.op === op).length;
          expect(v('total.events')).toBe(events.length);
          expect(v('total.lock.acquisitions')).toBe(count(Op.lock));
          const l1 = (k: string): number => v(`total.l1d.${k}`);
          expect(l1('load.accesses')).toBe(l1('load.hits') + l1('load.misses'));
          expect(l1('store.accesses')).toBe(l1('store.hits') + l1('store.misses'));
          // Every private miss is one GetS or GetM looked up in the LLC (upgrades are not).
          expect(v('llc.load.accesses')).toBe(v('coherence.gets') + v('coherence.getm'));
          expect(v('memory.reads')).toBe(v('llc.load.misses'));
          // Each core's share of the LLC: its own GetS and GetM, adding up to the LLC's counts.
          const perCore = (k: string): number => {
            let n = 0;
            for (let c = 0; c < cores; c++) {
              const own = (s: string): number => v(`core${c}.${s}`);
              expect(own('llc.load.accesses')).toBe(own('coherence.gets') + own('coherence.getm'));
              expect(own('llc.load.accesses')).toBe(own('llc.load.hits') + own('llc.load.misses'));
              n += own(`llc.load.${k}`);
            }
            return n;
          };
          for (const k of ['accesses', 'hits', 'misses']) expect(perCore(k)).toBe(v(`llc.load.${k}`));
        },
      ),
      { numRuns: 40 },
    );
  });
});
