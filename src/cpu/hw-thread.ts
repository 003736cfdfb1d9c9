/**
 * One hardware thread of an in-order core with blocking memory operations: it runs one
 * trace thread's events, one micro-op per `step` (plus the thread-local events that follow
 * it), on its own cycle clock. A memory op costs the hierarchy's latency, `c n` costs n
 * cycles, `lock`/`unlock` run the spin lock (spin-lock.ts). SMT siblings share their core's caches but not their clocks.
 * An SMT sibling's access to a line this thread's last miss is still filling waits for the
 * fill (as a load that finds its line in the fill buffer does): the caches apply a miss at
 * its issue cycle, so without this the sibling would hit data that has not arrived.
 * Left out: pipelines, overlapping misses, issue-slot contention between SMT siblings;
 * transactions (`begin`/`end`/`abort`) and `sys` events are counted but not yet simulated.
 */
import { lastLine } from '../cache/geometry.js';
import type { AccessKind } from '../cache/multicore/config.js';
import type { MulticoreHierarchy } from '../cache/multicore/hierarchy.js';
import { OP_COUNT } from '../trace/events.js';
import { ThreadEventError } from '../util/errors.js';
import { EventQueue } from './event-queue.js';
import type { SpinLocks } from './spin-lock.js';

/** Scheduling state of a hardware thread. */
export const Status = {
  /** No trace thread has been mapped here yet (or the trace never names one). */
  idle: 0,
  runnable: 1,
  /** Spinning on a held lock with a valid L1 copy of its word: waits to be woken. */
  sleeping: 2,
  /** Its trace thread has no more events. */
  done: 3,
} as const;

/**
 * The scheduler orders micro-ops by key, clock × ID_SPAN + hardware-thread id (the lower id
 * wins a tie): hardware-thread ids fit in 7 bits (64 cores × 2).
 */
export const ID_SPAN = 128;

/** Phases of a `lock` event in progress. */
export const LockPhase = { none: 0, test: 1, testAndSet: 2 } as const;

export class HwThread {
  /** The thread's clock, in cycles. */
  clock = 0;
  status: number = Status.idle;
  /** The trace thread running here, or -1. */
  tid = -1;
  /** The cycle its trace thread started at (0 for the threads of the trace's first window). */
  startCycle = 0;
  /**
   * Scheduler key below which every micro-op of this thread had run when the scheduler last
   * read more of the trace (-1 before any read after its start; set by the scheduler). A
   * trace thread started by that read runs from the reading cycle, but after those
   * micro-ops, even where its lower id would win a tie: a sleeping spinner's skipped
   * iteration or a pending run-ahead hit keyed below it is never taken back by the new
   * thread's accesses (spin-lock.ts, run-ahead.ts).
   */
  ranBelow = -1;
  readonly queue = new EventQueue();
  /**
   * Events taken ahead of the thread's turn, applied but revocable (run-ahead.ts): they
   * stay at the front of the queue, and `clock` and the counters are already past them.
   */
  ahead = 0;
  /** Cycles spent waiting on memory (including lock-word accesses). */
  memoryCycles = 0;
  /** Cycles of `c` events. */
  computeCycles = 0;
  /** Events executed, by op code. */
  readonly opCounts = new Float64Array(OP_COUNT);
  // Spin-lock state and counters, driven by SpinLocks.
  lockPhase: number = LockPhase.none;
  lockAddr = 0;
  /** Number of the current `lock` event among its trace thread's events (for messages). */
  lockEvent = 0;
  /** Clock when the current `lock` event began. */
  lockStart = 0;
  /** Issue cycle of the test load that saw the lock free (the start of the winning attempt). */
  lockTry = 0;
  /** Clock when the thread went to sleep. */
  sleepFrom = 0;
  /** Block of the lock word it sleeps on, or -1. */
  watchBlock = -1;
  lockAcquisitions = 0;
  lockWaitCycles = 0;
  lockFailedRmw = 0;
  lockTestLoads = 0;
  /**
   * Its last access that was not an L1 hit (a miss or an upgrade), and the cycle that
   * access completed: until then its lines are in flight for its SMT sibling.
   */
  fillAddr = 0;
  fillSize = 0;
  /** True when that access was an instruction fetch (its fill goes to the L1I). */
  fillFetch = false;
  fillReady = 0;
  /** Accesses that found their line still being filled by the sibling's miss, and the cycles they waited. */
  fillWaits = 0;
  fillWaitCycles = 0;
  /** The other hardware thread of its core (SMT), or null. */
  sibling: HwThread | null = null;
  /**
   * True once the sibling has started a trace thread: only then can this thread meet its
   * fills (kept here, so that a core whose sibling stays idle never loads the sibling).
   */
  siblingStarted = false;
  private readonly invLine: number;
  /** Latencies of an L1D and an L1I hit: an access that costs more missed (or upgraded). */
  private readonly l1dHit: number;
  private readonly l1iHit: number;
  /**
   * The LLC's lines, and the largest access that cannot cover more of them wherever it
   * starts: `memory` checks an access's lines only when it is larger (see `tooLarge`).
   */
  private readonly llcLines: number;
  private readonly maxAccess: number;

  constructor(
    readonly id: number,
    readonly core: number,
    private readonly mem: MulticoreHierarchy,
    private readonly locks: SpinLocks,
  ) {
    this.invLine = 1 / mem.config.l1d.line;
    this.l1dHit = mem.config.l1d.latency;
    this.l1iHit = mem.config.l1i?.latency ?? 0;
    const line = mem.config.l1d.line;
    this.llcLines = mem.config.llc.size / line;
    this.maxAccess = (this.llcLines - 1) * line + 1;
  }

  /** Starts running trace thread `tid` at cycle `now`. */
  start(tid: number, now: number): void {
    this.tid = tid;
    this.clock = now;
    this.startCycle = now;
    if (this.sibling !== null) this.sibling.siblingStarted = true;
    this.status = Status.runnable;
  }

  /**
   * Number (from 0, among its trace thread's events) of the last event taken, by `step` or
   * ahead: what a message about that event names (locate.ts).
   */
  lastEvent(): number {
    return this.queue.appended - this.queue.count + this.ahead - 1;
  }

  /** True while there is something to run without reading more of the trace. */
  hasWork(): boolean {
    return this.lockPhase !== 0 /* LockPhase.none */ || this.queue.count > this.ahead;
  }

  /** Executes one micro-op: the next step of a `lock` in progress, else the next event. */
  step(): void {
    // Hot path: literals instead of imported constant objects (each use of those costs a
    // load and a check). Op codes: see trace/events.ts; kinds: Access in config.ts.
    if (this.lockPhase !== 0 /* LockPhase.none */) {
      this.locks.step(this);
      return;
    }
    const q = this.queue;
    const i = q.head;
    const op = q.op[i] as number;
    const addr = q.addr[i] as number;
    const size = q.size[i] as number;
    q.shift();
    this.opCounts[op]!++;
    if (op === 0 /* read */ || op === 3 /* readPrivate */) this.memory(addr, size, 0 /* load */);
    else if (
      op === 1 /* write */ ||
      op === 2 /* rmw */ ||
      op === 4 /* writePrivate */ ||
      op === 13 /* modify */
    )
      this.memory(addr, size, 1 /* store */);
    else if (op === 5 /* compute */) {
      this.computeCycles += addr;
      this.clock += addr;
    } else if (op === 12 /* ifetch */) this.memory(addr, size, 2 /* ifetch */);
    else if (op === 9 /* lock */) this.locks.acquire(this, addr);
    else if (op === 10 /* unlock */) this.locks.release(this, addr);
    // Events after it that touch nothing but this thread's clock and counters run now:
    // no other thread can observe when they run, so results are unchanged and the
    // scheduler saves a pick per such event. (Literals: 0 is LockPhase.none, 5 Op.compute,
    // 6–8 begin/end/abort, 11 sys.)
    while (this.lockPhase === 0 && q.count > 0) {
      const j = q.head;
      const o = q.op[j] as number;
      if (o === 5) {
        const n = q.addr[j] as number;
        this.computeCycles += n;
        this.clock += n;
      } else if (o < 6 || (o > 8 && o !== 11)) return;
      q.shift();
      this.opCounts[o]!++;
    }
  }

  /** One access through the caches at the current clock; the thread waits for it. */
  memory(addr: number, size: number, kind: AccessKind): void {
    // An access reaches all its lines at once, so they must fit in the hierarchy together;
    // this also bounds the work of one event (a 4 GiB access took 78 s, line by line).
    if (size > this.maxAccess) this.tooLarge(addr, size);
    const issue = this.clock;
    let latency = this.mem.access(this.core, addr, size, kind, issue);
    const fetch = kind === 2; /* Access.ifetch */
    const hit = latency <= (fetch ? this.l1iHit : this.l1dHit);
    // Lines in flight matter only between SMT siblings: the sibling's miss on one of these
    // lines completes later, so this access waits for its data. A fetch's fill goes to the
    // L1I and a load's or store's to the L1D: the other L1's hit on the line does not wait.
    if (this.siblingStarted) {
      const s = this.sibling as HwThread;
      if (
        s.fillReady > issue + latency &&
        (s.fillFetch === fetch || !hit) &&
        this.overlaps(addr, size, s.fillAddr, s.fillSize)
      ) {
        this.fillWaits++;
        this.fillWaitCycles += s.fillReady - issue - latency;
        latency = s.fillReady - issue;
      }
      // A sibling asleep in a spin loop wakes when this access reaches its line's L1D set
      // (unless it only hit that line, as the sibling's own skipped iterations do).
      if (s.status === 2 /* Status.sleeping */ && !fetch)
        this.locks.siblingTouch(this, s, addr, size, issue, hit && latency === this.l1dHit);
    }
    // Kept whenever there is a sibling: it may start while this miss is still filling.
    if (this.sibling !== null && !hit) {
      this.fillAddr = addr;
      this.fillSize = size;
      this.fillFetch = fetch;
      this.fillReady = issue + latency;
    }
    this.memoryCycles += latency;
    this.clock = issue + latency;
  }

  /**
   * An access reaches all its lines at once, so they must fit in the LLC together: one that
   * covers more lines than the LLC holds is an error at its trace line (it would also take
   * minutes for a size near 2^32). Returns when the access fits after all.
   */
  private tooLarge(addr: number, size: number): void {
    const lines = lastLine(addr, size, this.invLine) - Math.floor(addr * this.invLine) + 1;
    if (lines <= this.llcLines) return;
    throw new ThreadEventError(
      `an access of ${size} bytes covers ${lines} lines, more than the LLC's ${this.llcLines}: an access reaches all its lines at once, so they must fit in the caches together; split it into smaller accesses`,
      this.tid,
      this.lastEvent(),
    );
  }

  /**
   * True when the accesses `a` (`aSize` bytes) and `b` touch a common line: compared at
   * their real addresses, since a dense one's range may run past its region (dense.ts).
   */
  private overlaps(a: number, aSize: number, b: number, bSize: number): boolean {
    const inv = this.invLine;
    const ra = this.mem.realAddress(a);
    const rb = this.mem.realAddress(b);
    return (
      Math.floor(ra * inv) <= lastLine(rb, bSize, inv) && lastLine(ra, aSize, inv) >= Math.floor(rb * inv)
    );
  }
}
