/**
 * Dense addresses (src/trace/dense.ts): regions are numbered in the order first touched,
 * an address keeps its offset in its region, every region an access reaches is numbered,
 * ops without an address keep their argument, `real` and `denseOf` map back and forth, and
 * one region beyond the capacity is AddressSpaceFull. The writer's cache of recent regions
 * never gives one region another's number, whatever regions share its slots.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressRegions, AddressSpaceFull, denseOptions } from '../../src/trace/dense.js';
import { DenseReader } from '../../src/trace/dense-reader.js';
import { Op } from '../../src/trace/events.js';
import { readAll } from './helpers.js';
import { readerOf, type Ev } from '../support/trace.js';

const MiB = 2 ** 20;
const opts = { regionBits: 20, capacity: 4 };
const ev = (op: number, addr: number, size = 8): Ev => ({ op, tid: 0, addr, size });

async function dense(events: Ev[], o = opts): Promise<{ addrs: number[]; regions: AddressRegions }> {
  const reader = new DenseReader(readerOf(events, 3), o);
  const got = await readAll(reader);
  return { addrs: got.events.map((e) => e.addr), regions: reader.regions };
}

describe('dense addresses', () => {
  it('number regions in the order first touched, keeping offsets', async () => {
    const high = 2 ** 53 - MiB; // the last region below 2^53
    const { addrs, regions } = await dense([
      ev(Op.read, 7 * MiB + 0x40),
      ev(Op.write, high + 0x1234),
      ev(Op.read, 7 * MiB + 0x80),
      ev(Op.lock, 0x10, 0),
      ev(Op.compute, 5 * MiB, 0), // cycles, not an address
    ]);
    expect(addrs).toEqual([0x40, MiB + 0x1234, 0x80, 2 * MiB + 0x10, 5 * MiB]);
    expect(regions.real(MiB + 0x1234)).toBe(high + 0x1234);
    expect(regions.denseOf(7 * MiB + 0x99)).toBe(0x99);
  });

  it('number every region an access reaches, and say when one crosses', async () => {
    const { addrs, regions } = await dense([ev(Op.read, 3 * MiB - 8, 16), ev(Op.read, 4 * MiB + 8)]);
    expect(addrs).toEqual([MiB - 8, 2 * MiB + 8]); // region 3 was numbered by the first access
    expect(regions.crosses(MiB - 8, 16)).toBe(true);
    expect(regions.crosses(MiB - 8, 8)).toBe(false);
    expect(regions.denseOf(3 * MiB)).toBe(MiB);
  });

  it('give each region its own number through the cache, whatever slots regions share', async () => {
    // Regions anywhere below 2^53, revisited in any order: the writer's cache of recent
    // regions (a slot per hash of the region's low bits) must miss when another region
    // holds the slot. Expected: each region's number is the order it was first touched.
    const region = fc.oneof(fc.integer({ min: 0, max: 2 ** 33 - 1 }), fc.integer({ min: 0, max: 4095 }));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(region, { minLength: 1, maxLength: 64 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: MiB - 8 })), { minLength: 1, maxLength: 300 }),
        async (pool, touches) => {
          const seq = touches.map(([k, off]) => ({ r: pool[k % pool.length] as number, off }));
          const first = new Map<number, number>();
          for (const { r } of seq) if (!first.has(r)) first.set(r, first.size);
          const { addrs } = await dense(
            seq.map(({ r, off }) => ev(Op.read, r * MiB + off)),
            { regionBits: 20, capacity: 64 },
          );
          expect(addrs).toEqual(seq.map(({ r, off }) => (first.get(r) as number) * MiB + off));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('throw AddressSpaceFull at the first region beyond the capacity', async () => {
    const events = [0, 1, 2, 3, 0, 4].map((r) => ev(Op.read, r * MiB));
    await expect(dense(events)).rejects.toThrow(AddressSpaceFull);
    await expect(dense(events.slice(0, 5))).resolves.toBeDefined();
  });

  it('keep block numbers of 64-byte lines below 2^31, for ways up to 8 GiB', () => {
    for (const way of [1024, MiB, 64 * MiB, 2 ** 33]) {
      const o = denseOptions(way, 64);
      expect(o).not.toBeNull();
      const { regionBits, capacity } = o as { regionBits: number; capacity: number };
      expect(2 ** regionBits).toBeGreaterThanOrEqual(way);
      expect((capacity * 2 ** regionBits) / 64).toBeLessThanOrEqual(2 ** 31);
    }
    expect(denseOptions(2 ** 33, 2)).toBeNull();
  });
});
