/**
 * The streaming writer contract shared by the text and binary writers, the event
 * invariants they check, and `pump`, which copies a reader into a writer.
 *
 * Writers take the reader's chunks as they come and keep at most one output chunk of their
 * own, so converting is bounded in memory like reading. Sites are written before the first
 * chunk that follows their definition. A writer given an event that breaks the invariants
 * below throws a RangeError: readers never produce one, so it is a txsim bug.
 */
import { MAX_ADDR, NO_SITE, Op, SYS_KINDS, isMemoryOp, type EventChunk, type Site } from './events.js';
import { MAX_SIZE } from './text-line.js';

/** What writers read from: a TraceReader, or any source of chunks with a site table. */
export interface EventSource {
  /** Sites defined so far; must contain every site the chunks returned so far refer to. */
  readonly sites: ReadonlyMap<number, Site>;
  next(): Promise<EventChunk | null>;
}

export interface TraceWriter {
  /** Appends events `0 .. chunk.length-1`, first writing any site in `sites` not written yet. */
  write(chunk: EventChunk, sites: ReadonlyMap<number, Site>): Promise<void>;
  /** Writes the remaining sites and the trailer, closes the sink; resolves to the event count. */
  finish(sites: ReadonlyMap<number, Site>): Promise<number>;
}

/**
 * Copies every chunk of `src` into `w` and finishes it; resolves to the event count.
 * `onChunk` is told the events copied so far after each chunk (progress).
 */
export async function pump(
  src: EventSource,
  w: TraceWriter,
  onChunk?: (events: number) => void,
): Promise<number> {
  let events = 0;
  for (;;) {
    const chunk = await src.next();
    if (chunk === null) return w.finish(src.sites);
    await w.write(chunk, src.sites);
    events += chunk.length;
    onChunk?.(events);
  }
}

function isWhole(v: number, max: number): boolean {
  return v >= 0 && v <= max && Math.floor(v) === v;
}

/**
 * Checks event `i` against the invariants: memory ops have a size 1..2^32-1 and every byte
 * at an address ≤ 2^53-1; lock/unlock an address and size 0; compute a cycle count; abort a code 0..255;
 * sys a SYS_KINDS index; begin/end addr 0; every other op size 0; site NO_SITE or written.
 */
export function checkEvent(chunk: EventChunk, i: number, siteKnown: (id: number) => boolean): void {
  const op = chunk.op[i]!;
  const addr = chunk.addr[i]!;
  const size = chunk.size[i]!;
  const site = chunk.site[i]!;
  let ok: boolean;
  if (isMemoryOp(op))
    ok = isWhole(addr, MAX_ADDR) && size >= 1 && size <= MAX_SIZE && size - 1 <= MAX_ADDR - addr;
  else if (op === Op.lock || op === Op.unlock || op === Op.compute)
    ok = isWhole(addr, MAX_ADDR) && size === 0;
  else if (op === Op.abort) ok = isWhole(addr, 255) && size === 0;
  else if (op === Op.sys) ok = isWhole(addr, SYS_KINDS.length - 1) && size === 0;
  else if (op === Op.begin || op === Op.end) ok = addr === 0 && size === 0;
  else ok = false;
  if (!ok || (site !== NO_SITE && !siteKnown(site))) {
    throw new RangeError(
      `invalid event ${i}: op ${op} tid ${chunk.tid[i]} addr ${addr} size ${size} site ${site}`,
    );
  }
}
