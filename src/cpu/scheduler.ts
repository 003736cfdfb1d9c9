/**
 * The scheduler: always advances the runnable hardware thread with the smallest clock by
 * one micro-op, ties broken by the lower hardware-thread id (core id first), so runs are
 * deterministic. It runs the chosen thread for several micro-ops in a row while it stays
 * strictly first in that order (the result is the same as re-choosing after every step,
 * and the choice costs one scan of the threads per batch instead of per micro-op).
 *
 * Watchdog: with sleeping spinners, a thread makes no progress only while it waits for a
 * lock, so a run where every remaining thread sleeps is a deadlock; it and a thread that
 * ends holding a lock become InputErrors naming the threads and locks.
 */
import { InputError } from '../util/errors.js';
import type { Demux } from './demux.js';
import { Status, type HwThread } from './hw-thread.js';
import { hex, type SpinLocks } from './spin-lock.js';

export class Scheduler {
  /** Hardware threads running a trace thread, in id order. */
  private readonly active: HwThread[] = [];

  constructor(
    private readonly locks: SpinLocks,
    /** Called after every micro-op (the debug invariant checker), or null. */
    private readonly afterStep: (() => void) | null,
  ) {}

  /** A trace thread started on `t`. */
  add(t: HwThread): void {
    let i = this.active.length;
    while (i > 0 && (this.active[i - 1] as HwThread).id > t.id) i--;
    this.active.splice(i, 0, t);
  }

  /** Runs every thread to the end of the trace. */
  async run(demux: Demux): Promise<void> {
    const active = this.active;
    const locks = this.locks;
    const afterStep = this.afterStep;
    for (;;) {
      let best: HwThread | null = null;
      let second: HwThread | null = null;
      for (const t of active) {
        if (t.status !== Status.runnable) continue;
        if (best === null || t.clock < best.clock) {
          second = best;
          best = t;
        } else if (second === null || t.clock < second.clock) {
          second = t;
        }
      }
      if (best === null) {
        if (active.length === 0 && !demux.eof) {
          await demux.more(0);
          continue;
        }
        if (locks.sleepers > 0) throw this.deadlock();
        return;
      }
      if (!best.hasWork()) {
        if (demux.eof) this.finish(best);
        else await demux.more(best.clock);
        continue;
      }
      const limit = second === null ? Infinity : second.clock;
      const limitId = second === null ? Infinity : second.id;
      const wakeups = locks.wakeups;
      do {
        best.step();
        if (afterStep !== null) afterStep();
      } while (
        best.status === Status.runnable &&
        best.hasWork() &&
        locks.wakeups === wakeups &&
        (best.clock < limit || (best.clock === limit && best.id < limitId))
      );
    }
  }

  private finish(t: HwThread): void {
    for (const [addr, h] of this.locks.held()) {
      if (h === t) throw new InputError(`trace thread ${t.tid} ended while holding lock ${hex(addr)} (a lock that is never released)`);
    }
    t.status = Status.done;
  }

  private deadlock(): InputError {
    const waits = this.active
      .filter((t) => t.status === Status.sleeping)
      .map((t) => {
        const h = this.locks.holder(t.lockAddr);
        return `trace thread ${t.tid} waits for lock ${hex(t.lockAddr)} held by trace thread ${h?.tid ?? '?'}`;
      });
    return new InputError(`deadlock: ${waits.join('; ')}`);
  }
}
