// The recency-ordered fast path gives exactly the hits and misses of the general tag
// array with the LRU policy, on random block streams and geometries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MruLruCache } from '../../src/cache/mru-lru.js';
import { TagArray } from '../../src/cache/tag-array.js';
import { Rng } from '../../src/util/rng.js';

describe('MRU-ordered LRU fast path', () => {
  it('agrees with TagArray + lru on every reference', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 8),
        fc.constantFrom(1, 2, 3, 8, 16),
        fc.array(
          fc.integer({ min: 0, max: 2 ** 40 }).map((x) => x % 97),
          { maxLength: 400 },
        ),
        (sets, assoc, blocks) => {
          const g = { size: sets * assoc * 64, assoc, line: 64 };
          const fast = new MruLruCache(g, 'fast');
          const general = new TagArray(g, 'lru', new Rng(1), 'general');
          for (const b of blocks) expect(fast.reference(b)).toBe(general.reference(b));
        },
      ),
    );
  });

  it('handles block numbers above 2^32', () => {
    const c = new MruLruCache({ size: 4 * 64, assoc: 2, line: 64 }, 'fast');
    const big = 2 ** 45 + 3;
    expect(c.reference(big)).toBe(false);
    expect(c.reference(big)).toBe(true);
    expect(c.reference(big + 2 ** 33)).toBe(false); // same set (low bits equal), other tag
    expect(c.reference(big)).toBe(true);
  });
});
