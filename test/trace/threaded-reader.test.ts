// The threaded reader (decoding in a worker thread) gives exactly what the plain reader
// gives: the same events and sites for any trace in every txsim format, the same
// InputErrors for a damaged, empty or missing trace, and the same multicore replay.
// It runs the built worker (`npm test` builds before it tests).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../src/sim/replay.js';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { NO_SITE, Op } from '../../src/trace/events.js';
import { openTrace } from '../../src/trace/open.js';
import { ThreadedReader } from '../../src/trace/read-thread.js';
import type { TraceReader } from '../../src/trace/reader.js';
import { MemorySink } from '../../src/trace/sink.js';
import { writeText } from '../../src/trace/text-writer.js';
import { level, testMachine } from '../support/machine.js';
import { SITES, event } from './arbitraries.js';
import { inputError, readAll, sourceOf, tempDir, type Ev } from './helpers.js';

const worker = new URL('../../dist/src/trace/read-worker.js', import.meta.url);
const dir = tempDir();

beforeAll(() => {
  if (!existsSync(fileURLToPath(worker))) throw new Error('run `npm run build` first: no built read worker');
});

function threaded(path: string): TraceReader {
  return ThreadedReader.open(
    { path, format: 'auto', chunkEvents: 37, firstChunkEvents: 5, groupWindow: 0 },
    worker,
    path,
  );
}

async function write(name: string, events: readonly Ev[], text: boolean): Promise<string> {
  const sink = new MemorySink();
  if (text) await writeText(sourceOf(events, SITES), sink);
  else await writeBinary(sourceOf(events, SITES), sink, { chunkEvents: 50 });
  const path = join(dir, name);
  writeFileSync(path, sink.bytes());
  return path;
}

describe('threaded reader', () => {
  it('reads the same events and sites as the plain reader', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 300 }),
        fc.boolean(),
        async (events, text) => {
          const path = await write(`t${n++}.${text ? 'trace' : 'txb'}`, events, text);
          const plain = await readAll(await openTrace(path, { chunkEvents: 37 }));
          const got = await readAll(threaded(path));
          expect(got.events).toEqual(plain.events);
          expect(got.sites).toEqual(plain.sites);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reports a damaged, an empty and a missing trace with the plain reader’s errors', async () => {
    const events: Ev[] = Array.from({ length: 400 }, (_, i) => ({
      op: Op.read,
      tid: i % 3,
      addr: 0x1000 + i * 8,
      size: 8,
      site: NO_SITE,
    }));
    const good = await write('good.txb', events, false);
    const bytes = readFileSync(good);
    bytes[200] = bytes[200]! ^ 0x10;
    const damaged = join(dir, 'damaged.txb');
    writeFileSync(damaged, bytes);
    const empty = join(dir, 'empty.trace');
    writeFileSync(empty, '# txsim-trace 1\n');
    for (const path of [damaged, empty]) {
      const plain = await inputError(async () => readAll(await openTrace(path)));
      const got = await inputError(async () => readAll(threaded(path)));
      expect(got.message).toBe(plain.message);
      expect(got.location).toEqual(plain.location);
    }
    const missing = join(dir, 'missing.txb');
    const plain = await inputError(() => openTrace(missing));
    const got = await inputError(async () => readAll(threaded(missing)));
    expect(got.message).toBe(plain.message);
  });

  it('gives a multicore replay identical to the plain reader’s', async () => {
    const events: Ev[] = [];
    for (let i = 0; i < 3000; i++) {
      const tid = (i >> 4) % 3;
      events.push({
        op: i % 7 === 0 ? Op.write : Op.read,
        tid,
        addr: ((i * 97) % 4096) * 8,
        size: 8,
        site: -1,
      });
    }
    const path = await write('mc.txb', events, false);
    const machine = testMachine({ cores: 3, l1d: level(512, 2, 1), llc: level(4096, 4, 10) });
    const run = async (reader: TraceReader) => {
      try {
        return await replay(reader, { mode: 'writeback', machine, cores: 3, seed: 1 });
      } finally {
        await reader.close();
      }
    };
    const plain = await run(await openTrace(path));
    expect(await run(await threaded(path))).toEqual(plain);
  });
});
