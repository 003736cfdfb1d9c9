/**
 * Constants and tag tables of txsim's binary trace format (`.txb`), shared by the writer
 * and the reader. The byte-by-byte layout is documented in docs/trace-format.md; in short:
 *
 *   file header (16 B)  magic 89 54 58 42 0D 0A 1A 0A, u16 version 1, u16 flags 0, u32 CRC32 of bytes 0..11
 *   chunk record        "TXBC", u32 payload length, u32 event count, u32 CRC32(bytes 4..11 ‖ payload), payload
 *   payload             varint site count, site entries, then the events
 *   end record (20 B)   "TXBE", u32 chunk count, u64 event count, u32 CRC32 of bytes 0..15
 *
 * An event is a tag byte, [a flags byte if tag bit 7 is set: bit 0 tid follows, bit 1 site
 * follows], [varint tid], the address field, [varint size], [varint site]. The low 7 bits
 * of the tag select the op, the size (or "explicit size varint follows") and how the
 * address is stored, from the table built below. Addresses of memory ops and locks are
 * zigzag-varint deltas from one of three predictors kept per thread: I (instruction
 * fetches), D0 and D1 (data; the writer picks the nearer one, so stack and heap streams
 * both stay small). Integers are little-endian; varints are unsigned LEB128.
 * Left out: compression inside the format (gzip the whole file instead) and a seek index.
 */
import { Op, type OpCode } from './events.js';

export const FILE_MAGIC = Uint8Array.of(0x89, 0x54, 0x58, 0x42, 0x0d, 0x0a, 0x1a, 0x0a);
export const FORMAT_VERSION = 1;
export const FILE_HEADER_BYTES = 16;
export const CHUNK_MAGIC = 0x43425854; // "TXBC" read as a little-endian u32
export const END_MAGIC = 0x45425854; // "TXBE"
export const CHUNK_HEADER_BYTES = 16;
export const END_RECORD_BYTES = 20;

/** Largest payload a reader accepts (the writer stays far below it). */
export const MAX_PAYLOAD_BYTES = 64 << 20;
/** Longest encoded event: tag, flags, tid (3), address (8), size (5), site (5). */
export const MAX_EVENT_BYTES = 24;

export const TAG_EXT = 0x80;
export const FLAG_TID = 1;
export const FLAG_SITE = 2;

/** Address field kinds (TAG_ADDR values below 3 are predictor indexes). */
export const PRED_I = 0;
export const PRED_D0 = 1;
export const PRED_D1 = 2;
export const ADDR_PLAIN = 3; // compute, abort, sys: the value as a varint
export const ADDR_NONE = 4; // begin, end: no field, addr 0
export const PREDICTORS = 3;

/** Size table values besides real sizes. */
export const SIZE_BAD = -1; // tag not used
export const SIZE_EXPLICIT = -2; // a varint size follows the address

/** Data ops in tag order. */
export const DATA_OPS: readonly OpCode[] = [
  Op.read,
  Op.write,
  Op.rmw,
  Op.readPrivate,
  Op.writePrivate,
  Op.modify,
];
/** Coded data sizes (size index 7 = explicit). */
export const DATA_SIZES: readonly number[] = [1, 2, 4, 8, 16, 32, 64];

export const TAG_IFETCH_EXPLICIT = 16;
export const TAG_DATA_BASE = 17;
export const TAG_LOCK = 113; // +1 for D1
export const TAG_UNLOCK = 115; // +1 for D1
export const TAG_COMPUTE = 117;
export const TAG_BEGIN = 118;
export const TAG_END = 119;
export const TAG_ABORT = 120;
export const TAG_SYS = 121;

/** Per tag (all 256; bit 7 only adds the flags byte): op, size and address kind. */
export const TAG_OP = new Uint8Array(256);
export const TAG_SIZE = new Int32Array(256).fill(SIZE_BAD);
export const TAG_ADDR = new Uint8Array(256);
/**
 * The fast loop's view of a tag in one word (one table load per event): 0 if the tag is not
 * fast when it stands alone (its low 7 bits may still be); else op in bits 0..3, predictor
 * in bits 4..5, size in bits 8..15, and bit 16 set.
 */
export const TAG_INFO = new Int32Array(256);

function define(base: number, op: OpCode, size: number, addr: number): void {
  for (const tag of [base, base | TAG_EXT]) {
    TAG_OP[tag] = op;
    TAG_SIZE[tag] = size;
    TAG_ADDR[tag] = addr;
  }
  // Fast: no flags byte, a delta address, a coded size.
  const fast = addr < ADDR_PLAIN && size !== SIZE_EXPLICIT;
  TAG_INFO[base] = fast ? 0x10000 | (size << 8) | (addr << 4) | op : 0;
}

for (let s = 1; s <= 15; s++) define(s, Op.ifetch, s, PRED_I);
define(TAG_IFETCH_EXPLICIT, Op.ifetch, SIZE_EXPLICIT, PRED_I);
DATA_OPS.forEach((op, i) => {
  for (let sel = 0; sel < 2; sel++) {
    for (let si = 0; si < 8; si++) {
      define(TAG_DATA_BASE + (i * 2 + sel) * 8 + si, op, DATA_SIZES[si] ?? SIZE_EXPLICIT, PRED_D0 + sel);
    }
  }
});
define(TAG_LOCK, Op.lock, 0, PRED_D0);
define(TAG_LOCK + 1, Op.lock, 0, PRED_D1);
define(TAG_UNLOCK, Op.unlock, 0, PRED_D0);
define(TAG_UNLOCK + 1, Op.unlock, 0, PRED_D1);
define(TAG_COMPUTE, Op.compute, 0, ADDR_PLAIN);
define(TAG_BEGIN, Op.begin, 0, ADDR_NONE);
define(TAG_END, Op.end, 0, ADDR_NONE);
define(TAG_ABORT, Op.abort, 0, ADDR_PLAIN);
define(TAG_SYS, Op.sys, 0, ADDR_PLAIN);

const DATA_INDEX = new Int8Array(16).fill(-1);
DATA_OPS.forEach((op, i) => (DATA_INDEX[op] = i));

/**
 * The tag (without the flags bit) for an event; `sel` picks D0 (0) or D1 (1) for data ops
 * and locks. A result whose TAG_SIZE is SIZE_EXPLICIT means the size is written as a varint.
 */
export function tagFor(op: number, size: number, sel: number): number {
  if (op === Op.ifetch) return size >= 1 && size <= 15 ? size : TAG_IFETCH_EXPLICIT;
  const di = DATA_INDEX[op]!;
  if (di >= 0) {
    const si = DATA_SIZES.indexOf(size);
    return TAG_DATA_BASE + (di * 2 + sel) * 8 + (si < 0 ? 7 : si);
  }
  switch (op) {
    case Op.lock:
      return TAG_LOCK + sel;
    case Op.unlock:
      return TAG_UNLOCK + sel;
    case Op.compute:
      return TAG_COMPUTE;
    case Op.begin:
      return TAG_BEGIN;
    case Op.end:
      return TAG_END;
    case Op.abort:
      return TAG_ABORT;
    case Op.sys:
      return TAG_SYS;
    default:
      throw new RangeError(`no binary tag for op ${op}`);
  }
}
