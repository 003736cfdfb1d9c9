/**
 * A file whose last line ends in a CR without a line feed: the CR is not a line end (only
 * LF and CRLF are), so each format treats it as any lone CR inside a line. It is an error
 * at that line in a record, and ignored where the format ignores the text (a text comment,
 * a valgrind message, a din record's tail), exactly as when more of the line followed it.
 */
import { describe, expect, it } from 'vitest';
import { readText, readTextError } from './helpers.js';

const LONE_CR = 'a carriage return inside the line: lines end in \\n or \\r\\n, a lone \\r is not a line end';

describe('a lone CR at the very end of the file', () => {
  it.each([
    ['t.trace', '# txsim-trace 1\n0 r 0x10 8\n0 w 0x20 8\r', 3],
    ['t.lackey', 'I  04001000,3\n L 1000,8\r', 2],
    ['t.din', '0 1000\n1 2000\r', 2],
  ])('ending a record: %s fails at that line', async (name, text, line) => {
    expect(await readTextError(name, text)).toBe(`${name}:${line}: ${LONE_CR}`);
  });

  it.each([
    ['t.trace', '# txsim-trace 1\n0 r 0x10 8\n# the end\r', 1],
    ['t.lackey', 'I  04001000,3\n==12== done\r', 1],
    ['t.din', '0 1000\n1 2000 tail\r', 2],
  ])('where the format ignores the text: %s reads', async (name, text, events) => {
    expect((await readText(name, text)).events).toHaveLength(events);
  });

  it('a final CRLF is still a line end', async () => {
    expect((await readText('t.din', '0 1000\r\n1 2000\r\n')).events).toHaveLength(2);
  });
});
