/**
 * An access that covers more than two lines makes one line access per line, first to last
 * in address order, and costs the slowest of them (src/cache/multicore/hierarchy.ts).
 * Hand-derived on one core of the test machine (1 KiB 2-way L1D: 8 sets; 4 KiB 4-way LLC;
 * no contention): a line from memory costs 100 cycles (the memory class), an L1 hit 1. And, on random traces, an access of n lines has the effects of n one-byte
 * accesses to those lines (every counter but the event count and the cycles).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelStatInfo } from '../../src/cache/level.js';
import { REPLACEMENT_NAMES } from '../../src/cache/replacement/policy.js';
import { Op } from '../../src/trace/events.js';
import { level, testMachine } from '../support/machine.js';
import { run } from '../support/run.js';
import { readerOf, type Ev } from '../support/trace.js';

const machine = testMachine({ cores: 1 });
const counts = (s: (name: string) => number, prefix: string): Record<string, number> =>
  Object.fromEntries(levelStatInfo(prefix === 'llc').map(([, suffix]) => [suffix, s(`${prefix}.${suffix}`)]));
const rd = (addr: number, size: number): Ev => ({ op: Op.read, tid: 0, addr, size });
const wr = (addr: number, size: number): Ev => ({ op: Op.write, tid: 0, addr, size });

describe('an access of more than two lines (write-back hierarchy)', () => {
  it('loads every line it covers, and costs the slowest line', async () => {
    const s = await run(
      readerOf([
        rd(0x0, 192), // lines 0x0, 0x40, 0x80: three misses from memory, 100 cycles (not 300)
        rd(0x40, 8), // the middle line: a hit, 1 cycle
        wr(0x70, 130), // 0x70..0xf1: lines 0x40 and 0x80 hit (E → M), 0xc0 misses: 100 cycles
      ]),
      machine,
    );
    expect(counts(s, 'core0.l1d')).toMatchObject({
      'load.accesses': 4,
      'load.hits': 1,
      'load.misses': 3,
      'store.accesses': 3,
      'store.hits': 2,
      'store.misses': 1,
    });
    expect(s('memory.reads')).toBe(4);
    expect(s('core0.cycles')).toBe(100 + 1 + 100);
  });

  it('touches its lines in address order', async () => {
    // 576 bytes from 0x0: lines 0..8, so lines 0 and 8 (0x200) both go to L1D set 0 and
    // line 8 is the more recent. Line 16 (0x400, set 0) then evicts line 0, not line 8:
    // 0x200 hits and 0x0 misses (evicting 0x400, older than the 0x200 just hit).
    const s = await run(readerOf([rd(0x0, 576), rd(0x400, 8), rd(0x200, 8), rd(0x0, 8)]), machine);
    expect(counts(s, 'core0.l1d')).toMatchObject({
      'load.accesses': 12,
      'load.hits': 1, // 0x200
      'load.misses': 11, // the nine lines, 0x400, 0x0 again
      evictions: 2, // 0x0 by 0x400, 0x400 by 0x0
    });
    // The LLC (16 sets × 4 ways) keeps all ten lines: 0x0 comes back from it.
    expect(counts(s, 'llc')).toMatchObject({ 'load.accesses': 11, 'load.hits': 1, 'load.misses': 10 });
    expect(s('memory.reads')).toBe(10);
  });

  it('equals one access per line on random traces, for every replacement policy', async () => {
    const access = fc.record({
      op: fc.constantFrom(Op.read, Op.write, Op.ifetch),
      line: fc.integer({ min: 0, max: 63 }),
      offset: fc.integer({ min: 0, max: 63 }),
      lines: fc.integer({ min: 1, max: 12 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(access, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...REPLACEMENT_NAMES),
        async (list, replacement) => {
          const m = testMachine({
            cores: 1,
            l1i: level(512, 2, 1, replacement),
            l1d: level(512, 2, 1, replacement),
            l2: level(1024, 2, 4, replacement),
            llc: level(2048, 4, 10, replacement),
          });
          const whole: Ev[] = [];
          const split: Ev[] = [];
          for (const a of list) {
            // From `offset` in the first line to somewhere in the last one.
            const addr = a.line * 64 + a.offset;
            const size = (a.lines - 1) * 64 + (64 - a.offset) - (a.lines > 1 ? a.offset % 7 : 0);
            whole.push({ op: a.op, tid: 0, addr, size });
            for (let b = a.line; b < a.line + a.lines; b++)
              split.push({ op: a.op, tid: 0, addr: b * 64, size: 1 });
          }
          const w = await run(readerOf(whole), m);
          const p = await run(readerOf(split), m);
          for (const prefix of ['core0.l1i', 'core0.l1d', 'core0.l2', 'llc'])
            expect(counts(w, prefix)).toEqual(counts(p, prefix));
          expect([w('memory.reads'), w('memory.writes')]).toEqual([p('memory.reads'), p('memory.writes')]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
