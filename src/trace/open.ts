/**
 * Opening a trace: the one entry point the simulator, `convert` and `inspect` use.
 *
 * `openTrace` opens a path (`-` is stdin), transparently decompresses gzip, detects the
 * format from the content (or takes a forced one) and returns the format's streaming reader.
 * Every reader keeps memory bounded by its read buffer (4 MiB, larger only for a binary
 * chunk above that) plus one chunk of `chunkEvents` events (default 16384, 19 bytes each),
 * whatever the trace length. A trace with no events is an InputError ('trace is empty')
 * raised by the first `next()`. Left out: other compressions (pipe them through stdin).
 */
import { fstatSync, statSync } from 'node:fs';
import { InputError, type InputLocation } from '../util/errors.js';
import { CHUNK_EVENTS, type EventChunk } from './events.js';
import type { LocatingReader, TraceFormat, TraceReader } from './reader.js';
import { BinaryReader } from './binary-reader.js';
import { HEAD_BYTES, detectFormat } from './detect.js';
import type { DenseOptions } from './dense.js';
import { DenseReader } from './dense-reader.js';
import { builtReadWorker, FIRST_CHUNK_EVENTS, THREAD_MIN_BYTES, ThreadedReader } from './read-thread.js';
import { gunzipSource } from './gunzip.js';
import { MemorySource, PrefixSource, openSource, type ByteSource } from './source.js';

export interface OpenOptions {
  /** Force a format instead of detecting it (gzip is still detected). Default 'auto'. */
  readonly format?: TraceFormat | 'auto';
  /** Capacity of the returned chunks (default CHUNK_EVENTS, 16384). */
  readonly chunkEvents?: number;
  /**
   * Decode in a worker thread (read-thread.ts) when the trace is a file of at least
   * THREAD_MIN_BYTES, or stdin (`-`) from a pipe, a socket or such a file, and the built
   * worker exists; the plain reader otherwise.
   */
  readonly thread?: boolean;
  /** The worker module to use (tests point at the built one); default: the built one, if any. */
  readonly workerUrl?: URL;
  /**
   * With `thread`, the worker regroups events by thread within windows of this many events
   * (TraceReader.groupWindow), so the multicore demultiplexer copies long runs; the plain
   * reader ignores it.
   */
  readonly groupWindow?: number;
  /**
   * Renumber addresses densely (dense.ts; TraceReader.regions), in the worker thread or,
   * for the plain reader, on the calling thread. Ignored for stdin, which cannot be read
   * again after AddressSpaceFull.
   */
  readonly dense?: DenseOptions;
}

/** Reads up to HEAD_BYTES from `src`; `complete` if the input ended within them. */
async function readHead(src: ByteSource): Promise<{ head: Uint8Array; complete: boolean }> {
  const head = new Uint8Array(HEAD_BYTES);
  let n = 0;
  while (n < HEAD_BYTES) {
    const got = await src.read(head, n, HEAD_BYTES - n);
    if (got === 0) return { head: head.subarray(0, n), complete: true };
    n += got;
  }
  return { head, complete: false };
}

/** Wraps a reader so that a trace without events is an InputError. */
class NonEmpty implements LocatingReader {
  private seen = false;
  constructor(
    private readonly inner: LocatingReader,
    private readonly name: string,
  ) {}
  get path(): string {
    return this.inner.path;
  }
  get format(): TraceFormat {
    return this.inner.format;
  }
  get sites(): TraceReader['sites'] {
    return this.inner.sites;
  }
  next(): Promise<EventChunk | null> {
    return this.checked(this.inner.next());
  }
  nextAtMost(max: number): Promise<EventChunk | null> {
    return this.checked(this.inner.nextAtMost(max));
  }
  lastEventLocation(): InputLocation {
    return this.inner.lastEventLocation();
  }
  fraction(): number | null {
    return this.inner.fraction();
  }
  private async checked(next: Promise<EventChunk | null>): Promise<EventChunk | null> {
    const chunk = await next;
    if (chunk !== null) this.seen = true;
    else if (!this.seen) throw new InputError('trace is empty', { file: this.name });
    return chunk;
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  /** The wrapped reader (for `binaryReaderOf`). */
  unwrap(): TraceReader {
    return this.inner;
  }
}

/**
 * The binary reader behind `reader` (for consumers that decode chunks themselves, see
 * `BinaryReader.rawChunk`), or null for every other format.
 */
export function binaryReaderOf(reader: TraceReader): BinaryReader | null {
  const inner = reader instanceof NonEmpty ? reader.unwrap() : reader;
  return inner instanceof BinaryReader ? inner : null;
}

/**
 * The reader of `format`. The text formats' readers are loaded when first needed: a
 * process (or the threaded reader's worker) reading a binary trace never loads them, which
 * cuts a worker's module loading from about 17.5 ms to 13.
 */
async function makeReader(
  format: TraceFormat,
  path: string,
  src: ByteSource,
  chunkEvents: number,
): Promise<LocatingReader> {
  switch (format) {
    case 'text':
      return new (await import('./text-reader.js')).TextReader(path, src, chunkEvents);
    case 'binary':
      return new BinaryReader(path, src, chunkEvents);
    case 'lackey':
      return new (await import('./lackey-reader.js')).LackeyReader(path, src, chunkEvents);
    case 'din':
      return new (await import('./din-reader.js')).DinReader(path, src, chunkEvents);
  }
}

/** Opens a trace held by `src` (detects gzip and the format, unless forced). */
export async function openTraceSource(
  path: string,
  src: ByteSource,
  opts: OpenOptions = {},
): Promise<LocatingReader> {
  const chunkEvents = opts.chunkEvents ?? CHUNK_EVENTS;
  if (!Number.isInteger(chunkEvents) || chunkEvents < 1)
    throw new RangeError(`chunkEvents must be ≥ 1, got ${chunkEvents}`);
  try {
    let { head, complete } = await readHead(src);
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      src = gunzipSource(new PrefixSource(head, src));
      ({ head, complete } = await readHead(src));
    }
    const forced = opts.format ?? 'auto';
    const detected = forced === 'auto' ? detectFormat(head, complete, src.name) : forced;
    if (head.length === 0) throw new InputError('trace is empty', { file: src.name });
    if (detected === 'gzip')
      throw new InputError('gzip data inside gzip data is not supported', { file: src.name });
    return new NonEmpty(await makeReader(detected, path, new PrefixSource(head, src), chunkEvents), src.name);
  } catch (err) {
    await src.close();
    throw err;
  }
}

/** Opens the trace at `path` (`-` for stdin). A missing file is an InputError. */
export async function openTrace(path: string, opts: OpenOptions = {}): Promise<TraceReader> {
  const dense = path === '-' ? undefined : opts.dense;
  if (opts.thread === true) {
    const url = opts.workerUrl ?? builtReadWorker();
    if (url !== null && inputBytes(path) >= THREAD_MIN_BYTES) {
      const start = {
        path,
        format: opts.format ?? 'auto',
        chunkEvents: opts.chunkEvents ?? CHUNK_EVENTS,
        firstChunkEvents: FIRST_CHUNK_EVENTS,
        groupWindow: opts.groupWindow ?? 0,
        ...(dense === undefined ? {} : { dense }),
      };
      return ThreadedReader.open(start, url, path);
    }
  }
  const reader = await openLocatingTrace(path, opts);
  return dense === undefined ? reader : new DenseReader(reader, dense);
}

/**
 * Bytes the trace at `path` holds, as far as they are known before reading: a file's size;
 * for stdin (`-`), its file's size, else (a pipe, a socket, a terminal: the length is
 * unknown, and a trace piped to a replay is rarely small) Infinity. 0 when it cannot be
 * found or is a directory (the plain reader reports why).
 */
function inputBytes(path: string): number {
  try {
    if (path !== '-') return statSync(path).size;
    const st = fstatSync(0);
    return st.isFile() ? st.size : st.isDirectory() ? 0 : Infinity;
  } catch {
    return 0;
  }
}

/** Opens the file at `path` (`-` for stdin) with a plain reader, which can find events again (locate.ts). */
export async function openLocatingTrace(path: string, opts: OpenOptions = {}): Promise<LocatingReader> {
  return openTraceSource(path, await openSource(path), opts);
}

/** Opens a trace held in memory; `name` is used in messages. */
export function openTraceBytes(
  name: string,
  bytes: Uint8Array,
  opts: OpenOptions = {},
): Promise<TraceReader> {
  return openTraceSource(name, new MemorySource(name, bytes), opts);
}
