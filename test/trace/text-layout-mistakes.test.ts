// Text traces laid out wrongly are named for what they are, at the line concerned: the
// header not on the first line, a byte order mark, lines ending in a lone CR (or a lone CR
// before a line's CRLF, in every text format), and a headerless txsim trace whose first line
// din would also accept. A real din trace is still din.
import { describe, expect, it } from 'vitest';
import { openTraceBytes } from '../../src/trace/open.js';
import { inputError, readAll } from './helpers.js';

const open = (text: string) => openTraceBytes('t.trace', Buffer.from(text, 'latin1'));

describe('text layout mistakes', () => {
  it('a header after blank lines', async () => {
    const err = await inputError(() => open('\n\n# txsim-trace 1\n0 r 0x10\n'));
    expect(err.message).toBe("t.trace:3: the header '# txsim-trace 1' must be the first line of the trace");
  });

  it('a UTF-8 byte order mark', async () => {
    const err = await inputError(() => open('\xef\xbb\xbf# txsim-trace 1\n0 r 0x10\n'));
    expect(err.message).toBe(
      't.trace:1: the trace starts with a UTF-8 byte order mark; remove it (traces are plain ASCII text)',
    );
  });

  it('lines ending in a lone carriage return', async () => {
    const err = await inputError(() => open('# txsim-trace 1\r0 r 0x10\r'));
    expect(err.message).toMatch(/^t\.trace:1: lines end in a carriage return alone/);
  });

  it.each([
    ['txsim text (an event line the fast path gives up on)', '# txsim-trace 1\n0 r 0x10\r\r\n'],
    ['txsim text (a line only the full grammar reads)', '# txsim-trace 1\n0 sys io\r\r\n'],
    ['din', '0 1000\n0 2000\r\r\n'],
    ['lackey', 'I  10,4\n L 20,8\r\r\n'],
  ])('a lone carriage return before a later CRLF, in %s', async (_format, text) => {
    const err = await inputError(async () => readAll(await open(text)));
    expect(err.message).toBe(
      't.trace:2: a carriage return inside the line: lines end in \\n or \\r\\n, a lone \\r is not a line end',
    );
  });

  it('a carriage return inside a text comment is left alone', async () => {
    const r = await open('# txsim-trace 1\n0 r 0x10 # a\rb\r\n');
    expect((await readAll(r)).events).toHaveLength(1);
  });

  it('headerless txsim text starting with a compute event', async () => {
    const err = await inputError(() => open('0 c 100\n0 r 0x10\n'));
    expect(err.message).toBe(
      "t.trace:2: cannot detect the trace format: this looks like txsim text without its first line '# txsim-trace 1'",
    );
  });

  it('a din trace stays din', async () => {
    const r = await open('0 c 100\n1 2000\n2 3000\n');
    expect(r.format).toBe('din');
    await r.close();
  });
});
