/**
 * The worker half of the threaded reader (read-thread.ts): opens a trace with `openTrace`
 * in a worker thread and copies each chunk into the next slot of the shared memory once
 * the main thread has freed it (blocking in Atomics.wait until then), then tells the main
 * thread which slot holds how many events. Errors travel as messages: an InputError keeps
 * its detail and location, anything else is a bug.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../util/errors.js';
import type { Site } from './events.js';
import { openTrace } from './open.js';
import {
  CLOSING,
  controlWords,
  FREED,
  SLOTS,
  slotViews,
  type FromReadWorker,
  type ReadWorkerStart,
} from './read-thread.js';
import type { TraceReader } from './reader.js';

const port = parentPort;
if (port === null) throw new Error('read-worker.ts runs only as a worker thread');
const start = workerData as ReadWorkerStart;
const slots = slotViews(start.shared, start.chunkEvents);
const control = controlWords(start.shared);

/** Waits until chunk number `k` may be filled; false if the reader is closing. */
function slotFor(k: number): boolean {
  for (;;) {
    if (Atomics.load(control, CLOSING) === 1) return false;
    const freed = Atomics.load(control, FREED);
    if (k - freed < SLOTS) return true;
    Atomics.wait(control, FREED, freed);
  }
}

function post(m: FromReadWorker): void {
  port?.postMessage(m);
}

/** Sites the reader knows that were not posted yet. */
function newSites(reader: TraceReader, posted: Set<number>): Site[] {
  const out: Site[] = [];
  if (reader.sites.size === posted.size) return out;
  for (const [id, s] of reader.sites) {
    if (!posted.has(id)) {
      posted.add(id);
      out.push(s);
    }
  }
  return out;
}

async function run(): Promise<void> {
  let reader: TraceReader | null = null;
  try {
    reader = await openTrace(start.path, { format: start.format, chunkEvents: start.chunkEvents });
    post({ type: 'opened', format: reader.format });
    const posted = new Set<number>();
    for (let k = 0; ; k++) {
      if (!slotFor(k)) return;
      const c = await reader.next();
      if (c === null) {
        post({ type: 'end', sites: newSites(reader, posted) });
        return;
      }
      const slot = k % SLOTS;
      const out = slots[slot]!;
      const n = c.length;
      out.op.set(c.op.subarray(0, n));
      out.tid.set(c.tid.subarray(0, n));
      out.addr.set(c.addr.subarray(0, n));
      out.size.set(c.size.subarray(0, n));
      out.site.set(c.site.subarray(0, n));
      post({ type: 'chunk', slot, length: n, sites: newSites(reader, posted) });
    }
  } catch (e) {
    if (e instanceof InputError) post({ type: 'error', detail: e.detail, location: e.location });
    else post({ type: 'bug', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    await reader?.close();
    port?.close();
  }
}

void run();
