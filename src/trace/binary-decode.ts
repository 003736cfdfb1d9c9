/**
 * The binary format's event decoder: the hot input path of the benchmark.
 *
 * `decodeEvents` decodes straight into the reusable chunk's typed arrays. Its loop handles
 * the common event (a delta address and a coded size, with no flags byte or only a thread
 * switch) with locals only, and writes the tid and site columns in bulk for each run of
 * such events (they cannot change within a run). Anything else (a site, an explicit size,
 * a plain argument, a bad event) goes through `decodeOne`, which checks every field. The caller
 * guarantees SLACK readable bytes after `end`, so a corrupt event can overrun `end` by a
 * bounded amount without leaving the array; the overrun is then reported.
 * Left out: the record framing, CRC and site table (binary-reader.ts).
 */
import { InputError } from '../util/errors.js';
import { MAX_ADDR, MAX_TID, NO_SITE, Op, SYS_KINDS, type EventChunk, type Site } from './events.js';
import {
  ADDR_PLAIN,
  FLAG_SITE,
  FLAG_TID,
  PREDICTORS,
  SIZE_BAD,
  SIZE_EXPLICIT,
  TAG_ADDR,
  TAG_EXT,
  TAG_INFO,
  TAG_OP,
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
  /** Position after the delta read by the last `longDelta` call. */
  after: number;
  tid: number;
  /** The current thread's address predictors (I, D0, D1). */
  readonly pred: Float64Array;
  /** Saved predictors of the other threads, at tid*3 + predictor. */
  readonly prev: Float64Array;
  /** Threads whose `prev` entries may be non-zero (cleared at each chunk start), and a flag per thread. */
  readonly touched: number[];
  readonly seen: Uint8Array;
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
    after: 0,
    tid: 0,
    pred: new Float64Array(PREDICTORS),
    prev: new Float64Array(PREDICTORS * (MAX_TID + 1)),
    touched: [],
    seen: new Uint8Array(MAX_TID + 1),
    sites,
  };
}

/** Starts a chunk whose events span `p .. end-1`: thread 0, all predictors 0. */
export function startChunk(s: DecodeState, p: number, end: number, count: number): void {
  for (const t of s.touched) {
    s.prev.fill(0, t * PREDICTORS, t * PREDICTORS + PREDICTORS);
    s.seen[t] = 0;
  }
  s.touched.length = 0;
  s.pred.fill(0);
  s.p = p;
  s.end = end;
  s.remaining = count;
  s.tid = 0;
}

/** The message for an access whose last byte is above MAX_ADDR. */
function pastMax(addr: number, size: number): string {
  return `access of ${size} bytes at address ${addr} runs past 2^53-1`;
}

function corrupt(s: DecodeState, at: number, what: string): InputError {
  return new InputError(`corrupt event: ${what}`, { file: s.name, byteOffset: s.base + at });
}

/**
 * Decodes events into `chunk` from index `n` until it holds `limit` events or the chunk's
 * events run out; returns the new count. Constants are literals in the loop: imported
 * bindings cost a load and a check each time in V8's optimized code.
 */
export function decodeEvents(s: DecodeState, chunk: EventChunk, n: number, limit: number): number {
  const buf = s.buf;
  const end = s.end;
  const tagInfo = TAG_INFO;
  const { op: opA, addr: addrA, size: sizeA } = chunk;
  const pred = s.pred;
  const n0 = n;
  if (limit > n + s.remaining) limit = n + s.remaining;
  let p = s.p;
  let tid = s.tid;
  let run = n; // first event of the current run of fast events (same tid, no site)
  let pI = pred[0]!;
  let pD0 = pred[1]!;
  let pD1 = pred[2]!;
  while (n < limit) {
    const tag = buf[p]!;
    let info = tagInfo[tag]!;
    let q = p + 1;
    fast: {
      if (info === 0) {
        // Fast only for a thread switch alone (flags == FLAG_TID) on a fast tag.
        if (tag < 0x80 || buf[q] !== 1) break fast;
        info = tagInfo[tag & 0x7f]!;
        if (info === 0) break fast;
        let b = buf[q + 1]!;
        let t = b & 0x7f;
        q += 2;
        if (b >= 0x80) {
          b = buf[q++]!;
          t |= (b & 0x7f) << 7;
          if (b >= 0x80) {
            b = buf[q++]!;
            t |= (b & 0x7f) << 14;
            if (b >= 0x80 || t > 0xffff) break fast; // decodeOne reports it
          }
        }
        if (n > run) fillRun(chunk, tid, run, n);
        run = n;
        switchThread(s, tid, t, pI, pD0, pD1);
        tid = t;
        pI = pred[0]!;
        pD0 = pred[1]!;
        pD1 = pred[2]!;
      }
      // Zigzag varint delta: one byte here, longer ones in `longDelta`.
      const b = buf[q++]!;
      let d: number;
      if (b < 0x80) d = (b >>> 1) ^ -(b & 1);
      else {
        d = longDelta(s, q, b, p);
        q = s.after;
      }
      const k = info & 0x30;
      let a: number;
      if (k === 0) a = pI += d;
      else if (k === 0x10) a = pD0 += d;
      else a = pD1 += d;
      const size = (info >> 8) & 0xff;
      // Packed sizes are below 256: an address up to 2^53 - 256 is in range with its last
      // byte; above that, the exact checks (2^53 - size is exact; locks have size 0).
      if (a < 0 || a > 9007199254740736 /* 2^53 - 256 */ || q > end) {
        if (q > end) throw corrupt(s, p, 'event runs past the end of its chunk');
        if (a < 0 || a > 9007199254740991 /* MAX_ADDR */) throw corrupt(s, p, `address ${a} out of range`);
        if (a > 9007199254740992 - size) throw corrupt(s, p, pastMax(a, size));
      }
      p = q;
      opA[n] = info & 15;
      addrA[n] = a;
      sizeA[n] = size;
      n++;
      continue;
    }
    // Slow path: close the run, hand the state to decodeOne, take it back.
    if (n > run) fillRun(chunk, tid, run, n);
    s.p = p;
    s.tid = tid;
    pred[0] = pI;
    pred[1] = pD0;
    pred[2] = pD1;
    decodeOne(s, chunk, n);
    n++;
    run = n;
    p = s.p;
    tid = s.tid;
    pI = pred[0]!;
    pD0 = pred[1]!;
    pD1 = pred[2]!;
  }
  if (n > run) fillRun(chunk, tid, run, n);
  s.p = p;
  s.tid = tid;
  pred[0] = pI;
  pred[1] = pD0;
  pred[2] = pD1;
  s.remaining -= n - n0;
  return n;
}

/**
 * Reads a zigzag varint delta of two or more bytes whose first byte `b` was read just
 * before `q`, for the event at `at` (for messages): up to 4 bytes in an int, longer ones
 * with a float high part. Leaves the position after it in `s.after`. Shared by the fast
 * loops (here and the fused cachegrind replay); a one-byte delta is decoded inline there.
 */
export function longDelta(s: DecodeState, q: number, b: number, at: number): number {
  const buf = s.buf;
  let v = b & 0x7f;
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
    s.after = q;
    return (v >>> 1) ^ -(v & 1);
  }
  let hi = 0;
  let scale = 1;
  do {
    b = buf[q++]!;
    hi += (b & 0x7f) * scale;
    scale *= 128;
  } while (b >= 0x80 && scale < 0x10000000);
  if (b >= 0x80 || hi >= 0x4000000) throw corrupt(s, at, 'bad address delta');
  s.after = q;
  const mag = (v >>> 1) + hi * 0x8000000;
  return (v & 1) === 0 ? mag : -mag - 1;
}

/** Sets tid and site (none) for events `from .. to-1`, a run decoded by the fast loop. */
function fillRun(chunk: EventChunk, tid: number, from: number, to: number): void {
  const { tid: tidA, site: siteA } = chunk;
  if (to - from < 64) {
    // Short runs (interleaved threads): a plain loop beats two native calls.
    for (let i = from; i < to; i++) {
      tidA[i] = tid;
      siteA[i] = -1;
    }
  } else {
    tidA.fill(tid, from, to);
    siteA.fill(NO_SITE, from, to);
  }
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

/** The last varint exactly, for messages (plainValue rounds above 2^53). */
function plainText(): string {
  return String(BigInt(lo) + BigInt(hi) * 0x10000000n);
}

/**
 * Moves from thread `from` (whose predictors are `i`, `d0`, `d1`) to thread `to`: saves
 * the old thread's predictors and loads the new one's into `s.pred`.
 */
function switchThread(s: DecodeState, from: number, to: number, i: number, d0: number, d1: number): void {
  const prev = s.prev;
  const o = from * 3;
  prev[o] = i;
  prev[o + 1] = d0;
  prev[o + 2] = d1;
  if (s.seen[from] === 0) {
    s.seen[from] = 1;
    s.touched.push(from);
  }
  const t = to * 3;
  s.pred[0] = prev[t]!;
  s.pred[1] = prev[t + 1]!;
  s.pred[2] = prev[t + 2]!;
  s.tid = to;
}

/** Decodes the event at `s.p` with every check; stores it at `chunk[n]` and moves `s.p` past it. */
export function decodeOne(s: DecodeState, chunk: EventChunk, n: number): void {
  const buf = s.buf;
  const start = s.p;
  let p = start;
  const tag = buf[p++]!;
  let size = TAG_SIZE[tag]!;
  const op = TAG_OP[tag]!;
  if (size === SIZE_BAD) throw corrupt(s, start, `bad tag byte 0x${tag.toString(16).padStart(2, '0')}`);
  let flags = 0;
  if (tag >= TAG_EXT) {
    flags = buf[p++]!;
    if (flags === 0 || flags > (FLAG_TID | FLAG_SITE))
      throw corrupt(s, start, `bad flags byte 0x${flags.toString(16)}`);
  }
  if ((flags & FLAG_TID) !== 0) {
    p = readVarint(s, p);
    const tid = plainValue();
    if (tid > MAX_TID) throw corrupt(s, start, `thread id ${plainText()} above ${MAX_TID}`);
    switchThread(s, s.tid, tid, s.pred[0]!, s.pred[1]!, s.pred[2]!);
  }
  let addr = 0;
  const kind = TAG_ADDR[tag]!;
  if (kind < ADDR_PLAIN) {
    p = readVarint(s, p);
    if (hi >= 0x4000000) throw corrupt(s, start, 'address delta out of range');
    addr = s.pred[kind]! + unzigzag(lo, hi);
    if (addr < 0 || addr > MAX_ADDR) throw corrupt(s, start, `address ${addr} out of range`);
    s.pred[kind] = addr;
  } else if (kind === ADDR_PLAIN) {
    p = readVarint(s, p);
    addr = plainValue();
    const max = op === Op.abort ? 255 : op === Op.sys ? SYS_KINDS.length - 1 : MAX_ADDR;
    if (addr > max) throw corrupt(s, start, `argument ${plainText()} above ${max}`);
  }
  if (size === SIZE_EXPLICIT) {
    p = readVarint(s, p);
    size = plainValue();
    if (size < 1 || size > MAX_SIZE) throw corrupt(s, start, `size ${plainText()} out of range`);
  }
  // The last byte, addr + size - 1, within MAX_ADDR (subtracted: exact). Sizes are 0 for
  // every event without an access size (locks, compute, ...).
  if (size > 0 && size - 1 > MAX_ADDR - addr) throw corrupt(s, start, pastMax(addr, size));
  let site = NO_SITE;
  if ((flags & FLAG_SITE) !== 0) {
    p = readVarint(s, p);
    site = plainValue();
    if (site > MAX_SITE_ID || !s.sites.has(site))
      throw corrupt(s, start, `site ${plainText()} is not defined`);
  }
  if (p > s.end) throw corrupt(s, start, 'event runs past the end of its chunk');
  s.p = p;
  chunk.op[n] = op;
  chunk.tid[n] = s.tid;
  chunk.addr[n] = addr;
  chunk.size[n] = size;
  chunk.site[n] = site;
}
