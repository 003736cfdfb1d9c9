// The seeded generator: reproducible, seed-sensitive, and uniform enough for replacement.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/util/rng.js';

describe('Rng', () => {
  it('gives the same sequence for the same seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    for (let i = 0; i < 100; i++) expect(a.nextU32()).toBe(b.nextU32());
  });

  it('gives different sequences for different seeds and forks', () => {
    expect(new Rng(1).nextU32()).not.toBe(new Rng(2).nextU32());
    const r = new Rng(5);
    expect(r.fork(1).nextU32()).not.toBe(r.fork(2).nextU32());
  });

  it('below(n) stays in range and covers it roughly evenly', () => {
    const r = new Rng(9);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40000; i++) {
      const v = r.below(4);
      counts[v]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(9000);
  });
});
