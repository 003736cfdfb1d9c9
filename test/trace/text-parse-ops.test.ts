// The text format: every op, sites, defaults, comments, blank lines and line endings.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, NO_SITE, Op, SYS_KINDS } from '../../src/trace/events.js';
import { openTrace, openTraceBytes } from '../../src/trace/open.js';
import { ev, fixture, readAll } from './helpers.js';

const read = async (text: string) => readAll(await openTraceBytes('t.trace', Buffer.from(text)));

describe('text format parsing', () => {
  it('parses every op of the canonical fixture', async () => {
    const { events, sites } = await readAll(await openTrace(fixture('canonical.trace')));
    expect(events).toEqual([
      ev(Op.begin, 0, 0, 0, 1),
      ev(Op.read, 0, 0x1000, 8),
      ev(Op.write, 0, 0x1040, 4, 2),
      ev(Op.rmw, 1, 0x2000, 8),
      ev(Op.readPrivate, 1, 0x3000, 2),
      ev(Op.begin, 0, 0),
      ev(Op.writePrivate, 0, 0x1003, 8),
      ev(Op.end, 0, 0),
      ev(Op.end, 0, 0),
      ev(Op.compute, 0, 100),
      ev(Op.abort, 0, 255),
      ev(Op.lock, 1, 0x5000),
      ev(Op.begin, 1, 0, 0, 7),
      ev(Op.read, 1, 0x7ffff000, 16, 7),
      ev(Op.end, 1, 0),
      ev(Op.unlock, 1, 0x5000),
      ev(Op.sys, 1, SYS_KINDS.indexOf('pagefault')),
      ev(Op.ifetch, 2, 0x400000, 3),
      ev(Op.modify, 2, 0x7fff0000, 16),
      ev(Op.compute, 65535, 0),
      ev(Op.read, 3, 2 ** 53 - 1, 1),
      ...['syscall', 'io', 'cpuid', 'pause', 'other'].map((k) =>
        ev(Op.sys, 3, SYS_KINDS.indexOf(k as never)),
      ),
    ]);
    expect([...sites.values()]).toEqual([
      { id: 1, file: 'src/list.c', line: 80, fn: 'tx_insert' },
      { id: 2, file: 'src/list.c', line: 88 },
      { id: 7, file: 'lib/hash.c', line: 12, fn: 'hash_put' },
    ]);
  });

  it('accepts comments, blank lines, tabs, CRLF, upper-case hex and a missing final line feed', async () => {
    const { events } = await read(
      '# txsim-trace 1 written by a test\r\n\r\n   # indented comment\n\t0\tr\t0X1F  # trailing\r\n  1 w 0xAbC 2\n\n2 c 5',
    );
    expect(events).toEqual([
      ev(Op.read, 0, 0x1f, DEFAULT_SIZE),
      ev(Op.write, 1, 0xabc, 2),
      ev(Op.compute, 2, 5),
    ]);
  });

  it('takes the default size for memory ops and size 0 for the others', async () => {
    const { events } = await read('# txsim-trace 1\n0 i 0x10\n0 m 0x20\n0 lock 0x30\n');
    expect(events.map((e) => e.size)).toEqual([DEFAULT_SIZE, DEFAULT_SIZE, 0]);
    expect(events.every((e) => e.site === NO_SITE)).toBe(true);
  });

  it('accepts a site defined by a later @site line only after that line', async () => {
    const { events } = await read('# txsim-trace 1\n0 r 0x8\n@site 3 a.c:1\n0 r 0x8 @3\n');
    expect(events.map((e) => e.site)).toEqual([NO_SITE, 3]);
  });

  it('reads the same events whatever the chunk size', async () => {
    const whole = await readAll(await openTrace(fixture('canonical.trace')));
    const small = await readAll(await openTrace(fixture('canonical.trace'), { chunkEvents: 3 }));
    expect(small.events).toEqual(whole.events);
  });
});
