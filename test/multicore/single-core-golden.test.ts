/**
 * With one core, the multicore hierarchy behaves exactly as the single-core write-back
 * hierarchy it replaced. The expected numbers below were produced by that hierarchy
 * (WritebackHierarchy, deleted when this one subsumed it) on the same generated trace:
 * 20 000 accesses (20 % instruction fetches, 50 % loads, 30 % stores; half within 512 B,
 * 30 % within 8 KiB, the rest within 512 KiB), L1I/L1D 1 KiB 2-way (1 cycle),
 * L2 2 KiB 4-way (4), LLC 4 KiB 4-way (10), memory 100 cycles, seed 3.
 */
import { describe, expect, it } from 'vitest';
import { levelStatInfo } from '../../src/cache/level.js';
import { replay } from '../../src/sim/replay.js';
import { Op } from '../../src/trace/events.js';
import { Rng } from '../../src/util/rng.js';
import { level, testMachine } from '../support/machine.js';
import { readerOf, type Ev } from '../support/trace.js';

// Counter order: loads, stores, load hits, store hits, load misses, store misses,
// evictions, writebacks, back-invalidations.
const EXPECTED = {
  lru: {
    cycles: 1001423,
    l1i: [4076, 0, 1641, 0, 2435, 0, 962, 0, 1460],
    l1d: [9884, 6040, 4002, 2426, 5882, 3614, 8920, 3953, 561],
    l2: [11931, 0, 861, 0, 11070, 0, 10082, 2830, 956],
    llc: [11070, 0, 1301, 0, 9769, 0, 9705, 3410],
    memory: [9769, 3410],
  },
  plru: {
    cycles: 1001282,
    l1i: [4076, 0, 1643, 0, 2433, 0, 957, 0, 1463],
    l1d: [9884, 6040, 4005, 2424, 5879, 3616, 8900, 3942, 580],
    l2: [11928, 0, 865, 0, 11063, 0, 9945, 2767, 1086],
    llc: [11063, 0, 1295, 0, 9768, 0, 9704, 3418],
    memory: [9768, 3418],
  },
  random: {
    cycles: 1038716,
    l1i: [4076, 0, 1551, 0, 2525, 0, 795, 0, 1718],
    l1d: [9884, 6040, 3621, 2184, 6263, 3856, 7611, 3419, 2494],
    l2: [12644, 0, 1340, 0, 11304, 0, 6063, 1155, 5209],
    llc: [11304, 0, 1160, 0, 10144, 0, 10080, 3623],
    memory: [10144, 3623],
  },
};

function trace(): Ev[] {
  const g = new Rng(7);
  const out: Ev[] = [];
  for (let i = 0; i < 20000; i++) {
    const r = g.below(100);
    const op = r < 20 ? Op.ifetch : r < 70 ? Op.read : Op.write;
    const tier = g.below(10);
    const span = tier < 5 ? 64 : tier < 8 ? 1024 : 65536;
    const addr = op === Op.ifetch ? 0x400000 + g.below(span) * 4 : g.below(span) * 8;
    out.push({ op, tid: 0, addr, size: op === Op.ifetch ? 4 : 8 });
  }
  return out;
}

describe('one core behaves as the single-core write-back hierarchy', () => {
  for (const [replacement, want] of Object.entries(EXPECTED)) {
    it(`${replacement} replacement`, async () => {
      const machine = testMachine({
        cores: 1,
        l1i: level(1024, 2, 1, replacement),
        l1d: level(1024, 2, 1, replacement),
        l2: level(2048, 4, 4, replacement),
        llc: level(4096, 4, 10, replacement),
      });
      const r = await replay(readerOf(trace()), { mode: 'writeback', machine, cores: 1, seed: 3 });
      const v = (name: string): number => r.stats[name]?.value ?? NaN;
      const counts = (prefix: string): number[] =>
        levelStatInfo(prefix === 'llc').map(([, suffix]) => v(`${prefix}.${suffix}`));
      expect(v('core0.cycles')).toBe(want.cycles);
      expect(counts('core0.l1i')).toEqual(want.l1i);
      expect(counts('core0.l1d')).toEqual(want.l1d);
      expect(counts('core0.l2')).toEqual(want.l2);
      expect(counts('llc')).toEqual(want.llc);
      expect([v('memory.reads'), v('memory.writes')]).toEqual(want.memory);
    });
  }
});
