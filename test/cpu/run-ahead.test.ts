/**
 * Run-ahead (src/cpu/run-ahead.ts) changes nothing: with it, every statistic equals the
 * run that steps one event per scheduler turn, for every protocol and replacement policy,
 * with and without an L2 and SMT (siblings busy, idle, or starting late), under the debug
 * invariant checker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_NAMES } from '../../src/cache/coherence/types.js';
import { REPLACEMENT_NAMES } from '../../src/cache/replacement/policy.js';
import { Op } from '../../src/trace/events.js';
import { churnMachine, level, testMachine } from '../support/machine.js';
import { threadCount, traceArb } from '../support/random-trace.js';
import { runKnobs } from '../support/run.js';
import { readerOf, type Ev } from '../support/trace.js';

describe('run-ahead', () => {
  it('gives every statistic of stepping one event at a time, on random traces', async () => {
    await fc.assert(
      fc.asyncProperty(
        traceArb(4),
        fc.constantFrom(...PROTOCOL_NAMES),
        fc.constantFrom(...REPLACEMENT_NAMES),
        fc.boolean(),
        fc.constantFrom('none', 'shared', 'idle'),
        fc.constantFrom(3, 4096),
        async (events, protocol, replacement, withL2, smt, windowEvents) => {
          const threads = threadCount(events);
          const tpc = smt === 'none' ? 1 : 2;
          // 'shared': siblings run trace threads; 'idle': every thread has a core of its own.
          const cores = smt === 'shared' ? Math.max(1, Math.ceil(threads / 2)) : threads;
          const machine = churnMachine(protocol, replacement, cores, tpc, withL2);
          // A 3-event demultiplexer window starts threads late, while others run ahead.
          const ahead = await runKnobs(readerOf(events, 7), machine, { runAhead: true, windowEvents });
          const stepped = await runKnobs(readerOf(events, 7), machine, { runAhead: false, windowEvents });
          expect(ahead).toEqual(stepped);
        },
      ),
      { numRuns: 150 },
    );
  });
  it('drops what a thread took ahead when its SMT sibling starts', async () => {
    // 2 cores × 2 (round-robin: thread 0 and thread 2 share core 0, thread 1 has core 1).
    // Thread 1 has few events, so it asks for input while thread 0 runs ahead on hits to A
    // and B; that read starts thread 2, whose store to C (A's and B's set) evicts one of them.
    const r = (tid: number, addr: number): Ev => ({ tid, op: Op.read, addr, size: 8 });
    const ab = (n: number): Ev[] => Array.from({ length: n }, (_, i) => r(0, i % 2 === 0 ? 0x0 : 0x80));
    const events: Ev[] = [
      r(1, 0x4000),
      ...ab(40),
      r(1, 0x4040),
      ...ab(40),
      { tid: 2, op: Op.write, addr: 0x100, size: 8 },
      ...ab(40),
    ];
    const machine = testMachine({ cores: 2, threadsPerCore: 2, l1d: level(256, 2, 1) });
    const knobs = { windowEvents: 4 };
    const ahead = await runKnobs(readerOf(events), machine, { ...knobs, runAhead: true });
    const stepped = await runKnobs(readerOf(events), machine, { ...knobs, runAhead: false });
    expect(ahead).toEqual(stepped);
    expect(stepped['core0.l1d.load.misses']).toBeGreaterThan(2); // A or B missed after C's fill
  });
  it('takes back the replacement state of hits revoked by a starting SMT sibling', async () => {
    // Core 0 runs threads 0 and 2, core 1 thread 1; A, B and C share a 2-way set. The first
    // 64-event window: thread 1 misses once; thread 0 misses A (cycle 0) and B (cycle 100),
    // then takes its 61 A hits ahead (cycles 200..260). Thread 1 runs out first, at about
    // cycle 110: the next window starts thread 2 there, which revokes all of thread 0's
    // hits, and its store to C evicts the LRU line: A, as of cycle 110 (B if the revoked
    // hits' replacement touches stayed), so thread 0's next A load misses.
    const r = (tid: number, addr: number): Ev => ({ tid, op: Op.read, addr, size: 8 });
    const events: Ev[] = [
      r(1, 0x4000),
      r(0, 0x0),
      r(0, 0x80),
      ...Array.from({ length: 61 }, () => r(0, 0x0)),
      { tid: 2, op: Op.write, addr: 0x100, size: 8 },
      r(0, 0x0),
    ];
    const machine = testMachine({ cores: 2, threadsPerCore: 2, l1d: level(256, 2, 1) });
    const knobs = { windowEvents: 64 };
    const ahead = await runKnobs(readerOf(events), machine, { ...knobs, runAhead: true });
    const stepped = await runKnobs(readerOf(events), machine, { ...knobs, runAhead: false });
    expect(ahead).toEqual(stepped);
    expect(stepped['core0.l1d.load.misses']).toBe(3); // A, B, and A again after C's fill
  });

  for (const protocol of ['mesi', 'moesi'] as const)
    it(`takes back a silent E → M revoked by a snoop (${protocol})`, async () => {
      // Thread 0 loads X (a miss from memory: E, clock 100), then takes ahead 25 loads
      // (cycles 100..124), a store (125: silently M and dirty) and 5 loads. Thread 1's load
      // of X at cycle 115 revokes the accesses from 115 on: its forward must find X clean in E
      // (no writeback; MOESI: S, not an owning O, so thread 2's load at 120 is an LLC hit, not
      // a forward), and thread 0's store then needs an upgrade.
      const events: Ev[] = [{ tid: 1, op: Op.compute, addr: 115, size: 0 }];
      events.push({ tid: 0, op: Op.read, addr: 0x40, size: 8 });
      for (let i = 0; i < 31; i++)
        events.push({ tid: 0, op: i === 25 ? Op.write : Op.read, addr: 0x40, size: 8 });
      events.push({ tid: 1, op: Op.read, addr: 0x40, size: 8 });
      events.push(
        { tid: 2, op: Op.compute, addr: 120, size: 0 },
        { tid: 2, op: Op.read, addr: 0x40, size: 8 },
      );
      const machine = testMachine({ protocol, cores: 3 });
      const ahead = await runKnobs(readerOf(events), machine, { runAhead: true });
      expect(ahead).toEqual(await runKnobs(readerOf(events), machine, { runAhead: false }));
      expect(ahead['core0.coherence.writebacks']).toBe(0);
      expect(ahead['core0.coherence.upgrades']).toBe(1);
      expect(ahead['core0.coherence.forwards']).toBe(1);
    });

  it('keeps the hits taken ahead before a snoop of their line and redoes those after it', async () => {
    // Thread 0 loads X (a miss: E), then hits it 40 times, one cycle each, taking them ahead:
    // loads, and stores (the first makes the line M and dirty, silently). Thread 1's load of X
    // at cycle 20 falls in the middle: the accesses before it stay hits and its forward
    // finds the line dirty (a writeback); the first store after it needs an upgrade.
    const events: Ev[] = [{ tid: 1, op: Op.compute, addr: 20, size: 0 }];
    events.push({ tid: 0, op: Op.read, addr: 0x40, size: 8 });
    for (let i = 0; i < 40; i++)
      events.push({ tid: 0, op: i % 4 === 3 ? Op.write : Op.read, addr: 0x40, size: 8 });
    events.push({ tid: 1, op: Op.read, addr: 0x40, size: 8 });
    const machine = testMachine({ memoryLatency: 10 });
    const ahead = await runKnobs(readerOf(events), machine, { runAhead: true });
    expect(ahead).toEqual(await runKnobs(readerOf(events), machine, { runAhead: false }));
    expect(ahead['core0.l1d.load.misses']).toBe(1);
    expect(ahead['core0.coherence.writebacks']).toBe(1);
    expect(ahead['core0.coherence.upgrades']).toBe(1);
  });
});
