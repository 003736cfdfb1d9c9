/**
 * The coherent write-back hierarchy of an N-core machine: private L1I/L1D (and optional
 * L2) per core, shared by the core's SMT threads, in front of the shared inclusive LLC and
 * its directory (home.ts). Write-back, write-allocate, one line size everywhere. A hit
 * costs its level's latency; a private miss costs the class the home decides (LLC hit,
 * remote forward, memory) plus queueing; a store to a line held without write permission
 * costs an upgrade. An access that covers several lines makes one line access per line,
 * first to last in address order, all issued at the same cycle, and costs the slowest.
 * With one core this is exactly the single-core write-back hierarchy (same hits, misses,
 * evictions, writebacks and cycles; see test/multicore).
 * Left out: prefetching, MSHRs and overlapping misses, write buffers, instruction
 * coherence with stores (L1I lines are ordinary read-only copies).
 */
import { lastLine } from '../geometry.js';
import type { Rng } from '../../util/rng.js';
import type { AddressRegions } from '../../trace/dense.js';
import { InputError } from '../../util/errors.js';
import { compileProtocol, St, type CompiledProtocol } from '../coherence/compile.js';
import { protocols } from '../coherence/index.js';
import { LevelStat, lookup } from '../level.js';
import { INVALID, type TagOptions } from '../tag-array.js';
import type { BlockLog } from './block-log.js';
import { Access, type AccessKind, type HierarchyConfig, type LineLostListener } from './config.js';
import { Home } from './home.js';
import {
  DIRTY,
  HOME_SHIFT,
  MAX_HOME_LINES,
  PrivateCaches,
  STATE_BITS,
  type PrivateLevel,
} from './private-caches.js';

export class MulticoreHierarchy {
  readonly privates: readonly PrivateCaches[];
  readonly home: Home;
  readonly protocol: CompiledProtocol;
  /** Each core's L1D and L1I (the fast path's view of `privates`). */
  private readonly l1ds: readonly PrivateLevel[];
  private readonly l1is: readonly (PrivateLevel | null)[];
  private readonly invLine: number;
  private readonly canWrite: Uint8Array;
  /** The debug checker's record of the blocks a step may change (checker.ts), or null. */
  private touched: BlockLog | null = null;
  constructor(
    readonly config: HierarchyConfig,
    rng: Rng,
    /** False sends every access down the general path (tests compare the two). */
    private readonly fastPath = true,
    /**
     * The region table when addresses are dense (src/trace/dense.ts): every block number is
     * then below 2^31, and the tag arrays are narrow (32-bit).
     */
    readonly regions: AddressRegions | null = null,
    /** Test knob: the LRU counter's limit in narrow tag arrays (replacement/lru.ts). */
    stampLimit?: number,
  ) {
    const tags: TagOptions = {
      narrow: regions !== null,
      ...(stampLimit === undefined ? {} : { stampLimit }),
    };
    const line = config.l1d.line;
    for (const [name, l] of [
      ['l1i', config.l1i],
      ['l2', config.l2],
      ['llc', config.llc],
    ] as const) {
      if (l && l.line !== line) {
        throw new InputError(
          `${name} line size ${l.line} B differs from l1d's ${line} B: the write-back hierarchy needs one line size (give every level's --l1i/--l1d/--l2/--llc the same line)`,
        );
      }
    }
    if (config.llc.size / line > MAX_HOME_LINES)
      throw new InputError(
        `llc of ${config.llc.size / line} lines is too large: the multicore model addresses at most ${MAX_HOME_LINES} LLC lines (8 GiB of 64-byte lines)`,
      );
    this.protocol = compileProtocol(protocols[config.protocol]);
    const privates: PrivateCaches[] = [];
    for (let c = 0; c < config.cores; c++) privates.push(new PrivateCaches(c, config, rng, tags));
    this.privates = privates;
    this.l1ds = privates.map((pc) => pc.l1d);
    this.l1is = privates.map((pc) => pc.l1i);
    this.home = new Home(config, this.protocol, privates, rng.fork(4), tags);
    this.invLine = 1 / line;
    this.canWrite = this.protocol.canWrite;
  }

  /** Installs (or removes, with null) the debug checker's log of changed blocks. */
  setTouchedLog(log: BlockLog | null): void {
    this.touched = log;
    this.home.touched = log;
  }

  /** Installs (or removes, with null) the one `LineLost` listener. */
  setLineLostListener(listener: LineLostListener | null): void {
    this.home.lineLost = listener;
  }

  /**
   * Core `core` accesses `size` bytes at `addr` at cycle `now`; returns the latency in
   * cycles. Instruction fetches cost nothing when there is no L1I.
   */
  access(core: number, addr: number, size: number, kind: AccessKind, now: number): number {
    const b0 = Math.floor(addr * this.invLine);
    const b1 = lastLine(addr, size, this.invLine);
    if (b1 === b0) {
      if (this.touched !== null) this.touched.add(b0, b0);
      if (!this.fastPath) return this.accessLine(core, b0, kind, now);
      const first =
        kind === 2 /* Access.ifetch */
          ? (this.l1is[core] as PrivateLevel | null)
          : (this.l1ds[core] as PrivateLevel);
      return first === null ? 0 : this.l1Line(core, first, b0, kind, now);
    }
    // Its dense range runs past its region: its lines are elsewhere (it logs them itself).
    if (this.regions !== null && this.regions.crosses(addr, size))
      return this.accessAcross(core, addr, size, kind, now);
    if (this.touched !== null) this.touched.add(b0, b1);
    // Every line from the first byte's to the last's, in address order (an access may be
    // up to 2^32-1 bytes: no allocation per line).
    let slowest = 0;
    for (let b = b0; b <= b1; b++) {
      const l = this.accessLine(core, b, kind, now);
      if (l > slowest) slowest = l;
    }
    return slowest;
  }

  /**
   * `access` for an access whose dense address range runs past its region's end: its lines
   * in the order of their real addresses, each at its own dense block (dense.ts).
   */
  private accessAcross(core: number, addr: number, size: number, kind: AccessKind, now: number): number {
    const regions = this.regions as AddressRegions;
    const first = regions.real(addr);
    const line = this.config.l1d.line;
    const last = lastLine(first, size, this.invLine);
    let slowest = 0;
    for (let b = Math.floor(first * this.invLine); b <= last; b++) {
      const dense = Math.floor(regions.denseOf(b * line) * this.invLine);
      if (this.touched !== null) this.touched.add(dense, dense);
      const l = this.accessLine(core, dense, kind, now);
      if (l > slowest) slowest = l;
    }
    return slowest;
  }

  /** The address as the trace gave it (`addr` is dense when `regions` is set). */
  realAddress(addr: number): number {
    return this.regions === null ? addr : this.regions.real(addr);
  }

  /** Counts `n` L1D load hits that were not simulated one by one (a sleeping spin loop). */
  addL1dLoadHits(core: number, n: number): void {
    const c = (this.l1ds[core] as PrivateLevel).counts;
    c[0 /* LevelStat.loads */]! += n;
    c[2 /* LevelStat.loadHits */]! += n;
  }

  /**
   * The fast path: an access to one line, looked up in its L1 (`l1`: the L1D, or the L1I
   * for a fetch) with shortcuts for the line hit last and for a block's last known line
   * (`PrivateLevel.find`); a miss continues on the general path. Gives the same results as
   * `accessLine` (tested).
   */
  private l1Line(core: number, l1: PrivateLevel, block: number, kind: AccessKind, now: number): number {
    const line = l1.locate(block);
    if (line >= 0) {
      if (this.permits(l1, line, kind)) {
        hit(l1, line, kind);
        const isStore = kind === 1; /* Access.store */
        this.countHits(l1, isStore ? 0 : 1, isStore ? 1 : 0);
        return l1.latency;
      }
      // A store to a line held without write permission: a hit that needs an upgrade.
      l1.tags.policy.touch(line);
      const c = l1.counts;
      c[1 /* LevelStat.stores */]!++;
      c[3 /* LevelStat.storeHits */]!++;
      const m = (l1.meta[line] as number) | DIRTY;
      l1.meta[line] = m;
      return this.home.upgrade(core, block, m >> HOME_SHIFT, now);
    }
    const c = l1.counts;
    const isStore = kind === 1; /* Access.store */
    c[isStore ? 1 /* LevelStat.stores */ : 0 /* LevelStat.loads */]!++;
    c[isStore ? 5 /* LevelStat.storeMisses */ : 4 /* LevelStat.loadMisses */]!++;
    return this.missFirst(this.privates[core] as PrivateCaches, l1, block, isStore, now);
  }

  /** Core `core`'s L1 for an access of `kind`: its L1I for a fetch (null if none), else its L1D. */
  l1For(core: number, kind: AccessKind): PrivateLevel | null {
    return (kind === 2 /* Access.ifetch */ ? this.l1is[core] : this.l1ds[core]) ?? null;
  }

  /** Counts `loads` load hits and `stores` store hits at `l1` (the hits run-ahead took). */
  countHits(l1: PrivateLevel, loads: number, stores: number): void {
    const c = l1.counts;
    c[0 /* LevelStat.loads */]! += loads;
    c[2 /* LevelStat.loadHits */]! += loads;
    c[1 /* LevelStat.stores */]! += stores;
    c[3 /* LevelStat.storeHits */]! += stores;
  }

  /**
   * Takes back a hit run-ahead took on `block` (its replacement token, and for a store the
   * meta word's dirty bit and state before it): the caller takes back a core's hits newest
   * first, and nothing else has changed those lines since, so the block is still where the
   * hit found it.
   */
  undoHit(core: number, kind: AccessKind, block: number, token: number, prior: number): void {
    const l1 = this.l1For(core, kind) as PrivateLevel;
    const line = l1.find(block);
    if (line < 0)
      throw new Error(`run-ahead: core ${core} took back a hit on block ${block} it no longer holds`);
    if (this.touched !== null) this.touched.add(block, block);
    l1.tags.policy.restore(line, token);
    const c = l1.counts;
    if (kind !== 1 /* Access.store */) {
      c[0 /* LevelStat.loads */]!--;
      c[2 /* LevelStat.loadHits */]!--;
      return;
    }
    c[1 /* LevelStat.stores */]!--;
    c[3 /* LevelStat.storeHits */]!--;
    l1.meta[line] = ((l1.meta[line] as number) & ~(DIRTY | STATE_BITS)) | prior;
  }

  /** True when an access of `kind` may hit `line` of `l1` as it is (a store needs E or M). */
  private permits(l1: PrivateLevel, line: number, kind: AccessKind): boolean {
    return kind !== 1 /* Access.store */ || storeAllowed(l1.meta[line] as number, this.canWrite);
  }

  /** The general path for one line. */
  private accessLine(core: number, block: number, kind: AccessKind, now: number): number {
    const pc = this.privates[core] as PrivateCaches;
    const first = kind === Access.ifetch ? pc.l1i : pc.l1d;
    if (first === null) return 0;
    const isStore = kind === Access.store;
    const line = lookup(first, block, isStore);
    if (line < 0) return this.missFirst(pc, first, block, isStore, now);
    if (!isStore) return first.latency;
    first.meta[line]! |= DIRTY;
    return this.writable(core, first, line, block, first.latency, now);
  }

  /** `block` missed the first level (L1I or L1D): try L2, then the home; fill on the way back. */
  private missFirst(
    pc: PrivateCaches,
    first: PrivateLevel,
    block: number,
    isStore: boolean,
    now: number,
  ): number {
    const l2 = pc.l2;
    if (l2 !== null) {
      const l2line = lookup(l2, block, false);
      if (l2line >= 0) {
        const latency = isStore ? this.writable(pc.core, l2, l2line, block, l2.latency, now) : l2.latency;
        const m = l2.meta[l2line] as number;
        this.fill(pc, first, block, m >> HOME_SHIFT, isStore ? St.M : m & STATE_BITS, isStore, now);
        return latency;
      }
    }
    const latency = this.home.request(pc.core, block, isStore, now);
    const { line: home, granted } = this.home;
    if (l2 !== null) this.fill(pc, l2, block, home, granted, false, now);
    this.fill(pc, first, block, home, granted, isStore, now);
    return latency;
  }

  /**
   * A store hits `level`'s `line`: M stays; E becomes M silently (in this copy only);
   * anything else upgrades through the home, which makes every copy M.
   */
  private writable(
    core: number,
    level: PrivateLevel,
    line: number,
    block: number,
    hitLatency: number,
    now: number,
  ): number {
    const m = level.meta[line] as number;
    if (!storeAllowed(m, this.canWrite)) return this.home.upgrade(core, block, m >> HOME_SHIFT, now);
    level.meta[line] = (m & ~STATE_BITS) | St.M;
    return hitLatency;
  }

  /**
   * Fills `block` into a private level with the core's `state` (an L1 fill always follows
   * an L2 that holds the block, when there is an L2). The victim's dirty data goes to the
   * L2 if it holds the block (with the victim's M state), else to the LLC; a victim the
   * core holds nowhere else is released to the directory.
   */
  private fill(
    pc: PrivateCaches,
    level: PrivateLevel,
    block: number,
    home: number,
    state: number,
    dirty: boolean,
    now: number,
  ): void {
    const line = level.tags.fill(block);
    level.hint[level.hintSlot(block)] = line;
    const victim = level.tags.evicted;
    if (victim !== INVALID) {
      if (this.touched !== null) this.touched.add(victim, victim);
      level.counts[LevelStat.evictions]!++;
      const m = level.meta[line] as number;
      const vhome = m >> HOME_SHIFT;
      const vstate = m & STATE_BITS;
      const wasDirty = (m & DIRTY) !== 0;
      const l2 = pc.l2;
      const l2line = l2 !== null && l2 !== level ? l2.find(victim) : -1;
      if (wasDirty) {
        level.counts[LevelStat.writebacks]!++;
        if (l2line >= 0) {
          const meta = (l2 as PrivateLevel).meta;
          const m2 = (meta[l2line] as number) | DIRTY;
          meta[l2line] = vstate === St.M ? (m2 & ~STATE_BITS) | St.M : m2;
        } else {
          this.home.writeback(pc.core, vhome);
        }
      }
      if (l2line < 0 && !pc.inOtherL1(victim, level))
        this.home.release(pc.core, vhome, victim, vstate, wasDirty, now);
      else if (level === pc.l1d) this.home.lost(pc.core, victim, 'eviction', now);
    }
    level.meta[line] = (home << HOME_SHIFT) | (dirty ? DIRTY : 0) | state;
  }
}

/**
 * A hit with the permission it needs at `line` of `l1`: replacement state, and for a store
 * the dirty bit and the silent E → M (the line is E or M); not the counters (the caller
 * counts). Run-ahead (src/cpu/run-ahead.ts) applies its hits the same way, with the
 * level's arrays loaded once per run.
 */
function hit(l1: PrivateLevel, line: number, kind: AccessKind): void {
  l1.tags.policy.touch(line);
  if (kind === 1 /* Access.store */) l1.meta[line] = afterStoreHit(l1.meta[line] as number);
}

/**
 * Whether a store may hit a private copy whose meta word is `m` as it is, without an
 * upgrade: the copy is M, or a state the protocol lets write (`canWrite`: E).
 */
export function storeAllowed(m: number, canWrite: Uint8Array): boolean {
  const s = m & 7; /* STATE_BITS */
  return s === 3 /* St.M */ || canWrite[s] === 1;
}

/** The meta word of a private copy (`m`) after a store hit: dirty, and M (the silent E → M). */
export function afterStoreHit(m: number): number {
  return (m & ~7) /* STATE_BITS */ | 8 /* DIRTY */ | 3; /* St.M */
}
