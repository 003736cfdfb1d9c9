/**
 * Streaming writer of txsim's text format, in its canonical form: the header line, then
 * for each chunk any newly defined `@site` lines followed by one line per event. Sizes
 * equal to the default (8) are left out; addresses are lower-case hex with 0x.
 * Reading the output gives back exactly the events written. Left out: the original
 * layout of a text input (comments, blank lines, where `@site` lines stood).
 */
import { InputError } from '../util/errors.js';
import { DEFAULT_SIZE, NO_SITE, Op, SYS_KINDS, isMemoryOp, type EventChunk, type Site } from './events.js';
import type { ByteSink } from './sink.js';
import { TEXT_HEADER } from './text-reader.js';
import { TEXT_NAME } from './text-line.js';
import { checkEvent, pump, type EventSource, type TraceWriter } from './writer.js';

const BAD_NAME = /[\s#]/;

/** The `@site` line for a site; an InputError if a name cannot be written as one token. */
export function siteLine(s: Site): string {
  if (
    s.file === '' ||
    BAD_NAME.test(s.file) ||
    (s.fn !== undefined && (s.fn === '' || BAD_NAME.test(s.fn)))
  ) {
    throw new InputError(
      `site ${s.id} (${s.file}:${s.line} ${s.fn ?? ''}) cannot be written as text: names must be non-empty without blanks or '#'`,
    );
  }
  return `@site ${s.id} ${s.file}:${s.line}${s.fn === undefined ? '' : ` ${s.fn}`}`;
}

/** The text line for event `i` of `chunk` (no line feed). */
export function eventLine(chunk: EventChunk, i: number): string {
  const op = chunk.op[i]!;
  const addr = chunk.addr[i]!;
  let line = `${chunk.tid[i]!} ${TEXT_NAME[op] ?? '?'}`;
  if (isMemoryOp(op)) {
    const size = chunk.size[i]!;
    line += size === DEFAULT_SIZE ? ` 0x${addr.toString(16)}` : ` 0x${addr.toString(16)} ${size}`;
  } else if (op === Op.lock || op === Op.unlock) {
    line += ` 0x${addr.toString(16)}`;
  } else if (op === Op.compute || op === Op.abort) {
    line += ` ${addr}`;
  } else if (op === Op.sys) {
    line += ` ${SYS_KINDS[addr] ?? '?'}`;
  }
  const site = chunk.site[i]!;
  return site === NO_SITE ? line : `${line} @${site}`;
}

export class TextTraceWriter implements TraceWriter {
  private started = false;
  private count = 0;
  private readonly written = new Set<number>();

  constructor(private readonly sink: ByteSink) {}

  async write(chunk: EventChunk, sites: ReadonlyMap<number, Site>): Promise<void> {
    const parts = this.begin(sites);
    const known = (id: number): boolean => this.written.has(id);
    for (let i = 0; i < chunk.length; i++) {
      checkEvent(chunk, i, known);
      parts.push(eventLine(chunk, i));
    }
    this.count += chunk.length;
    if (parts.length > 0) await this.sink.write(Buffer.from(parts.join('\n') + '\n', 'utf8'));
  }

  async finish(sites: ReadonlyMap<number, Site>): Promise<number> {
    const parts = this.begin(sites);
    if (parts.length > 0) await this.sink.write(Buffer.from(parts.join('\n') + '\n', 'utf8'));
    await this.sink.close();
    return this.count;
  }

  /** The header (first call only) and the lines of sites not written yet. */
  private begin(sites: ReadonlyMap<number, Site>): string[] {
    const parts: string[] = [];
    if (!this.started) {
      this.started = true;
      parts.push(TEXT_HEADER);
    }
    for (const [id, s] of sites) {
      if (this.written.has(id)) continue;
      parts.push(siteLine(s));
      this.written.add(id);
    }
    return parts;
  }
}

/** Writes every event of `src` to `sink` as text; resolves to the event count. */
export function writeText(src: EventSource, sink: ByteSink): Promise<number> {
  return pump(src, new TextTraceWriter(sink));
}
