/**
 * The trace event vocabulary, shared by every reader, writer and the simulator.
 *
 * Events travel in columnar chunks (`EventChunk`): one typed array per field, so the
 * simulator's loop reads numbers, never objects. Op codes are small integers on the hot
 * path; `OP_NAMES` converts them to the string names used at the edges (reports, errors).
 * Left out: instruction semantics beyond what a cache or TM model needs.
 */

/** Op codes, one per trace event kind. The numeric values are part of the binary format. */
export const Op = {
  /** `r`: load of `size` bytes at `addr`. */
  read: 0,
  /** `w`: store. */
  write: 1,
  /** `u`: atomic read-modify-write (needs exclusive ownership). */
  rmw: 2,
  /** `rp`: thread-private load: an STM does not instrument it, an HTM still tracks it. */
  readPrivate: 3,
  /** `wp`: thread-private store. */
  writePrivate: 4,
  /** `c`: compute; `addr` holds the cycle count. */
  compute: 5,
  /** `begin`: atomic block begins (may nest). */
  begin: 6,
  /** `end`: innermost atomic block ends. */
  end: 7,
  /** `abort`: explicit abort (xabort imm8); `addr` holds the code. */
  abort: 8,
  /** `lock`: acquire the lock whose lock word is at `addr`. */
  lock: 9,
  /** `unlock`: release the lock at `addr`. */
  unlock: 10,
  /** `sys`: unfriendly event; `addr` holds a `SysKind` index. */
  sys: 11,
  /** `i`: instruction fetch of `size` bytes at `addr` (lackey `I`; feeds the I1 cache). */
  ifetch: 12,
  /** `m`: non-atomic modify (load then store of the same bytes, lackey `M`). */
  modify: 13,
} as const;

export type OpName = keyof typeof Op;
export type OpCode = (typeof Op)[OpName];

/** Number of op codes; op codes are 0 .. OP_COUNT-1. */
export const OP_COUNT = 14;

/** Op code -> name, for reports and error messages. */
export const OP_NAMES: readonly OpName[] = (Object.keys(Op) as OpName[]).sort((a, b) => Op[a] - Op[b]);

/** Kinds of unfriendly events (`sys <kind>`), stored as their index in `addr`. */
export const SYS_KINDS = ['syscall', 'io', 'pagefault', 'cpuid', 'pause', 'other'] as const;
export type SysKind = (typeof SYS_KINDS)[number];

/** True for ops that carry a memory address and size (data or instruction). */
export function isMemoryOp(op: number): boolean {
  return op <= Op.writePrivate || op === Op.ifetch || op === Op.modify;
}

/** Site id meaning "no source site". */
export const NO_SITE = -1;

/** Default access size in bytes when a text record leaves it out. */
export const DEFAULT_SIZE = 8;

/** Largest address accepted: numbers are exact below 2^53. */
export const MAX_ADDR = Number.MAX_SAFE_INTEGER;
/** Bytes of the lock word a `lock`/`unlock` event names (an `int`, as glibc's mutexes and spin locks use). */
export const LOCK_WORD_BYTES = 4;

/** Largest thread id a trace may name (the binary format stores it in 16 bits). */
export const MAX_TID = 0xffff;

/** A source site: where an access or an atomic block comes from. */
export interface Site {
  readonly id: number;
  readonly file: string;
  readonly line: number;
  readonly fn?: string;
}

/**
 * A batch of events in columns. Only indices `0 .. length-1` are meaningful.
 * Readers may reuse one chunk object between calls: a consumer must finish with a chunk
 * before asking for the next one.
 */
export interface EventChunk {
  length: number;
  readonly op: Uint8Array;
  readonly tid: Uint16Array;
  /** Address for memory ops and lock/unlock; the argument for compute, abort and sys. */
  readonly addr: Float64Array;
  /** Access size in bytes (memory ops); 0 otherwise. */
  readonly size: Uint32Array;
  /** Source site id, or NO_SITE. */
  readonly site: Int32Array;
}

/**
 * Default number of events per chunk: small enough that a decoded chunk (0.3 MiB) is still
 * in the L2 cache when the simulator reads it (on the 20M-access bench trace the
 * simulation time of a binary replay fell from 0.48 s to 0.26 s against 65536).
 */
export const CHUNK_EVENTS = 1 << 14;

export function createChunk(capacity: number = CHUNK_EVENTS): EventChunk {
  return {
    length: 0,
    op: new Uint8Array(capacity),
    tid: new Uint16Array(capacity),
    addr: new Float64Array(capacity),
    size: new Uint32Array(capacity),
    site: new Int32Array(capacity),
  };
}

/** Copies events `a .. b-1` of `from` to the same indices of `to`, every column (not `length`). */
export function copyEvents(from: EventChunk, to: EventChunk, a: number, b: number): void {
  to.op.set(from.op.subarray(a, b), a);
  to.tid.set(from.tid.subarray(a, b), a);
  to.addr.set(from.addr.subarray(a, b), a);
  to.size.set(from.size.subarray(a, b), a);
  to.site.set(from.site.subarray(a, b), a);
}
