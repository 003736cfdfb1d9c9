/**
 * The coherent write-back hierarchy of an N-core machine: private L1I/L1D (and optional
 * L2) per core, shared by the core's SMT threads, in front of the shared inclusive LLC and
 * its directory (home.ts). Write-back, write-allocate, one line size everywhere. A hit
 * costs its level's latency; a private miss costs the class the home decides (LLC hit,
 * remote forward, memory) plus queueing; a store to a line held without write permission
 * costs an upgrade. An access that straddles two lines makes two line accesses and costs
 * the slower one. With one core this is exactly the single-core write-back hierarchy
 * (same hits, misses, evictions, writebacks and cycles; see test/multicore).
 * Left out: prefetching, MSHRs and overlapping misses, write buffers, instruction
 * coherence with stores (L1I lines are ordinary read-only copies).
 */
import type { Rng } from '../../util/rng.js';
import { compileProtocol, St, type CompiledProtocol } from '../coherence/compile.js';
import { protocols } from '../coherence/index.js';
import { InputError } from '../../util/errors.js';
import { LevelStat, lookup } from '../level.js';
import { INVALID } from '../tag-array.js';
import { Access, HELD_L1D, HELD_L2, type AccessKind, type HierarchyConfig, type LineLostListener } from './config.js';
import { Home } from './home.js';
import { PrivateCaches, type PrivateLevel } from './private-caches.js';

export class MulticoreHierarchy {
  readonly privates: readonly PrivateCaches[];
  readonly home: Home;
  private readonly n: number;
  private readonly invLine: number;
  private readonly state: Uint8Array;
  private readonly held: Uint8Array;
  private readonly canWrite: Uint8Array;
  readonly protocol: CompiledProtocol;

  constructor(
    readonly config: HierarchyConfig,
    rng: Rng,
  ) {
    const line = config.l1d.line;
    for (const [name, l] of [['l1i', config.l1i], ['l2', config.l2], ['llc', config.llc]] as const) {
      if (l && l.line !== line) {
        throw new InputError(`${name} line size ${l.line} B differs from l1d's ${line} B: the hierarchy needs one line size`);
      }
    }
    const proto = compileProtocol(protocols[config.protocol]);
    const privates: PrivateCaches[] = [];
    for (let c = 0; c < config.cores; c++) privates.push(new PrivateCaches(c, config, rng));
    this.privates = privates;
    this.home = new Home(config, proto, privates, rng.fork(4));
    this.n = config.cores;
    this.invLine = 1 / line;
    this.state = this.home.dir.state;
    this.held = this.home.dir.held;
    this.canWrite = proto.canWrite;
    this.protocol = proto;
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
    const b1 = Math.floor((addr + (size > 0 ? size - 1 : 0)) * this.invLine);
    const l0 = this.accessLine(core, b0, kind, now);
    if (b1 === b0) return l0;
    const l1 = this.accessLine(core, b1, kind, now);
    return l0 > l1 ? l0 : l1;
  }

  /** Counts `n` L1D load hits that were not simulated one by one (a sleeping spin loop). */
  addL1dLoadHits(core: number, n: number): void {
    const c = (this.privates[core] as PrivateCaches).l1d.counts;
    c[LevelStat.loads]! += n;
    c[LevelStat.loadHits]! += n;
  }

  /** The L1D load-hit latency of every core (a spin-loop iteration). */
  get l1dLatency(): number {
    return this.config.l1d.latency;
  }

  private accessLine(core: number, block: number, kind: AccessKind, now: number): number {
    const pc = this.privates[core] as PrivateCaches;
    const first = kind === Access.ifetch ? pc.l1i : pc.l1d;
    if (first === null) return 0;
    const isStore = kind === Access.store;
    const line = lookup(first, block, isStore);
    if (line >= 0) {
      if (!isStore) return first.latency;
      first.dirty[line] = 1;
      return this.writable(core, block, first.home[line] as number, first.latency, now);
    }
    const l2 = pc.l2;
    if (l2 !== null) {
      const l2line = lookup(l2, block, false);
      if (l2line >= 0) {
        const home = l2.home[l2line] as number;
        const latency = isStore ? this.writable(core, block, home, l2.latency, now) : l2.latency;
        this.fill(pc, first, block, home, isStore, now);
        return latency;
      }
    }
    const latency = this.home.request(core, block, isStore, now);
    const home = this.home.line;
    if (l2 !== null) this.fill(pc, l2, block, home, false, now);
    this.fill(pc, first, block, home, isStore, now);
    return latency;
  }

  /** A store hit at a private level: M stays, E becomes M silently, anything else upgrades. */
  private writable(core: number, block: number, home: number, hitLatency: number, now: number): number {
    const si = home * this.n + core;
    const s = this.state[si] as number;
    if (s === St.M) return hitLatency;
    if (this.canWrite[s] === 1) {
      this.state[si] = St.M;
      return hitLatency;
    }
    return this.home.upgrade(core, block, home, now);
  }

  /** Fills `block` into a private level; the victim's dirty data goes to L2 if it holds it, else to the LLC. */
  private fill(pc: PrivateCaches, level: PrivateLevel, block: number, home: number, dirty: boolean, now: number): void {
    const line = level.tags.fill(block);
    const victim = level.tags.evicted;
    const core = pc.core;
    if (victim !== INVALID) {
      level.counts[LevelStat.evictions]!++;
      const vhome = level.home[line] as number;
      const si = vhome * this.n + core;
      const heldAfter = (this.held[si] as number) & ~level.bit;
      this.held[si] = heldAfter;
      const wasDirty = level.dirty[line] === 1;
      if (wasDirty) {
        level.counts[LevelStat.writebacks]!++;
        const l2 = pc.l2;
        if (l2 !== null && level !== l2 && (heldAfter & HELD_L2) !== 0) l2.dirty[l2.tags.find(victim)] = 1;
        else this.home.writeback(core, vhome);
      }
      if (heldAfter === 0) this.home.release(core, vhome, victim, wasDirty, now);
      else if (level.bit === HELD_L1D) this.home.lost(core, victim, 'eviction', now);
    }
    level.dirty[line] = dirty ? 1 : 0;
    level.home[line] = home;
    this.held[home * this.n + core]! |= level.bit;
  }
}
