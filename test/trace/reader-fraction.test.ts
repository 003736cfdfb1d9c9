// Every reader says how much of its input it has read (TraceReader.fraction, for progress):
// from 0 to 1, never decreasing, 1 once a file or in-memory trace is read to its end, for
// gzip by its compressed bytes, through the threaded reader too; null for a pipe.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeBinary } from '../../src/trace/binary-writer.js';
import { Op } from '../../src/trace/events.js';
import { openTrace, openTraceBytes, openTraceSource } from '../../src/trace/open.js';
import { ThreadedReader } from '../../src/trace/read-thread.js';
import type { TraceReader } from '../../src/trace/reader.js';
import { MemorySink } from '../../src/trace/sink.js';
import { IteratorSource } from '../../src/trace/source.js';
import { writeText } from '../../src/trace/text-writer.js';
import { sourceOf, tempDir, type Ev } from './helpers.js';

const dir = tempDir();
const worker = new URL('../../dist/src/trace/read-worker.js', import.meta.url);

const events: Ev[] = Array.from({ length: 300_000 }, (_, i) => ({
  op: i % 3 === 0 ? Op.write : Op.read,
  tid: i % 2,
  addr: 0x10000 + ((i * 4168) % (1 << 24)),
  size: 8,
  site: -1,
}));

/** Reads `reader` to its end; returns its fraction after each chunk (and before the first). */
async function fractions(reader: TraceReader): Promise<(number | null)[]> {
  const seen: (number | null)[] = [];
  try {
    for (let c = await reader.next(); c !== null; c = await reader.next()) seen.push(reader.fraction());
    seen.push(reader.fraction());
  } finally {
    await reader.close();
  }
  return seen;
}

/** `partway`: the input is large enough that the first chunk leaves some of it unread. */
function expectRisingToOne(seen: (number | null)[], partway = true): void {
  expect(seen.length).toBeGreaterThan(2);
  let prev = 0;
  for (const f of seen) {
    expect(f).not.toBeNull();
    expect(f as number).toBeGreaterThanOrEqual(prev);
    prev = f as number;
  }
  if (partway) expect(seen[0] as number).toBeLessThan(1);
  expect(seen[seen.length - 1]).toBe(1);
}

describe('reader fraction', () => {
  it('rises to 1 for a text file, a gzip binary file, an in-memory trace and the threaded reader', async () => {
    const text = new MemorySink();
    await writeText(sourceOf(events), text);
    const binary = new MemorySink();
    await writeBinary(sourceOf(events), binary);
    const textPath = join(dir, 'f.trace');
    writeFileSync(textPath, text.bytes());
    const gzPath = join(dir, 'f.txb.gz');
    writeFileSync(gzPath, gzipSync(binary.bytes()));
    expectRisingToOne(await fractions(await openTrace(textPath)));
    // Its compressed bytes (under 1 MiB) are read in one block.
    expectRisingToOne(await fractions(await openTrace(gzPath)), false);
    // Handed to the reader's 4 MiB buffer at once.
    expectRisingToOne(await fractions(await openTraceBytes('mem', binary.bytes())), false);
    const threaded = ThreadedReader.open(
      { path: textPath, format: 'auto', chunkEvents: 16384, firstChunkEvents: 4096, groupWindow: 0 },
      worker,
      textPath,
    );
    expectRisingToOne(await fractions(threaded));
  });

  it('is null for input of unknown size', async () => {
    const text = new MemorySink();
    await writeText(sourceOf(events.slice(0, 100)), text);
    const bytes = text.bytes();
    const pieces = (async function* () {
      yield bytes;
    })();
    const src = new IteratorSource(
      '<pipe>',
      pieces,
      () => undefined,
      (e) => e as Error,
    );
    const seen = await fractions(await openTraceSource('-', src));
    expect(seen.every((f) => f === null)).toBe(true);
  });
});
