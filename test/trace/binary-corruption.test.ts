// A corrupted byte in a binary trace is detected: a CRC error with the chunk's offset for
// payload damage, and an InputError with a byte offset for damage anywhere; the numbers in
// the messages are exact (a u64 count above 2^53 included).
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { openTraceBytes } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { SITES, event } from './arbitraries.js';
import { inputError, readAll, sourceOf } from './helpers.js';

let bytes: Buffer;
const CHUNK_EVENTS = 50;

beforeAll(async () => {
  const events = fc.sample(event, { numRuns: 300, seed: 7 });
  const sink = new MemorySink();
  await writeBinary(sourceOf(events, SITES), sink, { chunkEvents: CHUNK_EVENTS });
  bytes = sink.bytes();
});

function flipped(at: number, mask: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ mask;
  return copy;
}

describe('corrupted binary traces', () => {
  it('report a CRC mismatch at the offset of the damaged chunk', async () => {
    const firstPayloadByte = 16 + 16 + 5; // file header, chunk header, into the site table
    const err = await inputError(async () =>
      readAll(await openTraceBytes('c.txb', flipped(firstPayloadByte, 0x40))),
    );
    expect(err.message).toMatch(
      /^c\.txb: at byte offset 16: chunk CRC mismatch \(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)/,
    );
  });

  it('detect any single damaged byte, always as an InputError with a byte offset', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, mask) => {
          const err = await inputError(async () => readAll(await openTraceBytes('c.txb', flipped(at, mask))));
          expect(err.location.byteOffset).toBeTypeOf('number');
          expect(err.location.byteOffset).toBeLessThanOrEqual(at);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reports an end record event count above 2^53 exactly', async () => {
    const copy = Buffer.from(bytes);
    const end = copy.length - 20;
    copy.writeBigUInt64LE(2n ** 63n, end + 8);
    copy.writeUInt32LE(crc32(copy.subarray(end, end + 16)), end + 16);
    const err = await inputError(async () => readAll(await openTraceBytes('c.txb', copy)));
    expect(err.message).toBe(
      `c.txb: at byte offset ${end}: end record says 6 chunks and 9223372036854775808 events, but the file holds 6 and 300`,
    );
  });

  it('rejects trailing data after the end record', async () => {
    const err = await inputError(async () =>
      readAll(await openTraceBytes('c.txb', Buffer.concat([bytes, Buffer.of(0)]))),
    );
    expect(err.message).toBe(`c.txb: at byte offset ${bytes.length}: unexpected data after the end record`);
  });
});

describe('hand-made binary traces (valid CRCs)', () => {
  const hex = (s: string): Buffer => Buffer.from(s.replace(/\s/g, ''), 'hex');
  const HEADER = '89545842 0d0a1a0a 01000000 23c44f7b';

  it('print a varint above 2^53 exactly (a compute argument of 2^56-1)', async () => {
    const bytes = hex(
      `${HEADER} 54584243 0a000000 01000000 7bee7bfb 00 75 ffffffffffffff7f
       54584245 01000000 01000000 00000000 16bab9e6`,
    );
    const err = await inputError(async () => readAll(await openTraceBytes('v.txb', bytes)));
    expect(err.message).toBe(
      'v.txb: at byte offset 33: corrupt event: argument 72057594037927935 above 9007199254740991',
    );
  });

  it("refuse a site line number that text cannot hold (text's range, 0..2^31-1)", async () => {
    const bytes = hex(
      `${HEADER} 54584243 10000000 01000000 eb0c1a96 01 01 ffffffff0f 03 612e63 00 9402 2001
       54584245 01000000 01000000 00000000 16bab9e6`,
    );
    const err = await inputError(async () => readAll(await openTraceBytes('s.txb', bytes)));
    expect(err.message).toBe('s.txb: at byte offset 33: site 1: line number 4294967295 above 2147483647');
  });
});
