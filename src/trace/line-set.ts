/**
 * A growable open-addressing hash set of non-negative integers below 2^53 (cache line
 * numbers), for counting distinct lines over traces too large for a JS Set (which stops
 * at 2^24 entries). A run of RANGE_LINES lines or more (one access may cover 2^32 bytes)
 * is kept as a range, and `size` counts the union. Memory: 8 bytes per slot, at most
 * twice the number of single lines plus the initial slots, and 16 bytes per range.
 * Left out: deletion.
 */

/** Runs of at least this many lines are kept as ranges instead of line by line. */
export const RANGE_LINES = 64;

export class LineSet {
  private slots: Float64Array;
  private mask: number;
  private count = 0;
  /** Ranges of lines, flat: first, last, first, last, ... */
  private readonly ranges: number[] = [];

  /** `initialSlots` is a power of two. */
  constructor(initialSlots = 1 << 13) {
    this.slots = new Float64Array(initialSlots); // 0 = empty; values are stored + 1
    this.mask = initialSlots - 1;
  }

  /** Distinct lines added (single or in ranges). */
  get size(): number {
    if (this.ranges.length === 0) return this.count;
    const merged = mergeRanges(this.ranges);
    let n = 0;
    for (let k = 0; k < merged.length; k += 2) n += (merged[k + 1] as number) - (merged[k] as number) + 1;
    for (const key of this.slots) if (key !== 0 && !covers(merged, key - 1)) n++;
    return n;
  }

  /** Adds lines `first .. last`. */
  addRange(first: number, last: number): void {
    if (last - first + 1 >= RANGE_LINES) this.ranges.push(first, last);
    else for (let v = first; v <= last; v++) this.add(v);
  }

  /** Adds `v`; returns true if it was not among the single lines yet. */
  add(v: number): boolean {
    const key = v + 1;
    const slots = this.slots;
    let i = hash(v) & this.mask;
    for (;;) {
      const s = slots[i]!;
      if (s === key) return false;
      if (s === 0) break;
      i = (i + 1) & this.mask;
    }
    slots[i] = key;
    if (++this.count * 2 > slots.length) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (const key of old) {
      if (key === 0) continue;
      let i = hash(key - 1) & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = key;
    }
  }
}

function hash(v: number): number {
  const lo = v >>> 0;
  const hi = (v / 0x100000000) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** `ranges` (flat first/last pairs) sorted and merged: disjoint, ascending, not adjacent. */
function mergeRanges(ranges: readonly number[]): number[] {
  const pairs: [number, number][] = [];
  for (let k = 0; k < ranges.length; k += 2) pairs.push([ranges[k] as number, ranges[k + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [first, last] of pairs) {
    const n = out.length;
    if (n > 0 && first <= (out[n - 1] as number) + 1) out[n - 1] = Math.max(out[n - 1] as number, last);
    else out.push(first, last);
  }
  return out;
}

/** True when `v` lies in one of the merged ranges (binary search). */
function covers(merged: readonly number[], v: number): boolean {
  let lo = 0;
  let hi = merged.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (v < (merged[2 * mid] as number)) hi = mid - 1;
    else if (v > (merged[2 * mid + 1] as number)) lo = mid + 1;
    else return true;
  }
  return false;
}
