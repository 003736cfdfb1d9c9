/**
 * One core's private caches: L1I (optional), L1D and an optional L2, shared by the core's
 * SMT threads. L2 is not inclusive of L1 (as on Intel cores since Nehalem); the LLC is
 * inclusive of both. Every line keeps, besides its tag, one packed word (`meta`): its dirty
 * bit, the core's protocol state for its block and its home (the LLC line holding the same
 * block), so a victim's bookkeeping reads one host cache line, not three.
 *
 * The core's state for a block is the state of its copies: they agree, except that a
 * silent E → M upgrade by a store changes only the copy it hit, so the core's state is M
 * when any copy is M. Changes decided by the directory are applied to every copy.
 * Policy lives in the hierarchy and the home; this file finds, updates and drops copies.
 */
import type { Rng } from '../../util/rng.js';
import { St } from '../coherence/compile.js';
import { CacheLevel, LevelStat, type LevelConfig } from '../level.js';
import type { TagWords } from '../replacement/index.js';
import type { TagArray, TagOptions } from '../tag-array.js';

/** `PrivateLevel.meta` fields: the state code's bits, the dirty bit, the home's shift. */
export const STATE_BITS = 7;
export const DIRTY = 8;
export const HOME_SHIFT = 4;
/** LLC lines a home field can name (2^27: an 8 GiB LLC of 64-byte lines). */
export const MAX_HOME_LINES = 2 ** (31 - HOME_SHIFT);

export class PrivateLevel extends CacheLevel {
  /**
   * Per line: `home << HOME_SHIFT | dirty × DIRTY | state`, where `home` is the LLC line id
   * holding the same block and `state` the core's protocol state code for it (both
   * meaningful while the line is valid).
   */
  readonly meta: Int32Array;
  /** Line of `tags.lastBlock` (the fast path's last hit), meaningful while that is not INVALID. */
  lastLine = -1;
  /**
   * The fast path's guess of a block's line, by the block's low bits: the line it was last
   * found or filled at. Only a guess: the fast path checks the line's tag before using it.
   * 16-bit line ids where they fit (levels of up to 65,536 lines: 4 MiB of 64-byte lines),
   * which halves the table's share of the host's caches (8-core benchmark: 0.977, paired
   * median of 10); a machine mixing both kinds makes the lookup polymorphic (a little slower).
   */
  readonly hint: Uint16Array | Int32Array;
  readonly hintMask: number;

  constructor(name: string, config: LevelConfig, rng: Rng, tagOptions: TagOptions) {
    super(name, config, rng, tagOptions);
    const lines = this.tags.lines;
    this.meta = new Int32Array(lines);
    let hints = 1;
    while (hints < 4 * lines) hints *= 2;
    this.hint = lines <= 65536 ? new Uint16Array(hints) : new Int32Array(hints);
    this.hintMask = hints - 1;
  }

  /**
   * Line id holding `block`, or -1, for an access: the line hit last is checked first (the
   * tag array forgets `lastBlock` when that block is evicted or invalidated, so while it
   * matches, the block is still at `lastLine`), then `find`; a found line becomes the last.
   */
  locate(block: number): number {
    const tags = this.tags;
    const line = block === tags.lastBlock ? this.lastLine : this.find(block);
    if (line >= 0) {
      tags.lastBlock = block;
      this.lastLine = line;
    }
    return line;
  }

  /**
   * The hint slot of `block`: its low bits, XORed with a multiplicative (Fibonacci) hash of
   * its bits above the 1,024-block span it lies in. Blocks of one span get distinct slots
   * (in a table of 1,024 slots or more), as in a direct-mapped table, while spans aligned
   * alike (stacks, heaps, tables at round addresses, the regions of dense addresses) get
   * unrelated slots. (`>>>` reads the block's low 32 bits; this is only a hash.) Of the
   * 8-core benchmark's 25.4 M lookups, 3.92 M find the hint wrong on dense addresses and
   * 4.16 M on the trace's own; the former `block ^ block >>> 11 ^ block >>> 22` gave 6.63 M
   * and 4.48 M (dense regions differ only in their high bits, which it barely mixed in).
   */
  hintSlot(block: number): number {
    return hintSlotOf(block, this.hintMask);
  }

  /** Line id holding `block`, or -1 (`tags.find` behind the hint). */
  find(block: number): number {
    return findHinted(this.hint, this.hintMask, this.tags.words, this.tags, block);
  }
}

/** `PrivateLevel.hintSlot` for a level whose hint mask is `mask`. */
function hintSlotOf(block: number, mask: number): number {
  return (block ^ (Math.imul((block >>> 10) ^ (block >>> 22), 0x9e3779b1) >>> 16)) & mask;
}

/**
 * `PrivateLevel.find` given the level's arrays (`hint`, `mask`: its `hint` and `hintMask`;
 * `words`: its `tags.words`): the hinted line if its tag matches, else the set scan, which
 * updates the hint. For loops that load a level's arrays once (run-ahead's hits: about 3 %
 * of the 8-core benchmark, against reading them from the level at every access).
 */
export function findHinted(
  hint: Uint16Array | Int32Array,
  mask: number,
  words: TagWords,
  tags: TagArray,
  block: number,
): number {
  const h = hintSlotOf(block, mask);
  const guess = hint[h] as number;
  if (words[2 * guess] === block) return guess;
  const line = tags.find(block);
  if (line >= 0) hint[h] = line;
  return line;
}

export class PrivateCaches {
  readonly l1i: PrivateLevel | null;
  readonly l1d: PrivateLevel;
  readonly l2: PrivateLevel | null;
  /** The levels present, in back-invalidation order (L1I, L1D, L2). */
  readonly levels: readonly PrivateLevel[];
  /** Whether a copy dropped by the last `drop` was dirty. */
  droppedDirty = false;

  constructor(
    readonly core: number,
    cfg: { readonly l1i: LevelConfig | null; readonly l1d: LevelConfig; readonly l2: LevelConfig | null },
    rng: Rng,
    tags: TagOptions,
  ) {
    // Fork labels 1, 2, 3 for core 0 match the single-core hierarchy's random streams.
    const label = 3 * core;
    this.l1i = cfg.l1i ? new PrivateLevel('L1I', cfg.l1i, rng.fork(label + 1), tags) : null;
    this.l1d = new PrivateLevel('L1D', cfg.l1d, rng.fork(label + 2), tags);
    this.l2 = cfg.l2 ? new PrivateLevel('L2', cfg.l2, rng.fork(label + 3), tags) : null;
    this.levels = [this.l1i, this.l1d, this.l2].filter((l): l is PrivateLevel => l !== null);
  }

  /** The core's state for `block` (I when no level holds it). */
  stateOf(block: number): number {
    let s: number = St.I;
    for (const level of this.levels) {
      const l = level.tags.valid === 0 ? -1 : level.find(block);
      if (l < 0) continue;
      s = (level.meta[l] as number) & STATE_BITS;
      if (s === St.M) return s;
    }
    return s;
  }

  /** True when an L1 other than `except` holds `block` (callers check the L2 themselves). */
  inOtherL1(block: number, except: PrivateLevel): boolean {
    const { l1i, l1d } = this;
    return (
      (l1d !== except && l1d.find(block) >= 0) ||
      (l1i !== null && l1i !== except && l1i.tags.valid !== 0 && l1i.find(block) >= 0)
    );
  }

  /**
   * Moves every copy of `block` to state `next` (not I); `flush` clears their dirty bits
   * (the data went to the LLC). Returns true if a flushed copy was dirty.
   */
  apply(block: number, next: number, flush: boolean): boolean {
    let dirty = false;
    for (const level of this.levels) {
      const l = level.tags.valid === 0 ? -1 : level.find(block);
      if (l < 0) continue;
      let m = level.meta[l] as number;
      if (flush && (m & DIRTY) !== 0) {
        m &= ~DIRTY;
        dirty = true;
      }
      level.meta[l] = (m & ~STATE_BITS) | next;
    }
    return dirty;
  }

  /**
   * Drops every copy of `block` (counted as back-invalidations when `backInvalidation`);
   * returns the core's state before (I if it held none) and leaves in `droppedDirty`
   * whether a dropped copy was dirty.
   */
  drop(block: number, backInvalidation: boolean): number {
    let s: number = St.I;
    let dirty = false;
    for (const level of this.levels) {
      const l = level.tags.valid === 0 ? -1 : level.find(block);
      if (l < 0) continue;
      const m = level.meta[l] as number;
      if (s !== St.M) s = m & STATE_BITS;
      if ((m & DIRTY) !== 0) dirty = true;
      level.meta[l] = m & ~DIRTY;
      level.tags.invalidate(l);
      if (backInvalidation) level.counts[LevelStat.backInvalidations]!++;
    }
    this.droppedDirty = dirty;
    return s;
  }
}
