/**
 * Splits the trace's one interleaved event stream into per-thread queues. The scheduler
 * asks for more only when the thread it must run next has an empty queue; each request
 * moves one window of WINDOW_EVENTS events (whatever the reader's chunk sizes, so results
 * do not depend on them). A trace thread seen for the first time starts at the cycle the
 * scheduler has reached (the trace has no spawn event): threads named in the first window
 * all start at cycle 0.
 *
 * A reader opened with `groupWindow: WINDOW_EVENTS` (the threaded reader) hands over each
 * window already grouped by thread, so the copies are long runs (block copies), whose ends
 * a galloping search finds (`runEnd`); results are the same, since only the order of
 * threads' first events in a window and each thread's own order matter here.
 *
 * Memory: every event read but not yet executed is buffered (13 bytes each). When threads
 * are interleaved evenly that is about one window; when the file holds a long run of one
 * thread's events before another's (skew), the events of the threads ahead are buffered
 * until the one behind catches up, so memory grows with the length of that run.
 */
import { MAX_TID, type EventChunk } from '../trace/events.js';
import type { TraceReader } from '../trace/reader.js';
import { InputError, ThreadEventError } from '../util/errors.js';
import type { HwThread } from './hw-thread.js';
import type { ThreadMap } from './thread-map.js';

/** Events moved per request. */
export const WINDOW_EVENTS = 1 << 12;

export class Demux {
  /** True once the reader has returned its last chunk. */
  eof = false;
  /** Events read so far. */
  events = 0;
  private chunk: EventChunk | null = null;
  private pos = 0;
  /** Trace thread id → hardware thread id, or -1 before its first event. */
  private readonly hwOfTid = new Int32Array(MAX_TID + 1).fill(-1);
  /** The reader's group window (TraceReader.groupWindow), 0 if it does not group. */
  private readonly group: number;

  constructor(
    private readonly reader: TraceReader,
    private readonly map: ThreadMap,
    private readonly threads: readonly HwThread[],
    /** Called when a trace thread starts on a hardware thread. */
    private readonly onStart: (t: HwThread) => void,
    private readonly onProgress?: (events: number) => void,
    /** Events moved per request (a test knob: small windows start threads at many cycles). */
    private readonly window = WINDOW_EVENTS,
  ) {
    // A reader that regroups by thread (TraceReader.groupWindow) keeps each of our windows'
    // thread order and per-thread order only when its windows tile ours.
    const g = reader.groupWindow;
    if (g !== undefined && window % g !== 0)
      throw new Error(`demultiplexer window ${window} is not a multiple of the reader's group window ${g}`);
    this.group = g ?? 0;
  }

  /** Moves the next window of events into the queues; new threads start at cycle `now`. */
  async more(now: number): Promise<void> {
    let left = this.window;
    while (left > 0) {
      let chunk = this.chunk;
      if (chunk === null || this.pos >= chunk.length) {
        chunk = await this.reader.next();
        this.chunk = chunk;
        this.pos = 0;
        if (chunk === null) {
          this.eof = true;
          return;
        }
        this.events += chunk.length;
        this.onProgress?.(this.events);
      }
      const end = Math.min(chunk.length, this.pos + left);
      const tid = chunk.tid;
      const g = this.group;
      // Event number of the chunk's first event (group windows are aligned on it).
      const first = this.events - chunk.length;
      // Runs of one thread's events are copied at once (recorders write threads in bursts).
      for (let i = this.pos; i < end;) {
        const t = tid[i] as number;
        let j: number;
        if (g > 0) {
          // A grouping reader: the thread's events in this group window are one run.
          j = runEnd(tid, i, Math.min(end, i + g - ((first + i) % g)));
        } else {
          j = i + 1;
          while (j < end && tid[j] === t) j++;
        }
        let hw = this.hwOfTid[t] as number;
        if (hw < 0) hw = this.startThread(t, now);
        (this.threads[hw] as HwThread).queue.append(chunk, i, j);
        i = j;
      }
      left -= end - this.pos;
      this.pos = end;
    }
  }

  private startThread(tid: number, now: number): number {
    let hw: number;
    try {
      hw = this.map.hwOf(tid);
    } catch (e) {
      if (e instanceof InputError) throw new ThreadEventError(e.detail, tid, 0);
      throw e;
    }
    this.hwOfTid[tid] = hw;
    const t = this.threads[hw] as HwThread;
    t.start(tid, now);
    this.onStart(t);
    return hw;
  }
}

/**
 * The end of the run of `tid[i]`'s events that starts at `i`, given that in `i .. limit-1`
 * that thread's events are contiguous (a grouped window part): a galloping search, so a
 * run of n events costs about 2 log2 n reads instead of n. The 8-core benchmark's runs
 * average 512 events; the linear scan took about 1.5 % of its time.
 */
export function runEnd(tid: Uint16Array, i: number, limit: number): number {
  const t = tid[i];
  // Invariant: tid[lo - 1] === t.
  let lo = i + 1;
  let step = 1;
  while (lo + step <= limit && tid[lo + step - 1] === t) {
    lo += step;
    step *= 2;
  }
  // The run ends in lo .. hi: tid[hi] is not t, or hi is the limit.
  let hi = Math.min(lo + step - 1, limit);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tid[mid] === t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
