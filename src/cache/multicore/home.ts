/**
 * The home of every line: the shared inclusive LLC with its directory. It serves the
 * private caches' misses (GetS, GetM) and upgrades, forwards requests to the owner core,
 * invalidates sharers, evicts LLC lines with back-invalidation of every private copy, and
 * charges each request its latency class plus the time it queued at a bank or at memory.
 * What a core does when it receives a forward or an invalidation is the protocol table's
 * row, never code here: this file only routes events and keeps the directory exact.
 * Left out: transient states (a request completes atomically at its issue time), a
 * non-inclusive LLC, NUMA, prefetching.
 */
import type { Rng } from '../../util/rng.js';
import {
  cell,
  Ev,
  FLAG_UNREACHABLE,
  FLAG_WRITEBACK,
  LOST_REASONS,
  St,
  type CompiledProtocol,
} from '../coherence/compile.js';
import { COHERENCE_EVENTS, LINE_STATES, type LostReason } from '../coherence/types.js';
import { CacheLevel, LevelStat } from '../level.js';
import { INVALID, type TagOptions } from '../tag-array.js';
import type { BlockLog } from './block-log.js';
import type { HierarchyConfig, LineLostListener, SnoopObserver } from './config.js';
import { Directory } from './directory.js';
import type { PrivateCaches } from './private-caches.js';
import { Timing } from './timing.js';

/** Per-core coherence counter slots. */
export const CohStat = {
  gets: 0,
  getm: 1,
  upgrades: 2,
  invalidations: 3,
  forwards: 4,
  writebacks: 5,
  backInvalidations: 6,
  cleanEvictions: 7,
  queueCycles: 8,
  /** This core's GetS and GetM that found the line in the LLC / went to memory. */
  llcHits: 9,
  llcMisses: 10,
} as const;
export const COH_STAT_COUNT = 11;

export class Home {
  readonly llc: CacheLevel;
  readonly dir: Directory;
  readonly timing: Timing;
  /** Per-core counters: `core × COH_STAT_COUNT + CohStat.*`. */
  readonly counts: Float64Array;
  /** Lines read from memory. */
  memoryReads = 0;
  /** Dirty lines written to memory. */
  memoryWrites = 0;
  /** Told when a core loses a line; null when nobody listens (checked before each call). */
  lineLost: LineLostListener | null = null;
  /** Told before a request acts on another core's copies; null when nobody runs ahead. */
  snoopObserver: SnoopObserver | null = null;
  /** The debug checker's record of the blocks a step may change, or null (hierarchy.ts). */
  touched: BlockLog | null = null;
  /** LLC line id of the block of the last `request`. */
  line = -1;
  /** State code the last `request` granted. */
  granted = 0;
  private readonly llcHit: number;
  private readonly memory: number;
  private readonly remoteForward: number;
  private readonly upgradeLatency: number;

  constructor(
    cfg: HierarchyConfig,
    private readonly proto: CompiledProtocol,
    private readonly privates: readonly PrivateCaches[],
    rng: Rng,
    tags: TagOptions,
  ) {
    // The LLC's dirty bits live in the directory's entries (directory.ts).
    this.llc = new CacheLevel('LLC', cfg.llc, rng, tags);
    this.dir = new Directory(this.llc.tags.lines, cfg.cores);
    this.timing = new Timing(cfg.llcBanks, cfg.llcBankBusy, cfg.memoryBusy);
    this.counts = new Float64Array(cfg.cores * COH_STAT_COUNT);
    this.llcHit = cfg.llc.latency;
    this.memory = cfg.memoryLatency;
    this.remoteForward = cfg.remoteForwardLatency;
    this.upgradeLatency = cfg.upgradeLatency;
  }

  /**
   * Core `c` missed `block` in every private level: a GetS (load) or GetM (store) at cycle
   * `now`. Grants the requester its new state and returns the latency; the LLC line and the
   * granted state are left in `this.line` and `this.granted` for the private fills.
   */
  request(c: number, block: number, isStore: boolean, now: number): number {
    const llc = this.llc;
    const dir = this.dir;
    const proto = this.proto;
    let wait = this.timing.bank(block, now);
    let line = llc.tags.find(block);
    const counts = this.counts;
    const base = c * COH_STAT_COUNT;
    llc.counts[LevelStat.loads]!++;
    counts[base + (isStore ? CohStat.getm : CohStat.gets)]!++;
    let latency: number;
    let grant: number;
    if (line < 0) {
      llc.counts[LevelStat.loadMisses]!++;
      counts[base + CohStat.llcMisses]!++;
      wait += this.timing.memoryRead(now + wait);
      this.memoryReads++;
      line = this.fillLlc(block, now);
      latency = this.memory;
      grant = isStore ? St.M : proto.nextAlone;
    } else {
      llc.counts[LevelStat.loadHits]!++;
      counts[base + CohStat.llcHits]!++;
      llc.tags.policy.touch(line);
      latency = this.llcHit;
      if (dir.isSharer(line, c)) {
        // Another private level of this core (its L1I) has the line: no data from others.
        grant = (this.privates[c] as PrivateCaches).stateOf(block);
        if (isStore && proto.canWrite[grant] === 1) grant = St.M;
        else if (isStore) {
          // A GetM like any other (the data comes from the LLC): other holders lose the
          // line, and the core's own copies become M.
          if (dir.othersHold(line, c)) {
            this.invalidateOthers(c, line, block, true, now);
            latency = this.remoteForward;
          }
          (this.privates[c] as PrivateCaches).apply(block, St.M, false);
          grant = St.M;
        }
      } else if (!isStore) {
        const owner = dir.owner(line);
        if (owner >= 0) {
          this.snoop(owner, line, block, Ev.fwdGetS, now);
          latency = this.remoteForward;
          grant = proto.next[cell(St.I, Ev.load)] as number;
        } else {
          grant = dir.othersHold(line, c) ? (proto.next[cell(St.I, Ev.load)] as number) : proto.nextAlone;
        }
      } else {
        if (dir.othersHold(line, c)) {
          this.invalidateOthers(c, line, block, true, now);
          latency = this.remoteForward;
        }
        grant = St.M;
      }
    }
    this.grant(c, line, grant);
    this.line = line;
    counts[base + CohStat.queueCycles]! += wait;
    return wait + latency;
  }

  /** Core `c` stores to `block` (LLC line `line`) that it holds without write permission. */
  upgrade(c: number, block: number, line: number, now: number): number {
    const wait = this.timing.bank(block, now);
    this.counts[c * COH_STAT_COUNT + CohStat.upgrades]!++;
    this.counts[c * COH_STAT_COUNT + CohStat.queueCycles]! += wait;
    this.invalidateOthers(c, line, block, false, now);
    (this.privates[c] as PrivateCaches).apply(block, St.M, false);
    this.grant(c, line, St.M);
    return wait + this.upgradeLatency;
  }

  /** A dirty private copy of core `c` was written into LLC line `line` (a private victim). */
  writeback(c: number, line: number): void {
    this.dir.setDirty(line, true);
    this.counts[c * COH_STAT_COUNT + CohStat.writebacks]!++;
  }

  /** Core `c`'s last private copy of `block` (LLC line `line`), in `state`, left by replacement. */
  release(c: number, line: number, block: number, state: number, wasDirty: boolean, now: number): void {
    const k = this.rowOf(c, state, Ev.evict);
    // A dirty copy was the writeback (PutM); a clean one sends a notice so the directory stays exact.
    if (!wasDirty) this.counts[c * COH_STAT_COUNT + CohStat.cleanEvictions]!++;
    this.dir.removeSharer(line, c);
    this.dir.dropOwner(line, c);
    this.report(c, block, this.proto.lost[k] as number, now);
  }

  /** Tells the listener that core `c` lost `block`. */
  lost(c: number, block: number, why: LostReason, now: number): void {
    if (this.lineLost !== null) this.lineLost.onLineLost(c, block, why, now);
  }

  private report(c: number, block: number, lostCode: number, now: number): void {
    if (lostCode !== 0 && this.lineLost !== null)
      this.lineLost.onLineLost(c, block, LOST_REASONS[lostCode] as LostReason, now);
  }

  /** Records core `c` as a holder of `line` in `state`. */
  private grant(c: number, line: number, state: number): void {
    this.granted = state;
    this.dir.addSharer(line, c);
    if (this.proto.isOwner[state] === 1) this.dir.setOwner(line, c);
  }

  /** Every holder but `c` loses the line: the owner by a forwarded GetM (if `forward`), the rest by inv. */
  private invalidateOthers(c: number, line: number, block: number, forward: boolean, now: number): void {
    const dir = this.dir;
    for (let h = dir.nextSharer(line, -1); h >= 0; h = dir.nextSharer(line, h)) {
      if (h === c) continue;
      this.snoop(h, line, block, forward && dir.owner(line) === h ? Ev.fwdGetM : Ev.inv, now);
    }
  }

  /** The cell of state `s` and `event` (core `h`); reaching an unreachable cell is a txsim bug. */
  private rowOf(h: number, s: number, event: number): number {
    const k = cell(s, event);
    if (((this.proto.flags[k] as number) & FLAG_UNREACHABLE) !== 0) {
      throw new Error(
        `${this.proto.protocol.name}: core ${h} got ${COHERENCE_EVENTS[event]} in state ${LINE_STATES[s]}`,
      );
    }
    return k;
  }

  /**
   * Applies the protocol row for `event` to core `h`'s copies of `block`. Every event but
   * a read forward ends in I in every legal table, so those drop the copies in the same
   * pass that finds the core's state.
   */
  private snoop(h: number, line: number, block: number, event: number, now: number): void {
    if (this.snoopObserver !== null) this.snoopObserver.beforeSnoop(h, block, now);
    const dir = this.dir;
    const pc = this.privates[h] as PrivateCaches;
    let k: number;
    let dirty: boolean;
    if (event === Ev.fwdGetS) {
      k = this.rowOf(h, pc.stateOf(block), event);
      dirty = pc.apply(
        block,
        this.proto.next[k] as number,
        ((this.proto.flags[k] as number) & FLAG_WRITEBACK) !== 0,
      );
    } else {
      k = this.rowOf(h, pc.drop(block, event === Ev.backInv), event);
      dirty = pc.droppedDirty;
    }
    const flags = this.proto.flags[k] as number;
    const next = this.proto.next[k] as number;
    const base = h * COH_STAT_COUNT;
    if (event === Ev.inv) this.counts[base + CohStat.invalidations]!++;
    else if (event === Ev.backInv) this.counts[base + CohStat.backInvalidations]!++;
    else this.counts[base + CohStat.forwards]!++;
    // Dirty data is written back when the row says so; otherwise it moves to the requester.
    if (dirty && (flags & FLAG_WRITEBACK) !== 0) this.writeback(h, line);
    if (next === St.I) dir.removeSharer(line, h);
    if (this.proto.isOwner[next] !== 1) dir.dropOwner(line, h);
    this.report(h, block, this.proto.lost[k] as number, now);
  }

  /** Installs `block` in the LLC; a displaced line is back-invalidated everywhere first. */
  private fillLlc(block: number, now: number): number {
    const llc = this.llc;
    const dir = this.dir;
    const line = llc.tags.fill(block);
    const victim = llc.tags.evicted;
    if (victim !== INVALID) {
      if (this.touched !== null) this.touched.add(victim, victim);
      llc.counts[LevelStat.evictions]!++;
      for (let h = dir.nextSharer(line, -1); h >= 0; h = dir.nextSharer(line, h))
        this.snoop(h, line, victim, Ev.backInv, now);
      if (dir.isDirty(line)) {
        llc.counts[LevelStat.writebacks]!++;
        this.memoryWrites++;
        this.timing.memoryWrite(now);
      }
    }
    dir.setDirty(line, false);
    return line;
  }
}
