/** The hierarchy reports LineLost(core, block, why, cycle) exactly when a core loses a line. */
import { describe, expect, it } from 'vitest';
import type { LostReason } from '../../src/cache/coherence/types.js';
import { Access } from '../../src/cache/multicore/config.js';
import { MulticoreHierarchy } from '../../src/cache/multicore/hierarchy.js';
import { Rng } from '../../src/util/rng.js';
import { testMachine } from '../support/machine.js';

function setup(): { h: MulticoreHierarchy; lost: [number, number, LostReason, number][] } {
  const h = new MulticoreHierarchy(testMachine({ cores: 2 }), new Rng(1));
  const lost: [number, number, LostReason, number][] = [];
  h.setLineLostListener({ onLineLost: (core, block, why, at) => lost.push([core, block, why, at]) });
  return { h, lost };
}

describe('LineLost', () => {
  it('reports downgrades and invalidations caused by another core, at that core’s cycle', () => {
    const { h, lost } = setup();
    h.access(0, 0x1000, 8, Access.store, 0); // core 0: M
    h.access(1, 0x1000, 8, Access.load, 500); // core 0 M → S
    h.access(1, 0x1000, 8, Access.store, 600); // upgrade: core 0 S → I
    expect(lost).toEqual([
      [0, 0x40, 'downgrade', 500],
      [0, 0x40, 'invalidation', 600],
    ]);
  });

  it('reports an L1D eviction, and a back-invalidation from the LLC', () => {
    const { h, lost } = setup();
    // L1D: 8 sets × 2 ways; blocks 0, 8, 16 share set 0, so the third load evicts block 0.
    for (const [i, block] of [0, 8, 16].entries()) h.access(0, block * 64, 8, Access.load, i * 100);
    expect(lost).toEqual([[0, 0, 'eviction', 200]]);
    lost.length = 0;
    // LLC: 16 sets × 4 ways; blocks 0, 16, 32, 48, 64, 80 share LLC set 0. Core 1's loads
    // of 32 and 48 fill it; 64 evicts block 0 (LRU), which core 0 no longer holds.
    for (const [i, block] of [32, 48, 64].entries()) h.access(1, block * 64, 8, Access.load, 1000 + i * 100);
    expect(lost.filter(([core]) => core === 0)).toEqual([]); // block 0 had already left core 0
    h.access(1, 80 * 64, 8, Access.load, 2000); // evicts block 16, still in core 0's L1D
    expect(lost).toContainEqual([0, 16, 'eviction', 2000]);
  });

  it('is silent when nobody listens and when a core keeps its copy', () => {
    const { h, lost } = setup();
    h.access(0, 0x1000, 8, Access.load, 0);
    h.access(1, 0x1000, 8, Access.load, 100); // core 0 E → S: it may still read, but lost E
    h.access(0, 0x1000, 8, Access.load, 200); // a hit
    expect(lost).toEqual([[0, 0x40, 'downgrade', 100]]);
    h.setLineLostListener(null);
    h.access(1, 0x1000, 8, Access.store, 300);
    expect(lost).toHaveLength(1);
  });
});
