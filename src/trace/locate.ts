/**
 * Finding an event in its trace file again, for messages about what an event does rather
 * than how it is written (a lock released twice, a thread the machine cannot hold): the
 * simulator knows such an event only as the n-th event of its trace thread, since queued
 * events carry no positions (that would cost the hot path). Re-reading the file costs
 * nothing until an error, and then two passes at decoding speed: one finds the event's
 * index in the whole trace, the next reads exactly the events before it and then the
 * event alone, whose line or byte offset its reader reports (LocatingReader).
 * Left out: stdin, which cannot be read twice (the caller keeps the unlocated message).
 */
import type { InputLocation } from '../util/errors.js';
import { openLocatingTrace } from './open.js';
import type { TraceFormat } from './reader.js';

/** The `index`-th event (from 0) of trace thread `tid`. */
export interface ThreadEventRef {
  readonly tid: number;
  readonly index: number;
}

/**
 * Where `ref` is in the trace file at `path` (read as `format`): its line or byte offset,
 * with the file name; null if the trace has no such event.
 */
export async function locateThreadEvent(
  path: string,
  format: TraceFormat,
  ref: ThreadEventRef,
): Promise<InputLocation | null> {
  const global = await globalIndex(path, format, ref);
  if (global < 0) return null;
  const reader = await openLocatingTrace(path, { format });
  try {
    for (let seen = 0; seen < global;) {
      const chunk = await reader.nextAtMost(global - seen);
      if (chunk === null) return null;
      seen += chunk.length;
    }
    return (await reader.nextAtMost(1)) === null ? null : reader.lastEventLocation();
  } finally {
    await reader.close();
  }
}

/** The index in the whole trace of `ref`, or -1. */
async function globalIndex(path: string, format: TraceFormat, ref: ThreadEventRef): Promise<number> {
  const reader = await openLocatingTrace(path, { format });
  try {
    let seen = 0;
    let left = ref.index;
    for (let chunk = await reader.next(); chunk !== null; chunk = await reader.next()) {
      const tid = chunk.tid;
      for (let i = 0; i < chunk.length; i++) {
        if (tid[i] === ref.tid && left-- === 0) return seen + i;
      }
      seen += chunk.length;
    }
    return -1;
  } finally {
    await reader.close();
  }
}
