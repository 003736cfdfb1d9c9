// The fused binary replay of the cachegrind mode (decoding and counting in one loop) gives
// exactly the counts of the chunked path (reader.next() then runChunk), on random traces of
// every event kind, and the same error as the chunked reader for a damaged event.
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayBinaryCachegrind } from '../../src/cache/cachegrind-binary.js';
import { CachegrindHierarchy, type CachegrindConfig } from '../../src/cache/cachegrind.js';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { MAX_ADDR, NO_SITE, Op } from '../../src/trace/events.js';
import { binaryReaderOf, openTraceBytes } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { InputError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/rng.js';
import { SITES, event, lackeyLike } from '../trace/arbitraries.js';
import { sourceOf, type Ev } from '../trace/helpers.js';

const small = { size: 512, assoc: 2, line: 64 };
const config = (replacement: string): CachegrindConfig => ({
  I1: small,
  D1: { size: 256, assoc: 2, line: 32 },
  LL: { size: 2048, assoc: 4, line: 64 },
  replacement,
});

async function encode(events: readonly Ev[]): Promise<Buffer> {
  const sink = new MemorySink();
  await writeBinary(sourceOf(events, SITES), sink, { chunkEvents: 37 });
  return sink.bytes();
}

/** Recomputes the CRC of the chunk record at `at` after its payload was changed. */
function reseal(bytes: Buffer, at: number): void {
  const len = bytes.readUInt32LE(at + 4);
  const payload = at + 16;
  const crc = crc32(bytes.subarray(payload, payload + len), crc32(bytes.subarray(at + 4, at + 12)));
  bytes.writeUInt32LE(crc, at + 12);
}

/**
 * Counts through the fused loop or through reader.next() and runChunk (`chunked`), or the
 * thrown InputError's message.
 */
async function counts(
  bytes: Buffer,
  replacement: string,
  path: 'fused' | 'chunked',
): Promise<number[] | string> {
  const reader = await openTraceBytes('t.txb', bytes);
  const h = new CachegrindHierarchy(config(replacement), new Rng(3), false);
  try {
    if (path === 'fused') await replayBinaryCachegrind(binaryReaderOf(reader)!, h);
    else for (let c = await reader.next(); c !== null; c = await reader.next()) h.runChunk(c);
    return [...h.counts];
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  } finally {
    await reader.close();
  }
}

const fused = (bytes: Buffer, replacement: string) => counts(bytes, replacement, 'fused');
const chunked = (bytes: Buffer, replacement: string) => counts(bytes, replacement, 'chunked');

describe('fused binary cachegrind replay', () => {
  it('counts exactly as the chunked path, for every event kind, thread and policy', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.array(event, { minLength: 1, maxLength: 200 }), lackeyLike),
        fc.constantFrom('lru', 'plru', 'random'),
        async (events, replacement) => {
          const bytes = await encode(events);
          const got = await fused(bytes, replacement);
          expect(got).toEqual(await chunked(bytes, replacement));
          expect(typeof got).not.toBe('string');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports a damaged event exactly as the chunked reader does', async () => {
    const events = fc.sample(lackeyLike, { numRuns: 1, seed: 11 })[0]!;
    const bytes = await encode(events);
    const firstChunk = 16;
    const payloadLen = bytes.readUInt32LE(firstChunk + 4);
    const payload = firstChunk + 16;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: payloadLen - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, mask) => {
          // Damage a payload byte and reseal the chunk's CRC, so the decoder meets the damage.
          const copy = Buffer.from(bytes);
          copy[payload + at] = copy[payload + at]! ^ mask;
          reseal(copy, firstChunk);
          expect(await fused(copy, 'lru')).toEqual(await chunked(copy, 'lru'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports an address delta that leads past 2^53-1 as the chunked reader does', async () => {
    const sink = new MemorySink();
    const max = { op: Op.read, tid: 0, addr: MAX_ADDR, size: 1, site: NO_SITE };
    await writeBinary(sourceOf([max, max]), sink);
    const copy = sink.bytes();
    const firstChunk = 16;
    const payloadLen = copy.readUInt32LE(firstChunk + 4);
    const payload = firstChunk + 16;
    // The last payload byte is the second event's delta, 0: make it +1 and reseal the CRC.
    expect(copy[payload + payloadLen - 1]).toBe(0);
    copy[payload + payloadLen - 1] = 2;
    reseal(copy, firstChunk);
    const message = await fused(copy, 'lru');
    expect(message).toMatch(
      /^t\.txb: at byte offset \d+: corrupt event: address 9007199254740992 out of range$/,
    );
    expect(message).toEqual(await chunked(copy, 'lru'));
  });

  it('rejects an empty binary trace as the other readers do', async () => {
    const sink = new MemorySink();
    await writeBinary(sourceOf([]), sink);
    expect(await fused(sink.bytes(), 'lru')).toBe('t.txb: trace is empty');
    expect(await chunked(sink.bytes(), 'lru')).toBe('t.txb: trace is empty');
  });
});
