/**
 * Property: a replay on dense addresses (trace/dense.ts: 32-bit tags) gives every
 * statistic of the same replay on the trace's own addresses (64-bit tags), for every
 * protocol × replacement policy, with and without an L2 and SMT. The random traces'
 * lines are scattered over the whole 53-bit address space, some across region boundaries
 * (accesses that cross from one region into the next), and the LRU counter's limit is
 * tiny, so 32-bit stamps are renumbered every few dozen uses, between run-ahead's runs.
 * A last case checks the SMT fill wait of an access that crosses into a region numbered
 * before its own (its dense range runs into another region).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_NAMES } from '../../src/cache/coherence/types.js';
import { REPLACEMENT_NAMES } from '../../src/cache/replacement/policy.js';
import { denseAddressing } from '../../src/sim/multicore.js';
import { DenseReader } from '../../src/trace/dense-reader.js';
import { Op } from '../../src/trace/events.js';
import { loadPreset } from '../../src/sim/machine.js';
import { churnMachine } from '../support/machine.js';
import { threadCount, traceArb } from '../support/random-trace.js';
import { runKnobs } from '../support/run.js';
import { readerOf, type Ev } from '../support/trace.js';

const MiB = 2 ** 20;
/**
 * Where each 512-byte piece of the random traces' small address range goes (by its first
 * byte): far apart, up to the top of the 53-bit space, and pieces 1 and 3 across a region
 * boundary (1 MiB regions on the churn machine), so accesses there cross it. Every base is
 * a multiple of 64, so lock words stay aligned.
 */
const BASES = [0, 7 * MiB - 768, 2 ** 53 - 2 * MiB, 2 ** 47 - 1792, 2 ** 40 + 64 * 33, 3 * MiB];

/** `e` at its scattered address. */
function scattered(e: Ev): Ev {
  if (e.op === 5 /* compute */) return e;
  return { ...e, addr: (BASES[Math.floor(e.addr / 512) % BASES.length] as number) + e.addr };
}

describe.each(PROTOCOL_NAMES)('%s', (protocol) => {
  it.each(REPLACEMENT_NAMES)('%s replacement: dense addresses change no statistic', async (replacement) => {
    await fc.assert(
      fc.asyncProperty(traceArb(4), fc.boolean(), fc.boolean(), async (trace, withL2, smt) => {
        const events = trace.map(scattered);
        const threads = threadCount(events);
        const tpc = smt ? 2 : 1;
        const cores = Math.max(1, Math.ceil(threads / tpc));
        const machine = churnMachine(protocol, replacement, cores, tpc, withL2);
        const dense = denseAddressing(machine);
        if (dense === null) throw new Error('no dense addressing for the churn machine');
        const wide = await runKnobs(readerOf(events, 7), machine, {});
        const narrow = await runKnobs(new DenseReader(readerOf(events, 7), dense), machine, {
          stampLimit: 40,
        });
        expect(narrow).toEqual(wide);
      }),
      { numRuns: 40 },
    );
  });
});

it('an SMT sibling waits for a fill of an access that crosses into a region numbered before it', async () => {
  // Region 7 is numbered first and region 6 second, so thread 0's access from 6 into 7 runs,
  // in dense addresses, into region 2, not region 7: only its real lines say that thread 1's
  // load of 7 MiB waits for thread 0's fill.
  const machine = loadPreset('tiny');
  const dense = denseAddressing(machine);
  if (dense === null) throw new Error('no dense addressing for the tiny preset');
  let waits = 0;
  for (let gap = 0; gap <= 300; gap += 10) {
    const events: Ev[] = [
      { op: Op.read, tid: 0, addr: 7 * MiB + 0x100, size: 8 },
      { op: Op.read, tid: 0, addr: 7 * MiB - 8, size: 16 },
      { op: Op.compute, tid: 1, addr: gap, size: 0 },
      { op: Op.read, tid: 1, addr: 7 * MiB, size: 8 },
    ];
    const knobs = { threadMap: '0:0,1:1' };
    const wide = await runKnobs(readerOf(events), machine, knobs);
    const narrow = await runKnobs(new DenseReader(readerOf(events), dense), machine, knobs);
    expect(narrow).toEqual(wide);
    waits += wide['core0.fill_waits'] as number;
  }
  expect(waits).toBeGreaterThan(0);
});
