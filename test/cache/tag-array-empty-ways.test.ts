// A tag array fills the lowest empty way of a set before evicting anything, and counts its
// valid lines exactly, under every replacement policy, with invalidations in between (LRU
// finds the empty way inside its victim scan; the others scan the tags first).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLACEMENT_NAMES } from '../../src/cache/replacement/policy.js';
import { INVALID, TagArray } from '../../src/cache/tag-array.js';
import { Rng } from '../../src/util/rng.js';

/** One step: reference a block, or invalidate the line of a block if it is held. */
const step = fc.oneof(
  fc.record({ invalidate: fc.constant(false), block: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ invalidate: fc.constant(true), block: fc.integer({ min: 0, max: 30 }) }),
);

describe('tag array: empty ways and the valid count', () => {
  for (const policy of REPLACEMENT_NAMES) {
    it(`${policy}: a fill takes the lowest empty way, and valid counts the held lines`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(1, 2, 4),
          fc.constantFrom(2, 4, 8),
          fc.array(step, { maxLength: 200 }),
          (sets, assoc, steps) => {
            const t = new TagArray({ size: sets * assoc * 64, assoc, line: 64 }, policy, new Rng(3), 'test');
            for (const s of steps) {
              if (s.invalidate) {
                const line = t.find(s.block);
                if (line >= 0) t.invalidate(line);
              } else if (t.find(s.block) < 0) {
                const base = (s.block & t.setMask) * assoc;
                let empty = -1;
                for (let l = base; l < base + assoc && empty < 0; l++) if (t.tagOf(l) === INVALID) empty = l;
                const line = t.fill(s.block);
                if (empty >= 0) {
                  expect(line).toBe(empty);
                  expect(t.evicted).toBe(INVALID);
                } else expect(t.evicted).not.toBe(INVALID);
              } else t.reference(s.block);
              expect(t.valid).toBe(
                Array.from({ length: t.lines }, (_, l) => t.tagOf(l)).filter((b) => b !== INVALID).length,
              );
            }
          },
        ),
      );
    });
  }

  it('lru: after an invalidation the emptied way is refilled, and the oldest valid line goes next', () => {
    const t = new TagArray({ size: 4 * 64, assoc: 4, line: 64 }, 'lru', new Rng(1), 'test');
    for (const b of [1, 2, 3, 4]) t.reference(b);
    t.invalidate(t.find(3));
    expect(t.valid).toBe(3);
    t.reference(5); // takes 3's way, evicting nothing
    expect(t.evicted).toBe(INVALID);
    t.reference(6); // full again: 1 is the least recently used
    expect(t.evicted).toBe(1);
  });
});
