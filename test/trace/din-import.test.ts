// The Dinero IV importer: din labels 0..5 and the extended D format, with the documented
// mapping (misc → read, copy-back → write, invalidate skipped; din words are 4 bytes, aligned).
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/trace/events.js';
import { openTrace, openTraceBytes } from '../../src/trace/open.js';
import { ev, fixture, inputError, readAll } from './helpers.js';

describe('din import', () => {
  it('maps din and D records', async () => {
    const r = await openTrace(fixture('sample.din'));
    expect(r.format).toBe('din');
    expect((await readAll(r)).events).toEqual([
      ev(Op.read, 0, 0x1000, 4),
      ev(Op.write, 0, 0x1004, 4),
      ev(Op.ifetch, 0, 0x400000, 4),
      ev(Op.read, 0, 0x2000, 4), // 3: misc
      ev(Op.write, 0, 0x1ff8, 4), // 4: copy-back; 5 (invalidate) is skipped
      ev(Op.read, 0, 0x1000, 4), // 0x1003 rounded down to its word
      ev(Op.read, 0, 0x5000, 8),
      ev(Op.write, 0, 0x6000, 16),
      ev(Op.ifetch, 0, 0x401000, 3),
      ev(Op.read, 0, 0x7000, 4), // m: misc
      ev(Op.write, 0, 0x8000, 64), // c: copy-back; v (invalidate) is skipped
    ]);
  });

  it('ignores text after the address and blank lines', async () => {
    const text = '0 1000 extra fields\n\n  1\t2000\n';
    expect((await readAll(await openTraceBytes('d.din', Buffer.from(text)))).events).toEqual([
      ev(Op.read, 0, 0x1000, 4),
      ev(Op.write, 0, 0x2000, 4),
    ]);
  });

  it.each([
    [
      'an unknown label',
      '0 10\n7 10\n',
      "d.din:2: expected a din label 0..5 or a D-format kind r|w|i|m|c|v, got '7'",
    ],
    ['a bad address', '1 xyz\n', "d.din:1: expected a hex address after '1', got 'xyz'"],
    ['a missing D size', 'r 10\n', 'd.din:1: expected a hex size after the address, got end of line'],
    ['a zero D size', 'w 10 0\n', 'd.din:1: size 0 is out of range'],
  ])('reports %s with file:line', async (_what, text, expected) => {
    const err = await inputError(async () =>
      readAll(await openTraceBytes('d.din', Buffer.from(text), { format: 'din' })),
    );
    expect(err.message).toContain(expected);
  });
});
