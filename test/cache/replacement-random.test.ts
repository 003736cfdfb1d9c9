// Random replacement draws from the seeded generator: same seed, same victims; every way
// of the set is reachable; an unknown policy name is a clear error.
import { describe, expect, it } from 'vitest';
import { TagArray } from '../../src/cache/tag-array.js';
import { Rng } from '../../src/util/rng.js';

function run(seed: number): number[] {
  const t = new TagArray({ size: 4 * 64, assoc: 4, line: 64 }, 'random', new Rng(seed), 'test');
  const evicted: number[] = [];
  for (let b = 0; b < 200; b++) {
    t.reference(b % 9);
    evicted.push(t.evicted);
  }
  return evicted;
}

describe('random replacement', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('reaches every way', () => {
    const t = new TagArray({ size: 4 * 64, assoc: 4, line: 64 }, 'random', new Rng(3), 'test');
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(t.policy.victim(0));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });

  it('rejects unknown policy names', () => {
    expect(() => new TagArray({ size: 256, assoc: 4, line: 64 }, 'mru', new Rng(1), 'L1D')).toThrow(
      "L1D: unknown replacement policy 'mru' (known: lru, plru, random)",
    );
  });
});
