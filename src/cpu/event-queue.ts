/**
 * A per-thread queue of trace events: a ring buffer of typed-array columns (op, address,
 * size) that doubles when full. The demultiplexer appends runs of a chunk's events;
 * the thread's core reads at `head`. Memory is 13 bytes per buffered event; it only grows
 * as far as the trace makes one thread's events wait for another's (see demux.ts).
 */
import type { EventChunk } from '../trace/events.js';

/** Copies chunk events `from .. to-1` into queue slots from `at` on (no wrap). */
function copy(q: EventQueue, c: EventChunk, from: number, to: number, at: number): void {
  if (to - from >= 64) {
    // Long runs: block copies (three views per run, not per event).
    q.op.set(c.op.subarray(from, to), at);
    q.addr.set(c.addr.subarray(from, to), at);
    q.size.set(c.size.subarray(from, to), at);
    return;
  }
  const { op, addr, size } = q;
  for (let i = from, j = at; i < to; i++, j++) {
    op[j] = c.op[i] as number;
    addr[j] = c.addr[i] as number;
    size[j] = c.size[i] as number;
  }
}

export class EventQueue {
  op: Uint8Array;
  addr: Float64Array;
  size: Uint32Array;
  /** Capacity − 1 (the capacity is a power of two). */
  mask: number;
  /** Index of the oldest event. */
  head = 0;
  /** Events buffered. */
  count = 0;
  /** Events ever appended: the one at `head` is the thread's event number appended − count (from 0). */
  appended = 0;

  constructor(capacity = 1024) {
    this.op = new Uint8Array(capacity);
    this.addr = new Float64Array(capacity);
    this.size = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Appends events `from .. to-1` of a chunk (all of this queue's thread). */
  append(chunk: EventChunk, from: number, to: number): void {
    const n = to - from;
    while (this.count + n > this.mask + 1) this.grow();
    const start = (this.head + this.count) & this.mask;
    const first = Math.min(n, this.mask + 1 - start);
    copy(this, chunk, from, from + first, start);
    if (first < n) copy(this, chunk, from + first, to, 0);
    this.count += n;
    this.appended += n;
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
    order(this.op, op);
    order(this.addr, addr);
    order(this.size, size);
    this.op = op;
    this.addr = addr;
    this.size = size;
    this.head = 0;
    this.mask = cap - 1;
  }
}
