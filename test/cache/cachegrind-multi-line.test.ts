/**
 * The cachegrind mode caps an access at the smallest line size (valgrind does; the oracle
 * test fails without the cap), so an access longer than a line counts as its first
 * line-size bytes: one or two lines, never three. The same counts from text input, from
 * binary input through the fused replay, and from binary input through the chunked path
 * (per-instruction counts). Hand-derived with 64-byte lines everywhere.
 */
import { describe, expect, it } from 'vitest';
import { CG_EVENTS } from '../../src/cache/cachegrind.js';
import { replay } from '../../src/sim/replay.js';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { Op } from '../../src/trace/events.js';
import { openTraceBytes } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { testMachine } from '../support/machine.js';
import { ev, sourceOf } from '../trace/helpers.js';

const TEXT = [
  '# txsim-trace 1',
  '0 r 0x0 192', // capped to 0x0..0x3f: line 0x0 misses in D1 and LL
  '0 r 0x80 8', // line 0x80 was not referenced by the 192-byte read: misses in D1 and LL
  '0 w 0x70 200', // capped to 0x70..0xaf: 0x40 misses, 0x80 hits → one D1 and one LL write miss
  '0 i 0x1000 130', // capped to 0x1000..0x103f: one line, misses in I1 and LL
  '0 i 0x1080 4', // not referenced by the 130-byte fetch: misses in I1 and LL
  '',
].join('\n');
const EVENTS = [
  ev(Op.read, 0, 0x0, 192),
  ev(Op.read, 0, 0x80, 8),
  ev(Op.write, 0, 0x70, 200),
  ev(Op.ifetch, 0, 0x1000, 130),
  ev(Op.ifetch, 0, 0x1080, 4),
];
const WANT = { Ir: 2, I1mr: 2, ILmr: 2, Dr: 2, D1mr: 2, DLmr: 2, Dw: 1, D1mw: 1, DLmw: 1 };

async function counts(
  name: string,
  bytes: Uint8Array,
  perInstruction: boolean,
): Promise<Record<string, number>> {
  const g = { size: 1024, assoc: 2, line: 64 };
  const r = await replay(await openTraceBytes(name, bytes), {
    mode: 'cachegrind',
    machine: testMachine(),
    cachegrind: { I1: g, D1: g, LL: { size: 4096, assoc: 4, line: 64 }, replacement: 'lru' },
    cores: 1,
    seed: 1,
    perInstruction,
  });
  return Object.fromEntries(CG_EVENTS.map((e) => [e, r.stats[`cachegrind.${e}`]?.value ?? NaN]));
}

describe('cachegrind mode: an access longer than a line', () => {
  it('counts as its first line-size bytes, from text and binary input', async () => {
    const sink = new MemorySink();
    await writeBinary(sourceOf(EVENTS), sink);
    const binary = sink.bytes();
    expect(await counts('t.trace', new TextEncoder().encode(TEXT), false)).toEqual(WANT);
    expect(await counts('t.txb', binary, false)).toEqual(WANT); // the fused replay
    expect(await counts('t.txb', binary, true)).toEqual(WANT); // reader.next() and runChunk
  });
});
