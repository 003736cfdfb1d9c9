// The statistics registry: every statistic needs a unique name and a description;
// snapshots read live values in registration order; diff subtracts two snapshots.
import { describe, expect, it } from 'vitest';
import { diff, StatsRegistry } from '../../src/util/stats.js';

describe('StatsRegistry', () => {
  it('snapshots live values in registration order and diffs them', () => {
    const s = new StatsRegistry();
    let hits = 0;
    const misses = new Float64Array(1);
    s.register('l1d.hits', 'hits', () => hits);
    s.register('l1d.misses', 'misses', () => misses[0] as number, 'count');
    const before = s.snapshot();
    hits = 5;
    misses[0] = 2;
    const after = s.snapshot();
    expect(Object.keys(after)).toEqual(['l1d.hits', 'l1d.misses']);
    expect(diff(after, before)).toEqual({ 'l1d.hits': 5, 'l1d.misses': 2 });
    expect(s.list().map((i) => i.description)).toEqual(['hits', 'misses']);
  });

  it('refuses a duplicate name or a missing description', () => {
    const s = new StatsRegistry();
    s.register('a', 'x', () => 0);
    expect(() => s.register('a', 'y', () => 0)).toThrow('registered twice');
    expect(() => s.register('b', ' ', () => 0)).toThrow('without a description');
  });
});
