// cachegrind semantics, hand-derived: a straddling access is one access and one miss; the
// LL sees only first-level misses; M counts as a read; sizes are capped at the line size.
import { describe, expect, it } from 'vitest';
import { CachegrindHierarchy, CG_EVENTS } from '../../src/cache/cachegrind.js';
import { createChunk, Op } from '../../src/trace/events.js';
import { Rng } from '../../src/util/rng.js';

const geom = { size: 256, assoc: 2, line: 64 }; // 2 sets × 2 ways

function run(events: [number, number, number][]): Record<string, number> {
  const h = new CachegrindHierarchy(
    { I1: geom, D1: geom, LL: { size: 1024, assoc: 4, line: 64 }, replacement: 'lru' },
    new Rng(1),
    false,
  );
  const c = createChunk(64);
  events.forEach(([op, addr, size], i) => {
    c.op[i] = op;
    c.addr[i] = addr;
    c.size[i] = size;
  });
  c.length = events.length;
  h.runChunk(c);
  return Object.fromEntries(CG_EVENTS.map((e, i) => [e, h.counts[i] as number]));
}

describe('cachegrind hierarchy mode', () => {
  it('counts a straddling load once, missing in D1 and LL', () => {
    // 0x1003c..0x10043 covers blocks 0x400 and 0x401: one read, one D1 miss, one LL miss.
    expect(run([[Op.read, 0x1003c, 8]])).toMatchObject({ Dr: 1, D1mr: 1, DLmr: 1 });
  });

  it('misses if either line misses, and the LL sees only first-level misses', () => {
    const r = run([
      [Op.read, 0x10000, 8], // block 0x400: D1 miss, LL miss
      [Op.read, 0x1003c, 8], // 0x400 hits, 0x401 misses → one D1 miss; LL: 0x400 hit, 0x401 miss → LL miss
      [Op.read, 0x10040, 8], // hit in D1: the LL is not consulted
    ]);
    expect(r).toMatchObject({ Dr: 3, D1mr: 2, DLmr: 2 });
  });

  it('counts M and atomic RMW as data reads and stores as writes', () => {
    const r = run([
      [Op.modify, 0x20000, 4],
      [Op.rmw, 0x20000, 4],
      [Op.write, 0x20008, 4],
    ]);
    expect(r).toMatchObject({ Dr: 2, D1mr: 1, DLmr: 1, Dw: 1, D1mw: 0, DLmw: 0 });
  });

  it('sends instruction fetches to I1 and data to D1, sharing the LL', () => {
    const r = run([
      [Op.ifetch, 0x30000, 4], // I1 miss, LL miss
      [Op.read, 0x30000, 8], // D1 miss, LL hit (the I-side brought it in)
    ]);
    expect(r).toMatchObject({ Ir: 1, I1mr: 1, ILmr: 1, Dr: 1, D1mr: 1, DLmr: 0 });
  });

  it('caps a data size at the smallest line size', () => {
    // 200 bytes from a line start would cover four 64 B lines; capped to 64 it covers one.
    expect(run([[Op.read, 0x40000, 200]])).toMatchObject({ Dr: 1, D1mr: 1 });
    // Capped to 64 from 0x40020 it covers two lines: still one access.
    expect(run([[Op.write, 0x40020, 200]])).toMatchObject({ Dw: 1, D1mw: 1, DLmw: 1 });
  });

  it('evicts by LRU within a set (2-way: the third block in a set evicts the first)', () => {
    const r = run([
      [Op.read, 0x0000 + 0x1000, 8], // set 0 (block 0x40)
      [Op.read, 0x0080 + 0x1000, 8], // set 0 (block 0x42)
      [Op.read, 0x0100 + 0x1000, 8], // set 0 (block 0x44): evicts 0x40
      [Op.read, 0x0000 + 0x1000, 8], // miss again in D1; LL (4-way, 4 sets) still has it
    ]);
    expect(r).toMatchObject({ Dr: 4, D1mr: 4, DLmr: 3 });
  });
});
