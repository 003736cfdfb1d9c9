/**
 * The fast path of exact LRU for counting-only caches (the cachegrind mode): each set keeps
 * its blocks in recency order, most recent first, so the common hit is one comparison.
 * Gives the same hits and misses as `TagArray` with the `lru` policy (tested), but has no
 * stable line ids, so it only serves caches that keep no per-line state.
 */
import { type CacheGeometry, deriveGeometry } from './geometry.js';
import { INVALID } from './tag-array.js';

export class MruLruCache {
  /** Per set, `assoc` blocks in recency order (most recent first); INVALID = empty. */
  private readonly tags: Float64Array;
  private readonly assoc: number;
  private readonly setMask: number;
  readonly invLine: number;
  readonly lineMask: number;
  /**
   * Block of the last reference (its set's most recent block). Starts as NaN, which
   * matches no block and, being a double, makes V8 store the field as an unboxed double
   * from the start (a small-integer start made every later store allocate).
   */
  lastBlock = NaN;

  constructor(geometry: CacheGeometry, what: string) {
    const g = deriveGeometry(geometry, what);
    this.assoc = g.assoc;
    this.setMask = g.setMask;
    this.invLine = 1 / g.line;
    this.lineMask = g.line - 1;
    this.tags = new Float64Array(g.sets * g.assoc).fill(INVALID);
  }

  /** References `block`: true on a hit. The block becomes its set's most recent. */
  reference(block: number): boolean {
    this.lastBlock = block;
    const tags = this.tags;
    const base = (block & this.setMask) * this.assoc;
    if (tags[base] === block) return true;
    const end = base + this.assoc;
    let w = base + 1;
    while (w < end && tags[w] !== block) w++;
    const hit = w < end;
    if (!hit) w = end - 1; // a miss drops the least recent block
    for (; w > base; w--) tags[w] = tags[w - 1] as number;
    tags[base] = block;
    return hit;
  }
}
