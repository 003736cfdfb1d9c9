// The valgrind lackey importer: I/L/S/M records, `==` messages and blank lines skipped,
// malformed lines reported with file:line.
import { describe, expect, it } from 'vitest';
import { NO_SITE, Op } from '../../src/trace/events.js';
import { openTrace, openTraceBytes } from '../../src/trace/open.js';
import { ev, fixture, inputError, readAll } from './helpers.js';

describe('lackey import', () => {
  it('maps I, L, S and M records and skips valgrind messages and blank lines', async () => {
    const r = await openTrace(fixture('sample.lackey'));
    expect(r.format).toBe('lackey');
    const { events, sites } = await readAll(r);
    expect(events).toEqual([
      ev(Op.ifetch, 0, 0x04017a00, 3),
      ev(Op.write, 0, 0x1ffefffe98, 8),
      ev(Op.ifetch, 0, 0x04017a03, 5),
      ev(Op.read, 0, 0x04222cac, 4),
      ev(Op.modify, 0, 0x0421d540, 4),
      ev(Op.ifetch, 0, 0x0400a5e0, 15),
    ]);
    expect(events.every((e) => e.tid === 0 && e.site === NO_SITE)).toBe(true);
    expect(sites.size).toBe(0);
  });

  it('accepts short and 64-bit addresses, CRLF and a missing final line feed', async () => {
    const text = 'I  0,1\r\n L 7fffffffffff,2\n S 1fffffffffffc0,64';
    expect((await readAll(await openTraceBytes('l.log', Buffer.from(text)))).events).toEqual([
      ev(Op.ifetch, 0, 0, 1),
      ev(Op.read, 0, 0x7fffffffffff, 2),
      ev(Op.write, 0, 2 ** 53 - 64, 64),
    ]);
  });

  it.each([
    [
      'an unknown record',
      'I  10,4\n X 10,4\n',
      "l.log:2: expected a lackey record ('I  addr,size' or ' L|S|M addr,size') or a valgrind message ('==PID==' or '--PID--'), got ' X 10,4'",
    ],
    ['a missing size', 'I  10,4\n L 10\n', "l.log:2: expected ',<decimal size>' after the address, got ''"],
    ['a bad address', ' L zz,4\n', "l.log:1: expected a hex address after 'L', got 'zz,4'"],
    ['size 0', ' S 10,0\n', 'l.log:1: size 0 is out of range 1..4294967295'],
    ['trailing text', ' M 10,4 x\n', "l.log:1: unexpected ' x' after the size"],
    ['an address above 2^53-1', ' L 20000000000000,4\n', 'l.log:1: address 20000000000000 is above'],
    ['a program output line', 'I  10,4\nhello\n', 'l.log:2: expected a lackey record'],
  ])('reports %s with file:line', async (_what, text, expected) => {
    const err = await inputError(async () =>
      readAll(await openTraceBytes('l.log', Buffer.from(text), { format: 'lackey' })),
    );
    expect(err.message).toContain(expected);
  });

  it('reads the same events across read-buffer boundaries (a 6 MiB trace)', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 400_000; i++) {
      lines.push(
        i % 3 === 0
          ? `I  ${(0x4000000 + i).toString(16).padStart(8, '0')},${1 + (i % 15)}`
          : ` L ${(0x1ffeff0000 + i * 8).toString(16)},8`,
      );
      if (i % 50_000 === 0) lines.push('==1== message');
    }
    const { events } = await readAll(
      await openTraceBytes('big.log', Buffer.from(lines.join('\n') + '\n'), { chunkEvents: 4099 }),
    );
    expect(events.length).toBe(400_000);
    for (let i = 0; i < 400_000; i += 997) {
      const e = events[i]!;
      expect(e.addr).toBe(i % 3 === 0 ? 0x4000000 + i : 0x1ffeff0000 + i * 8);
      expect(e.size).toBe(i % 3 === 0 ? 1 + (i % 15) : 8);
    }
  });
});
