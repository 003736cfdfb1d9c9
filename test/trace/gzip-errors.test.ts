// Damaged gzip data is an InputError with the byte offset in the compressed file: where a
// truncated file ends, where trailing data after the last member starts, which trailer
// holds a wrong CRC, and the range in which zlib found corrupt deflate data. Zero padding
// after the last member is accepted (as gzip does), and members are framed exactly even
// when one ends on the boundary of a block handed to zlib.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openTraceBytes } from '../../src/trace/open.js';
import { GZIP_IN_BLOCK, gunzipSource } from '../../src/trace/gunzip.js';
import { MemorySource } from '../../src/trace/source.js';
import { drain, inputError, readAll } from './helpers.js';

const TEXT = '# txsim-trace 1\n0 r 0x10\n1 w 0x20 4\n';
const GZ = gzipSync(TEXT.repeat(1000));

const errorOf = async (bytes: Uint8Array): Promise<string> =>
  (await inputError(async () => readAll(await openTraceBytes('t.gz', bytes)))).message;

describe('gzip errors', () => {
  it.each([
    ['in the member header', 5],
    ['in the deflate data', GZ.length - 20],
    ['in the member trailer', GZ.length - 3],
  ])('a file cut short %s is truncated at its end', async (_where, cut) => {
    expect(await errorOf(GZ.subarray(0, cut))).toBe(
      `t.gz: at byte offset ${cut}: truncated gzip data: the file ends inside a gzip member (cut short?)`,
    );
  });

  it.each([
    ['text', Buffer.from('junk\n')],
    ['zero bytes and then text', Buffer.from('\0\0junk')],
    ['half a gzip magic', Buffer.of(0x1f, 0x00)],
  ])('trailing %s after the last member is reported where it starts', async (_what, tail) => {
    expect(await errorOf(Buffer.concat([GZ, tail]))).toBe(
      `t.gz: at byte offset ${GZ.length}: trailing data after the end of the gzip stream (gzip -d ignores it with a warning; remove it)`,
    );
  });

  it('accepts zero padding after the last member', async () => {
    const r = await openTraceBytes('t.gz', Buffer.concat([GZ, Buffer.alloc(100)]));
    expect((await readAll(r)).events).toHaveLength(2000);
  });

  it('reports a CRC mismatch at the member trailer', async () => {
    const bytes = Buffer.from(GZ);
    bytes[bytes.length - 8] = bytes[bytes.length - 8]! ^ 0x01;
    expect(await errorOf(bytes)).toMatch(
      new RegExp(
        `^t\\.gz: at byte offset ${GZ.length - 8}: corrupt gzip data: CRC mismatch \\(stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\\)$`,
      ),
    );
  });

  it('reports corrupt deflate data with the range zlib found it in', async () => {
    const bytes = gzipSync(TEXT.repeat(100));
    bytes[20] = bytes[20]! ^ 0xff;
    const m =
      /^t\.gz: at byte offset (\d+): corrupt gzip data \(.+\), detected between this offset and byte (\d+)$/.exec(
        await errorOf(bytes),
      );
    expect(m).not.toBeNull();
    const [from, to] = [Number(m?.[1]), Number(m?.[2])];
    expect(from).toBeGreaterThanOrEqual(10); // after the 10-byte member header
    expect(from).toBeLessThanOrEqual(20);
    expect(to).toBeGreaterThan(20);
    expect(to).toBeLessThanOrEqual(bytes.length);
  });

  it('frames a member whose deflate data ends exactly at the end of an input block', async () => {
    // Stored (level 0) deflate data grows with the input: find the input length that makes a
    // member's header and deflate data fill the first block exactly (its 8-byte trailer and
    // the next member follow in the next block).
    const data = Buffer.alloc(GZIP_IN_BLOCK, 0x41);
    let len = GZIP_IN_BLOCK - 200;
    while (len < GZIP_IN_BLOCK && gzipSync(data.subarray(0, len), { level: 0 }).length - 8 !== GZIP_IN_BLOCK)
      len++;
    const member = gzipSync(data.subarray(0, len), { level: 0 });
    expect(member.length - 8).toBe(GZIP_IN_BLOCK);
    const two = await drain(gunzipSource(new MemorySource('m.gz', Buffer.concat([member, member]))));
    expect(two.equals(Buffer.concat([data.subarray(0, len), data.subarray(0, len)]))).toBe(true);
    const err = await inputError(() =>
      drain(gunzipSource(new MemorySource('m.gz', Buffer.concat([member, Buffer.from('x')])))),
    );
    expect(err.message).toMatch(
      new RegExp(`^m\\.gz: at byte offset ${member.length}: trailing data after the end`),
    );
  });
});
