/**
 * An in-order core with blocking memory operations: each event costs its latency on the
 * core's cycle clock (a memory op its hierarchy latency, `c` its cycle count). Counts what
 * it executes. Single core for now: transactions, locks with contention and SMT come with
 * later layers; here `lock` is an atomic RMW of the lock word and `unlock` a store to it.
 */
import { Access, type WritebackHierarchy } from '../cache/hierarchy.js';
import { Op, OP_COUNT, OP_NAMES, type EventChunk } from '../trace/events.js';
import type { StatsRegistry } from '../sim/stats.js';

export class Core {
  /** The core's clock, in cycles. */
  cycles = 0;
  /** Cycles spent waiting on the memory hierarchy. */
  memoryCycles = 0;
  /** Cycles of `c` (compute) events. */
  computeCycles = 0;
  /** Events executed, by op code. */
  readonly opCounts = new Float64Array(OP_COUNT);

  constructor(
    readonly id: number,
    private readonly mem: WritebackHierarchy,
  ) {}

  registerStats(stats: StatsRegistry, prefix: string): void {
    stats.register(`${prefix}.cycles`, 'cycles from the first event to the last (the core clock)', () => this.cycles, 'cycles');
    stats.register(`${prefix}.memory_cycles`, 'cycles spent in memory accesses', () => this.memoryCycles, 'cycles');
    stats.register(`${prefix}.compute_cycles`, 'cycles of compute (c) events', () => this.computeCycles, 'cycles');
    for (let op = 0; op < OP_COUNT; op++) {
      const name = OP_NAMES[op] as string;
      stats.register(`${prefix}.events.${name}`, `trace events of kind ${name} executed`, () => this.opCounts[op] as number);
    }
  }

  /** Executes events [from, to) of a chunk. */
  run(chunk: EventChunk, from: number, to: number): void {
    const { op, addr, size } = chunk;
    const mem = this.mem;
    let mc = 0;
    for (let i = from; i < to; i++) {
      const o = op[i] as number;
      this.opCounts[o]!++;
      switch (o) {
        case Op.read:
        case Op.readPrivate:
          mc += mem.access(addr[i] as number, size[i] as number, Access.load);
          break;
        case Op.write:
        case Op.writePrivate:
        case Op.rmw:
        case Op.modify:
          mc += mem.access(addr[i] as number, size[i] as number, Access.store);
          break;
        case Op.ifetch:
          mc += mem.access(addr[i] as number, size[i] as number, Access.ifetch);
          break;
        case Op.lock:
          mc += mem.access(addr[i] as number, 8, Access.store);
          break;
        case Op.unlock:
          mc += mem.access(addr[i] as number, 8, Access.store);
          break;
        case Op.compute:
          this.computeCycles += addr[i] as number;
          this.cycles += addr[i] as number;
          break;
        default:
          break;
      }
    }
    this.memoryCycles += mc;
    this.cycles += mc;
  }
}
