/**
 * One core's private caches: L1I (optional), L1D and an optional L2, shared by the core's
 * SMT threads. Each line also records its home (the LLC line holding the same block), so
 * the core's coherence state for a line is found without searching the LLC. L2 is not
 * inclusive of L1 (as on Intel cores since Nehalem); the LLC is inclusive of both.
 * Policy lives in the hierarchy and the home; this file only finds, drops and cleans copies.
 */
import type { Rng } from '../../util/rng.js';
import { CacheLevel, LevelStat, type LevelConfig } from '../level.js';
import { HELD_L1D, HELD_L1I, HELD_L2 } from './config.js';

export class PrivateLevel extends CacheLevel {
  /** LLC line id holding the same block, per line (meaningful while the line is valid). */
  readonly home: Int32Array;

  constructor(
    name: string,
    config: LevelConfig,
    rng: Rng,
    /** This level's HELD_* bit. */
    readonly bit: number,
  ) {
    super(name, config, rng);
    this.home = new Int32Array(this.tags.tags.length).fill(-1);
  }
}

export class PrivateCaches {
  readonly l1i: PrivateLevel | null;
  readonly l1d: PrivateLevel;
  readonly l2: PrivateLevel | null;
  /** The levels present, in back-invalidation order (L1I, L1D, L2). */
  readonly levels: readonly PrivateLevel[];

  constructor(
    readonly core: number,
    cfg: { readonly l1i: LevelConfig | null; readonly l1d: LevelConfig; readonly l2: LevelConfig | null },
    rng: Rng,
  ) {
    // Fork labels 1, 2, 3 for core 0 match the single-core hierarchy's random streams.
    const label = 3 * core;
    this.l1i = cfg.l1i ? new PrivateLevel('L1I', cfg.l1i, rng.fork(label + 1), HELD_L1I) : null;
    this.l1d = new PrivateLevel('L1D', cfg.l1d, rng.fork(label + 2), HELD_L1D);
    this.l2 = cfg.l2 ? new PrivateLevel('L2', cfg.l2, rng.fork(label + 3), HELD_L2) : null;
    this.levels = [this.l1i, this.l1d, this.l2].filter((l): l is PrivateLevel => l !== null);
  }

  /**
   * Drops `block` from every level whose bit is in `held`; returns true if a dropped copy
   * was dirty. `backInvalidation` counts the drops as back-invalidations at each level.
   */
  drop(block: number, held: number, backInvalidation: boolean): boolean {
    let dirty = false;
    for (const level of this.levels) {
      if ((held & level.bit) === 0) continue;
      const l = level.tags.find(block);
      if (l < 0) throw new Error(`core ${this.core} ${level.name}: held bit set but block ${block} absent`);
      if (level.dirty[l] === 1) dirty = true;
      level.dirty[l] = 0;
      level.tags.invalidate(l);
      if (backInvalidation) level.counts[LevelStat.backInvalidations]!++;
    }
    return dirty;
  }

  /** Clears the dirty bit of every copy (its data went to the LLC); true if any was dirty. */
  clean(block: number, held: number): boolean {
    let dirty = false;
    for (const level of this.levels) {
      if ((held & level.bit) === 0) continue;
      const l = level.tags.find(block);
      if (l >= 0 && level.dirty[l] === 1) {
        level.dirty[l] = 0;
        dirty = true;
      }
    }
    return dirty;
  }
}
