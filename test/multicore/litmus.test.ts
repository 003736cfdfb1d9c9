/**
 * Golden litmus traces (traces/litmus) on the tiny preset: 2 cores, L1 1 cycle, LLC 10,
 * remote forward 40, upgrade 30, memory 100; 2 LLC banks (bank = block mod 2) busy 2
 * cycles per request, memory busy 10 cycles per line. Every expected value below was
 * derived by hand, step by step, before running the simulator; the derivations are in the
 * comments. "Tn@c" means thread n issues at cycle c.
 */
import { describe, expect, it } from 'vitest';
import { PROTOCOL_NAMES } from '../../src/cache/coherence/types.js';
import { runLitmus } from '../support/run.js';

describe('ping-pong: two cores write one line in turn', () => {
  // T0@0 w: L1 miss, GetM, LLC miss → memory 100 → 100, M. T1@150 w: GetM, owner core 0
  // (M) → Fwd-GetM, core 0 → I, 40 → 190. T0@400 w: owner core 1 → 440. T1@490 → 530.
  // T0@740 → 780. T1@830 → 870. No request waits (banks free within 2 cycles).
  for (const protocol of PROTOCOL_NAMES) {
    it(`${protocol}: every write after the first is a forwarded GetM`, async () => {
      const v = await runLitmus('ping-pong.trace', protocol);
      expect([v('core0.cycles'), v('core1.cycles'), v('total.cycles')]).toEqual([780, 870, 870]);
      expect([v('core0.coherence.getm'), v('core1.coherence.getm')]).toEqual([3, 3]);
      // Core 0 answers T1's three writes, core 1 answers T0's second and third.
      expect([v('core0.coherence.forwards'), v('core1.coherence.forwards')]).toEqual([3, 2]);
      expect([v('core0.l1d.store.misses'), v('core1.l1d.store.misses')]).toEqual([3, 3]);
      expect([v('llc.load.accesses'), v('llc.load.misses'), v('memory.reads')]).toEqual([6, 1, 1]);
      expect([v('coherence.invalidations'), v('coherence.writebacks'), v('total.queue_cycles')]).toEqual([
        0, 0, 0,
      ]);
    });
  }
});

describe('false sharing: two words of one line', () => {
  it('counts and cycles equal ping-pong (coherence works on lines)', async () => {
    const [a, b] = [await runLitmus('ping-pong.trace'), await runLitmus('false-sharing.trace')];
    for (const name of [
      'core0.cycles',
      'core1.cycles',
      'coherence.getm',
      'coherence.forwards',
      'total.l1d.store.misses',
      'llc.load.misses',
    ]) {
      expect(b(name), name).toBe(a(name));
    }
  });

  it('padding the words into two lines leaves one miss per core', async () => {
    // T0@0 w 0x1000: memory → 100; @400, @701: L1 hits (M) → 702.
    // T1@150 w 0x1040 (bank 1): memory (free since 10) → 250; @550, @851 hits → 852.
    const v = await runLitmus('false-sharing-padded.trace');
    expect([v('core0.cycles'), v('core1.cycles')]).toEqual([702, 852]);
    expect([v('coherence.getm'), v('coherence.forwards'), v('total.l1d.store.hits')]).toEqual([2, 0, 4]);
    expect([v('llc.load.misses'), v('memory.reads')]).toEqual([2, 2]);
  });
});

describe('producer/consumer', () => {
  // T0@0, @100, @200: three stores, each a memory miss → 300, all M.
  // T1@500 r flag: GetS, owner core 0 (M) → Fwd-GetS → 540; @540, @580: the data → 620.
  //   MESI: core 0 writes each line back and keeps S; MOESI: keeps it as O (no
  //   writeback); MESIF: writes back, keeps S, the reader gets F.
  // T0@1300 w flag: L1 hit without write permission → Upgrade, core 1 invalidated, 30 → 1330.
  // T1@1620 r flag: GetS, owner core 0 (M again) → Fwd-GetS → 1660 (a 4th writeback in
  //   MESI and MESIF).
  const writebacks = { mesi: 4, moesi: 0, mesif: 4 };
  for (const protocol of PROTOCOL_NAMES) {
    it(`${protocol}: forwards to the producer, one upgrade, ${writebacks[protocol]} writebacks`, async () => {
      const v = await runLitmus('producer-consumer.trace', protocol);
      expect([v('core0.cycles'), v('core1.cycles')]).toEqual([1330, 1660]);
      expect([
        v('core0.coherence.getm'),
        v('core0.coherence.upgrades'),
        v('core0.coherence.forwards'),
      ]).toEqual([3, 1, 4]);
      expect([v('core1.coherence.gets'), v('core1.coherence.invalidations')]).toEqual([4, 1]);
      expect(v('core0.coherence.writebacks')).toBe(writebacks[protocol]);
      expect([v('core0.l1d.store.misses'), v('core0.l1d.store.hits'), v('core1.l1d.load.misses')]).toEqual([
        3, 1, 4,
      ]);
      expect([v('llc.load.accesses'), v('llc.load.hits'), v('memory.reads'), v('memory.writes')]).toEqual([
        7, 4, 3, 0,
      ]);
    });
  }
});

describe('contended lock', () => {
  // Lock word 0x4000 and counter 0x5000 are both in bank 0. T0 is hardware thread 0 (core
  // 0), T1 hardware thread 2 (core 1); at equal clocks core 0 goes first.
  //  1. T0@0 test load: lock free; GetS, LLC miss → memory → 100, E.
  //  2. T1@0 test load: lock still free (T0 only looked); GetS waits 2 for bank 0 (busy
  //     until 2), owner core 0 (E) → Fwd-GetS, core 0 → S; 2 + 40 → 42, S.
  //  3. T1@42 test-and-set: free → store hits S → Upgrade, core 0 invalidated; 30 → 72. T1
  //     holds the lock (wait 0). T1@72 r counter: memory (free) → 172, E.
  //  4. T0@100 test-and-set: held → fails; store misses → GetM, owner core 1 (M) → Fwd-GetM
  //     → 140, M. T0@140 test load hits (1) → 141: held, so it spins on L1 hits.
  //  5. T1@172 w counter: E → M silently, 1 → 173. T1@173 unlock: core 1 lost the lock line
  //     at 100 → GetM, owner core 0 → Fwd-GetM (core 0 invalidated) → 213; T1 is done.
  //     T0's spin loads at 141..173 hit (33 of them: at 173 core 0 goes first, before the
  //     release), so its next test load is at 174.
  //  6. T0@174 test load: GetS waits 1 (bank busy until 175), owner core 1 (M) → Fwd-GetS
  //     (MESI: core 1 writes back, keeps S) → 174 + 41 = 215. Free.
  //  7. T0@215 test-and-set: hit in S → Upgrade (core 1 invalidated) → 245; lock wait = 174.
  //     T0@245 r counter: owner core 1 (M) → Fwd-GetS (writeback) → 285. T0@285 w: Upgrade
  //     (core 1 invalidated) → 315. T0@315 unlock: hit in M → 316.
  for (const protocol of PROTOCOL_NAMES) {
    it(`${protocol}: thread 1 wins, thread 0 waits 174 cycles`, async () => {
      const v = await runLitmus('contended-lock.trace', protocol);
      expect([v('core0.cycles'), v('core1.cycles')]).toEqual([316, 213]);
      expect([v('core0.lock.acquisitions'), v('core1.lock.acquisitions')]).toEqual([1, 1]);
      expect([v('core0.lock.wait_cycles'), v('core1.lock.wait_cycles'), v('core0.lock.failed_rmw')]).toEqual([
        174, 0, 1,
      ]);
      // T0: 1 + 1 + 33 skipped + 1 test loads; T1: 1.
      expect([v('core0.lock.test_loads'), v('core1.lock.test_loads')]).toEqual([36, 1]);
      expect([
        v('core0.l1d.load.accesses'),
        v('core0.l1d.load.hits'),
        v('core0.l1d.store.accesses'),
        v('core0.l1d.store.hits'),
      ]).toEqual([37, 34, 4, 3]);
      expect([
        v('core0.coherence.gets'),
        v('core0.coherence.getm'),
        v('core0.coherence.upgrades'),
        v('core0.coherence.forwards'),
      ]).toEqual([3, 1, 2, 2]);
      expect([
        v('core1.coherence.gets'),
        v('core1.coherence.getm'),
        v('core1.coherence.upgrades'),
        v('core1.coherence.forwards'),
      ]).toEqual([2, 1, 1, 3]);
      expect([v('core0.coherence.invalidations'), v('core1.coherence.invalidations')]).toEqual([1, 2]);
      // Steps 6 and 7 downgrade core 1's modified lines: MOESI keeps them as O.
      expect(v('core1.coherence.writebacks')).toBe(protocol === 'moesi' ? 0 : 2);
      expect([v('core0.queue_cycles'), v('core1.queue_cycles'), v('llc.bank.queue_cycles')]).toEqual([
        1, 2, 3,
      ]);
      expect([v('llc.load.accesses'), v('llc.load.misses'), v('memory.reads')]).toEqual([7, 2, 2]);
    });
  }
});

describe('back-invalidation from a small LLC', () => {
  // The LLC has 16 sets of 4 ways; blocks 0, 16, 32, 48, 64 (stride 1 KiB) share set 0 and
  // bank 0. T0@0 w 0x0: memory → 100, M. T1@200..500: reads of blocks 16, 32, 48 (memory,
  // 100 each; the L1D's set 0 holds two of them, so the third evicts block 16, clean).
  // T1@500 r block 64: the LLC set is full; its LRU line is block 0 → back-invalidate
  // core 0, whose modified copy is written back and then to memory → 600 (the fill also
  // evicts block 32 from core 1's L1D). T0@1100 r 0x0: misses everywhere; the LLC evicts
  // block 16, which no core holds any more → 1200.
  it('evicts core 0 modified copy and writes it to memory', async () => {
    const v = await runLitmus('back-invalidation.trace');
    expect([v('core0.cycles'), v('core1.cycles')]).toEqual([1200, 600]);
    expect([
      v('core0.coherence.back_invalidations'),
      v('core0.l1d.back_invalidations'),
      v('core0.coherence.writebacks'),
    ]).toEqual([1, 1, 1]);
    expect([v('core1.l1d.evictions'), v('core1.coherence.clean_evictions')]).toEqual([2, 2]);
    expect([v('llc.load.misses'), v('llc.evictions'), v('llc.writebacks')]).toEqual([6, 2, 1]);
    expect([v('memory.reads'), v('memory.writes')]).toEqual([6, 1]);
    expect([v('core0.l1d.load.misses'), v('core0.l1d.store.misses')]).toEqual([1, 1]);
  });
});
