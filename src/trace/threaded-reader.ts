/**
 * A trace reader that decodes in a worker thread, so decoding and simulation run on two
 * cores at once (the machine txsim targets has two). The worker runs an ordinary reader
 * (`openTrace`) and ships each chunk's columns to the main thread in transferred buffers;
 * the main thread hands emptied buffers back, so at most `DEPTH` chunks are in flight and
 * memory stays bounded. Errors in the worker (bad input) arrive as the same InputError.
 * Same contract as every TraceReader. `openReplayTrace` picks it for files when the
 * compiled worker exists (it does in the built CLI; stdin and tests run from the
 * TypeScript sources use the plain reader).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../util/errors.js';
import type { EventChunk, Site } from './events.js';
import { openTrace } from './open.js';
import type { TraceFormat, TraceReader } from './reader.js';
import type { FromWorker, ToWorker } from './threaded-protocol.js';

/** Chunks decoded ahead of the simulation. */
const DEPTH = 4;

export interface ThreadedOptions {
  readonly format?: TraceFormat | 'auto';
  readonly chunkEvents?: number;
}

const WORKER = new URL('./threaded-worker.js', import.meta.url);

/**
 * Opens `path` for replay: in a worker when it is a file and the compiled worker script is
 * present, else (stdin, or running from TypeScript sources as the tests do) with the plain
 * reader. Resolves once the format is detected.
 */
export function openReplayTrace(path: string, opts: ThreadedOptions = {}): Promise<TraceReader> {
  if (path === '-' || !existsSync(fileURLToPath(WORKER))) return openTrace(path, opts);
  return openThreadedTrace(path, opts);
}

/** Opens `path` in a worker; resolves once the worker has detected the format. */
export function openThreadedTrace(path: string, opts: ThreadedOptions = {}): Promise<TraceReader> {
  const worker = new Worker(WORKER, {
    workerData: { path, format: opts.format ?? 'auto', chunkEvents: opts.chunkEvents ?? 0, depth: DEPTH },
  });
  return new Promise((resolve, reject) => {
    const reader = new ThreadedReader(path, worker);
    reader.ready.then(() => resolve(reader), reject);
  });
}

class ThreadedReader implements TraceReader {
  format: TraceFormat = 'text';
  readonly sites = new Map<number, Site>();
  readonly ready: Promise<void>;
  private readonly queue: FromWorker[] = [];
  private waiting: ((m: FromWorker) => void) | null = null;
  private current: EventChunk | null = null;
  private finished = false;

  constructor(
    readonly path: string,
    private readonly worker: Worker,
  ) {
    worker.on('message', (m: FromWorker) => this.deliver(m));
    worker.on('error', (e: Error) => this.deliver({ kind: 'crash', message: e.stack ?? e.message }));
    this.ready = this.receive().then((m) => {
      if (m.kind === 'opened') this.format = m.format;
      else this.fail(m);
    });
  }

  async next(): Promise<EventChunk | null> {
    if (this.finished) return null;
    if (this.current) this.post({ kind: 'recycle', chunk: this.current });
    this.current = null;
    const m = await this.receive();
    if (m.kind === 'chunk') {
      for (const s of m.sites) this.sites.set(s.id, s);
      this.current = m.chunk;
      return m.chunk;
    }
    if (m.kind === 'end') {
      for (const s of m.sites) this.sites.set(s.id, s);
      this.finished = true;
      return null;
    }
    return this.fail(m);
  }

  async close(): Promise<void> {
    this.finished = true;
    await this.worker.terminate();
  }

  private fail(m: FromWorker): never {
    this.finished = true;
    void this.worker.terminate();
    if (m.kind === 'input-error') throw new InputError(m.message, m.location);
    if (m.kind === 'crash') throw new Error(`trace reader thread failed: ${m.message}`);
    throw new Error(`unexpected message from the trace reader thread: ${m.kind}`);
  }

  private post(m: ToWorker): void {
    const c = m.chunk;
    this.worker.postMessage(m, [
      c.op.buffer,
      c.tid.buffer,
      c.addr.buffer,
      c.size.buffer,
      c.site.buffer,
    ] as ArrayBuffer[]);
  }

  private deliver(m: FromWorker): void {
    const w = this.waiting;
    if (w) {
      this.waiting = null;
      w(m);
    } else this.queue.push(m);
  }

  private receive(): Promise<FromWorker> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    return new Promise((resolve) => (this.waiting = resolve));
  }
}
