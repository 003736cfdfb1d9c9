/**
 * Each latency class costs exactly its configured cycles (not one more), and queueing at
 * a busy bank or busy memory adds exactly the wait. Test machine: L1 1, L2 4, LLC 10,
 * remote forward 40, upgrade 30, memory 100 cycles; 1 KiB 2-way L1D (8 sets), 2 KiB
 * 2-way L2 (16 sets), 4 KiB 4-way LLC; 2 banks busy 3 cycles, memory busy 20.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Access } from '../../src/cache/multicore/config.js';
import { MulticoreHierarchy } from '../../src/cache/multicore/hierarchy.js';
import { Rng } from '../../src/util/rng.js';
import { level, testMachine } from '../support/machine.js';

const A = 0x10000; // block 1024: bank 0, L1D set 0, L2 set 0, LLC set 0

describe('latency classes', () => {
  let h: MulticoreHierarchy;
  beforeEach(() => {
    h = new MulticoreHierarchy(
      testMachine({ cores: 2, l2: level(2048, 2, 4), llcBanks: 2, llcBankBusy: 3, memoryBusy: 20 }),
      new Rng(1),
    );
  });
  const load = (core: number, addr: number, now: number): number => h.access(core, addr, 8, Access.load, now);
  const store = (core: number, addr: number, now: number): number =>
    h.access(core, addr, 8, Access.store, now);

  it('memory, L1 hit, remote forward, upgrade', () => {
    expect(load(0, A, 0)).toBe(100); // LLC miss
    expect(load(0, A, 100)).toBe(1); // L1 hit, exactly l1Hit
    expect(load(1, A, 200)).toBe(40); // core 0 owns it (E): forwarded
    expect(store(0, A, 300)).toBe(30); // core 0 holds it in S: upgrade
    expect(store(0, A, 330)).toBe(1); // now M: a hit
    expect(load(1, A, 400)).toBe(40); // core 0 owns it (M): forwarded
  });

  it('L2 hit and LLC hit', () => {
    expect(load(0, A, 0)).toBe(100);
    // Two more blocks of L1D set 0 (stride 512 B) evict A from the L1D, not from the L2 (other set).
    load(0, A + 512, 100);
    load(0, A + 1024, 200);
    expect(load(0, A, 300)).toBe(4); // L2 hit
    // Core 0 loses A from L1D and L2 (conflicts in L2 set 0: stride 1 KiB), so nobody holds it.
    load(0, A + 2048, 400);
    load(0, A + 3072, 500);
    load(0, A + 4096 + 512, 600);
    expect(h.home.dir.othersHold(h.home.llc.tags.find(A / 64), 1)).toBe(false);
    expect(load(1, A, 700)).toBe(10); // LLC hit, no owner
  });

  it('a busy bank and busy memory queue the second of two simultaneous misses', () => {
    expect(load(0, A, 1000)).toBe(100);
    // Block 1026 (same bank 0) at the same cycle: waits 3 for the bank, then 17 for memory.
    expect(load(1, A + 128, 1000)).toBe(3 + 17 + 100);
    // Block 1025 (bank 1) at the same cycle: its bank is free, memory busy until 1040.
    expect(load(1, A + 64, 1000)).toBe(40 + 100);
    expect(h.home.timing.bankQueueCycles).toBe(3);
    expect(h.home.timing.memoryQueueCycles).toBe(17 + 40);
  });

  it('an access straddling two lines costs the slower line', () => {
    load(0, A, 0);
    expect(h.access(0, A + 60, 8, Access.load, 100)).toBe(100); // A's line hits, the next misses
  });
});
