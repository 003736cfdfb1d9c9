/**
 * The scheduler: always advances the runnable hardware thread with the smallest clock by
 * one micro-op, ties broken by the lower hardware-thread id (core id first), so runs are
 * deterministic. The choice is a tournament tree over every hardware thread: a leaf's
 * key is `clock × 128 + id` (so keys are unique and the lower id wins a tie; exact while
 * clocks stay below 2^45), +Infinity when the thread cannot run; each node holds the
 * smaller key of its children (`Math.min`, which compiles without a branch), and after a
 * step only the stepped thread's path to the root is recomputed: log2(threads) minima per
 * micro-op. (A linear scan of the threads measured slower from 8 threads up.) A thread
 * picked twice in a row runs micro-ops without touching the tree while its key stays
 * below every other thread's (`batch`): same order, fewer updates when one thread runs
 * alone or far behind the others. After each step, run-ahead (run-ahead.ts) takes the
 * thread's following L1 hits at once, so a turn usually covers several events; its key is
 * then the cycle after them, and the hits become final when its turn comes again.
 *
 * The loop is synchronous, and yields to the event loop every YIELD_STEPS micro-ops even
 * when it needs no input, so a signal (Ctrl-C) is handled while spinners step through a
 * long critical section.
 *
 * Lock errors: a deadlock is found by SpinLocks as its wait-for cycle closes; a thread that
 * ends holding a lock is found here. Both are InputErrors naming the threads and locks,
 * located at the `lock` event concerned (ThreadEventError, located by sim/multicore.ts).
 */
import { ThreadEventError } from '../util/errors.js';
import type { Demux } from './demux.js';
import type { RunAhead } from './run-ahead.js';
import { ID_SPAN, Status, type HwThread } from './hw-thread.js';
import type { SpinLocks } from './spin-lock.js';

/** `runUntilInput` results besides a thread. */
const START = 0;
const DONE = 1;
/** It ran YIELD_STEPS micro-ops without needing input. */
const YIELD = 2;
/**
 * Micro-ops between turns of the event loop: about 0.1 s of stepping, so a signal is
 * handled at once, for a cost far below measurement (one turn per 10^6 steps).
 */
const YIELD_STEPS = 1 << 20;
/** Keys stay exact integers while clock × ID_SPAN < 2^53. */
const MAX_CLOCK = 2 ** 45;

export class Scheduler {
  /** Leaves: the hardware-thread count rounded up to a power of two (at least 2). */
  private readonly leaves: number;
  /** Node n (1 = root) holds the smallest key of its subtree; thread id's leaf is at leaves + id. */
  private readonly tree: Float64Array;
  private started = 0;

  /** Re-keys a thread whose clock went back (run-ahead dropped its pending events). */
  private readonly rekey = (id: number): void => this.update(this.threads[id] as HwThread);

  constructor(
    private readonly threads: readonly HwThread[],
    private readonly locks: SpinLocks,
    /** Called after every micro-op with the thread that ran it (the debug invariant checker), or null. */
    private readonly afterStep: ((t: HwThread) => void) | null,
    /** Takes each stepped thread's next L1 hits ahead of its turn (run-ahead.ts), or null. */
    private readonly ahead: RunAhead | null,
  ) {
    let leaves = 2;
    while (leaves < threads.length) leaves *= 2;
    this.leaves = leaves;
    this.tree = new Float64Array(2 * leaves).fill(Infinity);
  }

  /** A trace thread started on `t`. */
  add(t: HwThread): void {
    this.started++;
    if (this.ahead !== null) {
      this.ahead.threadStarts(t);
      if (this.ahead.anyDropped) this.ahead.takeDropped(this.rekey);
    }
    this.update(t);
  }

  /** Runs every thread to the end of the trace. */
  async run(demux: Demux): Promise<void> {
    for (;;) {
      const t = this.runUntilInput(demux.eof);
      if (t === DONE) return;
      if (t === YIELD) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      if (t !== START) {
        // `t` goes next: every micro-op keyed below its key has run, so a trace thread that
        // starts now, at `t`'s clock, comes after them (HwThread.ranBelow). The largest such
        // key: a late thread with a lower id may itself wait for input below an earlier one.
        const key = t.clock * ID_SPAN + t.id;
        for (const u of this.threads) if (u.tid >= 0 && key > u.ranBelow) u.ranBelow = key;
      }
      await demux.more(t === START ? 0 : t.clock);
    }
  }

  /** Re-reads `t`'s key and recomputes its path to the root. */
  private update(t: HwThread): void {
    const tree = this.tree;
    let n = this.leaves + t.id;
    if (t.status !== Status.runnable) tree[n] = Infinity;
    else if (t.clock < MAX_CLOCK) tree[n] = t.clock * ID_SPAN + t.id;
    else
      throw new ThreadEventError(
        `trace thread ${t.tid} reached cycle ${t.clock}, past 2^45, the longest run txsim can schedule exactly (look for a huge 'c' event, or latencies in the preset or --latency)`,
        t.tid,
        t.lastEvent(),
      );
    // Carry the subtree's minimum up: one sibling load per level.
    let k = tree[n] as number;
    for (; n > 1; n >>= 1) {
      k = Math.min(k, tree[n ^ 1] as number);
      tree[n >> 1] = k;
    }
  }

  /**
   * Runs micro-ops until the thread that must go next has no events buffered (returns it,
   * or START before any thread has started), every thread has finished (DONE), or the
   * budget of micro-ops between turns of the event loop is spent (YIELD).
   * Synchronous, so the hot loop never crosses an `await`.
   */
  private runUntilInput(eof: boolean): HwThread | typeof START | typeof DONE | typeof YIELD {
    const threads = this.threads;
    const locks = this.locks;
    const afterStep = this.afterStep;
    const ahead = this.ahead;
    const tree = this.tree;
    let wakeups = locks.wakeups;
    let last: HwThread | null = null;
    // Micro-ops left before the loop yields to the event loop (see YIELD_STEPS).
    let budget = YIELD_STEPS;
    for (;;) {
      const root = tree[1] as number;
      if (root === Infinity) {
        if (this.started === 0 && !eof) return START;
        // Sleepers wait in a lock wait-for cycle, which SpinLocks reports as it closes.
        if (locks.sleepers > 0) throw new Error('every thread left sleeps, but no deadlock was found');
        return DONE;
      }
      const t = threads[root & (ID_SPAN - 1)] as HwThread;
      // Its turn: whatever it took ahead now comes before everything still to run.
      if (ahead !== null && t.ahead > 0) ahead.commitAll(t);
      if (!t.hasWork()) {
        if (!eof) return t;
        this.finish(t);
      } else {
        locks.current = t.id;
        if (ahead !== null) ahead.current = t.id;
        if (t !== last) {
          last = t;
          t.step();
          if (ahead !== null) ahead.run(t);
          if (afterStep !== null) afterStep(t);
        } else budget -= this.batch(t, afterStep, budget);
        if (locks.wakeups !== wakeups) {
          wakeups = locks.wakeups;
          for (const s of threads)
            if (s.status === Status.runnable && tree[this.leaves + s.id] === Infinity) this.update(s);
        }
        if (ahead !== null && ahead.anyDropped) ahead.takeDropped(this.rekey);
      }
      this.update(t);
      if (--budget <= 0) return YIELD;
    }
  }

  /**
   * Steps `t`, the thread that goes next and also went last (one thread running alone, or
   * far behind the others; threads in lockstep rarely qualify, so they skip this bound's
   * cost), while it stays the one that must go next: its key below every other thread's
   * (the smallest key of the sibling subtrees on its path), runnable, with work, and
   * having woken nobody, and at most `budget` micro-ops. Returns the micro-ops it ran.
   */
  private batch(t: HwThread, afterStep: ((t: HwThread) => void) | null, budget: number): number {
    const tree = this.tree;
    const id = t.id;
    let limit = Infinity;
    for (let n = this.leaves + id; n > 1; n >>= 1) limit = Math.min(limit, tree[n ^ 1] as number);
    const locks = this.locks;
    const ahead = this.ahead;
    const wakeups = locks.wakeups;
    for (let steps = 1; ; steps++) {
      if (ahead !== null && t.ahead > 0) ahead.commitAll(t);
      t.step();
      if (ahead !== null) ahead.run(t);
      if (afterStep !== null) afterStep(t);
      if (
        steps >= budget ||
        t.clock * ID_SPAN + id >= limit ||
        t.status !== 1 /* Status.runnable */ ||
        locks.wakeups !== wakeups ||
        (ahead !== null && ahead.anyDropped) ||
        !t.hasWork()
      )
        return steps;
    }
  }

  private finish(t: HwThread): void {
    for (const [addr, h, taken] of this.locks.held()) {
      if (h === t)
        throw new ThreadEventError(
          `trace thread ${t.tid} ended while holding lock ${this.locks.show(addr)}, taken here and never released`,
          t.tid,
          taken,
        );
    }
    t.status = Status.done;
  }
}
