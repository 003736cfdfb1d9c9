// The threaded reader asked to group by thread (`groupWindow`) hands over each window's
// events with every thread's events contiguous, threads in the order of their first event
// in the window part, each thread's order kept; a multicore replay through it equals the
// plain reader's, with demultiplexer windows of one group window or several; the
// demultiplexer refuses a group window that does not tile its own.
// It runs the built worker (`npm test` builds before it tests).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Demux } from '../../src/cpu/demux.js';
import { roundRobin } from '../../src/cpu/thread-map.js';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { openLocatingTrace, openTrace } from '../../src/trace/open.js';
import { ThreadedReader } from '../../src/trace/read-thread.js';
import type { TraceReader } from '../../src/trace/reader.js';
import { MemorySink } from '../../src/trace/sink.js';
import { churnMachine } from '../support/machine.js';
import { threadCount, traceArb } from '../support/random-trace.js';
import { runKnobs } from '../support/run.js';
import { SITES, event } from './arbitraries.js';
import { sourceOf, tempDir, type Ev } from './helpers.js';

const worker = new URL('../../dist/src/trace/read-worker.js', import.meta.url);
const dir = tempDir();
const CHUNK = 37;
/** A short first chunk, as the real reader's (FIRST_CHUNK_EVENTS), that does not tile the group windows. */
const FIRST = 5;

beforeAll(() => {
  if (!existsSync(fileURLToPath(worker))) throw new Error('run `npm run build` first: no built read worker');
});

function grouped(path: string, groupWindow: number): ThreadedReader {
  return ThreadedReader.open(
    { path, format: 'auto', chunkEvents: CHUNK, firstChunkEvents: FIRST, groupWindow },
    worker,
    path,
  );
}

let files = 0;
async function write(events: readonly Ev[]): Promise<string> {
  const sink = new MemorySink();
  await writeBinary(sourceOf(events, SITES), sink, { chunkEvents: 50 });
  const path = join(dir, `g${files++}.txb`);
  writeFileSync(path, sink.bytes());
  return path;
}

/** The events of `reader`, by chunk, from `first` (its first chunk, by default `next()`). */
async function chunks(reader: TraceReader, first = reader.next()): Promise<Ev[][]> {
  const out: Ev[][] = [];
  try {
    for (let c = await first; c !== null; c = await reader.next()) {
      const evs: Ev[] = [];
      for (let i = 0; i < c.length; i++)
        evs.push({ op: c.op[i]!, tid: c.tid[i]!, addr: c.addr[i]!, size: c.size[i]!, site: c.site[i]! });
      out.push(evs);
    }
  } finally {
    await reader.close();
  }
  return out;
}

/** `events` as the definition says: each part (a window within a chunk) grouped by thread. */
function expectedGrouping(plain: readonly Ev[][], window: number): Ev[][] {
  let index = 0;
  return plain.map((chunk) => {
    const out: Ev[] = [];
    for (let a = 0; a < chunk.length;) {
      const b = Math.min(chunk.length, a + window - ((index + a) % window));
      const part = chunk.slice(a, b);
      const order = [...new Set(part.map((e) => e.tid))];
      for (const t of order) out.push(...part.filter((e) => e.tid === t));
      a = b;
    }
    index += chunk.length;
    return out;
  });
}

describe('threaded reader grouping by thread', () => {
  it('groups each window part by thread, in first-event order, keeping each thread’s order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 300 }),
        fc.constantFrom(1, 5, 16, 64, 4096),
        async (events, window) => {
          const path = await write(events);
          const plainReader = await openLocatingTrace(path, { chunkEvents: CHUNK });
          const plain = await chunks(plainReader, plainReader.nextAtMost(FIRST));
          const reader = await grouped(path, window);
          expect(reader.groupWindow).toBe(window);
          expect(await chunks(reader)).toEqual(expectedGrouping(plain, window));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives a multicore replay identical to the plain reader’s', async () => {
    // Demultiplexer windows of one group window or several (a run then ends at its group window).
    const windows = fc.constantFrom([3, 3], [3, 6], [4, 12], [16, 16], [16, 32]);
    await fc.assert(
      fc.asyncProperty(traceArb(4), windows, async (events, [window, demuxWindow]) => {
        fc.pre(events.length > 0);
        const path = await write(events.map((e) => ({ ...e, site: -1 })));
        const machine = churnMachine('mesi', 'lru', threadCount(events), 1, true);
        const knobs = { windowEvents: demuxWindow };
        const plainReader = await openTrace(path, { chunkEvents: CHUNK });
        let plain;
        try {
          plain = await runKnobs(plainReader, machine, knobs);
        } finally {
          await plainReader.close();
        }
        const reader = await grouped(path, window);
        try {
          expect(await runKnobs(reader, machine, knobs)).toEqual(plain);
        } finally {
          await reader.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('is refused by a demultiplexer whose window its group window does not tile', async () => {
    const path = await write([{ op: 0, tid: 0, addr: 64, size: 8, site: -1 }]);
    const reader = await grouped(path, 16);
    try {
      expect(() => new Demux(reader, roundRobin(1, 1), [], () => {}, undefined, 24)).toThrow(
        /window 24 is not a multiple of the reader's group window 16/,
      );
      expect(() => new Demux(reader, roundRobin(1, 1), [], () => {}, undefined, 32)).not.toThrow();
    } finally {
      await reader.close();
    }
  });
});
