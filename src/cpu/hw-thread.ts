/**
 * One hardware thread of an in-order core with blocking memory operations: it runs one
 * trace thread's events, one micro-op per `step`, on its own cycle clock. A memory op
 * costs the hierarchy's latency, `c n` costs n cycles, `lock`/`unlock` run the spin lock
 * (spin-lock.ts). SMT siblings share their core's caches but not their clocks.
 * Left out: pipelines, overlapping misses, issue-slot contention between SMT siblings;
 * transactions (`begin`/`end`/`abort`) and `sys` events are counted but not yet simulated.
 */
import { Access, type AccessKind } from '../cache/multicore/config.js';
import type { MulticoreHierarchy } from '../cache/multicore/hierarchy.js';
import { Op, OP_COUNT } from '../trace/events.js';
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

/** Phases of a `lock` event in progress. */
export const LockPhase = { none: 0, test: 1, testAndSet: 2 } as const;

export class HwThread {
  /** The thread's clock, in cycles. */
  clock = 0;
  status: number = Status.idle;
  /** The trace thread running here, or -1. */
  tid = -1;
  readonly queue = new EventQueue();
  /** Cycles spent waiting on memory (including lock-word accesses). */
  memoryCycles = 0;
  /** Cycles of `c` events. */
  computeCycles = 0;
  /** Events executed, by op code. */
  readonly opCounts = new Float64Array(OP_COUNT);
  // Spin-lock state and counters, driven by SpinLocks.
  lockPhase: number = LockPhase.none;
  lockAddr = 0;
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

  constructor(
    readonly id: number,
    readonly core: number,
    private readonly mem: MulticoreHierarchy,
    private readonly locks: SpinLocks,
  ) {}

  /** Starts running trace thread `tid` at cycle `now`. */
  start(tid: number, now: number): void {
    this.tid = tid;
    this.clock = now;
    this.status = Status.runnable;
  }

  /** True while there is something to run without reading more of the trace. */
  hasWork(): boolean {
    return this.lockPhase !== LockPhase.none || this.queue.count > 0;
  }

  /** Executes one micro-op: the next step of a `lock` in progress, else the next event. */
  step(): void {
    if (this.lockPhase !== LockPhase.none) {
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
    switch (op) {
      case Op.read:
      case Op.readPrivate:
        this.memory(addr, size, Access.load);
        break;
      case Op.write:
      case Op.writePrivate:
      case Op.rmw:
      case Op.modify:
        this.memory(addr, size, Access.store);
        break;
      case Op.ifetch:
        this.memory(addr, size, Access.ifetch);
        break;
      case Op.compute:
        this.computeCycles += addr;
        this.clock += addr;
        break;
      case Op.lock:
        this.locks.acquire(this, addr);
        break;
      case Op.unlock:
        this.locks.release(this, addr);
        break;
      default:
        break;
    }
  }

  /** One access through the caches at the current clock; the thread waits for it. */
  memory(addr: number, size: number, kind: AccessKind): void {
    const latency = this.mem.access(this.core, addr, size, kind, this.clock);
    this.memoryCycles += latency;
    this.clock += latency;
  }
}
