/**
 * The binary format's event decoder: the hot input path of the benchmark.
 *
 * `decodeEvents` decodes straight into the reusable chunk's typed arrays. Its loop handles
 * the common event (no flags byte, delta address of up to 4 varint bytes, coded size) with
 * locals only; anything else (a thread switch, a site, an explicit size, a plain argument,
 * a long delta, an error) goes through `decodeOne`, which checks every field. The caller
 * guarantees at least SLACK readable bytes after `end`, so a corrupt event can overrun
 * `end` by a bounded amount without leaving the array; the overrun is then reported.
 * Left out: the record framing, CRC and site table (binary-reader.ts).
 */
import { InputError } from '../util/errors.js';
import { MAX_ADDR, MAX_TID, NO_SITE, Op, SYS_KINDS, type EventChunk, type Site } from './events.js';
import {
  ADDR_DELTA,
  ADDR_MODE,
  ADDR_PLAIN,
  FLAG_SITE,
  FLAG_SIZE,
  FLAG_TID,
  TAG_BAD,
  TAG_EXPLICIT,
  TAG_EXT,
  TAG_FAST,
  TAG_SIZE,
} from './binary-format.js';
import { MAX_SITE_ID, MAX_SIZE } from './text-line.js';
import { unzigzag } from './varint.js';

/** Decoder state for the chunk being decoded; owned by the binary reader. */
export interface DecodeState {
  buf: Uint8Array;
  /** Stream offset of `buf[0]` (for messages). */
  base: number;
  name: string;
  /** Next event's position and the payload end. */
  p: number;
  end: number;
  /** Events of this chunk not yet decoded. */
  remaining: number;
  tid: number;
  /** Current thread's address predictors: [0] data, [1] ifetch. */
  readonly pred: Float64Array;
  /** Saved predictors of threads other than `tid`: [tid*2] data, [tid*2+1] ifetch. */
  readonly prev: Float64Array;
  /** Threads whose `prev` entries may be non-zero (cleared at each chunk start). */
  readonly touched: number[];
  readonly sites: ReadonlyMap<number, Site>;
}

export function newDecodeState(name: string, sites: ReadonlyMap<number, Site>): DecodeState {
  return {
    buf: new Uint8Array(0),
    base: 0,
    name,
    p: 0,
    end: 0,
    remaining: 0,
    tid: 0,
    pred: new Float64Array(2),
    prev: new Float64Array(2 * (MAX_TID + 1)),
    touched: [],
    sites,
  };
}

/** Starts a chunk whose events span `p .. end-1`: thread 0, all predictors 0. */
export function startChunk(s: DecodeState, p: number, end: number, count: number): void {
  for (const t of s.touched) {
    s.prev[t * 2] = 0;
    s.prev[t * 2 + 1] = 0;
  }
  s.touched.length = 0;
  s.p = p;
  s.end = end;
  s.remaining = count;
  s.tid = 0;
  s.pred[0] = 0;
  s.pred[1] = 0;
}

function corrupt(s: DecodeState, at: number, what: string): InputError {
  return new InputError(`corrupt event: ${what}`, { file: s.name, byteOffset: s.base + at });
}

/**
 * Decodes events into `chunk` from index `n` until it holds `limit` events or the chunk's
 * events run out. Constants are literals in the loop: imported bindings cost a load and a
 * check each time in V8's optimized code.
 */
export function decodeEvents(s: DecodeState, chunk: EventChunk, n: number, limit: number): number {
  const buf = s.buf;
  const end = s.end;
  const fastTag = TAG_FAST;
  const tagSize = TAG_SIZE;
  const { op: opA, tid: tidA, addr: addrA, size: sizeA, site: siteA } = chunk;
  const pred = s.pred;
  const n0 = n;
  if (limit > n + s.remaining) limit = n + s.remaining;
  let p = s.p;
  let tid = s.tid;
  let prevD = pred[0]!;
  let prevI = pred[1]!;
  while (n < limit) {
    const tag = buf[p]!;
    fast: if (fastTag[tag] === 1) {
      // Zigzag varint delta: up to 4 bytes in an int, longer ones with a float high part.
      let b = buf[p + 1]!;
      let v = b & 0x7f;
      let q = p + 2;
      let d: number;
      if (b < 0x80) {
        d = (v >>> 1) ^ -(v & 1);
      } else {
        b = buf[q++]!;
        v |= (b & 0x7f) << 7;
        if (b >= 0x80) {
          b = buf[q++]!;
          v |= (b & 0x7f) << 14;
          if (b >= 0x80) {
            b = buf[q++]!;
            v |= (b & 0x7f) << 21;
          }
        }
        if (b < 0x80) {
          d = (v >>> 1) ^ -(v & 1);
        } else {
          let hi = 0;
          let scale = 1;
          do {
            b = buf[q++]!;
            hi += (b & 0x7f) * scale;
            scale *= 128;
          } while (b >= 0x80 && scale < 0x10000000);
          if (b >= 0x80 || hi >= 0x4000000) break fast; // decodeOne reports it
          const mag = (v >>> 1) + hi * 0x8000000;
          d = (v & 1) === 0 ? mag : -mag - 1;
        }
      }
      const op = tag & 15;
      let a: number;
      if (op === 12 /* Op.ifetch */) {
        a = prevI + d;
        prevI = a;
      } else {
        a = prevD + d;
        prevD = a;
      }
      if (a < 0 || a > 9007199254740991 /* MAX_ADDR */ || q > end) {
        s.p = p;
        throw corrupt(s, p, q > end ? 'event runs past the end of its chunk' : `address ${a} out of range`);
      }
      p = q;
      opA[n] = op;
      tidA[n] = tid;
      addrA[n] = a;
      sizeA[n] = tagSize[tag]!;
      siteA[n] = -1; // NO_SITE
      n++;
      continue;
    }
    s.p = p;
    s.tid = tid;
    pred[0] = prevD;
    pred[1] = prevI;
    decodeOne(s, chunk, n);
    n++;
    p = s.p;
    tid = s.tid;
    prevD = pred[0]!;
    prevI = pred[1]!;
  }
  s.p = p;
  s.tid = tid;
  pred[0] = prevD;
  pred[1] = prevI;
  s.remaining -= n - n0;
  return n;
}

/** Low 28 bits and the rest of the last varint read by `readVarint`. */
let lo = 0;
let hi = 0;

/** Reads a varint of at most 8 bytes at `p` into `lo`/`hi`; returns the position after it. */
function readVarint(s: DecodeState, p: number): number {
  const buf = s.buf;
  const start = p;
  lo = 0;
  hi = 0;
  for (let shift = 0; shift < 28; shift += 7) {
    const b = buf[p++]!;
    lo |= (b & 0x7f) << shift;
    if (b < 0x80) return p;
  }
  let scale = 1;
  for (let i = 0; i < 4; i++) {
    const b = buf[p++]!;
    hi += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return p;
  }
  throw corrupt(s, start, 'varint longer than 8 bytes');
}

function plainValue(): number {
  return lo + hi * 0x10000000;
}

/** Moves to thread `tid`: saves the current thread's predictors, loads the new one's. */
function switchThread(s: DecodeState, tid: number): void {
  const old = s.tid;
  if (s.prev[old * 2] === 0 && s.prev[old * 2 + 1] === 0) s.touched.push(old);
  s.prev[old * 2] = s.pred[0]!;
  s.prev[old * 2 + 1] = s.pred[1]!;
  s.tid = tid;
  s.pred[0] = s.prev[tid * 2]!;
  s.pred[1] = s.prev[tid * 2 + 1]!;
}

/** Decodes the event at `s.p` with every check; stores it at `chunk[n]`. */
function decodeOne(s: DecodeState, chunk: EventChunk, n: number): void {
  const buf = s.buf;
  const start = s.p;
  let p = start;
  const tag = buf[p++]!;
  let size = TAG_SIZE[tag]!;
  const op = tag & 15;
  if (size === TAG_BAD) throw corrupt(s, start, `bad tag byte 0x${tag.toString(16).padStart(2, '0')}`);
  let flags = 0;
  if (tag >= TAG_EXT) {
    flags = buf[p++]!;
    if (flags === 0 || flags > 7) throw corrupt(s, start, `bad flags byte 0x${flags.toString(16)}`);
    if (((flags & FLAG_SIZE) !== 0) !== (size === TAG_EXPLICIT)) throw corrupt(s, start, 'size code and flags disagree');
  }
  if ((flags & FLAG_TID) !== 0) {
    p = readVarint(s, p);
    const tid = plainValue();
    if (tid > MAX_TID) throw corrupt(s, start, `thread id ${tid} above ${MAX_TID}`);
    switchThread(s, tid);
  }
  let addr = 0;
  const mode = ADDR_MODE[op];
  if (mode === ADDR_DELTA) {
    p = readVarint(s, p);
    if (hi >= 0x4000000) throw corrupt(s, start, 'address delta out of range');
    const d = unzigzag(lo, hi);
    const k = op === Op.ifetch ? 1 : 0;
    addr = s.pred[k]! + d;
    if (addr < 0 || addr > MAX_ADDR) throw corrupt(s, start, `address ${addr} out of range`);
    s.pred[k] = addr;
  } else if (mode === ADDR_PLAIN) {
    p = readVarint(s, p);
    addr = plainValue();
    const max = op === Op.abort ? 255 : op === Op.sys ? SYS_KINDS.length - 1 : MAX_ADDR;
    if (addr > max) throw corrupt(s, start, `argument ${addr} above ${max}`);
  }
  if (size === TAG_EXPLICIT) {
    p = readVarint(s, p);
    size = plainValue();
    if (size < 1 || size > MAX_SIZE) throw corrupt(s, start, `size ${size} out of range`);
  }
  let site = NO_SITE;
  if ((flags & FLAG_SITE) !== 0) {
    p = readVarint(s, p);
    site = plainValue();
    if (site > MAX_SITE_ID || !s.sites.has(site)) throw corrupt(s, start, `site ${site} is not defined`);
  }
  if (p > s.end) throw corrupt(s, start, 'event runs past the end of its chunk');
  s.p = p;
  chunk.op[n] = op;
  chunk.tid[n] = s.tid;
  chunk.addr[n] = addr;
  chunk.size[n] = size;
  chunk.site[n] = site;
}
