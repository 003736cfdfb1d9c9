/**
 * fast-check arbitraries for valid trace events (the invariants in src/trace/writer.ts):
 * memory ops with addresses up to 2^53-1 and sizes up to 2^32-1, every other op with its
 * own argument range, several threads (sometimes far apart ids), and sites from a fixed table.
 */
import fc from 'fast-check';
import { MAX_ADDR, MAX_TID, NO_SITE, Op, SYS_KINDS, type Site } from '../../src/trace/events.js';
import type { Ev } from './helpers.js';

export const SITES: readonly Site[] = [
  { id: 0, file: 'a.c', line: 1 },
  { id: 5, file: 'dir/b.c', line: 200, fn: 'f' },
  { id: 2147483647, file: 'ü.c', line: 0, fn: 'g' },
];

const tid = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: MAX_TID }));
const addr = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }),
  fc.integer({ min: 0x7fff0000, max: 0x7fffffff }),
  fc.integer({ min: 0x1ffeff0000, max: 0x1ffeffffff }),
  fc.maxSafeNat(),
  fc.constantFrom(0, MAX_ADDR),
);
const size = fc.oneof(
  fc.constantFrom(1, 2, 3, 4, 7, 8, 15, 16, 32, 64),
  fc.integer({ min: 1, max: 2 ** 32 - 1 }),
);
const site = fc.oneof(fc.constant(NO_SITE), fc.constantFrom(...SITES.map((s) => s.id)));
const memOp = fc.constantFrom(
  Op.read,
  Op.write,
  Op.rmw,
  Op.readPrivate,
  Op.writePrivate,
  Op.ifetch,
  Op.modify,
);

export const event: fc.Arbitrary<Ev> = fc.oneof(
  {
    weight: 6,
    // The last byte, addr + size - 1, is at most MAX_ADDR: an address too close to it is
    // moved down to end exactly there.
    arbitrary: fc
      .record({ op: memOp, tid, addr, size, site })
      .map((e) => (e.size - 1 > MAX_ADDR - e.addr ? { ...e, addr: MAX_ADDR - (e.size - 1) } : e)),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constantFrom(Op.lock, Op.unlock), tid, addr, size: fc.constant(0), site }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant(Op.compute),
      tid,
      addr: fc.maxSafeNat(),
      size: fc.constant(0),
      site,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constantFrom(Op.begin, Op.end),
      tid,
      addr: fc.constant(0),
      size: fc.constant(0),
      site,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant(Op.abort),
      tid,
      addr: fc.integer({ min: 0, max: 255 }),
      size: fc.constant(0),
      site,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant(Op.sys),
      tid,
      addr: fc.integer({ min: 0, max: SYS_KINDS.length - 1 }),
      size: fc.constant(0),
      site,
    }),
  },
);

/** A lackey-like stream: tid 0, ifetch/read/write/modify, small sizes, nearby addresses. */
export const lackeyLike: fc.Arbitrary<Ev[]> = fc.array(
  fc.record({
    op: fc.constantFrom(Op.ifetch, Op.read, Op.write, Op.modify),
    tid: fc.constant(0),
    addr: fc.integer({ min: 0x4000000, max: 0x4001000 }),
    size: fc.integer({ min: 1, max: 8 }),
    site: fc.constant(NO_SITE),
  }),
  { minLength: 1, maxLength: 300 },
);
