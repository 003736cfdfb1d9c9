/**
 * Run-ahead: after a hardware thread executes an event, it also takes its next L1 hits
 * (and compute gaps) at once instead of one scheduler turn each, and the results stay
 * exactly those of stepping every event in the min-clock order (tested, every statistic).
 *
 * Why that is exact. An L1 hit reads and writes only its core's private L1 (replacement
 * state, a dirty bit, a silent E → M) and counters, and other cores reach that L1 only by
 * snooping one block at a time (forwards, invalidations, back-invalidations). So a
 * run-ahead hit is applied at once (and timed), but stays *pending*, revocable, until the
 * thread's turn comes again (every other thread's clock is then past it):
 *  - when another thread's request is about to snoop one block of the core at cycle τ,
 *    pending accesses to other blocks commute with the snoop (their lines are other lines,
 *    and a snoop changes only the snooped block's lines: replacement state is per line,
 *    or, for tree PLRU, untouched by invalidations), and those to the snooped block that
 *    come before the request in the scheduler's order (clock, then hardware-thread id)
 *    did happen before it; the first one after it is taken back with every event after
 *    it, newest first (replacement state, dirty bit, state, counters), and the thread's
 *    clock goes back to its issue cycle (it will run again, now seeing the snoop's effect).
 * Pending hits touch no directory, LLC or bank state, so nothing else can observe them.
 * Snoops come in scheduler order, so a taken-back event is after every snoop since it
 * was applied, and none of those touched its line: undoing it restores that line exactly.
 *
 * A thread that starts late (first seen in a later trace window) comes after every
 * micro-op the scheduler had run when it read that window, even one at its start cycle by
 * a higher id: pending events keyed below the thread that waited for input
 * (`HwThread.ranBelow`) are never taken back by it.
 *
 * SMT: siblings share an L1, so a sibling's fill could change it under a pending hit. A
 * thread runs ahead only while its sibling runs no trace thread (idle or done); when a
 * sibling starts, the thread's pending events from the sibling's start on are taken
 * back. Other limits: at most RUN_AHEAD events pending per thread; a miss, a store that
 * needs an upgrade, an access covering more than one line, a fetch without an L1I, and
 * lock/unlock end a run.
 */
import { Access, type AccessKind, type SnoopObserver } from '../cache/multicore/config.js';
import { afterStoreHit, storeAllowed, type MulticoreHierarchy } from '../cache/multicore/hierarchy.js';
import { findHinted, type PrivateLevel } from '../cache/multicore/private-caches.js';
import { Op, OP_COUNT } from '../trace/events.js';
import { ID_SPAN, type HwThread } from './hw-thread.js';

/** Most events pending per thread (8-core benchmark: 16 was 5 % slower, 256 no faster). */
export const RUN_AHEAD = 64;

/**
 * What run-ahead does with each op: the access kind of a memory op (config.ts `Access`:
 * 0 load, 1 store, 2 fetch), LOCAL (3) for events that only take cycles or are only
 * counted (compute: its argument in cycles; begin, end, abort, sys), -1 to stop (lock, unlock).
 */
const OP_KIND = new Int8Array(OP_COUNT).fill(-1);
for (const op of [Op.read, Op.readPrivate]) OP_KIND[op] = Access.load;
for (const op of [Op.write, Op.rmw, Op.writePrivate, Op.modify]) OP_KIND[op] = Access.store;
OP_KIND[Op.ifetch] = Access.ifetch;
for (const op of [Op.compute, Op.begin, Op.end, Op.abort, Op.sys]) OP_KIND[op] = 3;

export class RunAhead implements SnoopObserver {
  /** Id of the hardware thread being stepped (set by the scheduler): the one whose requests snoop. */
  current = -1;
  /** Threads whose pending events were dropped (their clock went back) since `takeDropped`. */
  private readonly dropped: Int32Array;
  private droppedCount = 0;
  /** 1 for a thread listed in `dropped`. */
  private readonly isDropped: Uint8Array;
  /**
   * Per thread, bit `block & 31` set for every block it has pending (a superset once some
   * are taken back): a snoop of a block whose bit is clear needs no look at the pending list.
   */
  private readonly blockBits: Int32Array;
  /**
   * Pending events are `t`'s queue entries from its head, `t.ahead` of them: run-ahead keeps
   * only what the queue cannot give back, the clock its run started at, and per event (at
   * t.id × RUN_AHEAD + j) the hit's replacement token and, for a store, its prior dirty bit
   * and state. Issue cycles and blocks are recomputed from the queue when a snoop needs
   * them, which is rare.
   */
  private readonly start: Float64Array;
  private readonly token: Float64Array;
  private readonly prior: Uint8Array;
  /** Scratch for `drop`: issue cycles of a thread's pending events, then its clock. */
  private readonly time = new Float64Array(RUN_AHEAD + 1);
  private readonly lineSize: number;
  private readonly l1dLatency: number;
  private readonly l1iLatency: number;
  /** The tag arrays are narrow (dense addresses): L1 stamps are renumbered at `run`'s safe point. */
  private readonly narrow: boolean;

  constructor(
    private readonly mem: MulticoreHierarchy,
    private readonly threads: readonly HwThread[],
    private readonly threadsPerCore: 1 | 2,
  ) {
    const n = threads.length * RUN_AHEAD;
    this.start = new Float64Array(threads.length);
    this.token = new Float64Array(n);
    this.prior = new Uint8Array(n);
    this.dropped = new Int32Array(threads.length);
    this.isDropped = new Uint8Array(threads.length);
    this.blockBits = new Int32Array(threads.length);
    this.lineSize = mem.config.l1d.line;
    this.l1dLatency = mem.config.l1d.latency;
    this.l1iLatency = mem.config.l1i?.latency ?? 0;
    // Their touches may be taken back: they renumber stamps only when `run` says (lru.ts).
    this.narrow = mem.regions !== null;
    for (const pc of mem.privates)
      for (const l1 of [pc.l1d, pc.l1i]) if (l1 !== null) l1.tags.policy.autoRenumber = false;
  }

  /**
   * Takes and applies `t`'s next events while they are L1 hits with permission, compute
   * gaps or transaction markers, advancing its clock; they stay pending. Call right after
   * `t` stepped, when it has nothing pending.
   */
  run(t: HwThread): void {
    const mem = this.mem;
    const l1d = mem.l1For(t.core, Access.load) as PrivateLevel;
    const l1i = mem.l1For(t.core, Access.ifetch);
    const sibling = this.threadsPerCore === 2 ? (this.threads[t.id ^ 1] as HwThread) : null;
    // `t` has nothing pending: with its sibling's done too, no token of the core's L1s is
    // outstanding, and their stamps may be renumbered (narrow tag arrays, lru.ts).
    if (this.narrow && (sibling === null || sibling.ahead === 0)) {
      l1d.tags.policy.renumberIfDue();
      l1i?.tags.policy.renumberIfDue();
    }
    if (t.lockPhase !== 0 /* LockPhase.none */ || t.status !== 1 /* Status.runnable */) return;
    if (sibling !== null) {
      // A done sibling's last miss has filled: it was done when the scheduler picked it
      // at its final clock, which no thread's clock is below from then on.
      const s = sibling.status;
      if (s === 1 /* Status.runnable */ || s === 2 /* Status.sleeping */) return;
    }
    const q = t.queue;
    const { op: ops, addr: addrs, size: sizes, head, mask } = q;
    const token = this.token;
    const prior = this.prior;
    const opKind = OP_KIND;
    const opCounts = t.opCounts;
    // Numbers and arrays in locals, read once per run: reading them from their objects at
    // every hit cost about 3 % of the 8-core benchmark (`| 0` and a local `inv` keep the
    // numbers unboxed).
    const lineSize = this.lineSize | 0;
    const lineMask = lineSize - 1;
    const inv = 1 / lineSize;
    const dLatency = this.l1dLatency | 0;
    const iLatency = this.l1iLatency | 0;
    const base = t.id * RUN_AHEAD;
    const dHint = l1d.hint;
    const dMask = l1d.hintMask | 0;
    const dTags = l1d.tags;
    const dWords = dTags.words;
    const dMeta = l1d.meta;
    const dPolicy = dTags.policy;
    const canWrite = mem.protocol.canWrite;
    let clock = t.clock;
    this.start[t.id] = clock;
    let memoryCycles = 0;
    let computeCycles = 0;
    let bits = 0;
    // Hits by kind (load, store, fetch), counted once at the end.
    let loads = 0;
    let stores = 0;
    let fetches = 0;
    // Reads and writes (most events) counted in locals too; other ops at once.
    let reads = 0;
    let writes = 0;
    let k = 0;
    const n = q.count < RUN_AHEAD ? q.count : RUN_AHEAD;
    for (; k < n; k++) {
      const i = (head + k) & mask;
      const op = ops[i] as number;
      const kind = opKind[op] as number;
      if (kind === 3 /* LOCAL */) {
        opCounts[op]!++;
        if (op === 5 /* compute */) {
          const c = addrs[i] as number;
          computeCycles += c;
          clock += c;
        }
        continue;
      }
      if (kind < 0) break; // lock, unlock
      const addr = addrs[i] as number;
      // Offset bits by `&` (ToInt32 keeps an integer's low 32 bits exactly).
      if ((addr & lineMask) + (sizes[i] as number) > lineSize) break; // covers more than one line
      const block = Math.floor(addr * inv);
      // The hit as `access` applies it (hierarchy.ts `l1Line`), on the arrays above; a miss,
      // or a store needing an upgrade, changes nothing but lookup hints and ends the run.
      if (kind === 2) {
        // Fetches (traces with them are fewer) read the L1I's fields here.
        if (l1i === null) break;
        const iTags = l1i.tags;
        const line = findHinted(l1i.hint, l1i.hintMask, iTags.words, iTags, block);
        if (line < 0) break;
        token[base + k] = iTags.policy.touchSaving(line);
      } else {
        const line = findHinted(dHint, dMask, dWords, dTags, block);
        if (line < 0) break;
        if (kind === 1) {
          const m = dMeta[line] as number;
          if (!storeAllowed(m, canWrite)) break;
          prior[base + k] = m & 15; /* DIRTY | STATE_BITS: what `undoHit` puts back */
          dMeta[line] = afterStoreHit(m);
        }
        token[base + k] = dPolicy.touchSaving(line);
      }
      bits |= 1 << (block & 31);
      if (op === 0 /* read */) reads++;
      else if (op === 1 /* write */) writes++;
      else opCounts[op]!++;
      let latency = dLatency;
      if (kind === 0) loads++;
      else if (kind === 1) stores++;
      else {
        fetches++;
        latency = iLatency;
      }
      memoryCycles += latency;
      clock += latency;
    }
    opCounts[0 /* read */]! += reads;
    opCounts[1 /* write */]! += writes;
    if (loads + stores > 0) mem.countHits(l1d, loads, stores);
    if (fetches > 0) mem.countHits(l1i as PrivateLevel, fetches, 0);
    t.clock = clock;
    t.memoryCycles += memoryCycles;
    t.computeCycles += computeCycles;
    t.ahead = k;
    this.blockBits[t.id] = bits;
  }

  /** `t`'s turn has come: its pending events become final and leave its queue. */
  commitAll(t: HwThread): void {
    const q = t.queue;
    q.head = (q.head + t.ahead) & q.mask;
    q.count -= t.ahead;
    t.ahead = 0;
  }

  /** Another thread's request snoops `core`'s copies of `block` at cycle `at`. */
  beforeSnoop(core: number, block: number, at: number): void {
    const first = core * this.threadsPerCore;
    for (let h = first; h < first + this.threadsPerCore; h++) {
      const t = this.threads[h] as HwThread;
      if (t.ahead > 0) this.settle(t, at * ID_SPAN + this.current, block);
    }
  }

  /**
   * Thread `s` starts running a trace thread at its clock: its sibling's pending events
   * from then on are taken back (the sibling's L1 is no longer its own).
   */
  threadStarts(s: HwThread): void {
    if (this.threadsPerCore !== 2) return;
    const t = this.threads[s.id ^ 1] as HwThread;
    if (t.ahead > 0) this.settle(t, s.clock * ID_SPAN + s.id, NaN);
  }

  /**
   * A change at scheduler key `key` to `t`'s copies of `block` (NaN: to its whole L1).
   * Pending accesses to other blocks commute with it, and those to the block before `key`
   * happened before it; the first one after `key` is taken back with every event after it.
   */
  private settle(t: HwThread, key: number, block: number): void {
    const all = block !== block;
    if (!all && ((this.blockBits[t.id] as number) & (1 << (block & 31))) === 0) return;
    // Pending events keyed below `t.ranBelow` ran before the last read of the trace, so
    // before any thread that read started (though its key, at a lower id, may be lower).
    if (key < t.ranBelow) key = t.ranBelow;
    const q = t.queue;
    const time = this.issueTimes(t);
    for (let j = 0; j < t.ahead; j++) {
      const i = (q.head + j) & q.mask;
      if (
        (all || (OP_KIND[q.op[i] as number] !== 3 /* LOCAL */ && this.blockAt(q.addr, i) === block)) &&
        (time[j] as number) * ID_SPAN + t.id >= key
      ) {
        this.drop(t, j);
        return;
      }
    }
  }

  /**
   * Fills `this.time` with the issue cycles of `t`'s pending events, then its clock (the
   * last event lasts until then), from the clock its run started at and each event's cost.
   */
  private issueTimes(t: HwThread): Float64Array {
    const q = t.queue;
    const time = this.time;
    let at = this.start[t.id] as number;
    for (let j = 0; j < t.ahead; j++) {
      time[j] = at;
      const i = (q.head + j) & q.mask;
      const op = q.op[i] as number;
      const kind = OP_KIND[op] as number;
      if (kind !== 3 /* LOCAL */) at += kind === 2 ? this.l1iLatency : this.l1dLatency;
      else if (op === 5 /* compute */) at += q.addr[i] as number;
    }
    time[t.ahead] = t.clock;
    return time;
  }

  /** Block of the access whose address is `addrs[i]`. */
  private blockAt(addrs: Float64Array, i: number): number {
    return Math.floor((addrs[i] as number) / this.lineSize); // exact: a power of two
  }

  /**
   * Takes back `t`'s pending events from the `from`-th on, newest first; its clock goes back.
   * `this.time` holds their issue times (`issueTimes`).
   */
  private drop(t: HwThread, from: number): void {
    const mem = this.mem;
    const q = t.queue;
    const time = this.time;
    const first = t.id * RUN_AHEAD;
    let memoryCycles = 0;
    let computeCycles = 0;
    for (let j = t.ahead - 1; j >= from; j--) {
      const i = (q.head + j) & q.mask;
      const op = q.op[i] as number;
      t.opCounts[op]!--;
      const cycles = (time[j + 1] as number) - (time[j] as number);
      const kind = OP_KIND[op] as number;
      if (kind !== 3 /* LOCAL */) {
        mem.undoHit(
          t.core,
          kind as AccessKind,
          this.blockAt(q.addr, i),
          this.token[first + j] as number,
          this.prior[first + j] as number,
        );
        memoryCycles += cycles;
      } else computeCycles += cycles;
    }
    t.memoryCycles -= memoryCycles;
    t.computeCycles -= computeCycles;
    t.clock = time[from] as number;
    t.ahead = from;
    if (this.isDropped[t.id] === 0) {
      this.isDropped[t.id] = 1;
      this.dropped[this.droppedCount++] = t.id;
    }
  }

  /**
   * Calls `f` with each thread whose clock went back since the last call (the scheduler
   * re-keys them), and forgets them.
   */
  takeDropped(f: (id: number) => void): void {
    for (let i = 0; i < this.droppedCount; i++) {
      const id = this.dropped[i] as number;
      this.isDropped[id] = 0;
      f(id);
    }
    this.droppedCount = 0;
  }

  /** True when some thread's clock went back since the last `takeDropped`. */
  get anyDropped(): boolean {
    return this.droppedCount > 0;
  }
}
