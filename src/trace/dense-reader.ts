/**
 * A trace reader that renumbers another reader's addresses densely (dense.ts) on the
 * calling thread: the plain readers' way to dense addresses (small files, and tests); the
 * threaded reader renumbers in its worker instead. Left out: stdin (see dense.ts).
 */
import { AddressRegions, type DenseOptions } from './dense.js';
import { copyEvents, createChunk, type EventChunk, type Site } from './events.js';
import type { TraceFormat, TraceReader } from './reader.js';

/** A reader whose events are `inner`'s with dense addresses. */
export class DenseReader implements TraceReader {
  readonly regions: AddressRegions;
  private chunk: EventChunk | null = null;

  constructor(
    private readonly inner: TraceReader,
    opts: DenseOptions,
  ) {
    this.regions = new AddressRegions(opts);
  }

  get path(): string {
    return this.inner.path;
  }

  get format(): TraceFormat {
    return this.inner.format;
  }

  get sites(): ReadonlyMap<number, Site> {
    return this.inner.sites;
  }

  async next(): Promise<EventChunk | null> {
    const c = await this.inner.next();
    if (c === null) return null;
    // A copy: the inner reader's chunk is its own (TraceReader.next).
    const n = c.length;
    if (this.chunk === null || this.chunk.op.length < n) this.chunk = createChunk(c.op.length);
    const out = this.chunk;
    out.length = n;
    copyEvents(c, out, 0, n);
    this.regions.renumber(out, n);
    return out;
  }

  fraction(): number | null {
    return this.inner.fraction();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
