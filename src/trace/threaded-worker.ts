/**
 * The worker side of the threaded reader: decodes the trace with the ordinary reader and
 * posts copies of each chunk in buffers that the main thread returns for reuse.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../util/errors.js';
import { chunkCapacity, createChunk, type EventChunk, type Site } from './events.js';
import { openTrace } from './open.js';
import type { FromWorker, ToWorker, WorkerParams } from './threaded-protocol.js';

const port = parentPort;
if (port === null) throw new Error('threaded-worker must run in a worker thread');
const params = workerData as WorkerParams;

const free: EventChunk[] = [];
let wake: (() => void) | null = null;
port.on('message', (m: ToWorker) => {
  free.push(m.chunk);
  const w = wake;
  wake = null;
  w?.();
});

function send(m: FromWorker): void {
  const list =
    m.kind === 'chunk'
      ? [m.chunk.op.buffer, m.chunk.tid.buffer, m.chunk.addr.buffer, m.chunk.size.buffer, m.chunk.site.buffer]
      : [];
  port?.postMessage(m, list as ArrayBuffer[]);
}

async function takeBuffer(capacity: number, made: { n: number }): Promise<EventChunk> {
  while (free.length === 0) {
    if (made.n < params.depth) {
      made.n++;
      return createChunk(capacity);
    }
    await new Promise<void>((r) => (wake = r));
  }
  const c = free.pop() as EventChunk;
  return chunkCapacity(c) >= capacity ? c : createChunk(capacity);
}

async function run(): Promise<void> {
  const reader = await openTrace(params.path, {
    format: params.format,
    ...(params.chunkEvents > 0 ? { chunkEvents: params.chunkEvents } : {}),
  });
  send({ kind: 'opened', format: reader.format });
  const sent = new Set<number>();
  const newSites = (): Site[] => {
    const out: Site[] = [];
    for (const [id, s] of reader.sites) {
      if (!sent.has(id)) {
        sent.add(id);
        out.push(s);
      }
    }
    return out;
  };
  const made = { n: 0 };
  try {
    for (let c = await reader.next(); c !== null; c = await reader.next()) {
      const out = await takeBuffer(c.length, made);
      const n = c.length;
      out.op.set(c.op.subarray(0, n));
      out.tid.set(c.tid.subarray(0, n));
      out.addr.set(c.addr.subarray(0, n));
      out.size.set(c.size.subarray(0, n));
      out.site.set(c.site.subarray(0, n));
      out.length = n;
      send({ kind: 'chunk', chunk: out, sites: newSites() });
    }
    send({ kind: 'end', sites: newSites() });
  } finally {
    await reader.close();
  }
}

run().catch((e: unknown) => {
  if (e instanceof InputError) send({ kind: 'input-error', message: e.detail, location: e.location });
  else send({ kind: 'crash', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
});
