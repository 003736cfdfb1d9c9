/**
 * The `writeback` hierarchy mode for one core: I1 (optional) and D1, an optional L2, and an
 * inclusive last-level cache in front of memory. Write-back, write-allocate; every level
 * uses the same line size. A hit costs that level's load-to-use latency, a miss in every
 * level costs the memory latency (latencies are totals, not per-hop additions).
 *
 * Inclusion: the LLC holds every line held above it; when it evicts a line, the copies in
 * L2/L1 are back-invalidated (a dirty copy is written to memory). L2 is not inclusive of
 * L1 (as on Intel cores since Nehalem): a dirty L1 victim goes to L2 if L2 has the line,
 * else to the LLC, which has it by inclusion.
 * Left out here: coherence and other cores (see the multicore hierarchy), prefetching,
 * MSHRs and bandwidth.
 */
import type { StatsRegistry } from '../sim/stats.js';
import { InputError } from '../util/errors.js';
import type { Rng } from '../util/rng.js';
import { CacheLevel, LevelStat, type LevelConfig } from './level.js';
import { INVALID } from './tag-array.js';

export interface HierarchyConfig {
  readonly l1i: LevelConfig | null;
  readonly l1d: LevelConfig;
  readonly l2: LevelConfig | null;
  readonly llc: LevelConfig;
  /** Total load-to-use latency in cycles of an access that misses every level. */
  readonly memoryLatency: number;
}

/** What a processor asks of the hierarchy. */
export const Access = { load: 0, store: 1, ifetch: 2 } as const;
export type AccessKind = (typeof Access)[keyof typeof Access];

export class WritebackHierarchy {
  readonly l1i: CacheLevel | null;
  readonly l1d: CacheLevel;
  readonly l2: CacheLevel | null;
  readonly llc: CacheLevel;
  private readonly memoryLatency: number;
  private readonly invLine: number;
  /** Lines read from memory. */
  memoryReads = 0;
  /** Dirty lines written to memory. */
  memoryWrites = 0;

  constructor(cfg: HierarchyConfig, rng: Rng) {
    const line = cfg.l1d.line;
    for (const [name, l] of [['l1i', cfg.l1i], ['l2', cfg.l2], ['llc', cfg.llc]] as const) {
      if (l && l.line !== line) {
        throw new InputError(`${name} line size ${l.line} B differs from l1d's ${line} B: the writeback hierarchy needs one line size`);
      }
    }
    this.l1i = cfg.l1i ? new CacheLevel('L1I', cfg.l1i, rng.fork(1)) : null;
    this.l1d = new CacheLevel('L1D', cfg.l1d, rng.fork(2));
    this.l2 = cfg.l2 ? new CacheLevel('L2', cfg.l2, rng.fork(3)) : null;
    this.llc = new CacheLevel('LLC', cfg.llc, rng.fork(4));
    this.memoryLatency = cfg.memoryLatency;
    this.invLine = 1 / line;
  }

  registerStats(stats: StatsRegistry, prefix: string): void {
    this.l1i?.registerStats(stats, `${prefix}.l1i`);
    this.l1d.registerStats(stats, `${prefix}.l1d`);
    this.l2?.registerStats(stats, `${prefix}.l2`);
    this.llc.registerStats(stats, `${prefix}.llc`);
    stats.register(`${prefix}.memory.reads`, 'lines fetched from memory', () => this.memoryReads);
    stats.register(`${prefix}.memory.writes`, 'dirty lines written back to memory', () => this.memoryWrites);
  }

  /**
   * Performs an access of `size` bytes at `addr` and returns its latency in cycles. An access
   * that straddles two lines makes two line accesses and costs the slower one.
   * Instruction fetches are ignored (latency 0) when there is no L1I.
   */
  access(addr: number, size: number, kind: AccessKind): number {
    const b0 = Math.floor(addr * this.invLine);
    const b1 = Math.floor((addr + (size > 0 ? size - 1 : 0)) * this.invLine);
    const l0 = this.accessLine(b0, kind);
    if (b1 === b0) return l0;
    const l1 = this.accessLine(b1, kind);
    return l0 > l1 ? l0 : l1;
  }

  private accessLine(block: number, kind: AccessKind): number {
    const first = kind === Access.ifetch ? this.l1i : this.l1d;
    if (first === null) return 0;
    const isStore = kind === Access.store;
    const line = lookup(first, block, isStore);
    if (line >= 0) {
      if (isStore) first.dirty[line] = 1;
      return first.latency;
    }
    let latency: number;
    const l2 = this.l2;
    if (l2 !== null && lookup(l2, block, false) >= 0) {
      latency = l2.latency;
    } else {
      latency = this.fromLlc(block);
      if (l2 !== null) this.fill(l2, block, false);
    }
    this.fill(first, block, isStore);
    return latency;
  }

  /** Looks the block up in the LLC, filling it from memory on a miss; returns the latency. */
  private fromLlc(block: number): number {
    const llc = this.llc;
    if (lookup(llc, block, false) >= 0) return llc.latency;
    this.memoryReads++;
    const line = llc.tags.fill(block);
    const victim = llc.tags.evicted;
    if (victim !== INVALID) {
      llc.counts[LevelStat.evictions]!++;
      let dirty = llc.dirty[line] === 1;
      for (const inner of [this.l1i, this.l1d, this.l2]) {
        if (inner !== null && this.backInvalidate(inner, victim)) dirty = true;
      }
      if (dirty) {
        llc.counts[LevelStat.writebacks]!++;
        this.memoryWrites++;
      }
    }
    llc.dirty[line] = 0;
    return this.memoryLatency;
  }

  /** Fills `block` into an inner level, writing a dirty victim to the level below. */
  private fill(level: CacheLevel, block: number, dirty: boolean): void {
    const line = level.tags.fill(block);
    const victim = level.tags.evicted;
    if (victim !== INVALID) {
      level.counts[LevelStat.evictions]!++;
      if (level.dirty[line] === 1) {
        level.counts[LevelStat.writebacks]!++;
        this.writeBelow(level, victim);
      }
    }
    level.dirty[line] = dirty ? 1 : 0;
  }

  /** Marks `block` dirty in the first level below `from` that holds it (the LLC always does). */
  private writeBelow(from: CacheLevel, block: number): void {
    if (from !== this.l2 && this.l2 !== null) {
      const l = this.l2.tags.find(block);
      if (l >= 0) {
        this.l2.dirty[l] = 1;
        return;
      }
    }
    const l = this.llc.tags.find(block);
    if (l < 0) throw new Error(`inclusion violated: block ${block} written back but absent from the LLC`);
    this.llc.dirty[l] = 1;
  }

  /** Drops `block` from an inner level; returns true if the dropped copy was dirty. */
  private backInvalidate(level: CacheLevel, block: number): boolean {
    const l = level.tags.find(block);
    if (l < 0) return false;
    level.counts[LevelStat.backInvalidations]!++;
    const wasDirty = level.dirty[l] === 1;
    level.dirty[l] = 0;
    level.tags.invalidate(l);
    return wasDirty;
  }
}

/** Looks a block up at one level, counting the access; returns the line id or -1. */
function lookup(level: CacheLevel, block: number, isStore: boolean): number {
  const c = level.counts;
  const line = level.tags.find(block);
  if (isStore) c[LevelStat.stores]!++;
  else c[LevelStat.loads]!++;
  if (line >= 0) {
    level.tags.policy.touch(line);
    if (isStore) c[LevelStat.storeHits]!++;
    else c[LevelStat.loadHits]!++;
  } else if (isStore) c[LevelStat.storeMisses]!++;
  else c[LevelStat.loadMisses]!++;
  return line;
}
