// Exact LRU: the tag array with the LRU policy behaves like a textbook recency list per set.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TagArray } from '../../src/cache/tag-array.js';
import { Rng } from '../../src/util/rng.js';

/** Reference model: per set, a most-recent-first list of blocks, at most `assoc` long. */
function referenceHits(blocks: number[], sets: number, assoc: number): boolean[] {
  const lists: number[][] = Array.from({ length: sets }, () => []);
  return blocks.map((b) => {
    const list = lists[b % sets] as number[];
    const i = list.indexOf(b);
    if (i >= 0) list.splice(i, 1);
    list.unshift(b);
    if (list.length > assoc) list.pop();
    return i >= 0;
  });
}

describe('LRU replacement', () => {
  it('matches a recency-list model on random block streams', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4),
        fc.constantFrom(1, 2, 3, 4, 8),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 }),
        (sets, assoc, blocks) => {
          const t = new TagArray({ size: sets * assoc * 64, assoc, line: 64 }, 'lru', new Rng(1), 'test');
          const hits = blocks.map((b) => t.reference(b));
          expect(hits).toEqual(referenceHits(blocks, sets, assoc));
        },
      ),
    );
  });

  it('evicts the least recently used way and reports it', () => {
    const t = new TagArray({ size: 4 * 64, assoc: 4, line: 64 }, 'lru', new Rng(1), 'test');
    for (const b of [1, 2, 3, 4]) t.reference(b);
    t.reference(1); // 2 is now the oldest
    t.reference(5);
    expect(t.evicted).toBe(2);
    expect(t.find(2)).toBe(-1);
    expect(t.find(1)).toBeGreaterThanOrEqual(0);
  });

  it('fills an invalidated way before evicting anything', () => {
    const t = new TagArray({ size: 2 * 64, assoc: 2, line: 64 }, 'lru', new Rng(1), 'test');
    t.reference(1);
    t.reference(2);
    t.invalidate(t.find(2));
    t.reference(3);
    expect(t.evicted).toBe(-1);
    expect(t.find(1)).toBeGreaterThanOrEqual(0);
  });
});
