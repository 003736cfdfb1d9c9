/**
 * Contention at the shared resources: each directory/LLC bank and the memory keep a
 * busy-until cycle. A request that reaches a busy resource waits (queues) until it is
 * free, then occupies it for its busy time; the wait is added to the request's latency
 * and counted. Requests arrive in non-decreasing cycle order because the scheduler always
 * runs the hardware thread with the smallest clock, so one busy-until time per resource
 * is an exact FIFO.
 * Left out: the on-chip network, per-core request queues (MSHRs), DRAM banks and rows.
 */
export class Timing {
  private readonly bankFree: Float64Array;
  private readonly bankMask: number;
  private memoryFree = 0;
  /** Cycles requests waited for a busy bank. */
  bankQueueCycles = 0;
  /** Cycles requests waited for busy memory. */
  memoryQueueCycles = 0;

  constructor(
    banks: number,
    private readonly bankBusy: number,
    private readonly memoryBusy: number,
  ) {
    this.bankFree = new Float64Array(banks);
    this.bankMask = banks - 1;
  }

  /** A request for `block` arrives at its bank at `now`: returns its wait in cycles. */
  bank(block: number, now: number): number {
    const b = block & this.bankMask;
    const free = this.bankFree[b] as number;
    const start = free > now ? free : now;
    this.bankFree[b] = start + this.bankBusy;
    const wait = start - now;
    this.bankQueueCycles += wait;
    return wait;
  }

  /** A line read from memory issued at `at`: returns its wait in cycles. */
  memoryRead(at: number): number {
    const start = this.memoryFree > at ? this.memoryFree : at;
    this.memoryFree = start + this.memoryBusy;
    const wait = start - at;
    this.memoryQueueCycles += wait;
    return wait;
  }

  /** A dirty line written to memory at `at`: occupies memory but delays nobody now (write buffer). */
  memoryWrite(at: number): void {
    this.memoryFree = (this.memoryFree > at ? this.memoryFree : at) + this.memoryBusy;
  }
}
