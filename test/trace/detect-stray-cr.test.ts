/**
 * A CR inside the first line of an LF file is not taken for old Mac line endings: where
 * the format allows it (a text comment, a valgrind message, a din record's ignored tail)
 * the file reads; elsewhere the message names the CR at its line. A file whose lines end
 * in CR alone still gets the old-Mac message.
 */
import { describe, expect, it } from 'vitest';
import { readText, readTextError } from './helpers.js';

describe('a CR in the first line', () => {
  it.each([
    ['t.trace', '# txsim-trace 1 # a\rb\n0 r 0x10 8\n', 1],
    ['t.lackey', '==12== a\rb\nI  04001000,3\n', 1],
    ['t.din', '0 1000 junk\rjunk\n1 2000\n', 2],
  ])('where the format allows it: %s reads', async (name, text, events) => {
    expect((await readText(name, text)).events).toHaveLength(events);
  });

  it('inside a record: named at its line', async () => {
    expect(await readTextError('t.din', '0 10\r00\n0 10\n')).toBe(
      't.din:1: a carriage return inside the line: lines end in \\n or \\r\\n, a lone \\r is not a line end',
    );
  });

  it('ending every line: old Mac line endings', async () => {
    expect(await readTextError('t.trace', '# txsim-trace 1\r0 r 0x10\r')).toMatch(
      /^t\.trace:1: lines end in a carriage return alone/,
    );
  });
});
