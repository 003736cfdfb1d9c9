// writeText produces the canonical text form (sites before the events that follow their
// definition, default sizes left out) and rejects site names that cannot be one token.
import { describe, expect, it } from 'vitest';
import { Op, SYS_KINDS } from '../../src/trace/events.js';
import { MemorySink } from '../../src/trace/sink.js';
import { writeText } from '../../src/trace/text-writer.js';
import { InputError } from '../../src/util/errors.js';
import { ev, sourceOf } from './helpers.js';

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

  it('rejects a function name with a blank', async () => {
    const src = sourceOf([ev(Op.read, 0, 8, 8, 1)], [{ id: 1, file: 'a.c', line: 1, fn: 'operator new' }]);
    await expect(writeText(src, new MemorySink())).rejects.toThrow(InputError);
  });

  it('refuses an event that breaks the invariants (a txsim bug, not an input error)', async () => {
    await expect(writeText(sourceOf([ev(Op.read, 0, 8, 0)]), new MemorySink())).rejects.toThrow(RangeError);
  });
});
