/**
 * Per-instruction-address counters for cachegrind-style output: an open-addressing hash
 * from instruction address to a row of counters, all in typed arrays (no Map per access).
 * Row 0 is reserved for accesses seen before any instruction fetch (address -1).
 */
export class InstructionTable {
  private keys: Float64Array;
  private slots: Int32Array;
  private rows: Float64Array;
  private addrs: Float64Array;
  private used = 0;

  constructor(private readonly width: number) {
    this.keys = new Float64Array(1024).fill(NaN);
    this.slots = new Int32Array(1024);
    this.rows = new Float64Array(256 * width);
    this.addrs = new Float64Array(256);
  }

  /** Row index for instruction address `addr` (created on first sight). */
  row(addr: number): number {
    let mask = this.keys.length - 1;
    let h = hash(addr) & mask;
    while (true) {
      const k = this.keys[h] as number;
      if (k === addr) return this.slots[h] as number;
      if (Number.isNaN(k)) break;
      h = (h + 1) & mask;
    }
    if ((this.used + 1) * 2 > this.keys.length) {
      this.grow();
      mask = this.keys.length - 1;
      h = hash(addr) & mask;
      while (!Number.isNaN(this.keys[h] as number)) h = (h + 1) & mask;
    }
    const r = this.used++;
    this.keys[h] = addr;
    this.slots[h] = r;
    if (r >= this.addrs.length) {
      this.addrs = growF64(this.addrs, this.addrs.length * 2);
      this.rows = growF64(this.rows, this.addrs.length * this.width);
    }
    this.addrs[r] = addr;
    return r;
  }

  /** Counts one access in columns slot (access), slot+1 (first-level miss), slot+2 (LL miss). */
  count(row: number, slot: number, l1Miss: boolean, llMiss: boolean): void {
    const base = row * this.width + slot;
    this.rows[base]!++;
    if (l1Miss) this.rows[base + 1]!++;
    if (llMiss) this.rows[base + 2]!++;
  }

  /** Rows in ascending address order: [address, counts]. Row addresses are -1 for "none". */
  *entries(): Generator<[number, Float64Array]> {
    const order = Array.from({ length: this.used }, (_, i) => i).sort(
      (a, b) => (this.addrs[a] as number) - (this.addrs[b] as number),
    );
    for (const r of order) {
      yield [this.addrs[r] as number, this.rows.subarray(r * this.width, (r + 1) * this.width)];
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Float64Array(oldKeys.length * 2).fill(NaN);
    this.slots = new Int32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] as number;
      if (Number.isNaN(k)) continue;
      let h = hash(k) & mask;
      while (!Number.isNaN(this.keys[h] as number)) h = (h + 1) & mask;
      this.keys[h] = k;
      this.slots[h] = oldSlots[i] as number;
    }
  }
}

function hash(addr: number): number {
  const lo = addr | 0;
  const hi = (addr / 4294967296) | 0;
  return Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) >>> 7;
}

function growF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
