// A lackey log recorded with `valgrind -v` holds `--PID--` lines (valgrind's verbose
// messages) before and between the records: they are skipped like `==PID==` lines, both
// when the format is detected and when the log is read.
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/trace/events.js';
import { openTraceBytes } from '../../src/trace/open.js';
import { ev, readAll } from './helpers.js';

const LOG = [
  '==369== Lackey, an example Valgrind tool',
  '--369-- ',
  '--369-- Valgrind options:',
  '--369--    --tool=lackey',
  '--369-- Reading syms from /usr/bin/true',
  'I  04017a00,3',
  '--369-- REDIR: 0x4017a00 (ld-linux-x86-64.so.2:strlen) redirected to 0x58013f11',
  ' L 1ffefffe98,8',
  '==369== ',
  '--369-- used_suppression:      1 dl-hack3-cond-1 /usr/libexec/valgrind/default.supp:1256',
  '',
].join('\n');

describe('lackey logs of valgrind -v', () => {
  it('are detected as lackey and read with the verbose lines skipped', async () => {
    const r = await openTraceBytes('v.lackey', Buffer.from(LOG));
    expect(r.format).toBe('lackey');
    expect((await readAll(r)).events).toEqual([
      ev(Op.ifetch, 0, 0x4017a00, 3),
      ev(Op.read, 0, 0x1ffefffe98, 8),
    ]);
  });

  it('are read with the verbose lines skipped when the format is forced', async () => {
    const r = await openTraceBytes('v.lackey', Buffer.from(LOG), { format: 'lackey' });
    expect((await readAll(r)).events).toHaveLength(2);
  });
});
