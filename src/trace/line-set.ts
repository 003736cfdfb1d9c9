/**
 * A growable open-addressing hash set of non-negative integers below 2^53 (cache line
 * numbers), for counting distinct lines over traces too large for a JS Set (which stops
 * at 2^24 entries). Memory: 8 bytes per slot, at most twice the number of entries plus
 * the initial 64 KiB. Left out: deletion.
 */
export class LineSet {
  private slots: Float64Array;
  private mask: number;
  private count = 0;

  constructor(initialSlots = 1 << 13) {
    this.slots = new Float64Array(initialSlots); // 0 = empty; values are stored + 1
    this.mask = initialSlots - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds `v`; returns true if it was new. */
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
