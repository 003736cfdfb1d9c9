// Tree-PLRU: the victim is never the most recently used way, and a full sweep in way order
// makes way 0 the victim again (the classic tree walk).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TreePlruPolicy } from '../../src/cache/replacement/plru.js';
import { TagArray } from '../../src/cache/tag-array.js';
import { Rng } from '../../src/util/rng.js';

describe('tree-PLRU replacement', () => {
  it('never picks the way touched last', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2, 4, 8, 16),
        fc.array(fc.nat(), { minLength: 1, maxLength: 100 }),
        (assoc, ways) => {
          const p = new TreePlruPolicy(1, assoc);
          for (const w of ways) p.touch(w % assoc);
          expect(p.victim(0)).not.toBe((ways[ways.length - 1] as number) % assoc);
        },
      ),
    );
  });

  it('after touching ways 0..3 in order, the victim of a 4-way set is way 0', () => {
    const p = new TreePlruPolicy(2, 4);
    for (const w of [0, 1, 2, 3]) p.touch(4 + w); // set 1
    expect(p.victim(1)).toBe(4);
    p.touch(4);
    expect(p.victim(1)).toBe(6); // the other half of the tree, its older way
  });

  it('is rejected for a non-power-of-two associativity', () => {
    expect(() => new TagArray({ size: 3 * 64, assoc: 3, line: 64 }, 'plru', new Rng(1), 'L2')).toThrow(
      'tree-PLRU needs a power-of-two associativity',
    );
  });
});
