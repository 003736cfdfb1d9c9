// Site names in binary traces: malformed UTF-8 is an error at its byte offset (not a
// replacement character); so is a name that the text format cannot hold (the text writer's
// rule: non-empty, no white space or '#'), so that every binary trace converts to text; a
// name text cannot hold is quoted in the one-line message (a newline in it no longer splits
// the message).
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { Op } from '../../src/trace/events.js';
import { openTraceBytes } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { siteLine } from '../../src/trace/text-writer.js';
import { ev, inputError, readAll, sourceOf } from './helpers.js';

/** A one-event binary trace whose site 1 has file name `file` (and function `fn`). */
async function withSite(file: string, fn?: string): Promise<Buffer> {
  const sink = new MemorySink();
  const site = fn === undefined ? { id: 1, file, line: 7 } : { id: 1, file, line: 7, fn };
  await writeBinary(sourceOf([ev(Op.read, 0, 0x1000, 8, 1)], [site]), sink);
  return sink.bytes();
}

/** Offset of the first site entry: file header, chunk header, the site count (one byte). */
const FIRST_SITE = 16 + 16 + 1;

describe('binary site names', () => {
  it('valid UTF-8 reads back exactly', async () => {
    const file = 'src/ä.c';
    const r = await openTraceBytes('t.txb', await withSite(file, 'größe'));
    const site = (await readAll(r)).sites.get(1);
    expect([site?.file, site?.fn]).toEqual([file, 'größe']);
  });

  it.each([
    ['an empty file name', '', undefined, 'file "" line 7'],
    ['an empty function name', 'a.c', '', 'file "a.c" line 7 function ""'],
    ['a blank in a name', 'a b.c', undefined, 'file "a b.c" line 7'],
    ['a leading byte order mark (kept, not stripped)', '\ufeffa.c', undefined, 'file "\\ufeffa.c" line 7'],
  ])('a site with %s is an error at its entry', async (_what, file, fn, shown) => {
    const err = await inputError(async () =>
      readAll(await openTraceBytes('t.txb', await withSite(file, fn))),
    );
    expect(err.message).toBe(
      `t.txb: at byte offset ${FIRST_SITE}: site 1 (${shown}): names must be non-empty without blanks or '#'`,
    );
  });

  it('malformed UTF-8 is an error at the site entry', async () => {
    const bytes = await withSite('aé.c');
    const at = bytes.indexOf(Buffer.from('é'));
    bytes[at] = 0xff; // never valid in UTF-8
    // The first chunk record starts at 16: its payload is CRC-checked with its header.
    const len = bytes.readUInt32LE(20);
    bytes.writeUInt32LE(crc32(bytes.subarray(32, 32 + len), crc32(bytes.subarray(20, 28))), 28);
    const err = await inputError(async () => readAll(await openTraceBytes('t.txb', bytes)));
    expect(err.message).toMatch(/^t\.txb: at byte offset \d+: a site name is not valid UTF-8$/);
  });

  it('a name text cannot hold is quoted, so the message stays on one line', () => {
    expect(() => siteLine({ id: 3, file: 'a\nb.c', line: 9, fn: 'f g' })).toThrow(
      `site 3 (file "a\\nb.c" line 9 function "f g") cannot be written as text: names must be non-empty without blanks or '#'`,
    );
  });
});
