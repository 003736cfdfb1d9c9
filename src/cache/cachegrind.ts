/**
 * The `cachegrind` hierarchy mode: valgrind cachegrind's cache model, reproduced so that
 * txsim's counts equal cachegrind's for the same geometry and instruction stream.
 *
 * Semantics (valgrind 3.19, see docs/cachegrind.md): I1 and D1 feed one last level (LL);
 * LRU by default; writes allocate and leave no dirty state (a store acts as a load). Access
 * sizes are capped at the smallest line size, keeping the start address, so an access
 * covers one or two lines at every level, never more: a 192-byte access with 64-byte lines
 * counts as its first 64 bytes (valgrind caps the same way; the oracle test fails without
 * the cap). An access that straddles two lines is one access: both lines are referenced,
 * it is a miss if either misses, and the LL sees the same address and size. The LL sees
 * only first-level misses and is neither inclusive nor exclusive. A modify (lackey `M`) or
 * an atomic RMW counts once, as a data read. Left out: timing, coherence, multiple cores
 * (one core only), branch simulation.
 */
import { createChunk, LOCK_WORD_BYTES, MAX_TID, Op, OP_COUNT, type EventChunk } from '../trace/events.js';
import { InputError } from '../util/errors.js';
import { Rng } from '../util/rng.js';
import type { CacheGeometry } from './geometry.js';
import { InstructionTable } from './instruction-table.js';
import { MruLruCache } from './mru-lru.js';
import { TagArray } from './tag-array.js';

/** What the cachegrind mode needs of a cache: a counting reference (both implementations). */
export interface CountingCache {
  readonly invLine: number;
  /** Line size − 1: the offset bits of an address. */
  readonly lineMask: number;
  lastBlock: number;
  reference(block: number): boolean;
}

/** cachegrind's event names, in its output order. */
export const CG_EVENTS = ['Ir', 'I1mr', 'ILmr', 'Dr', 'D1mr', 'DLmr', 'Dw', 'D1mw', 'DLmw'] as const;
export type CgEvent = (typeof CG_EVENTS)[number];

/** Descriptions of cachegrind's counters (the statistics this mode reports). */
export const CG_DESCRIPTIONS: Record<CgEvent, string> = {
  Ir: 'instructions executed (instruction fetches)',
  I1mr: 'I1 cache read misses',
  ILmr: 'last-level cache instruction read misses',
  Dr: 'data reads (loads, modifies, atomic read-modify-writes and lock acquires)',
  D1mr: 'D1 cache read misses',
  DLmr: 'last-level cache data read misses',
  Dw: 'data writes (stores and lock releases)',
  D1mw: 'D1 cache write misses',
  DLmw: 'last-level cache data write misses',
};

export interface CachegrindConfig {
  readonly I1: CacheGeometry;
  readonly D1: CacheGeometry;
  readonly LL: CacheGeometry;
  readonly replacement: string;
}

// Counter slots, in CG_EVENTS order.
const IR = 0;
const DR = 3;
const DW = 6;

/** Op code → the counter slot of its access (IR, DR or DW), or -1 for non-memory events. */
export const OP_SLOT = new Int8Array(OP_COUNT).fill(-1);
OP_SLOT[Op.ifetch] = IR;
for (const o of [Op.read, Op.readPrivate, Op.modify, Op.rmw, Op.lock]) OP_SLOT[o] = DR;
for (const o of [Op.write, Op.writePrivate, Op.unlock]) OP_SLOT[o] = DW;

/** cachegrind's smallest line (valgrind 3.19, cg_arch.c: smaller lines let an instruction straddle three). */
const CG_MIN_LINE = 16;
/** cachegrind's largest size, associativity or line: its parameters are C ints. */
const CG_MAX_PARAM = 0x7fffffff;

/**
 * The geometries cachegrind itself refuses at start-up (beyond `deriveGeometry`'s checks,
 * which it shares): there is no cachegrind count for them to equal.
 */
function checkCachegrindLimits(g: CacheGeometry, what: string): void {
  const desc = `${what} ${g.size} B, ${g.assoc}-way, ${g.line} B lines`;
  if (g.size > CG_MAX_PARAM || g.assoc > CG_MAX_PARAM || g.line > CG_MAX_PARAM)
    throw new InputError(
      `${desc}: cachegrind takes sizes, associativities and lines up to ${CG_MAX_PARAM} ("One of the cache parameters was too large")`,
    );
  if (g.line < CG_MIN_LINE)
    throw new InputError(
      `${desc}: cachegrind needs lines of at least ${CG_MIN_LINE} B ("Cache line size is too small")`,
    );
  if (g.size <= g.line)
    throw new InputError(
      `${desc}: cachegrind needs a cache of more than one line ("Cache size <= line size")`,
    );
}

export class CachegrindHierarchy {
  readonly i1: CountingCache;
  readonly d1: CountingCache;
  readonly ll: CountingCache;
  /** Totals in CG_EVENTS order. */
  readonly counts = new Float64Array(CG_EVENTS.length);
  /** Per-instruction-address counts, when asked for (`--cachegrind-out-file`). */
  readonly perInstruction: InstructionTable | null;
  private readonly maxSize: number;
  /** Row of `perInstruction` for the instruction whose accesses are arriving. */
  private currentRow = 0;
  /** Each trace thread's current row (with `perInstruction`; made at the first chunk). */
  private threadRows: Int32Array | null = null;

  constructor(cfg: CachegrindConfig, rng: Rng, perInstruction: boolean) {
    // Exact LRU (cachegrind's policy) takes the recency-ordered fast path; other policies
    // use the general tag array.
    const make = (g: CacheGeometry, what: string, label: number): CountingCache =>
      cfg.replacement === 'lru'
        ? new MruLruCache(g, what)
        : new TagArray(g, cfg.replacement, rng.fork(label), what);
    checkCachegrindLimits(cfg.I1, 'I1');
    checkCachegrindLimits(cfg.D1, 'D1');
    checkCachegrindLimits(cfg.LL, 'LL');
    this.i1 = make(cfg.I1, 'I1', 1);
    this.d1 = make(cfg.D1, 'D1', 2);
    this.ll = make(cfg.LL, 'LL', 3);
    this.maxSize = Math.min(cfg.I1.line, cfg.D1.line, cfg.LL.line);
    this.perInstruction = perInstruction ? new InstructionTable(CG_EVENTS.length) : null;
    if (this.perInstruction) this.currentRow = this.perInstruction.row(-1);
    if (!warmedUp) {
      warmedUp = true;
      warmUp(cfg.replacement);
    }
  }

  /** Replays every event of a chunk. Non-memory events (compute, tx markers, sys) are ignored. */
  runChunk(chunk: EventChunk): void {
    if (this.perInstruction) {
      this.runAttributed(chunk, this.perInstruction);
      return;
    }
    const { op, addr, size } = chunk;
    const n = chunk.length;
    const i1 = this.i1;
    const d1 = this.d1;
    const iLine = i1.lineMask + 1;
    const dLine = d1.lineMask + 1;
    // An access that lies within the most recently referenced line of its first-level
    // cache, [lo, hi), is a hit that changes no state (see TagArray.lastBlock): it is
    // counted here with two comparisons; every other access goes to `refer`. An oversized
    // access never fits a line, so this path needs no size capping.
    // Literal op codes: an imported constant costs a load and a check per use in V8.
    let iLo = i1.lastBlock * iLine;
    let iHi = iLo + iLine;
    let dLo = d1.lastBlock * dLine;
    let dHi = dLo + dLine;
    let ir = 0;
    let dr = 0;
    let dw = 0;
    for (let i = 0; i < n; i++) {
      const o = op[i] as number;
      const a = addr[i] as number;
      const s = size[i] as number;
      if (o === 12 /* ifetch */) {
        if (a >= iLo && a + s <= iHi) ir++;
        else {
          this.refer(i1, a, s, IR);
          iLo = i1.lastBlock * iLine;
          iHi = iLo + iLine;
        }
        continue;
      }
      const slot = OP_SLOT[o] as number;
      if (slot < 0) continue;
      if (a >= dLo && a + s <= dHi) {
        if (slot === DR) dr++;
        else dw++;
      } else {
        this.refer(d1, a, s, slot);
        dLo = d1.lastBlock * dLine;
        dHi = dLo + dLine;
      }
    }
    const c = this.counts;
    c[IR] = (c[IR] as number) + ir;
    c[DR] = (c[DR] as number) + dr;
    c[DW] = (c[DW] as number) + dw;
  }

  /**
   * The same replay, also counting per instruction address: the instruction of an access
   * is its own thread's last fetch before it (threads' events may interleave).
   */
  private runAttributed(chunk: EventChunk, table: InstructionTable): void {
    const { op, tid, addr, size } = chunk;
    const rows = (this.threadRows ??= new Int32Array(MAX_TID + 1).fill(this.currentRow));
    for (let i = 0; i < chunk.length; i++) {
      const o = op[i] as number;
      const a = addr[i] as number;
      const s = size[i] as number;
      const t = tid[i] as number;
      if (o === Op.ifetch) {
        this.currentRow = rows[t] = table.row(a);
        this.refer(this.i1, a, s, IR);
        continue;
      }
      this.currentRow = rows[t] as number;
      if (o === Op.read || o === Op.modify || o === Op.readPrivate || o === Op.rmw || o === Op.lock) {
        this.refer(this.d1, a, s, DR);
      } else if (o === Op.write || o === Op.writePrivate || o === Op.unlock) {
        this.refer(this.d1, a, s, DW);
      }
    }
  }

  /**
   * One access of `size` bytes at `a` through first level `l1` (this hierarchy's `i1` or
   * `d1`), then LL on a miss, counted in `slot` (0 Ir, 3 Dr, 6 Dw). Public for the fused
   * binary replay (cachegrind-binary.ts), which does `runChunk`'s work inside the decoder.
   */
  refer(l1: CountingCache, a: number, size: number, slot: number): void {
    const c = this.counts;
    const bytes = size === 0 ? LOCK_WORD_BYTES : size; // size 0: a lock or unlock's word
    const s = bytes > this.maxSize ? this.maxSize : bytes;
    c[slot]!++;
    let l1Miss = false;
    let llMiss = false;
    if (!referSpan(l1, a, s)) {
      l1Miss = true;
      c[slot + 1]!++;
      if (!referSpan(this.ll, a, s)) {
        llMiss = true;
        c[slot + 2]!++;
      }
    }
    if (this.perInstruction) this.perInstruction.count(this.currentRow, slot, l1Miss, llMiss);
  }
}

let warmedUp = false;

/**
 * Replays a small synthetic chunk many times on a throwaway hierarchy, once per process.
 * V8 compiles a long loop while it runs (on-stack replacement); code that has no type
 * feedback by then deoptimizes, at the end of every later chunk for the code after the
 * loop, and feedback is only recorded after a function's first calls. Warming up with
 * every kind of access (measured with --trace-deopt and per-chunk timing) leaves the real
 * replay with optimized code from its first chunk.
 */
function warmUp(replacement: string): void {
  const g = { size: 1024, assoc: 2, line: 64 };
  const h = new CachegrindHierarchy(
    { I1: g, D1: g, LL: { size: 4096, assoc: 4, line: 64 }, replacement },
    new Rng(0),
    false,
  );
  const c = createChunk(64);
  for (let i = 0; i < 64; i++) {
    c.op[i] = [Op.ifetch, Op.ifetch, Op.read, Op.write, Op.modify, Op.compute][i % 6] as number;
    c.addr[i] = 0x10000 + ((i * 53) % 4096) + (i % 7 === 0 ? 60 : 0);
    c.size[i] = 1 + (i % 8);
  }
  c.length = 64;
  for (let k = 0; k < 60; k++) h.runChunk(c);
}

/**
 * Looks up every line the access covers; true when all of them hit. `refer` caps `size` at
 * the smallest line size, so that is one line or two (b1 = b0 + 1), never more.
 */
function referSpan(cache: CountingCache, a: number, size: number): boolean {
  const inv = cache.invLine;
  const b0 = Math.floor(a * inv);
  const b1 = Math.floor((a + size - 1) * inv);
  const h0 = cache.reference(b0);
  if (b1 === b0) return h0;
  const h1 = cache.reference(b1);
  return h0 && h1;
}
