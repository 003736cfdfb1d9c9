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
 * by its SMT sibling through the shared L1), or its SMT sibling starts a miss or an
 * upgrade on the line (its next test load then waits for that fill). Nothing else can
 * change what it sees, so it sleeps until one of those happens at cycle T, then resumes at
 * its first spin iteration that would have run after the change: issued after T, or at T
 * by a thread the scheduler orders after the one that made the change. The skipped iterations are counted as L1D
 * load hits, test loads and memory cycles, so the result equals simulating every
 * iteration (tested), except that the skipped hits do not refresh the line's replacement
 * state (which matters only if an SMT sibling uses the same set meanwhile).
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
import { LockPhase, Status, type HwThread } from './hw-thread.js';

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
  /** Cycles of one spin iteration: an L1D hit (at least 1). */
  private readonly spinCycles: number;
  private readonly invLine: number;

  constructor(
    private readonly mem: MulticoreHierarchy,
    private readonly threads: readonly HwThread[],
    private readonly threadsPerCore: number,
    /** False simulates every spin iteration instead of sleeping (tests compare the two). */
    private readonly sleep = true,
  ) {
    this.spinCycles = Math.max(1, mem.config.l1d.latency);
    this.invLine = 1 / mem.config.l1d.line;
  }

  /** The thread holding the lock at `addr`, if any. */
  holder(addr: number): HwThread | undefined {
    return this.holders.get(addr);
  }

  /** A `lock` event begins: the first test load runs now. */
  acquire(t: HwThread, addr: number): void {
    t.lockEvent = t.lastEvent();
    this.checkWord(t, addr, 'locks', t.lockEvent);
    if (this.holders.get(addr) === t) {
      throw new ThreadEventError(
        `trace thread ${t.tid} locks ${hex(addr)}, which it already holds (locks are not recursive)`,
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
      } else if (this.sleep) {
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
      throw new ThreadEventError(`trace thread ${t.tid} unlocks ${hex(addr)}, ${who}`, t.tid, t.lastEvent());
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

  /** The lock word at `addr` must end within the address space and lie within one line. */
  private checkWord(t: HwThread, addr: number, verb: string, event: number): void {
    const problem =
      addr > MAX_ADDR - (LOCK_WORD_BYTES - 1)
        ? 'runs past the largest supported address 0x1fffffffffffff (2^53-1)'
        : Math.floor(addr * this.invLine) !== lastLine(addr, LOCK_WORD_BYTES, this.invLine)
          ? `straddles two ${this.mem.config.l1d.line}-byte cache lines (a split lock, not modelled)`
          : '';
    if (problem !== '')
      throw new ThreadEventError(
        `trace thread ${t.tid} ${verb} ${hex(addr)}: its ${LOCK_WORD_BYTES}-byte lock word ${problem}`,
        t.tid,
        event,
      );
  }

  /**
   * Thread `t` issued a miss or an upgrade on `addr` (`size` bytes) at cycle `at`: its SMT
   * sibling, asleep on one of those lines, wakes, since its next test load would wait for
   * that fill (HwThread.memory), as it does when stepped.
   */
  siblingFill(t: HwThread, addr: number, size: number, at: number): void {
    const s = t.sibling;
    if (s === null || s.status !== Status.sleeping) return;
    const first = Math.floor(addr * this.invLine);
    const last = lastLine(addr, size, this.invLine);
    if (s.watchBlock >= first && s.watchBlock <= last) this.wake(s, at, t.id);
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

  /** Locks still held (address, holder, number of the `lock` event that took it), for messages. */
  held(): [number, HwThread, number][] {
    return [...this.holders].map(([addr, h]) => [addr, h, this.takenBy.get(addr) as number]);
  }

  /** Thread `waker` changed what sleeping `s` sees at cycle `at`. */
  private wake(s: HwThread, at: number, waker: number): void {
    let skipped = at > s.sleepFrom ? Math.ceil((at - s.sleepFrom) / this.spinCycles) : 0;
    // An iteration issued exactly at `at` ran before the change if `s` goes first in a tie.
    if (s.sleepFrom + skipped * this.spinCycles === at && s.id < waker) skipped++;
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

export function hex(addr: number): string {
  return `0x${addr.toString(16)}`;
}
