// Property: a binary trace cut anywhere is reported as an InputError with a byte offset,
// never as any other exception and never read silently; the messages say what is missing.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { openTraceBytes } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { SITES, event } from './arbitraries.js';
import { inputError, readAll, sourceOf } from './helpers.js';

let bytes: Buffer;

beforeAll(async () => {
  const events = fc.sample(event, { numRuns: 400, seed: 42 });
  const sink = new MemorySink();
  await writeBinary(sourceOf(events, SITES), sink, { chunkEvents: 37 });
  bytes = sink.bytes();
});

describe('truncated binary traces', () => {
  it('are InputErrors with a byte offset wherever they are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 64 }),
        async (cut, rc) => {
          const err = await inputError(async () =>
            readAll(await openTraceBytes('cut.txb', bytes.subarray(0, cut), { chunkEvents: rc })),
          );
          expect(err.message).toMatch(/^cut\.txb: at byte offset \d+: /);
          expect(err.location.byteOffset).toBeLessThanOrEqual(cut);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the missing end record when the cut falls between chunks', async () => {
    const sink = new MemorySink();
    await writeBinary(sourceOf(fc.sample(event, { numRuns: 10, seed: 1 }), SITES), sink);
    const whole = sink.bytes();
    const err = await inputError(async () =>
      readAll(await openTraceBytes('t.txb', whole.subarray(0, whole.length - 20))),
    );
    expect(err.message).toBe(
      `t.txb: at byte offset ${whole.length - 20}: missing end record after 1 chunk (file truncated?)`,
    );
  });

  it('says a chunk length running past the end of the file may be truncation or corruption', async () => {
    const copy = Buffer.from(bytes);
    const len = copy.readUInt32LE(20) | 0x00800000; // the first chunk's length, a bit flipped
    copy.writeUInt32LE(len, 20);
    const err = await inputError(async () => readAll(await openTraceBytes('t.txb', copy)));
    expect(err.message).toBe(
      `t.txb: at byte offset 16: chunk length of ${len} bytes runs past the end of the file (${copy.length - 32} bytes follow the chunk header): the file is truncated or the length is corrupt`,
    );
  });

  it('reports a short file header at offset 0', async () => {
    const err = await inputError(async () => readAll(await openTraceBytes('t.txb', bytes.subarray(0, 10))));
    expect(err.message).toBe('t.txb: at byte offset 0: truncated file header (10 of 16 bytes)');
  });
});
