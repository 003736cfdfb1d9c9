// writeText produces the canonical text form (sites before the events that follow their
// definition, default sizes left out), reads back as exactly the events written, and
// rejects site names that cannot be one token.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ADDR, Op, SYS_KINDS } from '../../src/trace/events.js';
import { openTraceBytes } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { writeText } from '../../src/trace/text-writer.js';
import { InputError } from '../../src/util/errors.js';
import { SITES, event } from './arbitraries.js';
import { ev, readAll, sourceOf } from './helpers.js';

describe('text writer', () => {
  it('writes the canonical form', async () => {
    const sink = new MemorySink();
    const events = [
      ev(Op.begin, 0, 0, 0, 4),
      ev(Op.read, 0, 0xabc, 8, 4),
      ev(Op.ifetch, 1, 0x400000, 3),
      ev(Op.compute, 1, 12),
      ev(Op.sys, 1, SYS_KINDS.indexOf('io')),
      ev(Op.end, 0, 0),
    ];
    const n = await writeText(sourceOf(events, [{ id: 4, file: 'x.c', line: 9, fn: 'main' }]), sink);
    expect(n).toBe(6);
    expect(sink.bytes().toString()).toBe(
      '# txsim-trace 1\n@site 4 x.c:9 main\n0 begin @4\n0 r 0xabc @4\n1 i 0x400000 3\n1 c 12\n1 sys io\n0 end\n',
    );
  });

  it('writes numbers at their limits exactly', async () => {
    const sink = new MemorySink();
    const events = [
      ev(Op.read, 65535, 0, 1),
      ev(Op.write, 0, 0xffffffff, 4294967295),
      ev(Op.rmw, 0, 0x100000000, 8),
      ev(Op.ifetch, 0, MAX_ADDR - 14, 15),
      ev(Op.compute, 0, MAX_ADDR),
      ev(Op.abort, 0, 255, 0, 2147483647),
    ];
    await writeText(sourceOf(events, [{ id: 2147483647, file: 'f.c', line: 1 }]), sink);
    expect(sink.bytes().toString().split('\n').slice(2)).toEqual([
      '65535 r 0x0 1',
      '0 w 0xffffffff 4294967295',
      '0 u 0x100000000',
      '0 i 0x1ffffffffffff1 15',
      '0 c 9007199254740991',
      '0 abort 255 @2147483647',
      '',
    ]);
  });

  it('reads back exactly the events and sites written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 200 }), async (events) => {
        const sink = new MemorySink();
        await writeText(sourceOf(events, SITES, 17), sink);
        const back = await readAll(await openTraceBytes('t.trace', sink.bytes()));
        expect(back.events).toEqual(events);
        expect([...back.sites.values()]).toEqual(SITES);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a function name with a blank', async () => {
    const src = sourceOf([ev(Op.read, 0, 8, 8, 1)], [{ id: 1, file: 'a.c', line: 1, fn: 'operator new' }]);
    await expect(writeText(src, new MemorySink())).rejects.toThrow(InputError);
  });

  it('refuses an event that breaks the invariants (a txsim bug, not an input error)', async () => {
    await expect(writeText(sourceOf([ev(Op.read, 0, 8, 0)]), new MemorySink())).rejects.toThrow(RangeError);
  });
});
