// Gzip-compressed traces are detected by their magic bytes and read transparently, for text,
// binary and lackey content, from files and from memory (damaged gzip data: gzip-errors.test.ts).
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { Op } from '../../src/trace/events.js';
import { openTrace, openTraceBytes } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { ev, readAll, sourceOf, tempFile } from './helpers.js';

const TEXT = '# txsim-trace 1\n0 r 0x10\n1 w 0x20 4\n';

describe('gzip detection', () => {
  it('reads gzipped text (the file name does not matter)', async () => {
    const path = tempFile('trace.bin', gzipSync(TEXT));
    const r = await openTrace(path);
    expect(r.format).toBe('text');
    expect((await readAll(r)).events).toEqual([ev(Op.read, 0, 0x10, 8), ev(Op.write, 1, 0x20, 4)]);
  });

  it('reads gzipped binary', async () => {
    const events = [ev(Op.ifetch, 0, 0x400000, 3), ev(Op.modify, 2, 0x7fff0000, 16)];
    const sink = new MemorySink();
    await writeBinary(sourceOf(events), sink);
    const r = await openTrace(tempFile('t.txt', gzipSync(sink.bytes())));
    expect(r.format).toBe('binary');
    expect((await readAll(r)).events).toEqual(events);
  });

  it('reads gzip made of several members', async () => {
    const bytes = Buffer.concat([gzipSync('# txsim-trace 1\n0 r 0x10\n'), gzipSync('0 r 0x20\n')]);
    expect((await readAll(await openTraceBytes('m.gz', bytes))).events.map((e) => e.addr)).toEqual([
      0x10, 0x20,
    ]);
  });
});
