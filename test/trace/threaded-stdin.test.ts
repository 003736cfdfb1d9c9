// A trace on stdin (`-`) is decoded in the worker thread when the caller asks for one: the
// worker reads descriptor 0 itself (a pipe, or a file given as stdin), and gives exactly
// the plain reader's events and sites. Each case runs in a child process whose stdin is
// the trace. It runs the built worker (`npm test` builds before it tests).
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { Op } from '../../src/trace/events.js';
import { openTrace } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { writeText } from '../../src/trace/text-writer.js';
import { SITES } from './arbitraries.js';
import { readAll, sourceOf, tempDir, type Ev } from './helpers.js';

const dir = tempDir();
const openModule = new URL('../../dist/src/trace/open.js', import.meta.url).href;

/** Opens stdin with `thread: true`, reads it all, prints the reader's class, events and sites. */
const script = `
const { openTrace } = await import(${JSON.stringify(openModule)});
const r = await openTrace('-', { thread: true });
const events = [];
try {
  for (let c = await r.next(); c !== null; c = await r.next())
    for (let i = 0; i < c.length; i++)
      events.push({ op: c.op[i], tid: c.tid[i], addr: c.addr[i], size: c.size[i], site: c.site[i] });
} finally {
  await r.close();
}
process.stdout.write(JSON.stringify({ reader: r.constructor.name, events, sites: [...r.sites] }));
`;

const scriptFile = join(dir, 'read-stdin.mjs');
writeFileSync(scriptFile, script);

function readStdin(stdin: Buffer | number): { reader: string; events: Ev[]; sites: unknown[] } {
  const r = spawnSync(process.execPath, [scriptFile], {
    ...(typeof stdin === 'number' ? { stdio: [stdin, 'pipe', 'pipe'] } : { input: stdin }),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { reader: string; events: Ev[]; sites: unknown[] };
}

const events: Ev[] = Array.from({ length: 5000 }, (_, i) => ({
  op: i % 5 === 0 ? Op.write : Op.read,
  tid: (i >> 5) % 4,
  addr: 0x10000 + ((i * 72) % 65536),
  size: 8,
  site: SITES[i % SITES.length]!.id,
}));

describe('threaded reader on stdin', () => {
  it('reads a piped text trace, and a piped gzip binary trace, as the plain reader does', async () => {
    const text = new MemorySink();
    await writeText(sourceOf(events, SITES), text);
    const binary = new MemorySink();
    await writeBinary(sourceOf(events, SITES), binary, { chunkEvents: 700 });
    for (const [name, bytes] of [
      ['piped.trace', Buffer.from(text.bytes())],
      ['piped.txb.gz', gzipSync(binary.bytes())],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const plain = await readAll(await openTrace(path));
      const got = readStdin(bytes);
      expect(got.reader).toBe('ThreadedReader');
      expect(got.events).toEqual(plain.events);
      expect(new Map(got.sites as [number, unknown][])).toEqual(plain.sites);
    }
  });

  it('reads a file given as stdin when it is large enough for a worker', async () => {
    // Above THREAD_MIN_BYTES (4 MiB) of text: about 14 bytes an event.
    const many: Ev[] = Array.from({ length: 400_000 }, (_, i) => ({
      op: Op.read,
      tid: i % 2,
      addr: 0x1000 + (i % 4096) * 8,
      size: 8,
      site: -1,
    }));
    const sink = new MemorySink();
    await writeText(sourceOf(many), sink);
    const path = join(dir, 'redirected.trace');
    writeFileSync(path, sink.bytes());
    expect(readFileSync(path).length).toBeGreaterThan(4 << 20);
    const fd = openSync(path, 'r');
    try {
      const got = readStdin(fd);
      expect(got.reader).toBe('ThreadedReader');
      expect(got.events).toEqual((await readAll(await openTrace(path))).events);
    } finally {
      closeSync(fd);
    }
  });
});
