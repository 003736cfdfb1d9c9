/**
 * An access's last byte, addr + size - 1, must be at most 2^53-1 (MAX_ADDR), the largest
 * exact address: every reader rejects one that runs past it with one InputError naming
 * the file and line (text, lackey, din) or the byte offset (binary, through the chunked
 * decoder and the fused cachegrind replay alike), and accepts one that ends exactly there.
 * The writers refuse to write one.
 */
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { replayBinaryCachegrind } from '../../src/cache/cachegrind-binary.js';
import { CachegrindHierarchy } from '../../src/cache/cachegrind.js';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { MAX_ADDR, Op } from '../../src/trace/events.js';
import { binaryReaderOf, openTraceBytes } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { writeText } from '../../src/trace/text-writer.js';
import type { TraceFormat } from '../../src/trace/reader.js';
import { Rng } from '../../src/util/rng.js';
import { ev, inputError, readAll, sourceOf } from './helpers.js';

async function read(name: string, text: string, format: TraceFormat): Promise<ReturnType<typeof readAll>> {
  return readAll(await openTraceBytes(name, Buffer.from(text), { format }));
}

async function errorOf(name: string, bytes: string | Buffer, format: TraceFormat): Promise<string> {
  const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return (await inputError(async () => readAll(await openTraceBytes(name, b, { format })))).message;
}

const H = '# txsim-trace 1\n';

describe('an access past the largest address', () => {
  it('is an error in text input, with an explicit or the default size', async () => {
    expect(await errorOf('x.trace', `${H}0 r 0x10\n0 r 0x1fffffffffffff 16\n`, 'text')).toBe(
      'x.trace:3: access of 16 bytes at 0x1fffffffffffff runs past the largest supported address 0x1fffffffffffff (2^53-1)',
    );
    expect(await errorOf('x.trace', `${H}0 i 0x1ffffffffffffc\n`, 'text')).toBe(
      'x.trace:2: access of 8 bytes at 0x1ffffffffffffc runs past the largest supported address 0x1fffffffffffff (2^53-1)',
    );
    // The largest size: one byte too far, and exactly to the end.
    expect(await errorOf('x.trace', `${H}0 w 0x1fffff00000002 4294967295\n`, 'text')).toMatch(
      /^x\.trace:2: access of 4294967295 bytes at 0x1fffff00000002 runs past/,
    );
    const ok = await read(
      'x.trace',
      `${H}0 r 0x1ffffffffffff0 16\n0 m 0x1ffffffffffff8\n0 w 0x1fffff00000001 4294967295\n`,
      'text',
    );
    expect(ok.events).toEqual([
      ev(Op.read, 0, MAX_ADDR - 15, 16),
      ev(Op.modify, 0, MAX_ADDR - 7, 8),
      ev(Op.write, 0, MAX_ADDR - 0xfffffffe, 4294967295),
    ]);
  });

  it('is an error in lackey input', async () => {
    expect(await errorOf('l.log', 'I  400000,4\n L 1ffffffffffff0,17\n', 'lackey')).toBe(
      'l.log:2: access of 17 bytes at 1ffffffffffff0 runs past the largest supported address 1fffffffffffff (2^53-1)',
    );
    expect((await read('l.log', ' S 1ffffffffffff0,16\n', 'lackey')).events).toEqual([
      ev(Op.write, 0, MAX_ADDR - 15, 16),
    ]);
  });

  it('is an error in din input (the extended format has sizes; din words never run past)', async () => {
    expect(await errorOf('d.din', '0 1000\nr 1ffffffffffff0 11\n', 'din')).toBe(
      'd.din:2: access of 11 (hex) bytes at 1ffffffffffff0 runs past the largest supported address 1fffffffffffff (2^53-1)',
    );
    expect((await read('d.din', 'r 1ffffffffffff0 10\n1 1fffffffffffff\n', 'din')).events).toEqual([
      ev(Op.read, 0, MAX_ADDR - 15, 16),
      ev(Op.write, 0, MAX_ADDR - 3, 4),
    ]);
  });

  describe('in binary input', () => {
    /**
     * Two reads of `size` bytes ending at MAX_ADDR, the second's last payload byte (its
     * delta 0, or its explicit size) replaced by `last`, the chunk's CRC recomputed.
     */
    async function damaged(size: number, last: number): Promise<{ bytes: Buffer; offset: number }> {
      const e = ev(Op.read, 0, MAX_ADDR - (size - 1), size);
      const sink = new MemorySink();
      await writeBinary(sourceOf([e, e]), sink);
      const bytes = sink.bytes();
      const at = 16; // the first chunk record
      const len = bytes.readUInt32LE(at + 4);
      const payload = at + 16;
      const explicit = size === 3; // 16 has a coded size; 3 is written as a varint
      expect(bytes[payload + len - 1]).toBe(explicit ? size : 0);
      bytes[payload + len - 1] = last;
      const crc = crc32(bytes.subarray(payload, payload + len), crc32(bytes.subarray(at + 4, at + 12)));
      bytes.writeUInt32LE(crc, at + 12);
      return { bytes, offset: payload + len - (explicit ? 3 : 2) };
    }

    async function fusedError(bytes: Buffer): Promise<string> {
      const g = { size: 1024, assoc: 2, line: 64 };
      const h = new CachegrindHierarchy({ I1: g, D1: g, LL: g, replacement: 'lru' }, new Rng(1), false);
      const err = await inputError(async () => {
        const reader = await openTraceBytes('t.txb', bytes);
        try {
          await replayBinaryCachegrind(binaryReaderOf(reader)!, h);
        } finally {
          await reader.close();
        }
      });
      return err.message;
    }

    it('is an error with a coded size (the fast decoder)', async () => {
      const { bytes, offset } = await damaged(16, 2); // delta +1: 16 bytes from MAX_ADDR - 14
      const want = `t.txb: at byte offset ${offset}: corrupt event: access of 16 bytes at address ${MAX_ADDR - 14} runs past 2^53-1`;
      expect(await errorOf('t.txb', bytes, 'binary')).toBe(want);
      expect(await fusedError(bytes)).toBe(want);
    });

    it('is an error with an explicit size (the checking decoder)', async () => {
      const { bytes, offset } = await damaged(3, 4); // 4 bytes from MAX_ADDR - 2
      const want = `t.txb: at byte offset ${offset}: corrupt event: access of 4 bytes at address ${MAX_ADDR - 2} runs past 2^53-1`;
      expect(await errorOf('t.txb', bytes, 'binary')).toBe(want);
      expect(await fusedError(bytes)).toBe(want);
    });

    it('accepts accesses that end at MAX_ADDR', async () => {
      for (const size of [16, 3]) {
        const e = ev(Op.read, 0, MAX_ADDR - (size - 1), size);
        const sink = new MemorySink();
        await writeBinary(sourceOf([e, e]), sink);
        expect((await readAll(await openTraceBytes('t.txb', sink.bytes()))).events).toEqual([e, e]);
      }
    });
  });

  it('is refused by the writers', async () => {
    const past = [ev(Op.read, 0, MAX_ADDR - 6, 8)];
    await expect(writeText(sourceOf(past), new MemorySink())).rejects.toThrow(/invalid event 0/);
    await expect(writeBinary(sourceOf(past), new MemorySink())).rejects.toThrow(/invalid event 0/);
  });
});
