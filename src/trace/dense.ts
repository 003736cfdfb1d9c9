/**
 * Dense addresses, for the multicore machine's narrow tag arrays (32-bit block numbers in
 * half the host memory of 64-bit ones; cache/tag-array.ts). A trace's addresses go up to
 * 2^53, so the reader renumbers them: the address space is cut into regions of
 * 2^regionBits bytes, each region the trace touches gets the next region number as the
 * renumbering first meets it, and an address keeps its offset in its region. A region is at
 * least as large as any cache's way (sets × line: `denseAddressing`), so every address
 * keeps its line offset, its set at every level and its LLC bank, and every statistic is
 * the same as with the real addresses (tested). Only lookup hints, which hash high bits,
 * differ, and they are guesses.
 *
 * Block numbers stay below 2^31 while the trace touches at most `capacity` regions. The
 * first access to one region more throws AddressSpaceFull, and the caller replays the
 * trace again without renumbering (64-bit tags).
 *
 * The region table is shared memory: written by the thread that renumbers (the threaded
 * reader's worker, or `DenseReader` (dense-reader.ts) on the main thread) before it hands
 * out the chunk, read by the simulation for messages (`real`) and for the rare access that
 * crosses from one region into the next (`denseOf`). An access is renumbered by its first
 * byte; every region it covers is numbered then too.
 * Left out: renumbering for the cachegrind mode (its counts per instruction address are
 * printed) and for stdin (it cannot be read again after AddressSpaceFull).
 */
import { isMemoryOp, Op, OP_COUNT, type EventChunk } from './events.js';

/** How a reader renumbers: regions of 2^regionBits bytes, at most `capacity` of them. */
export interface DenseOptions {
  readonly regionBits: number;
  readonly capacity: number;
}

/** Block numbers a narrow (32-bit) tag array holds: 0 .. NARROW_BLOCKS − 1. */
export const NARROW_BLOCKS = 2 ** 31;

/** Smallest region: 1 MiB (2^20 bytes), so that a few regions cover a program's stack, heap and data. */
const MIN_REGION_BITS = 20;
/** Most regions: the table's shared memory is 8 bytes a region. */
const MAX_REGIONS = 2 ** 17;

/**
 * The renumbering for a machine whose caches have ways of at most `way` bytes (the largest
 * sets × line) and lines of `line` bytes, so that block numbers stay below 2^31
 * (NARROW_BLOCKS); null when no region fits (a way of more than 2^31 lines).
 */
export function denseOptions(way: number, line: number): DenseOptions | null {
  let regionBits = MIN_REGION_BITS;
  while (2 ** regionBits < way) regionBits++;
  const capacity = Math.min(MAX_REGIONS, (NARROW_BLOCKS * line) / 2 ** regionBits);
  return capacity >= 1 ? { regionBits, capacity } : null;
}

/** The trace touches more regions than dense addresses can number (see the header). */
export class AddressSpaceFull extends Error {
  constructor(capacity: number, regionBits: number) {
    super(`the trace touches more than ${capacity} regions of 2^${regionBits} bytes`);
  }
}

/** True for the ops whose `addr` is an address: memory accesses and lock words. */
export function hasAddress(op: number): boolean {
  return isMemoryOp(op) || op === Op.lock || op === Op.unlock;
}

/** 1 at the op codes whose `addr` is an address (`hasAddress`), for the renumbering loop. */
const HAS_ADDRESS = new Uint8Array(OP_COUNT);
for (let op = 0; op < OP_COUNT; op++) HAS_ADDRESS[op] = hasAddress(op) ? 1 : 0;

/**
 * Entries of the writer's cache of recent regions: 2^CACHE_BITS. A slot is the top bits of
 * the region's low 32 bits times 2^32/φ (Fibonacci hashing), so regions a fixed stride apart
 * (one stack or heap per thread) spread over the slots. On the 8- and 32-thread benchmark
 * traces no region is looked up in the table twice; the former slot (the low 8 bits XOR the
 * next 8, in 256 entries) sent 7.2 % and 3.0 % of their accesses to the table.
 */
const CACHE_BITS = 10;
const CACHE = 2 ** CACHE_BITS;

export class AddressRegions {
  readonly regionBits: number;
  readonly capacity: number;
  /** 2^regionBits, and its inverse (exact). */
  private readonly size: number;
  private readonly inv: number;
  /** Word 0: regions numbered (set after their entries, Atomics). */
  private readonly count: Int32Array;
  /** The real region number (address ÷ size) of each dense region number. */
  private readonly reals: Float64Array;
  /** Real region number → dense region number: every region (writer), those seen so far (simulation). */
  private readonly numbers = new Map<number, number>();
  /** Writer: real region numbers and their dense ones, by slot (NaN: empty). */
  private readonly cacheReal = new Float64Array(CACHE).fill(NaN);
  private readonly cacheDense = new Float64Array(CACHE);
  private numbered = 0;

  /** A new table, or (given `shared`) the view of another thread's table. */
  constructor(
    opts: DenseOptions,
    readonly shared = new SharedArrayBuffer(8 + 8 * opts.capacity),
  ) {
    this.regionBits = opts.regionBits;
    this.capacity = opts.capacity;
    this.size = 2 ** opts.regionBits;
    this.inv = 1 / this.size;
    this.count = new Int32Array(shared, 0, 1);
    this.reals = new Float64Array(shared, 8, opts.capacity);
  }

  /**
   * Writer: renumbers the addresses of `c`'s events `0 .. n-1` in place; each region it
   * numbers is visible to the simulation's thread before it returns (`number`). Throws
   * AddressSpaceFull at the first access to a region beyond the capacity. About 10 ns an
   * event (timed alone on the 8-core benchmark trace; 12.5–15 ns with the former cache
   * slot): a region's number comes from a small cache of recent regions (CACHE_BITS).
   * Nothing follows the loop: V8 compiles its first call's loop on the stack (OSR), and
   * code after the loop, not yet run then, deoptimized that code at the end of every later
   * call, in two runs of seven (1,333 times, once a chunk, on the 8-core benchmark trace).
   */
  renumber(c: EventChunk, n: number): void {
    const { op, addr, size } = c;
    const region = this.size;
    const inv = this.inv;
    const cacheReal = this.cacheReal;
    const cacheDense = this.cacheDense;
    const withAddress = HAS_ADDRESS;
    for (let i = 0; i < n; i++) {
      if (withAddress[op[i] as number] === 0) continue;
      const a = addr[i] as number;
      const r = Math.floor(a * inv);
      const offset = a - r * region;
      const slot = Math.imul(r | 0, 0x9e3779b1) >>> (32 - CACHE_BITS); // `| 0`: r's low 32 bits
      let d: number;
      if (cacheReal[slot] === r) d = cacheDense[slot] as number;
      else {
        d = this.number(r);
        cacheReal[slot] = r;
        cacheDense[slot] = d;
      }
      // Regions the access reaches beyond its first (an access may be up to 2^32-1 bytes).
      const bytes = size[i] as number;
      if (offset + bytes > region) for (let k = r + 1; k * region < a + bytes; k++) this.number(k);
      addr[i] = d * region + offset;
    }
  }

  /** Real address of the dense address `d`. */
  real(d: number): number {
    const k = Math.floor(d / this.size);
    return (this.reals[k] as number) * this.size + (d - k * this.size);
  }

  /** Dense address of the real address `a`, whose region is numbered (simulation side). */
  denseOf(a: number): number {
    const r = Math.floor(a / this.size);
    let d = this.numbers.get(r);
    if (d === undefined) {
      const n = Atomics.load(this.count, 0);
      for (let k = this.numbers.size; k < n; k++) this.numbers.set(this.reals[k] as number, k);
      d = this.numbers.get(r);
      if (d === undefined) throw new Error(`dense addresses: region of ${a} was never numbered`);
    }
    return d * this.size + (a - r * this.size);
  }

  /** True when the `bytes` bytes from dense address `d` reach into the next region. */
  crosses(d: number, bytes: number): boolean {
    return Math.floor(d / this.size) !== Math.floor((d + bytes - 1) / this.size);
  }

  /**
   * Writer: the dense number of real region `r`, numbering it if new. A new region's entry
   * is written before the count that makes it visible to the simulation's thread.
   */
  private number(r: number): number {
    const known = this.numbers.get(r);
    if (known !== undefined) return known;
    if (this.numbered === this.capacity) throw new AddressSpaceFull(this.capacity, this.regionBits);
    const d = this.numbered++;
    this.reals[d] = r;
    this.numbers.set(r, d);
    Atomics.store(this.count, 0, this.numbered);
    return d;
  }
}
