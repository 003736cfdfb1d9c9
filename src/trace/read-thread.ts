/**
 * The threaded reader: decodes a trace in a worker thread (read-worker.ts) while the
 * caller simulates, for the multicore replay, where decoding is a fifth of the work and
 * this machine has a second core. It is a `TraceReader` like the others, with the same
 * events in the same order (its first chunk is shorter), the same sites and the same
 * InputErrors (tested against the plain readers), so results are unchanged. Chunks live
 * in SLOTS slots of shared memory, filled in turn: the worker fills a slot once the
 * consumer has freed it, the consumer reads a slot in place and frees it at its next call.
 * Both directions go through counters in the shared memory, not messages: a message
 * reaches the consumer only when it returns to the event loop, which the simulation does
 * not do per chunk. The consumer waits for a chunk in Atomics.wait and the worker wakes it;
 * a full worker polls for a freed slot instead, since waking it would cost the
 * simulation's thread (read-worker.ts `slotFor`).
 * Messages carry the rest (the format, sites, the end, errors). Nothing is copied between
 * threads or allocated per chunk.
 *
 * Used by `openTrace` when asked (`thread: true`) for a file of at least THREAD_MIN_BYTES,
 * or stdin from a pipe (source.ts: the worker reads descriptor 0 itself): starting a
 * worker costs tens of milliseconds, more than decoding a small trace. `open` returns at
 * once, so the caller can build its machine while the worker starts (about 55 ms); the
 * first `next()` waits for the worker to have opened the trace, and throws its error if
 * it could not (as the plain reader's first `next()` throws 'trace is empty'). `close`
 * stops the worker even while it waits for input (a pipe whose writer is still running).
 * Only where the compiled worker exists (the built package; the test runner loads
 * sources, so its tests name the built worker explicitly).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, type InputLocation } from '../util/errors.js';
import type { EventChunk, Site } from './events.js';
import type { TraceFormat, TraceReader } from './reader.js';
import { AddressRegions, AddressSpaceFull, type DenseOptions } from './dense.js';

/** Chunk slots: the worker fills free ones ahead of the consumer, which holds one at a time. */
export const SLOTS = 5;
/** Bytes of one event in a slot: op 1, tid 2, addr 8, size 4, site 4. */
const EVENT_BYTES = 19;

/** Bytes of shared memory for SLOTS chunks of `chunkEvents` events, after the control words. */
function sharedBytes(chunkEvents: number): number {
  return CONTROL_BYTES + SLOTS * chunkEvents * EVENT_BYTES;
}

/** Control words at the start of the shared memory (Int32): */
export const FREED = 0; // chunks the consumer has freed (the worker may fill chunk k once k - FREED < SLOTS)
export const CLOSING = 1; // 1 once the consumer closes the reader
export const FILLED = 2; // chunks the worker has filled (chunk k is in slot k % SLOTS)
export const STOPPED = 3; // 1 once the worker will fill no more (its 'end' or failure message is posted)
export const LENGTHS = 4; // LENGTHS + s: events of the chunk in slot s
const CONTROL_WORDS = LENGTHS + SLOTS;
/** Byte offset of a Float64 after the control words: the worker's reader's `fraction()`, -1 for null. */
const FRACTION_AT = Math.ceil((CONTROL_WORDS * 4) / 8) * 8;
/** Room for both, rounded up to a host cache line. */
const CONTROL_BYTES = 64;

/** The control words of `shared`. */
export function controlWords(shared: SharedArrayBuffer): Int32Array {
  return new Int32Array(shared, 0, CONTROL_WORDS);
}

/**
 * The share of the trace the worker has read (TraceReader.fraction; -1: unknown), in
 * `shared`: written before each chunk is counted in FILLED, read for progress.
 */
export function fractionWord(shared: SharedArrayBuffer): Float64Array {
  return new Float64Array(shared, FRACTION_AT, 1);
}

/** How long the consumer blocks at a time waiting for a chunk before it lets the event loop run (ms). */
const WAIT_MS = 20;

/**
 * The SLOTS chunks laid out in `shared` (the same views in both threads). Columns are
 * grouped by element size so every view is aligned: all addr columns, then size, site,
 * tid and op.
 */
export function slotViews(shared: SharedArrayBuffer, chunkEvents: number): EventChunk[] {
  const n = chunkEvents;
  const addrAt = CONTROL_BYTES;
  const sizeAt = addrAt + SLOTS * n * 8;
  const siteAt = sizeAt + SLOTS * n * 4;
  const tidAt = siteAt + SLOTS * n * 4;
  const opAt = tidAt + SLOTS * n * 2;
  return Array.from({ length: SLOTS }, (_, k) => ({
    length: 0,
    addr: new Float64Array(shared, addrAt + k * n * 8, n),
    size: new Uint32Array(shared, sizeAt + k * n * 4, n),
    site: new Int32Array(shared, siteAt + k * n * 4, n),
    tid: new Uint16Array(shared, tidAt + k * n * 2, n),
    op: new Uint8Array(shared, opAt + k * n, n),
  }));
}

/**
 * Events of the worker's first chunk: one multicore window (demux.ts). Decoded on cold
 * code, it reaches the consumer about 8 ms sooner than a whole chunk (62–65 ms after the
 * open instead of 70–77 on the 8-core benchmark), and the first million events are
 * simulated about 10 ms sooner.
 */
export const FIRST_CHUNK_EVENTS = 4096;

/** Smallest file worth a worker thread. */
export const THREAD_MIN_BYTES = 4 << 20;

/** What the worker is started with. */
export interface ReadWorkerStart {
  readonly path: string;
  readonly format: TraceFormat | 'auto';
  readonly chunkEvents: number;
  /** Events of the first chunk (at most `chunkEvents`): FIRST_CHUNK_EVENTS, smaller in tests. */
  readonly firstChunkEvents: number;
  /** Regroup events by thread in windows of this many events (TraceReader.groupWindow); 0: no. */
  readonly groupWindow: number;
  /** Renumber addresses densely (dense.ts) into this shared region table; absent: no. */
  readonly dense?: DenseOptions & { readonly shared: SharedArrayBuffer };
  /** Control words and SLOTS chunk slots, shared by both threads (`controlWords`, `slotViews`). */
  readonly shared: SharedArrayBuffer;
}

/** Main thread → worker, its one message: close the trace now, even mid-read. */
export const CLOSE = 'close';

/**
 * Worker → main thread. `sites` are the sites first seen since the previous message; a
 * chunk's new sites are posted before the chunk is counted in FILLED.
 */
export type FromReadWorker =
  | { readonly type: 'opened'; readonly format: TraceFormat }
  | { readonly type: 'sites'; readonly sites: readonly Site[] }
  | { readonly type: 'end'; readonly sites: readonly Site[] }
  | { readonly type: 'error'; readonly detail: string; readonly location: InputLocation }
  | { readonly type: 'full' }
  | { readonly type: 'bug'; readonly message: string };

/**
 * The process's Node options for the worker, which inherits them, less `--input-type`: it
 * applies to `--eval` input only and stops a worker from starting (a script run as
 * `node --input-type=module -e ...` could not use the threaded reader).
 */
function workerExecArgv(): string[] {
  return process.execArgv.filter((a) => !a.startsWith('--input-type'));
}

/** The compiled worker next to this module, or null when it is not there (sources run by the test runner). */
export function builtReadWorker(): URL | null {
  const url = new URL('./read-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

export class ThreadedReader implements TraceReader {
  /**
   * Sites arrive as messages, so a chunk's new sites may appear only after the chunk (once
   * the consumer lets the event loop run); all of them are here once `next()` returned null.
   */
  readonly sites = new Map<number, Site>();
  /** The format the worker detected (or was told): known once `next()` has returned. */
  format: TraceFormat = 'text';
  readonly groupWindow: number | undefined;
  /** The region table of dense addresses (dense.ts), when the worker renumbers. */
  readonly regions: AddressRegions | undefined;
  private readonly inbox: FromReadWorker[] = [];
  private waiting: ((m: FromReadWorker) => void) | null = null;
  private finished = false;
  /** True while the consumer holds the last chunk handed out; it is freed at the next call. */
  private holding = false;
  /** Chunks handed out. */
  private taken = 0;
  private readonly control: Int32Array;
  /** The worker's `fractionWord`. */
  private readonly share: Float64Array;
  private readonly exited: Promise<void>;
  /** The worker's first message ('opened' or a failure), until the first `next()` has read it. */
  private opening: Promise<FromReadWorker> | null = null;

  private constructor(
    readonly path: string,
    private readonly worker: Worker,
    private readonly slots: EventChunk[],
    shared: SharedArrayBuffer,
    groupWindow: number,
    regions: AddressRegions | undefined,
  ) {
    this.control = controlWords(shared);
    this.share = fractionWord(shared);
    if (groupWindow > 0) this.groupWindow = groupWindow;
    this.regions = regions;
    worker.on('message', (m: FromReadWorker) => this.deliver(m));
    worker.on('error', (e) => this.deliver({ type: 'bug', message: e.stack ?? e.message }));
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.once('exit', (code) => {
      if (code !== 0) this.deliver({ type: 'bug', message: `trace reader thread exited with code ${code}` });
    });
  }

  /** Starts a worker reading `start.path` (the first `next()` reports a trace it cannot open). */
  static open(
    opts: Omit<ReadWorkerStart, 'shared' | 'dense'> & { readonly dense?: DenseOptions },
    workerUrl: URL,
    path: string,
  ): ThreadedReader {
    const shared = new SharedArrayBuffer(sharedBytes(opts.chunkEvents));
    fractionWord(shared)[0] = -1;
    const { dense, ...rest } = opts;
    const regions = dense === undefined ? undefined : new AddressRegions(dense);
    const start: ReadWorkerStart = {
      ...rest,
      shared,
      ...(regions === undefined
        ? {}
        : { dense: { regionBits: regions.regionBits, capacity: regions.capacity, shared: regions.shared } }),
    };
    const r = new ThreadedReader(
      path,
      new Worker(workerUrl, { workerData: start, execArgv: workerExecArgv() }),
      slotViews(shared, opts.chunkEvents),
      shared,
      opts.groupWindow,
      regions,
    );
    r.opening = r.receive();
    return r;
  }

  async next(): Promise<EventChunk | null> {
    if (this.finished) return null;
    if (this.opening !== null) {
      const m = await this.opening;
      this.opening = null;
      if (m.type !== 'opened') return this.stop(m);
      this.format = m.format;
    }
    const control = this.control;
    if (this.holding) {
      this.holding = false;
      Atomics.add(control, FREED, 1); // no notify: a full worker polls (read-worker.ts `slotFor`)
    }
    for (;;) {
      const filled = Atomics.load(control, FILLED);
      if (this.taken < filled) {
        const slot = this.taken % SLOTS;
        const chunk = this.slots[slot] as EventChunk;
        chunk.length = Atomics.load(control, LENGTHS + slot);
        this.taken++;
        this.holding = true;
        return chunk;
      }
      // No chunk ready. The worker's end or failure arrives as a message (so does a crash).
      if (Atomics.load(control, STOPPED) === 1 || this.inbox.length > 0)
        return this.stop(await this.receive());
      if (Atomics.wait(control, FILLED, filled, WAIT_MS) === 'timed-out')
        await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The worker's last message: the end (null) or a failure (thrown). */
  private stop(m: FromReadWorker): null {
    this.finished = true;
    if (m.type === 'end') return null;
    throw this.failure(m);
  }

  fraction(): number | null {
    const f = this.share[0] as number;
    return f < 0 ? null : f;
  }

  async close(): Promise<void> {
    this.finished = true;
    Atomics.store(this.control, CLOSING, 1);
    Atomics.add(this.control, FREED, 1); // wakes a worker waiting for a slot
    Atomics.notify(this.control, FREED);
    // A worker waiting for input (a pipe whose writer is still running) closes its trace
    // when told, ending that read, rather than when the writer next writes.
    this.worker.postMessage(CLOSE);
    await this.exited;
  }

  private deliver(m: FromReadWorker): void {
    if (m.type === 'sites' || m.type === 'end') for (const x of m.sites) this.sites.set(x.id, x);
    if (m.type === 'sites') return;
    if (this.waiting !== null) {
      const w = this.waiting;
      this.waiting = null;
      w(m);
    } else this.inbox.push(m);
  }

  private receive(): Promise<FromReadWorker> {
    const m = this.inbox.shift();
    if (m !== undefined) return Promise.resolve(m);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private failure(m: FromReadWorker): Error {
    if (m.type === 'error') return new InputError(m.detail, m.location);
    if (m.type === 'bug') return new Error(`trace reader thread failed: ${m.message}`);
    if (m.type === 'full') {
      const r = this.regions as AddressRegions;
      return new AddressSpaceFull(r.capacity, r.regionBits);
    }
    return new Error(`trace reader thread: unexpected '${m.type}' message`);
  }
}
