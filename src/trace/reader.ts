/**
 * The streaming reader contract every trace format implements, and the format names.
 *
 * Call order: `openTrace` → `next()` until it returns null → `close()`. A reader holds at
 * most one chunk of decoded events plus its input buffer, so memory stays bounded whatever
 * the trace length. Errors are `InputError`s naming the file and the line (text formats)
 * or the byte offset (binary).
 */
import type { InputLocation } from '../util/errors.js';
import type { AddressRegions } from './dense.js';
import type { EventChunk, Site } from './events.js';

/** Formats txsim reads. `text` and `binary` are txsim's own; the rest are imports. */
export const TRACE_FORMATS = ['text', 'binary', 'lackey', 'din'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

/**
 * Told, after each chunk a command reads, the events read so far and the share of the
 * input read (TraceReader.fraction): how `convert` and `inspect` report progress.
 */
export type OnProgress = (events: number, fraction: number | null) => void;

export interface TraceReader {
  /** The path as the user gave it (used in messages). */
  readonly path: string;
  readonly format: TraceFormat;
  /** Source sites seen so far; complete once `next()` has returned null. */
  readonly sites: ReadonlyMap<number, Site>;
  /**
   * When set (OpenOptions.groupWindow, threaded reader only), events are regrouped by
   * thread within windows of this many events aligned on the trace's event count: each
   * thread's events of a window are contiguous (the part of the window in a chunk, when a
   * window spans two chunks), threads come in the order of their first event in it, and
   * every thread's own order is kept. Only a consumer that treats a window's threads
   * independently may use such a reader (the multicore demultiplexer).
   */
  readonly groupWindow?: number;
  /**
   * Set when the reader renumbers addresses densely (OpenOptions.dense): every address it
   * hands out is dense, and this table maps them back. `next()` may then throw
   * AddressSpaceFull (see dense.ts).
   */
  readonly regions?: AddressRegions;
  /**
   * The next chunk of events, or null at the end. The chunk may be reused by the next call,
   * and it stays the reader's: consumers must not write into it (the lackey and din readers
   * fill the constant tid and site columns only once).
   */
  next(): Promise<EventChunk | null>;
  /**
   * The share of the trace's bytes read so far, 0 to 1 (the reader may be a few chunks
   * ahead of its consumer), or null when the input's size is not known (a pipe): for
   * progress only.
   */
  fraction(): number | null;
  /** Releases the file; safe to call twice. */
  close(): Promise<void>;
}

/**
 * What the plain readers (not the threaded one) add, so an event can be found in its file
 * again (locate.ts): `nextAtMost(max)` is `next()` returning at most `max` events, and
 * right after `nextAtMost(1)`, `lastEventLocation()` is where that event is: its line in
 * the text formats, the byte offset of its encoding in the binary one.
 */
export interface LocatingReader extends TraceReader {
  nextAtMost(max: number): Promise<EventChunk | null>;
  lastEventLocation(): InputLocation;
}
