/** In-memory traces for tests: event lists as a TraceReader, and txsim text traces. */
import { readFileSync } from 'node:fs';
import { createChunk, type EventChunk, type Site } from '../../src/trace/events.js';
import { openTraceBytes } from '../../src/trace/open.js';
import type { TraceReader } from '../../src/trace/reader.js';

export interface Ev {
  readonly op: number;
  readonly tid: number;
  readonly addr: number;
  readonly size: number;
}

/** A reader over `events`, in chunks of `chunkSize` (readers may cut chunks anywhere). */
export function readerOf(events: readonly Ev[], chunkSize = 1000): TraceReader {
  let at = 0;
  const chunk: EventChunk = createChunk(chunkSize);
  return {
    path: '<test>',
    format: 'binary',
    sites: new Map<number, Site>(),
    next() {
      if (at >= events.length) return Promise.resolve(null);
      const n = Math.min(chunkSize, events.length - at);
      for (let i = 0; i < n; i++) {
        const e = events[at + i] as Ev;
        chunk.op[i] = e.op;
        chunk.tid[i] = e.tid;
        chunk.addr[i] = e.addr;
        chunk.size[i] = e.size;
        chunk.site[i] = -1;
      }
      chunk.length = n;
      at += n;
      return Promise.resolve(chunk);
    },
    fraction() {
      return events.length > 0 ? at / events.length : null;
    },
    close() {
      return Promise.resolve();
    },
  };
}

/** Opens txsim text (with its header) held in a string. */
export function textReader(text: string, name = '<text>'): Promise<TraceReader> {
  return openTraceBytes(name, new TextEncoder().encode(text), { format: 'text' });
}

/** Opens a file of traces/litmus. */
export function litmusReader(name: string): Promise<TraceReader> {
  const url = new URL(`../../traces/litmus/${name}`, import.meta.url);
  return openTraceBytes(`traces/litmus/${name}`, readFileSync(url), { format: 'text' });
}
