/** The directory's sharer bits work across both 32-bit words (64 cores). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Directory } from '../../src/cache/multicore/directory.js';

describe('Directory sharer bits', () => {
  it('iterates exactly the sharers added, in core order, for any subset of 64 cores', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 63 })),
        fc.integer({ min: 0, max: 63 }),
        (cores, probe) => {
          const d = new Directory(4, 64);
          for (const c of cores) d.addSharer(2, c);
          const seen: number[] = [];
          for (let c = d.nextSharer(2, -1); c >= 0; c = d.nextSharer(2, c)) seen.push(c);
          expect(seen).toEqual([...cores].sort((a, b) => a - b));
          expect(d.isSharer(2, probe)).toBe(cores.includes(probe));
          expect(d.othersHold(2, probe)).toBe(cores.some((c) => c !== probe));
          expect(d.nextSharer(1, -1)).toBe(-1);
          for (const c of cores) d.removeSharer(2, c);
          expect(d.nextSharer(2, -1)).toBe(-1);
        },
      ),
    );
  });

  it('rejects more than 64 cores', () => {
    expect(() => new Directory(1, 65)).toThrow(/1..64/);
  });
});
