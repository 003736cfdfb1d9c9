// The format is detected from the content, never the name; undetectable input is an
// InputError saying what was seen; a forced format overrides detection.
import { describe, expect, it } from 'vitest';
import { openTraceBytes } from '../../src/trace/open.js';
import { inputError, readAll } from './helpers.js';

const open = (text: string | Uint8Array, format?: 'text' | 'binary' | 'lackey' | 'din') =>
  openTraceBytes(
    'x.txb',
    typeof text === 'string' ? Buffer.from(text) : text,
    format === undefined ? {} : { format },
  );

describe('format detection', () => {
  it.each([
    ['# txsim-trace 1\n0 r 0x10\n', 'text'],
    ['==1== hello\nI  0401ab70,3\n', 'lackey'],
    [' L 0401ab70,3\n', 'lackey'],
    ['2 400000\n', 'din'],
    ['r 1000 4\n', 'din'],
  ])('detects %j as %s', async (content, format) => {
    const r = await open(content);
    expect(r.format).toBe(format);
    await r.close();
  });

  it('says what it saw when nothing matches', async () => {
    const err = await inputError(() => open('\nhello world\n'));
    expect(err.message).toBe(
      "x.txb:2: cannot detect the trace format from 'hello world'; expected '# txsim-trace 1' as the first line, a lackey record (' L 1ffefff0,8') or a din record ('0 1000')",
    );
  });

  it('recognises txsim text that lost its header line', async () => {
    const err = await inputError(() => open('0 r 0x10\n'));
    expect(err.message).toContain("it looks like txsim text without its first line '# txsim-trace 1'");
  });

  it('reports unknown binary data with its first bytes', async () => {
    const err = await inputError(() => open(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0)));
    expect(err.message).toBe(
      'x.txb: unknown binary data (first bytes 7f 45 4c 46 02 01 01 00): not a txsim, gzip or text trace',
    );
  });

  it('lets a forced format override detection', async () => {
    const err = await inputError(async () => readAll(await open('# txsim-trace 1\n0 r 0x10\n', 'binary')));
    expect(err.message).toBe('x.txb: at byte offset 0: not a txsim binary trace (bad magic)');
  });
});
