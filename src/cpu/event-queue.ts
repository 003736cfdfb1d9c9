/**
 * A per-thread queue of trace events: a ring buffer of typed-array columns (op, address,
 * size, site) that doubles when full. The demultiplexer appends; the thread's core reads
 * at `head`. Memory is 17 bytes per buffered event; it only grows as far as the trace
 * makes one thread's events wait for another's (see demux.ts).
 */
export class EventQueue {
  op: Uint8Array;
  addr: Float64Array;
  size: Uint32Array;
  site: Int32Array;
  /** Capacity − 1 (the capacity is a power of two). */
  mask: number;
  /** Index of the oldest event. */
  head = 0;
  /** Events buffered. */
  count = 0;

  constructor(capacity = 1024) {
    this.op = new Uint8Array(capacity);
    this.addr = new Float64Array(capacity);
    this.size = new Uint32Array(capacity);
    this.site = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  push(op: number, addr: number, size: number, site: number): void {
    if (this.count > this.mask) this.grow();
    const i = (this.head + this.count) & this.mask;
    this.op[i] = op;
    this.addr[i] = addr;
    this.size[i] = size;
    this.site[i] = site;
    this.count++;
  }

  /** Drops the oldest event (read it at `head` first). */
  shift(): void {
    this.head = (this.head + 1) & this.mask;
    this.count--;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const order = (a: Uint8Array | Float64Array | Uint32Array | Int32Array, b: typeof a): void => {
      const tail = a.subarray(this.head);
      b.set(tail, 0);
      b.set(a.subarray(0, this.head), tail.length);
    };
    const op = new Uint8Array(cap);
    const addr = new Float64Array(cap);
    const size = new Uint32Array(cap);
    const site = new Int32Array(cap);
    order(this.op, op);
    order(this.addr, addr);
    order(this.size, size);
    order(this.site, site);
    this.op = op;
    this.addr = addr;
    this.size = size;
    this.site = site;
    this.head = 0;
    this.mask = cap - 1;
  }
}
