/**
 * The cachegrind mode fed straight from the binary decoder. One loop decodes each event and
 * counts it, so the common event (an access inside the line its first-level cache referenced
 * last) costs one pass and one dispatch, instead of a decode pass that writes the chunk's
 * columns and a simulation pass that reads them back and dispatches on the op again.
 * Measured on the 20M-access benchmark trace: about 20 % less time than the two passes.
 *
 * The counts are exactly `CachegrindHierarchy.runChunk`'s (tested on random traces): the
 * loop takes only events the fast decoder takes (a delta address and a coded size, no flags
 * byte) and handles them as `runChunk` does; every other event (a thread switch, a site, an
 * explicit size, a non-memory event, anything failing a check) is decoded by `decodeOne`,
 * with every check and its error message, and then counted as `runChunk` counts it.
 * Left out: per-instruction counts (`--cachegrind-out-file` takes the chunked path).
 */
import { decodeOne, longDelta, startChunk, type DecodeState } from '../trace/binary-decode.js';
import { TAG_INFO } from '../trace/binary-format.js';
import type { BinaryReader } from '../trace/binary-reader.js';
import { BinaryTraceWriter } from '../trace/binary-writer.js';
import { createChunk, Op, type EventChunk } from '../trace/events.js';
import { binaryReaderOf, openTraceBytes } from '../trace/open.js';
import { MemorySink } from '../trace/sink.js';
import { Rng } from '../util/rng.js';
import { CachegrindHierarchy, OP_SLOT, type CountingCache } from './cachegrind.js';

let warmedUp = false;

/**
 * Replays every event of `reader` through `h` (which must not keep per-instruction counts);
 * returns the number of events. `onProgress` is called after each chunk record.
 */
export async function replayBinaryCachegrind(
  reader: BinaryReader,
  h: CachegrindHierarchy,
  onProgress?: (events: number) => void,
): Promise<number> {
  if (h.perInstruction) throw new Error('the fused replay does not keep per-instruction counts');
  if (!warmedUp) {
    warmedUp = true;
    await warmUp();
  }
  const scratch = createChunk(1);
  let events = 0;
  for (let s = await reader.rawChunk(); s !== null; s = await reader.rawChunk()) {
    events += decodeAndCount(s, h, scratch);
    reader.endRawChunk();
    onProgress?.(events);
  }
  return events;
}

/**
 * Runs the loop many times on a small synthetic chunk with every kind of event, once per
 * process, for the reason `warmUp` in cachegrind.ts gives (measured: without it, some runs
 * deoptimized the loop mid-trace and took 30-70 % longer).
 */
async function warmUp(): Promise<void> {
  const c = createChunk(64);
  const ops = [Op.ifetch, Op.ifetch, Op.read, Op.ifetch, Op.write, Op.modify, Op.compute, Op.ifetch];
  for (let i = 0; i < 64; i++) {
    const op = ops[i % ops.length] as number;
    c.op[i] = op;
    c.tid[i] = i % 11 === 0 ? 1 : 0; // thread switches: slow events of every kind
    c.site[i] = -1;
    // Groups of 8 events: fetches in sequence, data in one line (hits), then jumps between
    // lines and two far regions (multi-byte deltas up and down, both data predictors).
    const region = (i >> 3) % 3 === 0 ? 0x7ff000000000 : 0x10000;
    const data = region + ((i >> 3) % 4) * 64 + (i % 8);
    c.addr[i] = op === Op.compute ? 3 : op === Op.ifetch ? region + 0x8000 + i * 6 : data;
    c.size[i] = op === Op.compute ? 0 : op === Op.ifetch ? 1 + (i % 15) : 1 << (i % 4);
  }
  c.length = 64;
  const sink = new MemorySink();
  const w = new BinaryTraceWriter(sink);
  await w.write(c, new Map());
  await w.finish(new Map());
  const reader = binaryReaderOf(await openTraceBytes('warm-up', sink.bytes())) as BinaryReader;
  const s = (await reader.rawChunk()) as DecodeState;
  const { p, end, remaining } = s;
  const g = { size: 1024, assoc: 2, line: 64 };
  const h = new CachegrindHierarchy(
    { I1: g, D1: g, LL: { size: 4096, assoc: 4, line: 64 }, replacement: 'lru' },
    new Rng(0),
    false,
  );
  for (let k = 0; k < 60; k++) {
    startChunk(s, p, end, remaining);
    decodeAndCount(s, h, c);
  }
  await reader.close();
}

/**
 * Decodes and counts the remaining events of the chunk being decoded; returns the count. The loop mirrors `runChunk`'s (literal op codes, state in locals) and
 * has one `refer` call site, so V8 inlines the whole miss path without boxing addresses.
 */
function decodeAndCount(s: DecodeState, h: CachegrindHierarchy, scratch: EventChunk): number {
  const limit = s.remaining;
  const buf = s.buf;
  const end = s.end;
  const tagInfo = TAG_INFO;
  const opSlot = OP_SLOT;
  const pred = s.pred;
  const i1 = h.i1;
  const d1 = h.d1;
  const iLine = i1.lineMask + 1;
  const dLine = d1.lineMask + 1;
  let iLo = i1.lastBlock * iLine;
  let iHi = iLo + iLine;
  let dLo = d1.lastBlock * dLine;
  let dHi = dLo + dLine;
  let ir = 0;
  let dr = 0;
  let dw = 0;
  let p = s.p;
  let pI = pred[0]!;
  let pD0 = pred[1]!;
  let pD1 = pred[2]!;
  let n = 0;
  while (n < limit) {
    const info = tagInfo[buf[p]!]!;
    let a: number;
    let size: number;
    let l1: CountingCache;
    let slot: number;
    miss: {
      if (info !== 0) {
        let q = p + 1;
        const b = buf[q++]!;
        let d: number;
        if (b < 0x80) d = (b >>> 1) ^ -(b & 1);
        else {
          d = longDelta(s, q, b, p);
          q = s.after;
        }
        size = (info >> 8) & 0xff;
        // A bad address or an overrun goes to decodeOne (below), which reports it.
        if ((info & 0x30) === 0) {
          // Only instruction fetches use the I predictor.
          a = pI + d;
          // Packed sizes are below 256, so every byte is within MAX_ADDR; a higher address
          // takes the slow path, which checks it exactly.
          if (a >= 0 && a <= 9007199254740736 /* 2^53 - 256 */ && q <= end) {
            pI = a;
            p = q;
            n++;
            if (a >= iLo && a + size <= iHi) {
              ir++;
              continue;
            }
            l1 = i1;
            slot = 0; /* IR */
            break miss;
          }
        } else {
          const d0 = (info & 0x30) === 0x10;
          a = (d0 ? pD0 : pD1) + d;
          // As above: the last byte is within MAX_ADDR, or the slow path checks it.
          if (a >= 0 && a <= 9007199254740736 /* 2^53 - 256 */ && q <= end) {
            if (d0) pD0 = a;
            else pD1 = a;
            p = q;
            n++;
            slot = opSlot[info & 15]!;
            if (slot < 0) continue;
            if (a >= dLo && a + size <= dHi) {
              if (slot === 3 /* DR */) dr++;
              else dw++;
              continue;
            }
            l1 = d1;
            break miss;
          }
        }
      }
      // Slow path: hand the state to decodeOne, take the event and the state back, and
      // count it as runChunk does.
      s.p = p;
      pred[0] = pI;
      pred[1] = pD0;
      pred[2] = pD1;
      decodeOne(s, scratch, 0);
      p = s.p;
      pI = pred[0]!;
      pD0 = pred[1]!;
      pD1 = pred[2]!;
      n++;
      const o = scratch.op[0]!;
      a = scratch.addr[0]!;
      size = scratch.size[0]!;
      if (o === 12 /* ifetch */) {
        if (a >= iLo && a + size <= iHi) {
          ir++;
          continue;
        }
        l1 = i1;
        slot = 0; /* IR */
      } else {
        slot = opSlot[o]!;
        if (slot < 0) continue;
        if (a >= dLo && a + size <= dHi) {
          if (slot === 3 /* DR */) dr++;
          else dw++;
          continue;
        }
        l1 = d1;
      }
    }
    h.refer(l1, a, size, slot);
    iLo = i1.lastBlock * iLine;
    iHi = iLo + iLine;
    dLo = d1.lastBlock * dLine;
    dHi = dLo + dLine;
  }
  s.p = p;
  pred[0] = pI;
  pred[1] = pD0;
  pred[2] = pD1;
  s.remaining -= n;
  const c = h.counts;
  c[0] = (c[0] as number) + ir;
  c[3] = (c[3] as number) + dr;
  c[6] = (c[6] as number) + dw;
  return n;
}
