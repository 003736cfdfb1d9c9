// Property: any valid event sequence written with writeBinary reads back identical, whatever
// the writer's and the reader's chunk sizes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { openTraceBytes } from '../../src/trace/open.js';
import { MemorySink } from '../../src/trace/sink.js';
import { SITES, event, lackeyLike } from './arbitraries.js';
import { readAll, sourceOf, type Ev } from './helpers.js';

async function roundTrip(events: Ev[], writerChunk: number, inputChunk: number, readerChunk: number) {
  const sink = new MemorySink();
  const n = await writeBinary(sourceOf(events, SITES, inputChunk), sink, { chunkEvents: writerChunk });
  expect(n).toBe(events.length);
  return readAll(await openTraceBytes('t.txb', sink.bytes(), { chunkEvents: readerChunk }));
}

describe('binary round trip', () => {
  it('reads back exactly the events and sites written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 90 }),
        async (events, wc, ic, rc) => {
          const back = await roundTrip(events, wc, ic, rc);
          expect(back.events).toEqual(events);
          expect([...back.sites.values()]).toEqual(SITES);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips lackey-like streams (the fast decoding path) with large chunks', async () => {
    await fc.assert(
      fc.asyncProperty(lackeyLike, async (events) => {
        expect((await roundTrip(events, 65536, 1000, 65536)).events).toEqual(events);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps lackey-like streams compact (under 3 bytes per event)', async () => {
    const events: Ev[] = [];
    let pc = 0x4017a00;
    for (let i = 0; i < 30000; i++) {
      pc += 1 + (i % 7);
      events.push({ op: 12, tid: 0, addr: pc, size: 1 + (i % 7), site: -1 });
      if (i % 2 === 0)
        events.push({
          op: i % 4 === 0 ? 0 : 1,
          tid: 0,
          addr: 0x1ffefff000 + ((i * 8) % 512),
          size: 8,
          site: -1,
        });
      if (i % 5 === 0)
        events.push({ op: 13, tid: 0, addr: 0x5000000 + ((i * 24) % 65536), size: 4, site: -1 });
    }
    const sink = new MemorySink();
    await writeBinary(sourceOf(events), sink);
    expect(sink.bytes().length / events.length).toBeLessThan(3);
  });
});
