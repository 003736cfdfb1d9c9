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
import type { InputLocation, ThreadEventRef } from '../util/errors.js';
import { MAX_TID } from './events.js';
import { openLocatingTrace } from './open.js';
import type { TraceFormat } from './reader.js';

/**
 * Where each of `refs` is in the trace file at `path` (read as `format`): its line or byte
 * offset, with the file name; null for an event the trace does not have. Two passes over
 * the file, whatever the number of refs.
 */
export async function locateThreadEvents(
  path: string,
  format: TraceFormat,
  refs: readonly ThreadEventRef[],
): Promise<(InputLocation | null)[]> {
  const globals = await globalIndices(path, format, refs);
  const wanted = [...new Set(globals.filter((g) => g >= 0))].sort((a, b) => a - b);
  const at = new Map<number, InputLocation>();
  const reader = await openLocatingTrace(path, { format });
  try {
    let seen = 0;
    for (const g of wanted) {
      while (seen < g) {
        const chunk = await reader.nextAtMost(g - seen);
        if (chunk === null) break;
        seen += chunk.length;
      }
      if (seen < g || (await reader.nextAtMost(1)) === null) break;
      seen++;
      at.set(g, reader.lastEventLocation());
    }
  } finally {
    await reader.close();
  }
  return globals.map((g) => at.get(g) ?? null);
}

/** The index in the whole trace of each of `refs`, or -1 for one the trace does not have. */
async function globalIndices(
  path: string,
  format: TraceFormat,
  refs: readonly ThreadEventRef[],
): Promise<number[]> {
  const out = refs.map(() => -1);
  /** Events seen so far of each trace thread (only threads that a ref names are counted). */
  const count = new Float64Array(MAX_TID + 1);
  const named = new Uint8Array(MAX_TID + 1);
  for (const r of refs) named[r.tid] = 1;
  let left = refs.length;
  const reader = await openLocatingTrace(path, { format });
  try {
    let seen = 0;
    for (let chunk = await reader.next(); chunk !== null && left > 0; chunk = await reader.next()) {
      const tid = chunk.tid;
      for (let i = 0; i < chunk.length; i++) {
        const t = tid[i] as number;
        if (named[t] === 0) continue;
        const n = count[t]!++;
        for (let k = 0; k < refs.length; k++) {
          const r = refs[k] as ThreadEventRef;
          if (r.tid === t && r.index === n) {
            out[k] = seen + i;
            left--;
          }
        }
      }
      seen += chunk.length;
    }
    return out;
  } finally {
    await reader.close();
  }
}
