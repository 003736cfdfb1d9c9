/**
 * Streaming writer of txsim's binary format (layout in binary-format.ts and
 * docs/trace-format.md). Events are packed into chunks of `chunkEvents` (default 65536);
 * each chunk is written as soon as it is full, so memory is one chunk's payload
 * (at most chunkEvents × 24 bytes) whatever the trace length.
 * Address deltas are taken per thread from three predictors (instruction, and two for data,
 * the nearer one chosen per event), which keeps lackey-style streams near 2.3 bytes per event.
 * Left out: compression (use `--gzip`).
 */
import { crc32 } from 'node:zlib';
import { CHUNK_EVENTS, MAX_TID, NO_SITE, type EventChunk, type Site } from './events.js';
import {
  ADDR_PLAIN,
  CHUNK_HEADER_BYTES,
  CHUNK_MAGIC,
  END_MAGIC,
  END_RECORD_BYTES,
  FILE_HEADER_BYTES,
  FILE_MAGIC,
  FLAG_SITE,
  FLAG_TID,
  FORMAT_VERSION,
  MAX_EVENT_BYTES,
  PRED_D0,
  PRED_D1,
  PREDICTORS,
  SIZE_EXPLICIT,
  TAG_ADDR,
  TAG_EXT,
  TAG_SIZE,
  tagFor,
} from './binary-format.js';
import type { ByteSink } from './sink.js';
import { putVarint, putZigzag } from './varint.js';
import { checkEvent, pump, type EventSource, type TraceWriter } from './writer.js';

export interface BinaryWriterOptions {
  /** Events per chunk (default 65536). */
  readonly chunkEvents?: number;
}

function putU32(buf: Uint8Array, p: number, v: number): void {
  buf[p] = v & 0xff;
  buf[p + 1] = (v >>> 8) & 0xff;
  buf[p + 2] = (v >>> 16) & 0xff;
  buf[p + 3] = (v >>> 24) & 0xff;
}

function encodeSite(s: Site): Uint8Array {
  const file = Buffer.from(s.file, 'utf8');
  const fn = s.fn === undefined ? null : Buffer.from(s.fn, 'utf8');
  const out = new Uint8Array(25 + file.length + (fn?.length ?? 0));
  let p = putVarint(out, 0, s.id);
  p = putVarint(out, p, s.line);
  p = putVarint(out, p, file.length);
  out.set(file, p);
  p += file.length;
  p = putVarint(out, p, fn === null ? 0 : fn.length + 1);
  if (fn !== null) {
    out.set(fn, p);
    p += fn.length;
  }
  return out.subarray(0, p);
}

export class BinaryTraceWriter implements TraceWriter {
  private readonly chunkEvents: number;
  private readonly events: Uint8Array;
  private p = 0;
  private count = 0;
  private total = 0;
  private chunks = 0;
  private started = false;
  private readonly written = new Set<number>();
  private pendingSites: Uint8Array[] = [];
  private tid = 0;
  /** Address predictors per thread: index tid*3 + PRED_I / PRED_D0 / PRED_D1. */
  private readonly prev = new Float64Array(PREDICTORS * (MAX_TID + 1));
  private touched: number[] = [];

  constructor(
    private readonly sink: ByteSink,
    opts: BinaryWriterOptions = {},
  ) {
    this.chunkEvents = Math.max(1, Math.floor(opts.chunkEvents ?? CHUNK_EVENTS));
    this.events = new Uint8Array(this.chunkEvents * MAX_EVENT_BYTES);
  }

  async write(chunk: EventChunk, sites: ReadonlyMap<number, Site>): Promise<void> {
    await this.start();
    this.addSites(sites);
    const known = (id: number): boolean => this.written.has(id);
    for (let i = 0; i < chunk.length; i++) {
      checkEvent(chunk, i, known);
      this.encode(chunk, i);
      if (++this.count === this.chunkEvents) await this.flush();
    }
  }

  async finish(sites: ReadonlyMap<number, Site>): Promise<number> {
    await this.start();
    this.addSites(sites);
    if (this.count > 0 || this.pendingSites.length > 0) await this.flush();
    const end = new Uint8Array(END_RECORD_BYTES);
    putU32(end, 0, END_MAGIC);
    putU32(end, 4, this.chunks);
    putU32(end, 8, this.total % 0x100000000);
    putU32(end, 12, Math.floor(this.total / 0x100000000));
    putU32(end, 16, crc32(end.subarray(0, 16)));
    await this.sink.write(end);
    await this.sink.close();
    return this.total;
  }

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const h = new Uint8Array(FILE_HEADER_BYTES);
    h.set(FILE_MAGIC, 0);
    h[8] = FORMAT_VERSION;
    putU32(h, 12, crc32(h.subarray(0, 12)));
    await this.sink.write(h);
  }

  private addSites(sites: ReadonlyMap<number, Site>): void {
    for (const [id, s] of sites) {
      if (this.written.has(id)) continue;
      this.written.add(id);
      this.pendingSites.push(encodeSite(s));
    }
  }

  private encode(chunk: EventChunk, i: number): void {
    const buf = this.events;
    const op = chunk.op[i]!;
    const tid = chunk.tid[i]!;
    const size = chunk.size[i]!;
    const site = chunk.site[i]!;
    const addr = chunk.addr[i]!;
    const base = tid * PREDICTORS;
    const prev = this.prev;
    // Data ops and locks use the nearer of the thread's two data predictors.
    const sel = Math.abs(addr - prev[base + PRED_D1]!) < Math.abs(addr - prev[base + PRED_D0]!) ? 1 : 0;
    const tag = tagFor(op, size, sel);
    const flags = (tid !== this.tid ? FLAG_TID : 0) | (site !== NO_SITE ? FLAG_SITE : 0);
    let p = this.p;
    buf[p++] = flags === 0 ? tag : tag | TAG_EXT;
    if (flags !== 0) buf[p++] = flags;
    if ((flags & FLAG_TID) !== 0) {
      p = putVarint(buf, p, tid);
      this.tid = tid;
    }
    const kind = TAG_ADDR[tag]!;
    if (kind < ADDR_PLAIN) {
      const k = base + kind;
      if (prev[k] === 0) this.touched.push(k);
      p = putZigzag(buf, p, addr - prev[k]!);
      prev[k] = addr;
    } else if (kind === ADDR_PLAIN) {
      p = putVarint(buf, p, addr);
    }
    if (TAG_SIZE[tag] === SIZE_EXPLICIT) p = putVarint(buf, p, size);
    if ((flags & FLAG_SITE) !== 0) p = putVarint(buf, p, site);
    this.p = p;
  }

  /** Writes the current chunk and starts a new one (predictors and tid reset). */
  private async flush(): Promise<void> {
    let siteBytes = 0;
    for (const s of this.pendingSites) siteBytes += s.length;
    const countBytes = new Uint8Array(5);
    const cb = putVarint(countBytes, 0, this.pendingSites.length);
    const len = cb + siteBytes + this.p;
    const out = new Uint8Array(CHUNK_HEADER_BYTES + len);
    putU32(out, 0, CHUNK_MAGIC);
    putU32(out, 4, len);
    putU32(out, 8, this.count);
    let q = CHUNK_HEADER_BYTES;
    out.set(countBytes.subarray(0, cb), q);
    q += cb;
    for (const s of this.pendingSites) {
      out.set(s, q);
      q += s.length;
    }
    out.set(this.events.subarray(0, this.p), q);
    putU32(out, 12, crc32(out.subarray(CHUNK_HEADER_BYTES), crc32(out.subarray(4, 12))));
    this.total += this.count;
    this.chunks++;
    this.count = 0;
    this.p = 0;
    this.pendingSites = [];
    this.tid = 0;
    for (const k of this.touched) this.prev[k] = 0;
    this.touched = [];
    await this.sink.write(out);
  }
}

/** Writes every event of `src` to `sink` in the binary format; resolves to the event count. */
export function writeBinary(
  src: EventSource,
  sink: ByteSink,
  opts: BinaryWriterOptions = {},
): Promise<number> {
  return pump(src, new BinaryTraceWriter(sink, opts));
}
