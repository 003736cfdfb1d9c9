/**
 * fast-check arbitraries for random multi-threaded traces on small machines: loads,
 * stores, RMWs, instruction fetches, compute gaps and lock/unlock pairs (one lock held at
 * a time, always released, so no trace deadlocks) over a few dozen lines, so lines are
 * shared, conflict in small sets and get evicted from a small LLC. Access sizes reach 200
 * bytes, so some accesses cover three or four lines.
 */
import fc from 'fast-check';
import { Op } from '../../src/trace/events.js';
import type { Ev } from './trace.js';

/** Lock words live apart from the data. */
const LOCKS = [0x8000, 0x8040, 0x8008];

/** One thread's events (its `tid` is set by `traceArb`); `lockWeight` : 6 accesses : 1 compute. */
const threadEvents = (lockWeight: number): fc.Arbitrary<Ev[]> =>
  fc
    .array(
      fc.oneof(
        {
          weight: 6,
          arbitrary: fc.tuple(
            fc.constantFrom(Op.read, Op.write, Op.rmw, Op.ifetch, Op.modify),
            fc.integer({ min: 0, max: 48 * 64 - 1 }),
            fc.constantFrom(1, 4, 8, 16, 64, 200),
          ),
        },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.constant(Op.compute), fc.integer({ min: 0, max: 50 }), fc.constant(0)),
        },
        {
          weight: lockWeight,
          arbitrary: fc.tuple(
            fc.constant(Op.lock),
            fc.integer({ min: 0, max: LOCKS.length - 1 }),
            fc.integer({ min: 0, max: 3 }),
          ),
        },
      ),
      { maxLength: 60 },
    )
    .map((items) => {
      const out: Ev[] = [];
      for (const [op, a, b] of items) {
        if (op !== Op.lock) {
          out.push({ op, tid: 0, addr: a, size: b });
          continue;
        }
        // A critical section: lock, b accesses to a shared counter line, unlock.
        const word = LOCKS[a] as number;
        out.push({ op: Op.lock, tid: 0, addr: word, size: 0 });
        for (let i = 0; i < b; i++)
          out.push({ op: i % 2 === 0 ? Op.read : Op.write, tid: 0, addr: 0x9000 + a * 64, size: 8 });
        out.push({ op: Op.unlock, tid: 0, addr: word, size: 0 });
      }
      return out;
    });

/**
 * 1 to `maxThreads` threads, interleaved in random bursts (as a recorder might write
 * them); `lockWeight` raises the share of critical sections.
 */
export function traceArb(maxThreads: number, lockWeight = 1): fc.Arbitrary<Ev[]> {
  return fc
    .tuple(
      fc.array(threadEvents(lockWeight), { minLength: 1, maxLength: maxThreads }),
      fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 16 }),
    )
    .map(([threads, bursts]) => {
      const pos = threads.map(() => 0);
      const out: Ev[] = [];
      for (
        let turn = 0, b = 0;
        pos.some((p, t) => p < (threads[t] as Ev[]).length);
        turn = (turn + 1) % threads.length, b++
      ) {
        const evs = threads[turn] as Ev[];
        const n = bursts[b % bursts.length] as number;
        for (let i = 0; i < n && (pos[turn] as number) < evs.length; i++)
          out.push({ ...(evs[pos[turn]!++] as Ev), tid: turn });
      }
      return out;
    });
}

/** Hardware threads a trace needs: one per thread id up to the largest (at least 1). */
export function threadCount(events: readonly Ev[]): number {
  return events.reduce((n, e) => Math.max(n, e.tid + 1), 1);
}
