/**
 * The `cachegrind` hierarchy mode: valgrind cachegrind's cache model, reproduced so that
 * txsim's counts equal cachegrind's for the same geometry and instruction stream.
 *
 * Semantics (valgrind 3.19, see docs/cachegrind.md): I1 and D1 feed one last level (LL);
 * LRU by default; writes allocate and leave no dirty state (a store acts as a load); an
 * access that straddles two lines is one access, a miss if either line misses, and the LL
 * sees the same address and size; data sizes are capped at the smallest line size; the LL
 * sees only first-level misses and is neither inclusive nor exclusive. A modify (lackey
 * `M`) or an atomic RMW counts once, as a data read. Left out: timing, coherence,
 * multiple cores (one core only), branch simulation.
 */
import { Op, type EventChunk } from '../trace/events.js';
import type { Rng } from '../util/rng.js';
import type { CacheGeometry } from './geometry.js';
import { InstructionTable } from './instruction-table.js';
import { TagArray } from './tag-array.js';

/** cachegrind's event names, in its output order. */
export const CG_EVENTS = ['Ir', 'I1mr', 'ILmr', 'Dr', 'D1mr', 'DLmr', 'Dw', 'D1mw', 'DLmw'] as const;
export type CgEvent = (typeof CG_EVENTS)[number];

/** Descriptions of cachegrind's counters (the statistics this mode reports). */
export const CG_DESCRIPTIONS: Record<CgEvent, string> = {
  Ir: 'instructions executed (instruction fetches)',
  I1mr: 'I1 cache read misses',
  ILmr: 'last-level cache instruction read misses',
  Dr: 'data reads (loads, modifies and atomic read-modify-writes)',
  D1mr: 'D1 cache read misses',
  DLmr: 'last-level cache data read misses',
  Dw: 'data writes (stores)',
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

export class CachegrindHierarchy {
  readonly i1: TagArray;
  readonly d1: TagArray;
  readonly ll: TagArray;
  /** Totals in CG_EVENTS order. */
  readonly counts = new Float64Array(CG_EVENTS.length);
  /** Per-instruction-address counts, when asked for (`--cachegrind-out-file`). */
  readonly perInstruction: InstructionTable | null;
  private readonly maxSize: number;
  /** Row of `perInstruction` for the instruction whose accesses are arriving. */
  private currentRow = 0;

  constructor(cfg: CachegrindConfig, rng: Rng, perInstruction: boolean) {
    this.i1 = new TagArray(cfg.I1, cfg.replacement, rng.fork(1), 'I1');
    this.d1 = new TagArray(cfg.D1, cfg.replacement, rng.fork(2), 'D1');
    this.ll = new TagArray(cfg.LL, cfg.replacement, rng.fork(3), 'LL');
    this.maxSize = Math.min(cfg.I1.line, cfg.D1.line, cfg.LL.line);
    this.perInstruction = perInstruction ? new InstructionTable(CG_EVENTS.length) : null;
    if (this.perInstruction) this.currentRow = this.perInstruction.row(-1);
  }

  /** Replays every event of a chunk. Non-memory events (compute, tx markers, sys) are ignored. */
  runChunk(chunk: EventChunk): void {
    const { op, addr, size } = chunk;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const o = op[i] as number;
      const a = addr[i] as number;
      let s = size[i] as number;
      if (s > this.maxSize) s = this.maxSize;
      switch (o) {
        case Op.ifetch:
          if (this.perInstruction) this.currentRow = this.perInstruction.row(a);
          this.refer(this.i1, a, s, IR);
          break;
        case Op.read:
        case Op.readPrivate:
        case Op.modify:
        case Op.rmw:
        case Op.lock:
          this.refer(this.d1, a, s, DR);
          break;
        case Op.write:
        case Op.writePrivate:
        case Op.unlock:
          this.refer(this.d1, a, s, DW);
          break;
        default:
          break;
      }
    }
  }

  /** One access of `size` bytes at `a` through first level `l1`, then LL on a miss. */
  private refer(l1: TagArray, a: number, size: number, slot: number): void {
    const c = this.counts;
    c[slot]!++;
    let l1Miss = false;
    let llMiss = false;
    if (!referSpan(l1, a, size)) {
      l1Miss = true;
      c[slot + 1]!++;
      if (!referSpan(this.ll, a, size)) {
        llMiss = true;
        c[slot + 2]!++;
      }
    }
    if (this.perInstruction) this.perInstruction.count(this.currentRow, slot, l1Miss, llMiss);
  }
}

/** Looks up every line the access covers (one or two); true when all of them hit. */
function referSpan(cache: TagArray, a: number, size: number): boolean {
  const inv = cache.invLine;
  const b0 = Math.floor(a * inv);
  const b1 = Math.floor((a + size - 1) * inv);
  const h0 = cache.reference(b0);
  if (b1 === b0) return h0;
  const h1 = cache.reference(b1);
  return h0 && h1;
}
