// The threaded reader renumbering addresses in its worker (trace/dense.ts), whether it
// regroups by thread or not, gives every event a dense address that its region table maps
// back to the trace's own, keeping the offset in the region and giving distinct regions
// distinct numbers; it stops with AddressSpaceFull exactly when the main-thread renumbering
// does (a trace with too many regions). The two number regions in the order they meet them,
// so with regrouping their numbers may differ.
// It runs the built worker (`npm test` builds before it tests).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { AddressSpaceFull, hasAddress } from '../../src/trace/dense.js';
import { DenseReader } from '../../src/trace/dense-reader.js';
import { openLocatingTrace } from '../../src/trace/open.js';
import { ThreadedReader } from '../../src/trace/read-thread.js';
import type { TraceReader } from '../../src/trace/reader.js';
import { MemorySink } from '../../src/trace/sink.js';
import { SITES, event } from './arbitraries.js';
import { readAll, sourceOf, tempDir, type Ev } from './helpers.js';

const worker = new URL('../../dist/src/trace/read-worker.js', import.meta.url);
const dir = tempDir();
const CHUNK = 37;
/** Small enough that some random traces (accesses up to 4 GiB) fill it. */
const DENSE = { regionBits: 20, capacity: 4096 };

beforeAll(() => {
  if (!existsSync(fileURLToPath(worker))) throw new Error('run `npm run build` first: no built read worker');
});

/** Each thread's events in order (grouping keeps them), or 'full'. */
async function perThread(reader: TraceReader): Promise<Map<number, Ev[]> | 'full'> {
  try {
    const { events } = await readAll(reader);
    const out = new Map<number, Ev[]>();
    for (const e of events) out.set(e.tid, [...(out.get(e.tid) ?? []), e]);
    return out;
  } catch (e) {
    if (e instanceof AddressSpaceFull) return 'full';
    throw e;
  }
}

let files = 0;
it('renumbers in the worker as on the main thread, and maps back', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(event, { minLength: 1, maxLength: 300 }),
      fc.constantFrom(0, 5, 64),
      async (events, window) => {
        const sink = new MemorySink();
        await writeBinary(sourceOf(events, SITES), sink, { chunkEvents: 50 });
        const path = join(dir, `d${files++}.txb`);
        writeFileSync(path, sink.bytes());
        const main = await perThread(
          new DenseReader(await openLocatingTrace(path, { chunkEvents: CHUNK }), DENSE),
        );
        const threaded = ThreadedReader.open(
          {
            path,
            format: 'auto',
            chunkEvents: CHUNK,
            firstChunkEvents: 5,
            groupWindow: window,
            dense: DENSE,
          },
          worker,
          path,
        );
        const got = await perThread(threaded);
        expect(got === 'full').toBe(main === 'full');
        if (got === 'full') return;
        const own = (await perThread(await openLocatingTrace(path))) as Map<number, Ev[]>;
        const regions = threaded.regions;
        if (regions === undefined) throw new Error('no region table');
        const region = 2 ** DENSE.regionBits;
        const numberOf = new Map<number, number>(); // real region → dense region
        expect([...got.keys()].sort()).toEqual([...own.keys()].sort());
        for (const [tid, evs] of got) {
          const mine = own.get(tid) as Ev[];
          expect(evs.map((e) => ({ ...e, addr: 0 }))).toEqual(mine.map((e) => ({ ...e, addr: 0 })));
          for (const [k, e] of evs.entries()) {
            const real = (mine[k] as Ev).addr;
            if (!hasAddress(e.op)) {
              expect(e.addr).toBe(real);
              continue;
            }
            expect(regions.real(e.addr)).toBe(real);
            expect(e.addr % region).toBe(real % region);
            const r = Math.floor(real / region);
            const d = Math.floor(e.addr / region);
            expect(numberOf.get(r) ?? d).toBe(d);
            numberOf.set(r, d);
          }
        }
        // Distinct regions, distinct numbers.
        expect(new Set(numberOf.values()).size).toBe(numberOf.size);
      },
    ),
    { numRuns: 60 },
  );
});
