/**
 * `lock` / `unlock` as a test-and-test-and-set spin lock on the simulated lock word, so
 * lock traffic is real coherence traffic. Acquire: load the word (test); if it looks free,
 * an atomic RMW (test-and-set, needs exclusive ownership) claims it, unless another thread
 * claimed it first, in which case the thread spins again. Release: a store to the word.
 * Who holds which lock is simulation state in a side table (the value the word holds).
 *
 * Sleeping instead of spinning: a thread whose test load found the lock held keeps hitting
 * its L1 copy of the word, seeing the same value, until either the copy goes (another
 * core's write invalidates it, or it is evicted), the value changes (a release, possibly
 * by its SMT sibling through the shared L1), or its SMT sibling accesses the line's L1D
 * set (its next test load must refresh the line's replacement state after that access,
 * and waits for the sibling's fill if the access missed or upgraded the line itself).
 * Nothing else can change what it sees, so it sleeps until one of those happens at cycle
 * T, then resumes at its first spin iteration that would have run after the change: issued
 * after T, or at T by a thread the scheduler orders after the one that made the change
 * (a thread that starts late, at T, comes after every iteration run before it started).
 * The skipped iterations are counted as L1D load hits, test loads and memory cycles (an
 * iteration takes at least a cycle), so the result equals simulating every
 * iteration (tested): a skipped hit would only have touched the line again, which changes
 * no replacement state while nothing else touches its set. A deadlock (a wait-for cycle)
 * is an error as soon as it closes, even while its spinners keep waking each other.
 * The lock word is 4 bytes (an `int`, as glibc's mutexes and Linux's spin locks use) and
 * must lie within one cache line: a split lock (one that straddles two lines) is an input
 * error, since the sleeping spinner above watches one line.
 * Left out: backoff, `pause`, fairness (whoever issues its RMW first wins), recursive locks.
 */
import { lastLine } from '../cache/geometry.js';
import type { MulticoreHierarchy } from '../cache/multicore/hierarchy.js';
import { Access, type LineLostListener } from '../cache/multicore/config.js';
import type { LostReason } from '../cache/coherence/types.js';
import { LOCK_WORD_BYTES, MAX_ADDR } from '../trace/events.js';
import { ThreadEventError } from '../util/errors.js';
import { ID_SPAN, LockPhase, Status, type HwThread } from './hw-thread.js';

export class SpinLocks implements LineLostListener {
  /** Lock-word address → the thread holding it (lock events are rare: a Map is fine). */
  private readonly holders = new Map<number, HwThread>();
  /** Lock-word address → the number of the `lock` event that took it, among its thread's events. */
  private readonly takenBy = new Map<number, number>();
  /** Threads asleep in a spin loop. */
  sleepers = 0;
  /** Bumped at every wake-up, so the scheduler notices a thread became runnable. */
  wakeups = 0;
  /** Id of the hardware thread being stepped (set by the scheduler): the one that wakes others. */
  current = -1;
  /** Cycles of one spin iteration: an L1D hit, at least 1 (see `step`). */
  private readonly spinCycles: number;
  private readonly invLine: number;
  /** L1D sets − 1: a block's set is `block & l1dSetMask`. */
  private readonly l1dSetMask: number;

  constructor(
    private readonly mem: MulticoreHierarchy,
    private readonly threads: readonly HwThread[],
    private readonly threadsPerCore: number,
    /** False simulates every spin iteration instead of sleeping (tests compare the two). */
    private readonly sleep = true,
  ) {
    this.spinCycles = Math.max(1, mem.config.l1d.latency);
    this.invLine = 1 / mem.config.l1d.line;
    this.l1dSetMask = mem.config.l1d.size / mem.config.l1d.line / mem.config.l1d.assoc - 1;
  }

  /** The lock word address `addr` as the trace wrote it (for messages: simulated addresses may be dense). */
  show(addr: number): string {
    return hex(this.mem.realAddress(addr));
  }

  /** A `lock` event begins: the first test load runs now. */
  acquire(t: HwThread, addr: number): void {
    t.lockEvent = t.lastEvent();
    this.checkWord(t, addr, 'locks', t.lockEvent);
    if (this.holders.get(addr) === t) {
      throw new ThreadEventError(
        `trace thread ${t.tid} locks ${this.show(addr)}, which it already holds (locks are not recursive)`,
        t.tid,
        t.lockEvent,
      );
    }
    t.lockPhase = LockPhase.test;
    t.lockAddr = addr;
    t.lockStart = t.clock;
    this.step(t);
  }

  /** The next micro-op of a `lock` in progress. */
  step(t: HwThread): void {
    const addr = t.lockAddr;
    const issue = t.clock;
    const free = !this.holders.has(addr);
    if (t.lockPhase === LockPhase.test) {
      t.lockTestLoads++;
      t.memory(addr, LOCK_WORD_BYTES, Access.load);
      if (free) {
        t.lockPhase = LockPhase.testAndSet;
        t.lockTry = issue;
        return;
      }
      const cycle = this.waitCycle(t);
      if (cycle !== null) throw this.deadlock(cycle);
      // A spin iteration takes at least a cycle (its compare and branch), as a sleeping
      // spinner's iterations do (`spinCycles`), even when an L1 hit is free (latency 0).
      if (t.clock === issue) {
        t.clock = issue + 1;
        t.memoryCycles += 1;
      }
      if (this.sleep) {
        t.status = Status.sleeping;
        t.sleepFrom = t.clock;
        t.watchBlock = Math.floor(addr * this.invLine);
        this.sleepers++;
      }
      return;
    }
    t.memory(addr, LOCK_WORD_BYTES, Access.store);
    if (free) {
      this.holders.set(addr, t);
      this.takenBy.set(addr, t.lockEvent);
      t.lockPhase = LockPhase.none;
      t.lockAcquisitions++;
      t.lockWaitCycles += t.lockTry - t.lockStart;
    } else {
      t.lockFailedRmw++;
      t.lockPhase = LockPhase.test;
    }
  }

  /** An `unlock` event: a store to the word; every thread sleeping on it wakes at the store's issue. */
  release(t: HwThread, addr: number): void {
    this.checkWord(t, addr, 'unlocks', t.lastEvent());
    const h = this.holders.get(addr);
    if (h !== t) {
      const who = h === undefined ? 'which is not held' : `which is held by trace thread ${h.tid}`;
      throw new ThreadEventError(
        `trace thread ${t.tid} unlocks ${this.show(addr)}, ${who}`,
        t.tid,
        t.lastEvent(),
      );
    }
    this.holders.delete(addr);
    this.takenBy.delete(addr);
    const issue = t.clock;
    t.memory(addr, LOCK_WORD_BYTES, Access.store);
    if (this.sleepers === 0) return;
    for (const s of this.threads) {
      if (s.status === Status.sleeping && s.lockAddr === addr) this.wake(s, issue, t.id);
    }
  }

  /**
   * The lock word at `addr` must end within the address space (checked at its real
   * address: dense ones are smaller) and lie within one line.
   */
  private checkWord(t: HwThread, addr: number, verb: string, event: number): void {
    const problem =
      this.mem.realAddress(addr) > MAX_ADDR - (LOCK_WORD_BYTES - 1)
        ? 'runs past the largest supported address 0x1fffffffffffff (2^53-1)'
        : Math.floor(addr * this.invLine) !== lastLine(addr, LOCK_WORD_BYTES, this.invLine)
          ? `straddles two ${this.mem.config.l1d.line}-byte cache lines (a split lock, not modelled)`
          : '';
    if (problem !== '')
      throw new ThreadEventError(
        `trace thread ${t.tid} ${verb} ${this.show(addr)}: its ${LOCK_WORD_BYTES}-byte lock word ${problem}`,
        t.tid,
        event,
      );
  }

  /**
   * Thread `t` accessed `addr` (`size` bytes) through the L1D at cycle `at`, and its SMT
   * sibling `s` sleeps: if the access reached the set of the line `s` watches, `s` wakes,
   * as its next test load then differs from the ones it skipped. That load must touch the
   * line again after `t`'s change to the set's replacement state (stepped, its iterations
   * keep the line recent; skipped ones would let the sibling's fills evict it), and a miss
   * or an upgrade on the line itself makes it wait for that fill (HwThread.memory). A plain
   * hit (`hit`: no miss, upgrade or wait) on the watched line alone changes nothing its
   * skipped iterations would not: they only hit and touch that line too, so the line stays
   * the set's most recent under every policy, and `s` sleeps on (two SMT siblings spinning
   * on one lock can then both sleep).
   */
  siblingTouch(t: HwThread, s: HwThread, addr: number, size: number, at: number, hit: boolean): void {
    const first = Math.floor(addr * this.invLine);
    const end = lastLine(addr, size, this.invLine);
    if (hit && first === s.watchBlock && end === first) return;
    // An access of at least as many lines as the L1D has sets reaches every set.
    const last = Math.min(end, first + this.l1dSetMask);
    for (let b = first; b <= last; b++) {
      if (((b ^ s.watchBlock) & this.l1dSetMask) === 0) {
        this.wake(s, at, t.id);
        return;
      }
    }
  }

  /** A sleeping spinner whose L1 copy was invalidated or evicted wakes (a downgrade leaves it valid). */
  onLineLost(core: number, block: number, why: LostReason, at: number): void {
    if (this.sleepers === 0 || why === 'downgrade') return;
    const first = core * this.threadsPerCore;
    for (let h = first; h < first + this.threadsPerCore; h++) {
      const s = this.threads[h] as HwThread;
      if (s.status === Status.sleeping && s.watchBlock === block) this.wake(s, at, this.current);
    }
  }

  /**
   * The threads of a wait-for cycle through `t`, which just found its lock held: `t` waits
   * for the holder, who waits for a lock whose holder waits ... for a lock `t` holds. None
   * of them can ever release (spinning, they run no `unlock`), so it is a deadlock, whether
   * they sleep or keep waking each other (spinners whose lock lines evict each other from
   * the LLC do). Null when the chain ends at a lock that is free or a holder that runs.
   */
  private waitCycle(t: HwThread): HwThread[] | null {
    const chain = [t];
    for (let cur = t; ;) {
      const h = this.holders.get(cur.lockAddr);
      if (h === t) return chain;
      if (h === undefined || h.lockPhase === LockPhase.none || chain.includes(h)) return null;
      chain.push(h);
      cur = h;
    }
  }

  /**
   * The deadlock error of a wait-for cycle: names its threads in hardware-thread order, and
   * where each one's `lock` is (the first one's is the error's location).
   */
  private deadlock(waiting: readonly HwThread[]): ThreadEventError {
    const ts = [...waiting].sort((a, b) => a.id - b.id);
    const waits = ts.map((t, k) => {
      const h = this.holders.get(t.lockAddr);
      return `trace thread ${t.tid} waits${k === 0 ? ' here' : `{${k}}`} for lock ${this.show(t.lockAddr)} held by trace thread ${h?.tid ?? '?'}`;
    });
    const [first, ...others] = ts as [HwThread, ...HwThread[]];
    return new ThreadEventError(
      `deadlock: ${waits.join('; ')}`,
      first.tid,
      first.lockEvent,
      others.map((t) => ({ tid: t.tid, index: t.lockEvent })),
    );
  }

  /** Locks still held (address, holder, number of the `lock` event that took it), for messages. */
  held(): [number, HwThread, number][] {
    return [...this.holders].map(([addr, h]) => [addr, h, this.takenBy.get(addr) as number]);
  }

  /** Thread `waker` changed what sleeping `s` sees at cycle `at`. */
  private wake(s: HwThread, at: number, waker: number): void {
    let skipped = at > s.sleepFrom ? Math.ceil((at - s.sleepFrom) / this.spinCycles) : 0;
    // An iteration issued exactly at `at` ran before the change if `s` goes first in a tie,
    // or if it had run before the waker's trace thread started: a thread started at cycle
    // `at` (when the scheduler read more of the trace there) comes after every micro-op
    // of `s` keyed below `s.ranBelow`, though its id may be lower than `s`'s.
    if (s.sleepFrom + skipped * this.spinCycles === at && (s.id < waker || at * ID_SPAN + s.id < s.ranBelow))
      skipped++;
    s.clock = s.sleepFrom + skipped * this.spinCycles;
    s.memoryCycles += skipped * this.spinCycles;
    s.lockTestLoads += skipped;
    this.mem.addL1dLoadHits(s.core, skipped);
    s.status = Status.runnable;
    s.watchBlock = -1;
    this.sleepers--;
    this.wakeups++;
  }
}

function hex(addr: number): string {
  return `0x${addr.toString(16)}`;
}
