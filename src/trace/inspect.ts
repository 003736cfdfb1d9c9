/**
 * `inspectTrace`: one streaming pass over a trace that summarises what it contains:
 * threads, events by kind, atomic blocks and their footprints, sites, distinct cache lines
 * and the address range. Not a hot path: it favours plain code (a LineSet per open block;
 * an access over many lines is one range, whatever its size).
 *
 * Definitions. A block is an outermost `begin .. end` of one thread; nested blocks fold into
 * the outer one (they count towards the maximum depth only). An `abort` does not close a
 * block. A block's footprint is the number of distinct 64-byte lines touched by its data
 * accesses (r, w, u, rp, wp, m; an access that straddles lines counts every line it
 * touches); instruction fetches and lock words are left out. Footprint statistics cover
 * completed blocks; p95 is the nearest-rank percentile. Distinct lines and the address range
 * cover every memory op (data and instruction fetch).
 */
import { OP_NAMES, Op, isMemoryOp, type OpName, type Site } from './events.js';
import { LineSet } from './line-set.js';
import { openTrace, type OpenOptions } from './open.js';
import type { OnProgress, TraceFormat } from './reader.js';

/** Line size used for footprints and distinct-line counts. */
export const LINE_BYTES = 64;
/** Initial slots of an open block's line set (it grows as needed). */
const BLOCK_SLOTS = 64;

export interface ThreadSummary {
  readonly tid: number;
  readonly events: number;
  /** Completed outermost atomic blocks of this thread. */
  readonly atomicBlocks: number;
}

export interface FootprintStats {
  readonly mean: number;
  readonly p95: number;
  readonly max: number;
}

export interface AtomicSummary {
  /** Completed outermost blocks, all threads. */
  readonly blocks: number;
  /** Deepest nesting seen (1 = no nesting; 0 = no blocks). */
  readonly maxDepth: number;
  /** Blocks still open at the end of the trace. */
  readonly unclosed: number;
  /** `end` events with no open block. */
  readonly unmatchedEnds: number;
  /** Footprint of completed blocks in distinct 64-byte lines; null if there are none. */
  readonly footprintLines: FootprintStats | null;
}

export interface TraceSummary {
  readonly path: string;
  readonly format: TraceFormat;
  readonly events: number;
  /** Threads in ascending tid order. */
  readonly threads: readonly ThreadSummary[];
  readonly byKind: Readonly<Record<OpName, number>>;
  readonly atomic: AtomicSummary;
  /** Site table in ascending id order. */
  readonly sites: readonly Site[];
  /** Distinct 64-byte lines touched by all memory ops, and by data ops only. */
  readonly distinctLines: number;
  readonly distinctDataLines: number;
  /** Lowest and highest byte address touched by a memory op; null if there is none. */
  readonly addressRange: { readonly min: number; readonly max: number } | null;
}

/** Nearest-rank statistics of a non-empty list. */
export function footprintStats(values: number[]): FootprintStats {
  const sorted = values.slice().sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    mean: sum / sorted.length,
    p95: sorted[Math.ceil(0.95 * sorted.length) - 1] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** Reads the whole trace at `path` and summarises it; `onProgress` is told after each chunk. */
export async function inspectTrace(
  path: string,
  opts: OpenOptions = {},
  onProgress?: OnProgress,
): Promise<TraceSummary> {
  const reader = await openTrace(path, opts);
  const perThread = new Map<
    number,
    { events: number; blocks: number; depth: number; lines: LineSet | null }
  >();
  const byKind = Object.fromEntries(OP_NAMES.map((n) => [n, 0])) as Record<OpName, number>;
  const kindCounts = new Float64Array(OP_NAMES.length);
  const all = new LineSet();
  const data = new LineSet();
  const footprints: number[] = [];
  let events = 0;
  let maxDepth = 0;
  let unmatchedEnds = 0;
  let min = Infinity;
  let max = -Infinity;
  try {
    for (let chunk = await reader.next(); chunk !== null; chunk = await reader.next()) {
      events += chunk.length;
      for (let i = 0; i < chunk.length; i++) {
        const op = chunk.op[i]!;
        const tid = chunk.tid[i]!;
        kindCounts[op]!++;
        let t = perThread.get(tid);
        if (t === undefined) {
          t = { events: 0, blocks: 0, depth: 0, lines: null };
          perThread.set(tid, t);
        }
        t.events++;
        if (op === Op.begin) {
          if (t.depth++ === 0) t.lines = new LineSet(BLOCK_SLOTS);
          if (t.depth > maxDepth) maxDepth = t.depth;
        } else if (op === Op.end) {
          if (t.depth === 0) unmatchedEnds++;
          else if (--t.depth === 0) {
            footprints.push(t.lines?.size ?? 0);
            t.blocks++;
            t.lines = null;
          }
        } else if (isMemoryOp(op)) {
          const addr = chunk.addr[i]!;
          const last = addr + chunk.size[i]! - 1;
          if (addr < min) min = addr;
          if (last > max) max = last;
          const first = Math.floor(addr / LINE_BYTES);
          const lastLine = Math.floor(last / LINE_BYTES);
          all.addRange(first, lastLine);
          if (op !== Op.ifetch) {
            data.addRange(first, lastLine);
            t.lines?.addRange(first, lastLine);
          }
        }
      }
      onProgress?.(events, reader.fraction());
    }
  } finally {
    await reader.close();
  }
  OP_NAMES.forEach((name, op) => (byKind[name] = kindCounts[op]!));
  const threads = [...perThread.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([tid, t]) => ({ tid, events: t.events, atomicBlocks: t.blocks }));
  let unclosed = 0;
  for (const t of perThread.values()) if (t.depth > 0) unclosed++;
  return {
    path,
    format: reader.format,
    events,
    threads,
    byKind,
    atomic: {
      blocks: footprints.length,
      maxDepth,
      unclosed,
      unmatchedEnds,
      footprintLines: footprints.length === 0 ? null : footprintStats(footprints),
    },
    sites: [...reader.sites.values()].sort((a, b) => a.id - b.id),
    distinctLines: all.size,
    distinctDataLines: data.size,
    addressRange: min <= max ? { min, max } : null,
  };
}
