/**
 * Test helpers for the trace readers and writers: read a whole trace (or a trace's text)
 * into plain event objects, build chunks from event lists, and make temporary files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createChunk, NO_SITE, type EventChunk, type Site } from '../../src/trace/events.js';
import { openTraceBytes } from '../../src/trace/open.js';
import type { TraceReader } from '../../src/trace/reader.js';
import type { ByteSource } from '../../src/trace/source.js';
import type { EventSource } from '../../src/trace/writer.js';
import { InputError } from '../../src/util/errors.js';

export interface Ev {
  op: number;
  tid: number;
  addr: number;
  size: number;
  site: number;
}

export function ev(op: number, tid: number, addr: number, size = 0, site = NO_SITE): Ev {
  return { op, tid, addr, size, site };
}

/** Reads every event of `reader` and closes it. */
export async function readAll(reader: TraceReader): Promise<{ events: Ev[]; sites: Map<number, Site> }> {
  const events: Ev[] = [];
  try {
    for (let c = await reader.next(); c !== null; c = await reader.next()) {
      for (let i = 0; i < c.length; i++) {
        events.push({ op: c.op[i]!, tid: c.tid[i]!, addr: c.addr[i]!, size: c.size[i]!, site: c.site[i]! });
      }
    }
  } finally {
    await reader.close();
  }
  return { events, sites: new Map(reader.sites) };
}

/** An EventSource over `events`, split into chunks of `chunkEvents`. */
export function sourceOf(
  events: readonly Ev[],
  sites: readonly Site[] = [],
  chunkEvents = 1000,
): EventSource {
  let at = 0;
  const chunk: EventChunk = createChunk(chunkEvents);
  return {
    sites: new Map(sites.map((s) => [s.id, s])),
    next(): Promise<EventChunk | null> {
      if (at >= events.length) return Promise.resolve(null);
      const n = Math.min(chunkEvents, events.length - at);
      for (let i = 0; i < n; i++) {
        const e = events[at + i]!;
        chunk.op[i] = e.op;
        chunk.tid[i] = e.tid;
        chunk.addr[i] = e.addr;
        chunk.size[i] = e.size;
        chunk.site[i] = e.site;
      }
      chunk.length = n;
      at += n;
      return Promise.resolve(chunk);
    },
  };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test file. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'txsim-trace-test-'));
  dirs.push(d);
  return d;
}

/** Writes `content` to a new temporary file named `name`; returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const p = join(tempDir(), name);
  writeFileSync(p, content);
  return p;
}

/** Runs `f` and returns the InputError it throws (fails the test on anything else). */
export async function inputError(f: () => Promise<unknown>): Promise<InputError> {
  try {
    await f();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw new Error(`expected an InputError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected an InputError, but nothing was thrown');
}

/** Reads the trace `text` as the file `name` (as latin1 bytes, so any byte can be written). */
export async function readText(
  name: string,
  text: string,
): Promise<{ events: Ev[]; sites: Map<number, Site> }> {
  return readAll(await openTraceBytes(name, Buffer.from(text, 'latin1')));
}

/** The message of the InputError that reading the trace `text` as the file `name` gives. */
export async function readTextError(name: string, text: string): Promise<string> {
  return (await inputError(() => readText(name, text))).message;
}

/** The path of a fixture under test/fixtures/trace. */
export function fixture(name: string): string {
  return new URL(`../fixtures/trace/${name}`, import.meta.url).pathname;
}

/** Every byte `src` gives, in order. */
export async function drain(src: ByteSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  const buf = new Uint8Array(1 << 16);
  for (let n = await src.read(buf, 0, buf.length); n > 0; n = await src.read(buf, 0, buf.length)) {
    parts.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(parts);
}
