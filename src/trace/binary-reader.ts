/**
 * Reader of txsim's binary format: record framing, CRC checks, site tables and the end
 * record; events are decoded by binary-decode.ts. Truncation (a short header, chunk or end
 * record, or no end record) and corruption (bad magic, CRC mismatch, bad tag, counts that
 * disagree) are InputErrors carrying the byte offset of the damaged record or event; so is
 * a site whose names the text format cannot hold (the rule of text-line.ts).
 * Memory: the input buffer (4 MiB, or one chunk record if larger) plus one event chunk.
 * Left out: recovering the intact chunks of a damaged file (the first damage stops reading).
 */
import { crc32 } from 'node:zlib';
import { counted, hex32 } from '../util/format.js';
import { InputError, type InputLocation } from '../util/errors.js';
import { createChunk, type EventChunk, type Site } from './events.js';
import type { LocatingReader } from './reader.js';
import { BlockBuffer } from './block-buffer.js';
import {
  CHUNK_HEADER_BYTES,
  CHUNK_MAGIC,
  END_MAGIC,
  END_RECORD_BYTES,
  FILE_HEADER_BYTES,
  FILE_MAGIC,
  FORMAT_VERSION,
  MAX_PAYLOAD_BYTES,
} from './binary-format.js';
import { decodeEvents, newDecodeState, startChunk, type DecodeState } from './binary-decode.js';
import { WARMUP_CALLS, WARMUP_EVENTS } from './line-reader.js';
import type { ByteSource } from './source.js';
import { MAX_SITE_ID, SITE_NAME_RULE, describeSite, siteFitsText } from './text-line.js';

function u32(buf: Uint8Array, p: number): number {
  return (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0;
}

/** Site names are UTF-8: a malformed sequence is an error, not a replacement character. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class BinaryReader implements LocatingReader {
  readonly format = 'binary' as const;
  readonly sites = new Map<number, Site>();
  private readonly input: BlockBuffer;
  private readonly chunk: EventChunk;
  private readonly st: DecodeState;
  private phase: 'header' | 'records' | 'done' = 'header';
  private inChunk = false;
  private chunkCount = 0;
  private eventCount = 0;
  /** Event count of the chunk being decoded. */
  private recordEvents = 0;
  private closed = false;
  /** Stream offset where the last `decodeEvents` call started (`lastEventLocation`). */
  private decodedFrom = 0;
  /** Calls of decodeEvents left with a small limit (JIT warm-up, see line-reader.ts). */
  private warmup = WARMUP_CALLS;

  constructor(
    readonly path: string,
    source: ByteSource,
    chunkEvents: number,
  ) {
    this.input = new BlockBuffer(source);
    this.chunk = createChunk(chunkEvents);
    this.st = newDecodeState(source.name, this.sites);
  }

  private get name(): string {
    return this.input.source.name;
  }

  private fail(message: string, at: number): InputError {
    return new InputError(message, { file: this.name, byteOffset: this.input.base + at });
  }

  next(): Promise<EventChunk | null> {
    return this.nextAtMost(this.chunk.op.length);
  }

  async nextAtMost(max: number): Promise<EventChunk | null> {
    if (this.closed) return null;
    if (this.phase === 'header') await this.readHeader();
    const cap = Math.min(this.chunk.op.length, max);
    let n = 0;
    while (n < cap && this.phase !== 'done') {
      if (!this.inChunk) {
        await this.readRecord();
        continue;
      }
      let limit = cap;
      if (this.warmup > 0) {
        this.warmup--;
        limit = Math.min(cap, n + WARMUP_EVENTS);
      }
      this.decodedFrom = this.st.base + this.st.p;
      n = decodeEvents(this.st, this.chunk, n, limit);
      if (this.st.remaining === 0) this.endChunk();
    }
    this.chunk.length = n;
    return n === 0 ? null : this.chunk;
  }

  /**
   * The chunk-at-a-time alternative to `next()`, for a consumer that decodes events itself
   * (the fused cachegrind replay, src/cache/cachegrind-binary.ts): frames and checks the
   * next chunk record that holds events and returns the decode state at its first event,
   * or null after the end record (an InputError if the trace had no events, as `next()`
   * through `openTrace`). The consumer decodes exactly `remaining` events (its own loop,
   * `decodeOne`) and then calls `endRawChunk()`. Do not mix with `next()`.
   */
  async rawChunk(): Promise<DecodeState | null> {
    if (this.closed) return null;
    if (this.phase === 'header') await this.readHeader();
    while (this.phase !== 'done') {
      if (this.inChunk) return this.st;
      await this.readRecord();
    }
    if (this.eventCount === 0) throw new InputError('trace is empty', { file: this.name });
    return null;
  }

  /** Ends the chunk returned by `rawChunk` once its events are decoded. */
  endRawChunk(): void {
    if (this.st.remaining !== 0) throw new Error('endRawChunk before every event was decoded');
    this.endChunk();
  }

  /** Right after `nextAtMost(1)`, its one event was the only one its decode call read. */
  lastEventLocation(): InputLocation {
    return { file: this.name, byteOffset: this.decodedFrom };
  }

  fraction(): number | null {
    return this.input.source.fraction();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.input.source.close();
  }

  private async readHeader(): Promise<void> {
    const inp = this.input;
    const got = await inp.fill(FILE_HEADER_BYTES);
    const b = inp.buf;
    for (let i = 0; i < FILE_MAGIC.length; i++) {
      if (i >= got) throw this.fail(`truncated file header (${got} of ${FILE_HEADER_BYTES} bytes)`, 0);
      if (b[i] !== FILE_MAGIC[i]) throw this.fail('not a txsim binary trace (bad magic)', 0);
    }
    if (got < FILE_HEADER_BYTES)
      throw this.fail(`truncated file header (${got} of ${FILE_HEADER_BYTES} bytes)`, 0);
    const stored = u32(b, 12);
    const actual = crc32(b.subarray(0, 12));
    if (stored !== actual)
      throw this.fail(`file header CRC mismatch (stored ${hex32(stored)}, computed ${hex32(actual)})`, 0);
    const version = b[8]! | (b[9]! << 8);
    if (version !== FORMAT_VERSION)
      throw this.fail(`unsupported binary trace version ${version} (this txsim reads 1)`, 8);
    if ((b[10]! | (b[11]! << 8)) !== 0) throw this.fail('unknown header flags', 10);
    inp.pos = FILE_HEADER_BYTES;
    this.phase = 'records';
  }

  /** Reads the next record header: starts a chunk, or checks the end record. */
  private async readRecord(): Promise<void> {
    const inp = this.input;
    const got = await inp.fill(CHUNK_HEADER_BYTES);
    const at = inp.pos;
    const b = inp.buf;
    if (got === 0) {
      throw this.fail(`missing end record after ${counted(this.chunkCount, 'chunk')} (file truncated?)`, at);
    }
    if (got < 4) throw this.fail(`truncated record header (${got} of 4 bytes)`, at);
    const magic = u32(b, at);
    if (magic === END_MAGIC) return this.readEnd();
    if (magic !== CHUNK_MAGIC) {
      throw this.fail(
        `bad record magic ${hex32(magic)} (expected a chunk 'TXBC' or the end record 'TXBE')`,
        at,
      );
    }
    if (got < CHUNK_HEADER_BYTES)
      throw this.fail(`truncated chunk header (${got} of ${CHUNK_HEADER_BYTES} bytes)`, at);
    const len = u32(b, at + 4);
    const events = u32(b, at + 8);
    if (len > MAX_PAYLOAD_BYTES || events > len) {
      throw this.fail(
        `implausible chunk header (payload ${counted(len, 'byte')}, ${counted(events, 'event')})`,
        at,
      );
    }
    const have = await inp.fill(CHUNK_HEADER_BYTES + len);
    const start = inp.pos; // fill may have moved the record
    if (have < CHUNK_HEADER_BYTES + len) {
      // Either the file was cut short or the length field is damaged (the CRC that would
      // tell them apart covers the payload, which is not all there).
      throw this.fail(
        `chunk length of ${counted(len, 'byte')} runs past the end of the file (${counted(have - CHUNK_HEADER_BYTES, 'byte')} follow the chunk header): the file is truncated or the length is corrupt`,
        start,
      );
    }
    const buf = inp.buf;
    const payload = start + CHUNK_HEADER_BYTES;
    const stored = u32(buf, start + 12);
    const actual = crc32(buf.subarray(payload, payload + len), crc32(buf.subarray(start + 4, start + 12)));
    if (stored !== actual) {
      throw this.fail(
        `chunk CRC mismatch (stored ${hex32(stored)}, computed ${hex32(actual)}): data corrupted`,
        start,
      );
    }
    const st = this.st;
    st.buf = buf;
    st.base = inp.base;
    const p = this.readSites(payload, payload + len);
    startChunk(st, p, payload + len, events);
    this.recordEvents = events;
    this.inChunk = true;
    if (events === 0) this.endChunk();
  }

  private endChunk(): void {
    const st = this.st;
    if (st.p !== st.end)
      throw this.fail(`chunk has ${counted(st.end - st.p, 'byte')} after its last event`, st.p);
    this.inChunk = false;
    this.chunkCount++;
    this.eventCount += this.recordEvents;
    this.input.pos = st.end;
  }

  /** Reads the chunk's site table at `p`; returns the position of its first event. */
  private readSites(p: number, end: number): number {
    const buf = this.input.buf;
    let at = p;
    const varint = (): number => {
      let v = 0;
      let scale = 1;
      for (let i = 0; i < 5; i++) {
        if (p >= end) throw this.fail('site table runs past the end of its chunk', at);
        const c = buf[p++]!;
        v += (c & 0x7f) * scale;
        scale *= 128;
        if (c < 0x80) return v;
      }
      throw this.fail('bad varint in the site table', at);
    };
    const text = (len: number): string => {
      if (p + len > end) throw this.fail('site table runs past the end of its chunk', at);
      let s: string;
      try {
        s = UTF8.decode(buf.subarray(p, p + len));
      } catch {
        throw this.fail('a site name is not valid UTF-8', at);
      }
      p += len;
      return s;
    };
    const entries = varint();
    for (let i = 0; i < entries; i++) {
      at = p;
      const id = varint();
      const line = varint();
      const file = text(varint());
      const fnLen = varint();
      const fn = fnLen === 0 ? undefined : text(fnLen - 1);
      if (id > MAX_SITE_ID) throw this.fail(`site id ${id} above ${MAX_SITE_ID}`, at);
      // The text format's range, so that every binary trace converts to text.
      if (line > MAX_SITE_ID) throw this.fail(`site ${id}: line number ${line} above ${MAX_SITE_ID}`, at);
      const site: Site = fn === undefined ? { id, file, line } : { id, file, line, fn };
      // The text format's rule, so that every binary trace converts to text.
      if (!siteFitsText(site)) throw this.fail(`${describeSite(site)}: ${SITE_NAME_RULE}`, at);
      const old = this.sites.get(id);
      if (old !== undefined && (old.file !== file || old.line !== line || old.fn !== fn)) {
        throw this.fail(`site ${id} is already defined differently`, at);
      }
      this.sites.set(id, site);
    }
    return p;
  }

  private async readEnd(): Promise<void> {
    const inp = this.input;
    const got = await inp.fill(END_RECORD_BYTES);
    const at = inp.pos;
    const b = inp.buf;
    if (got < END_RECORD_BYTES)
      throw this.fail(`truncated end record (${got} of ${END_RECORD_BYTES} bytes)`, at);
    const stored = u32(b, at + 16);
    const actual = crc32(b.subarray(at, at + 16));
    if (stored !== actual)
      throw this.fail(`end record CRC mismatch (stored ${hex32(stored)}, computed ${hex32(actual)})`, at);
    const chunks = u32(b, at + 4);
    // A u64: exact as a BigInt (a double would round values above 2^53 in the message).
    const events = BigInt(u32(b, at + 8)) + (BigInt(u32(b, at + 12)) << 32n);
    if (chunks !== this.chunkCount || events !== BigInt(this.eventCount)) {
      throw this.fail(
        `end record says ${counted(chunks, 'chunk')} and ${counted(events, 'event')}, but the file holds ${this.chunkCount} and ${this.eventCount}`,
        at,
      );
    }
    inp.pos = at + END_RECORD_BYTES;
    if ((await inp.fill(1)) > 0) throw this.fail('unexpected data after the end record', inp.pos);
    this.phase = 'done';
  }
}
