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
import { SITE_NAME_RULE, TEXT_NAME, describeSite, siteFitsText } from './text-line.js';
import { checkEvent, pump, type EventSource, type TraceWriter } from './writer.js';

/** The `@site` line for a site; an InputError if a name cannot be written as one token. */
export function siteLine(s: Site): string {
  if (!siteFitsText(s))
    throw new InputError(`${describeSite(s)} cannot be written as text: ${SITE_NAME_RULE}`);
  return `@site ${s.id} ${s.file}:${s.line}${s.fn === undefined ? '' : ` ${s.fn}`}`;
}

/** Op and sys-kind names as bytes. */
const NAME_BYTES: readonly Uint8Array[] = TEXT_NAME.map((n) => Buffer.from(n, 'latin1'));
const SYS_BYTES: readonly Uint8Array[] = SYS_KINDS.map((k) => Buffer.from(k, 'latin1'));
const QUESTION = Buffer.from('?', 'latin1');
/** Most bytes of one event line: tid 5, name 6, " 0x" and 14 hex digits, " " and 16 digits, " @" and 10 digits, LF. */
const MAX_EVENT_LINE = 72;
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/** Writes the decimal form of a whole number in 0 .. 2^53-1 at `p`; returns the end. */
function putDecimal(buf: Uint8Array, p: number, v: number): number {
  if (v < 0x80000000) {
    // int32 arithmetic: V8 divides by a constant without a float division
    let len = 1;
    for (let x = v; x >= 10; x = (x / 10) | 0) len++;
    let e = p + len;
    let x = v;
    do {
      buf[--e] = 48 + (x % 10);
      x = (x / 10) | 0;
    } while (x > 0);
    return p + len;
  }
  const digits = String(v);
  for (let i = 0; i < digits.length; i++) buf[p + i] = digits.charCodeAt(i);
  return p + digits.length;
}

/** Writes the hex digits of `v` (0 .. 2^32-1), at least `min` of them, at `p`; returns the end. */
function putHex32(buf: Uint8Array, p: number, v: number, min: number): number {
  let len = 1;
  for (let x = v >>> 4; x !== 0; x >>>= 4) len++;
  if (len < min) len = min;
  let x = v;
  for (let e = p + len - 1; e >= p; e--) {
    buf[e] = HEX_DIGITS[x & 15] as number;
    x >>>= 4;
  }
  return p + len;
}

/** Writes ` 0x` and the lower-case hex form of a whole number in 0 .. 2^53-1 at `p`; returns the end. */
function putHexAddress(buf: Uint8Array, p: number, v: number): number {
  buf[p] = 0x20;
  buf[p + 1] = 0x30;
  buf[p + 2] = 0x78;
  // In 32-bit halves: integer operations, no float division or modulus per digit.
  const hi = Math.floor(v / 0x100000000);
  const lo = (v - hi * 0x100000000) >>> 0;
  if (hi === 0) return putHex32(buf, p + 3, lo, 1);
  return putHex32(buf, putHex32(buf, p + 3, hi, 1), lo, 8);
}

/** Copies a short name (a loop: `set` is a native call, slower for a few bytes). */
function putBytes(buf: Uint8Array, p: number, bytes: Uint8Array): number {
  for (let k = 0; k < bytes.length; k++) buf[p + k] = bytes[k] as number;
  return p + bytes.length;
}

/**
 * Writes the text line of event `i` of `chunk`, with its line feed, at `p` (room for
 * MAX_EVENT_LINE bytes); returns the end. Builds no strings: the writer's hot path.
 */
function putEventLine(buf: Uint8Array, p: number, chunk: EventChunk, i: number): number {
  const op = chunk.op[i]!;
  const addr = chunk.addr[i]!;
  p = putDecimal(buf, p, chunk.tid[i]!);
  buf[p++] = 0x20;
  p = putBytes(buf, p, NAME_BYTES[op] ?? QUESTION);
  if (isMemoryOp(op)) {
    p = putHexAddress(buf, p, addr);
    const size = chunk.size[i]!;
    if (size !== DEFAULT_SIZE) {
      buf[p++] = 0x20;
      p = putDecimal(buf, p, size);
    }
  } else if (op === Op.lock || op === Op.unlock) {
    p = putHexAddress(buf, p, addr);
  } else if (op === Op.compute || op === Op.abort) {
    buf[p++] = 0x20;
    p = putDecimal(buf, p, addr);
  } else if (op === Op.sys) {
    buf[p++] = 0x20;
    p = putBytes(buf, p, SYS_BYTES[addr] ?? QUESTION);
  }
  const site = chunk.site[i]!;
  if (site !== NO_SITE) {
    buf[p++] = 0x20;
    buf[p++] = 0x40;
    p = putDecimal(buf, p, site);
  }
  buf[p++] = 0x0a;
  return p;
}

export class TextTraceWriter implements TraceWriter {
  private started = false;
  private count = 0;
  private readonly written = new Set<number>();

  constructor(private readonly sink: ByteSink) {}

  async write(chunk: EventChunk, sites: ReadonlyMap<number, Site>): Promise<void> {
    const head = this.begin(sites);
    const known = (id: number): boolean => this.written.has(id);
    // A fresh buffer per chunk: the sink may still hold the previous one.
    const buf = Buffer.allocUnsafe(Buffer.byteLength(head, 'utf8') + chunk.length * MAX_EVENT_LINE);
    let p = buf.write(head, 0, 'utf8');
    for (let i = 0; i < chunk.length; i++) {
      checkEvent(chunk, i, known);
      p = putEventLine(buf, p, chunk, i);
    }
    this.count += chunk.length;
    if (p > 0) await this.sink.write(buf.subarray(0, p));
  }

  async finish(sites: ReadonlyMap<number, Site>): Promise<number> {
    const head = this.begin(sites);
    if (head !== '') await this.sink.write(Buffer.from(head, 'utf8'));
    await this.sink.close();
    return this.count;
  }

  /** The header (first call only) and the lines of sites not written yet, each with its line feed. */
  private begin(sites: ReadonlyMap<number, Site>): string {
    let out = '';
    if (!this.started) {
      this.started = true;
      out += `${TEXT_HEADER}\n`;
    }
    for (const [id, s] of sites) {
      if (this.written.has(id)) continue;
      out += `${siteLine(s)}\n`;
      this.written.add(id);
    }
    return out;
  }
}

/** Writes every event of `src` to `sink` as text; resolves to the event count. */
export function writeText(src: EventSource, sink: ByteSink): Promise<number> {
  return pump(src, new TextTraceWriter(sink));
}
