/**
 * Common machinery of the line-oriented readers (txsim text, lackey, din): it keeps the
 * input buffer filled with whole lines and hands each format's parser the span
 * `pos .. stop-1`, which always ends with a line feed (a missing final line feed is
 * supplied). The parser fills the reusable chunk and advances `pos` and `line`.
 * Memory: the read buffer (4 MiB; a line may not exceed 1 MiB) plus one chunk, whatever
 * the trace length.
 */
import { InputError, type InputLocation } from '../util/errors.js';
import { createChunk, type EventChunk, type Site } from './events.js';
import type { LocatingReader, TraceFormat } from './reader.js';
import { BlockBuffer } from './block-buffer.js';
import { CH_CR, CH_LF, CH_SPACE } from './scan.js';
import type { ByteSource } from './source.js';

/**
 * JIT warm-up: the first calls of `parse` stop after a few events, so that V8 sees the
 * loop exit (and its stores to `this`) before it optimizes the long-running loop. Without
 * it, V8 compiles the loop on-stack while one call is still inside it, with no feedback
 * for the exit path, and that cached code bails out at the end of every later call.
 */
export const WARMUP_CALLS = 32;
export const WARMUP_EVENTS = 16;

/** Longest line accepted by the text readers. */
export const MAX_LINE_BYTES = 1 << 20;

export abstract class LineReader implements LocatingReader {
  abstract readonly format: TraceFormat;
  readonly sites = new Map<number, Site>();
  protected readonly input: BlockBuffer;
  protected readonly chunk: EventChunk;
  /** First unparsed byte; the parser advances it. */
  protected pos = 0;
  /** End of the complete lines in the buffer (one past a line feed). */
  protected stop = 0;
  /** Number of the last line parsed (1-based). */
  protected line = 0;
  private closed = false;
  /** Calls left in the warm-up (see WARMUP_CALLS). */
  private warmup = WARMUP_CALLS;

  constructor(
    readonly path: string,
    source: ByteSource,
    chunkEvents: number,
  ) {
    this.input = new BlockBuffer(source);
    this.chunk = createChunk(chunkEvents);
  }

  /** Display name for messages. */
  protected get name(): string {
    return this.input.source.name;
  }

  /** Parses lines from `pos` until `stop` or until the chunk holds `limit` events; returns the new count. */
  protected abstract parse(n: number, limit: number): number;

  next(): Promise<EventChunk | null> {
    return this.nextAtMost(this.chunk.op.length);
  }

  async nextAtMost(max: number): Promise<EventChunk | null> {
    if (this.closed) return null;
    const cap = Math.min(this.chunk.op.length, max);
    let n = 0;
    while (n < cap) {
      if (this.pos >= this.stop && !(await this.refill())) break;
      let limit = cap;
      if (this.warmup > 0) {
        this.warmup--;
        limit = Math.min(cap, n + WARMUP_EVENTS);
      }
      n = this.parse(n, limit);
    }
    this.chunk.length = n;
    return n === 0 ? null : this.chunk;
  }

  /** The line of the last event parsed: `parse` stops right after the event that fills its limit. */
  lastEventLocation(): InputLocation {
    return { file: this.name, line: this.line };
  }

  fraction(): number | null {
    return this.input.source.fraction();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.input.source.close();
  }

  /** Makes at least one whole line available; false at the end of input. */
  private async refill(): Promise<boolean> {
    const inp = this.input;
    inp.pos = this.pos;
    for (;;) {
      await inp.fill();
      const nl = inp.end > inp.pos ? inp.buf.lastIndexOf(CH_LF, inp.end - 1) : -1;
      if (nl >= inp.pos) {
        this.pos = inp.pos;
        this.stop = nl + 1;
        return true;
      }
      if (inp.eof) {
        this.pos = inp.pos;
        this.stop = inp.pos;
        if (inp.end === inp.pos) return false;
        // Supply the missing final line feed (in the slack). A CR just before it is not a
        // line end (only LF and CRLF are): a space after it keeps it inside the line, so
        // each format treats it as it treats any lone CR (an error, or ignored in a comment).
        if (inp.buf[inp.end - 1] === CH_CR) inp.buf[inp.end++] = CH_SPACE;
        inp.buf[inp.end++] = CH_LF;
        this.stop = inp.end;
        return true;
      }
      if (inp.available >= Math.min(inp.capacity, MAX_LINE_BYTES)) {
        throw new InputError(`line is longer than ${MAX_LINE_BYTES >> 20} MiB`, {
          file: this.name,
          line: this.line + 1,
        });
      }
    }
  }

  /** An InputError at the current line. */
  protected fail(message: string, line: number = this.line): InputError {
    return new InputError(message, { file: this.name, line });
  }
}
