// Binary data that is not a trace is recognised before any line is looked at: another
// compressor's output (bzip2, xz, zstd) is named, with the command that decompresses it,
// and an executable or data with control bytes is unknown binary data, even when its first
// "line" holds a carriage return (not a line-ending mistake).
import { describe, expect, it } from 'vitest';
import { openTraceBytes } from '../../src/trace/open.js';
import { inputError } from './helpers.js';

/** A NUL and a CR before any LF: the first "line" of such data ends in a lone CR. */
const TAIL = [0x00, 0x0d, 0x41, 0x42];

const open = (bytes: number[]) => openTraceBytes('x.bin', Uint8Array.from(bytes));

describe('binary data that is not a trace', () => {
  it.each([
    ['bzip2', [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26], 'bzip2 -dc'],
    ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04], 'xz -dc'],
    ['zstd', [0x28, 0xb5, 0x2f, 0xfd, 0x24, 0xd7, 0xa5, 0x04], 'zstd -dc'],
  ])('names %s-compressed data', async (name, magic, tool) => {
    const err = await inputError(() => open([...magic, ...TAIL]));
    const first = magic.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    expect(err.message).toBe(
      `x.bin: ${name}-compressed data (first bytes ${first}): txsim decompresses gzip only; decompress it first ('${tool} FILE | txsim ... -' reads it from standard input)`,
    );
  });

  it.each([
    ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x0d, 0x00]],
    ['control bytes', [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, ...TAIL]],
  ])('reports %s as unknown binary data', async (_what, bytes) => {
    const err = await inputError(() => open(bytes));
    const first = bytes
      .slice(0, 8)
      .map((b) => b.toString(16).padStart(2, '0'))
      .join(' ');
    expect(err.message).toBe(
      `x.bin: unknown binary data (first bytes ${first}): not a txsim, gzip or text trace`,
    );
  });

  it('still reports a text trace whose lines end in a lone CR as such', async () => {
    const err = await inputError(() => open([...Buffer.from('# txsim-trace 1\r0 r 0x10\r')]));
    expect(err.message).toMatch(/^x\.bin:1: lines end in a carriage return alone/);
  });
});
