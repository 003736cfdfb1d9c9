/**
 * The debug invariant checker is not vacuous: on a coherent hierarchy it is silent, and
 * each kind of corruption it guards against (a second writer, a missing sharer bit, a
 * private line whose LLC line holds another block, a dirty copy in a clean state) makes it
 * throw, naming the invariant.
 */
import { describe, expect, it } from 'vitest';
import { St } from '../../src/cache/coherence/compile.js';
import { checkInvariants } from '../../src/cache/multicore/checker.js';
import { Access } from '../../src/cache/multicore/config.js';
import { MulticoreHierarchy } from '../../src/cache/multicore/hierarchy.js';
import { DIRTY, HOME_SHIFT, STATE_BITS } from '../../src/cache/multicore/private-caches.js';
import { Rng } from '../../src/util/rng.js';
import { testMachine } from '../support/machine.js';

const BLOCK = 0x40;

/** Cores 0 and 1 both read block 0x40 (both in S); returns the hierarchy and core 0's L1D line. */
function shared(): { h: MulticoreHierarchy; line: number } {
  const h = new MulticoreHierarchy(testMachine({ cores: 2 }), new Rng(1));
  h.access(0, BLOCK * 64, 8, Access.load, 0);
  h.access(1, BLOCK * 64, 8, Access.load, 100);
  return { h, line: (h.privates[0] as (typeof h.privates)[0]).l1d.find(BLOCK) };
}

describe('the invariant checker', () => {
  it('is silent on a coherent hierarchy', () => {
    const { h, line } = shared();
    expect(line).toBeGreaterThanOrEqual(0);
    expect(() => checkInvariants(h)).not.toThrow();
  });

  it('fires on a writer beside a reader (I1)', () => {
    const { h, line } = shared();
    const meta = h.privates[0]!.l1d.meta;
    meta[line] = ((meta[line] as number) & ~STATE_BITS) | St.M;
    expect(() => checkInvariants(h)).toThrow(/I1 block 64: a core may write it while 2 cores hold it/);
  });

  it('fires on a sharer bit the directory lost (I3)', () => {
    const { h } = shared();
    const home = h.home.llc.tags.find(BLOCK);
    h.home.dir.removeSharer(home, 1);
    expect(() => checkInvariants(h)).toThrow(/I3 block 64 core 1: copies true, sharer bit false/);
  });

  it('fires on a private line pointing at an LLC line of another block (I2)', () => {
    const { h, line } = shared();
    const meta = h.privates[0]!.l1d.meta;
    const home = (meta[line] as number) >> HOME_SHIFT;
    meta[line] = ((meta[line] as number) & ((1 << HOME_SHIFT) - 1)) | ((home + 1) << HOME_SHIFT);
    expect(() => checkInvariants(h)).toThrow(/I2 core 0 L1D holds block 64, but its LLC line \d+ holds/);
  });

  it('fires on a dirty copy in a clean state (I4)', () => {
    const { h, line } = shared();
    const meta = h.privates[0]!.l1d.meta;
    meta[line] = (meta[line] as number) | DIRTY;
    expect(() => checkInvariants(h)).toThrow(/I4 block 64 core 0: dirty copy in state S/);
  });
});
