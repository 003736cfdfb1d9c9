/**
 * The worker half of the threaded reader (read-thread.ts): opens a trace with
 * `openLocatingTrace` in a worker thread and copies each chunk into the next slot of the
 * shared memory once the main thread has freed it (polling for that: `slotFor`),
 * then counts it as filled in the shared memory (the slot's length, then FILLED); asked
 * to (`groupWindow`), it regroups each window's events by thread on the way (`groupInto`),
 * and (`dense`) renumbers the slot's addresses densely (dense.ts), into a region table in
 * shared memory that the consumer reads.
 * The first chunk is short (`firstChunkEvents`): decoded on cold code, it lets the
 * consumer start sooner. Errors travel as messages: an InputError keeps its detail and
 * location, anything else is a bug.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../util/errors.js';
import { copyEvents, MAX_TID, type EventChunk, type Site } from './events.js';
import { AddressRegions, AddressSpaceFull } from './dense.js';
import { openLocatingTrace } from './open.js';
import {
  CLOSE,
  CLOSING,
  controlWords,
  FILLED,
  fractionWord,
  FREED,
  LENGTHS,
  SLOTS,
  STOPPED,
  slotViews,
  type FromReadWorker,
  type ReadWorkerStart,
} from './read-thread.js';
import type { LocatingReader, TraceReader } from './reader.js';

const port = parentPort;
if (port === null) throw new Error('read-worker.ts runs only as a worker thread');
const start = workerData as ReadWorkerStart;
const slots = slotViews(start.shared, start.chunkEvents);
const regions = start.dense === undefined ? null : new AddressRegions(start.dense, start.dense.shared);
const control = controlWords(start.shared);
const fraction = fractionWord(start.shared);

/**
 * How often a full worker looks for a freed slot (ms). The consumer frees slots without
 * waking the worker: on a 2-vCPU guest a wake-up cost the consumer, the simulation's
 * thread, 16–28 µs, at 1,000–1,150 of the 8-core benchmark trace's 1,333 chunks (its time
 * in `next()` after the first chunk: 42–96 ms a run, 3.5–13 ms polling). A poll may wake
 * the worker on the simulation's vCPU and preempt it: polled every half millisecond, the
 * simulation's thread was preempted more often than with no polling. A millisecond is
 * still well below the 4 chunks (3.5–6 ms of simulation) a full worker has ready.
 */
const POLL_MS = 1;

/** Waits until chunk number `k` may be filled (polling); false if the reader is closing. */
function slotFor(k: number): boolean {
  for (;;) {
    if (Atomics.load(control, CLOSING) === 1) return false;
    const freed = Atomics.load(control, FREED);
    if (k - freed < SLOTS) return true;
    Atomics.wait(control, FREED, freed, POLL_MS);
  }
}

/** Per trace thread: the window part it was last seen in, its events there, its next slot index. */
const seenIn = new Float64Array(MAX_TID + 1).fill(-1);
const count = new Int32Array(MAX_TID + 1);
const next = new Int32Array(MAX_TID + 1);
/** Threads of the current window part, in the order of their first event. */
const order = new Uint16Array(MAX_TID + 1);

/**
 * Copies `c` into `out`, each window part's events grouped by thread (a stable counting
 * sort: threads in the order of their first event, each thread's events in trace order).
 * `first` is the trace index of `c`'s first event; windows of `window` events start at
 * multiples of it.
 */
function groupInto(c: EventChunk, out: EventChunk, first: number, window: number): void {
  const n = c.length;
  const tid = c.tid;
  for (let a = 0; a < n;) {
    const part = first + a; // unique per window part
    const b = Math.min(n, a + window - (part % window));
    let threads = 0;
    for (let i = a; i < b; i++) {
      const t = tid[i] as number;
      if (seenIn[t] !== part) {
        seenIn[t] = part;
        count[t] = 0;
        order[threads++] = t;
      }
      count[t]!++;
    }
    if (threads === 1) {
      // One thread's events: already grouped, copied as blocks (single-threaded traces).
      copyEvents(c, out, a, b);
      a = b;
      continue;
    }
    let at = a;
    for (let k = 0; k < threads; k++) {
      const t = order[k] as number;
      next[t] = at;
      at += count[t] as number;
    }
    for (let i = a; i < b; i++) {
      const t = tid[i] as number;
      const j = next[t]!++;
      out.op[j] = c.op[i] as number;
      out.tid[j] = t;
      out.addr[j] = c.addr[i] as number;
      out.size[j] = c.size[i] as number;
      out.site[j] = c.site[i] as number;
    }
    a = b;
  }
}

function post(m: FromReadWorker): void {
  port?.postMessage(m);
}

/** Posts the last message (the end or a failure), then tells a waiting consumer to read it. */
function postLast(m: FromReadWorker): void {
  post(m);
  Atomics.store(control, STOPPED, 1);
  Atomics.notify(control, FILLED);
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
  let reader: LocatingReader | null = null;
  // The consumer closed the reader (CLOSING is set): a read in progress fails or ends, and
  // the loop below stops at its next check.
  port?.on('message', (m) => {
    if (m === CLOSE) void reader?.close();
  });
  try {
    reader = await openLocatingTrace(start.path, { format: start.format, chunkEvents: start.chunkEvents });
    post({ type: 'opened', format: reader.format });
    const posted = new Set<number>();
    let events = 0;
    for (let k = 0; ; k++) {
      if (!slotFor(k)) return;
      const c = k === 0 ? await reader.nextAtMost(start.firstChunkEvents) : await reader.next();
      fraction[0] = reader.fraction() ?? -1; // before the chunk or the end is told
      if (c === null) {
        postLast({ type: 'end', sites: newSites(reader, posted) });
        return;
      }
      const slot = k % SLOTS;
      const out = slots[slot]!;
      const n = c.length;
      if (start.groupWindow > 0) groupInto(c, out, events, start.groupWindow);
      else copyEvents(c, out, 0, n);
      // In the slot, after any regrouping: regions are numbered in the order they are
      // first touched there, which changes no statistic (dense.ts).
      regions?.renumber(out, n);
      events += n;
      const sites = newSites(reader, posted);
      if (sites.length > 0) post({ type: 'sites', sites });
      Atomics.store(control, LENGTHS + slot, n);
      Atomics.store(control, FILLED, k + 1);
      Atomics.notify(control, FILLED);
    }
  } catch (e) {
    if (e instanceof InputError) postLast({ type: 'error', detail: e.detail, location: e.location });
    else if (e instanceof AddressSpaceFull) postLast({ type: 'full' });
    else postLast({ type: 'bug', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    await reader?.close();
    port?.close();
  }
}

void run();
