/**
 * The threaded reader: decodes a trace in a worker thread (read-worker.ts) while the
 * caller simulates, for the multicore replay, where decoding is a fifth of the work and
 * this machine has a second core. It is a `TraceReader` like the others, with the same
 * chunks in the same order, the same sites and the same InputErrors (tested against the
 * plain readers), so results are unchanged.
 *
 * Used by `openTrace` when asked (`thread: true`) for a file of at least THREAD_MIN_BYTES:
 * starting a worker costs tens of milliseconds, more than decoding a small trace. Only
 * where the compiled worker exists (the built package; the test runner loads sources, so
 * its tests name the built worker explicitly).
 * Left out: stdin (the worker cannot share the process's stdin stream).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, type InputLocation } from '../util/errors.js';
import type { EventChunk, Site } from './events.js';
import type { TraceFormat, TraceReader } from './reader.js';

/** Chunks the worker may post ahead of the consumer. */
export const IN_FLIGHT = 4;
/** Smallest file worth a worker thread. */
export const THREAD_MIN_BYTES = 4 << 20;

/** What the worker is started with. */
export interface ReadWorkerStart {
  readonly path: string;
  readonly format: TraceFormat | 'auto';
  readonly chunkEvents: number;
}

/** Main thread → worker: one more chunk may be posted, or stop. */
export type ToReadWorker = { readonly type: 'credit' } | { readonly type: 'close' };

/** Worker → main thread. `sites` are the sites first seen since the previous message. */
export type FromReadWorker =
  | { readonly type: 'opened'; readonly format: TraceFormat }
  | { readonly type: 'chunk'; readonly chunk: EventChunk; readonly sites: readonly Site[] }
  | { readonly type: 'end'; readonly sites: readonly Site[] }
  | { readonly type: 'error'; readonly detail: string; readonly location: InputLocation }
  | { readonly type: 'bug'; readonly message: string };

/** The compiled worker next to this module, or null when it is not there (sources run by the test runner). */
export function builtReadWorker(): URL | null {
  const url = new URL('./read-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : null;
}

export class ThreadedReader implements TraceReader {
  readonly sites = new Map<number, Site>();
  format: TraceFormat = 'text';
  private readonly inbox: FromReadWorker[] = [];
  private waiting: ((m: FromReadWorker) => void) | null = null;
  private finished = false;
  private readonly exited: Promise<void>;

  private constructor(
    readonly path: string,
    private readonly worker: Worker,
  ) {
    worker.on('message', (m: FromReadWorker) => this.deliver(m));
    worker.on('error', (e) => this.deliver({ type: 'bug', message: e.stack ?? e.message }));
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.once('exit', (code) => {
      if (code !== 0) this.deliver({ type: 'bug', message: `trace reader thread exited with code ${code}` });
    });
  }

  /** Starts a worker reading `start.path`; resolves once the trace is open (or throws its error). */
  static async open(start: ReadWorkerStart, workerUrl: URL, path: string): Promise<ThreadedReader> {
    const r = new ThreadedReader(path, new Worker(workerUrl, { workerData: start }));
    const m = await r.receive();
    if (m.type === 'opened') {
      r.format = m.format;
      return r;
    }
    await r.close();
    throw r.failure(m);
  }

  async next(): Promise<EventChunk | null> {
    if (this.finished) return null;
    const m = await this.receive();
    if (m.type === 'chunk' || m.type === 'end') for (const s of m.sites) this.sites.set(s.id, s);
    switch (m.type) {
      case 'chunk':
        this.worker.postMessage({ type: 'credit' } satisfies ToReadWorker);
        return m.chunk;
      case 'end':
        this.finished = true;
        return null;
      default:
        this.finished = true;
        throw this.failure(m);
    }
  }

  async close(): Promise<void> {
    this.finished = true;
    this.worker.postMessage({ type: 'close' } satisfies ToReadWorker);
    await this.exited;
  }

  private deliver(m: FromReadWorker): void {
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
    return new Error(`trace reader thread: unexpected '${m.type}' message`);
  }
}
