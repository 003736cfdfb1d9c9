// Every kind of text parse error is an InputError naming the file and line, saying what was expected.
import { describe, expect, it } from 'vitest';
import { openTraceBytes } from '../../src/trace/open.js';
import { inputError, readAll } from './helpers.js';

const H = '# txsim-trace 1\n';

async function errorOf(text: string): Promise<string> {
  const opts = text.startsWith('#') ? {} : { format: 'text' as const };
  const err = await inputError(async () =>
    readAll(await openTraceBytes('traces/x.trace', Buffer.from(text), opts)),
  );
  return err.message;
}

describe('text parse errors', () => {
  it.each([
    [
      'a bad address',
      `${H}0 r 0x10\n0 r zz\n`,
      "traces/x.trace:3: expected a hex address with 0x after 'r', got 'zz'",
    ],
    [
      'an address without 0x',
      `${H}0 w 1000\n`,
      "traces/x.trace:2: expected a hex address with 0x after 'w', got '1000'",
    ],
    [
      'a missing address',
      `${H}0 u\n`,
      "traces/x.trace:2: expected a hex address with 0x after 'u', got end of line",
    ],
    [
      'an address above 2^53-1',
      `${H}0 r 0x20000000000000\n`,
      'traces/x.trace:2: address 0x20000000000000 is above',
    ],
    [
      'a thread id above MAX_TID',
      `${H}65536 r 0x10\n`,
      'traces/x.trace:2: thread id 65536 is out of range 0..65535',
    ],
    [
      'a non-numeric thread id',
      `${H}t0 r 0x10\n`,
      "traces/x.trace:2: expected a thread id or '@site' at the start of the line, got 't0'",
    ],
    ['size 0', `${H}\n\n0 r 0x10 0\n`, 'traces/x.trace:4: a size in bytes 0 is out of range 1..4294967295'],
    [
      'a size above 2^32-1',
      `${H}0 r 0x10 4294967296\n`,
      'traces/x.trace:2: a size in bytes 4294967296 is out of range',
    ],
    [
      'a fractional size',
      `${H}0 r 0x10 1.5\n`,
      "traces/x.trace:2: expected a size in bytes (a decimal integer) after the address, got '1.5'",
    ],
    [
      'an abort code above 255',
      `${H}0 abort 256\n`,
      'traces/x.trace:2: an abort code 256 is out of range 0..255',
    ],
    [
      'a negative cycle count',
      `${H}0 c -5\n`,
      "traces/x.trace:2: expected a cycle count (a decimal integer) after 'c', got '-5'",
    ],
    [
      'an undefined site',
      `${H}0 r 0x10 @4\n`,
      "traces/x.trace:2: site 4 is used before its '@site 4 ...' line",
    ],
    [
      'an unknown sys kind',
      `${H}0 sys reboot\n`,
      "traces/x.trace:2: expected a sys kind after 'sys' (syscall, io, pagefault, cpuid, pause, other), got 'reboot'",
    ],
    ['trailing text', `${H}0 end now\n`, "traces/x.trace:2: unexpected 'now' after 'end'"],
    [
      'text after a site reference',
      `${H}@site 1 a.c:1\n0 r 0x10 8 @1 extra\n`,
      "traces/x.trace:3: unexpected 'extra' after '@1'",
    ],
    [
      'a second site reference',
      `${H}@site 1 a.c:1\n0 r 0x10 8 @1 @1\n`,
      "traces/x.trace:3: unexpected '@1' after '@1'",
    ],
    [
      'a size after the site reference',
      `${H}@site 1 a.c:1\n0 r 0x10 @1 8\n`,
      "traces/x.trace:3: unexpected '8' after '@1'",
    ],
    [
      'a site name holding white space other than a blank',
      `${H}@site 1 a\u00a0b.c:1\n`,
      'traces/x.trace:2: site 1 (file "a\\u00a0b.c" line 1): names must be non-empty without blanks or \'#\'',
    ],
    [
      'a bad site line',
      `${H}@site 1 nocolon\n`,
      "traces/x.trace:2: expected <file>:<line> after the site id, got 'nocolon'",
    ],
    [
      'a redefined site',
      `${H}@site 1 a.c:1\n@site 1 b.c:2\n`,
      'traces/x.trace:3: site 1 is already defined differently',
    ],
    [
      'a missing header',
      '0 r 0x10\n',
      "traces/x.trace:1: expected the header line '# txsim-trace 1', got '0 r 0x10'",
    ],
  ])('reports %s', async (_what, text, expected) => {
    expect(await errorOf(text)).toContain(expected);
  });

  it('lists the valid ops for an unknown op', async () => {
    expect(await errorOf(`${H}0 load 0x10\n`)).toBe(
      "traces/x.trace:2: unknown op 'load'; valid ops are r, w, u, rp, wp, i, m, c, begin, end, abort, lock, unlock, sys",
    );
  });

  it('carries the location in the error', async () => {
    const err = await inputError(async () =>
      readAll(await openTraceBytes('a.trace', Buffer.from(`${H}\n0 q 0x1\n`))),
    );
    expect(err.location).toEqual({ file: 'a.trace', line: 3 });
  });

  it('rejects a future format version', async () => {
    expect(await errorOf('# txsim-trace 2\n0 r 0x10\n')).toContain("unsupported txsim-trace version '2'");
  });
});
