/**
 * Synthetic benchmark trace generator: writes a valgrind-lackey-format text trace
 * (`I  addr,size`, ` L addr,size`, ` S addr,size`, ` M addr,size`; lowercase hex address
 * zero-padded to at least 8 digits, decimal size, as lackey prints them) that looks like a
 * real single-threaded program, so cache benchmarks see realistic hit rates.
 *
 *   node dist/bench/gen-lackey.js <out> <millionsOfAccesses> [seed]
 *
 * What it models. A `main` dispatch loop calls kernels chosen at random by weight. Every
 * function (dispatcher, kernel, helper) has fixed code at a fixed address: basic blocks of
 * x86-like instructions, 1 to 15 bytes each, laid out one after another and drawn once from
 * the seed. So the same PC always has the same size, and a loop re-fetches the same bytes.
 * Calls push a return address, prologues push callee-saved registers and open a frame, and
 * epilogues pop them and return. The kernels are:
 *   - scalar stream (`a[i] = b[i] * k + c[i]`): sequential 8-byte loads of two 1 MiB arrays
 *     and stores to a 16 MiB one, continuing where the last call stopped (each array wraps
 *     around independently), so the stores keep missing in any LLC and the loads mostly
 *     hit in it;
 *   - vector copy (memcpy-like) with 32-byte loads and stores, 1 MiB each way, sometimes
 *     misaligned so that accesses straddle lines;
 *   - hash-table probes into a 2 MiB table of 16-byte buckets (larger than L1, smaller than
 *     LLC): a random bucket, occasional linear probing, and a modify of the bucket's count;
 *   - pointer chasing through a 1 MiB pool of 32-byte nodes linked in one random cycle;
 *   - stack-heavy work: nested leaf calls with frame-local loads and stores and hot globals;
 *   - cold calls: one of 600 small library functions (about 200 KiB of code) picked with
 *     a skewed distribution, which puts pressure on I1 and gives the LL instruction traffic.
 * Most data accesses hit the stack and hot globals, as in real code. Measured with
 * cachegrind's rules (I1 and D1 32 KiB 8-way, LL 8 MiB 16-way, 64-byte lines) on 20 M
 * accesses (seed 1): about 70% of lines are instruction fetches, I1 hits 99.9% and D1 95.8%,
 * and the LL gets about 270k references, 59% of them misses. Those misses come from the
 * output stream and from first touches of the hash table, node pool and input arrays.
 *
 * The output depends only on (accesses, seed), and a shorter trace is a prefix of a longer
 * one with the same seed. The project's seeded generator (src/util/rng.ts) drives every
 * choice. Lines are formatted straight into a large Buffer that is written in 8 MiB blocks: 20 M accesses (about
 * 290 MB) take 2 to 3 s.
 */
import { open } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/util/rng.js';

// ---------------------------------------------------------------------------------------------
// Output: lackey lines formatted into a Buffer.

const KIND_I = 0;
const KIND_L = 1;
const KIND_S = 2;
const KIND_M = 3;
type Kind = typeof KIND_I | typeof KIND_L | typeof KIND_S | typeof KIND_M;

/** The three bytes before the address, per kind: "I  ", " L ", " S ", " M ". */
const PREFIX: readonly (readonly [number, number, number])[] = [
  [0x49, 0x20, 0x20],
  [0x20, 0x4c, 0x20],
  [0x20, 0x53, 0x20],
  [0x20, 0x4d, 0x20],
];
const HEX_DIGITS = '0123456789abcdef';
const TWO_POW_32 = 4294967296;
/** Longest line we format (3 + 14 hex digits + ',' + 3 size digits + '\n' = 22), rounded up. */
const MAX_LINE_BYTES = 32;

class LineBuffer {
  buf: Buffer;
  pos = 0;
  /** Lines still to write; emit() does nothing once it reaches 0. */
  remaining: number;

  constructor(bytes: number, lines: number) {
    this.buf = Buffer.allocUnsafe(bytes);
    this.remaining = lines;
  }

  /** Appends one line; `size` must be below 1000. */
  emit(kind: Kind, addr: number, size: number): void {
    if (this.remaining <= 0) return;
    this.remaining--;
    if (this.pos + MAX_LINE_BYTES > this.buf.length) this.grow();
    const buf = this.buf;
    let p = this.pos;
    const prefix = PREFIX[kind]!;
    buf[p] = prefix[0];
    buf[p + 1] = prefix[1];
    buf[p + 2] = prefix[2];
    p += 3;
    if (addr >= TWO_POW_32) {
      let hi = Math.floor(addr / TWO_POW_32);
      let n = 0;
      for (let t = hi; t > 0; t = Math.floor(t / 16)) n++;
      for (let i = n - 1; i >= 0; i--) {
        buf[p + i] = HEX_DIGITS.charCodeAt(hi % 16);
        hi = Math.floor(hi / 16);
      }
      p += n;
    }
    let lo = addr >>> 0;
    for (let i = 7; i >= 0; i--) {
      buf[p + i] = HEX_DIGITS.charCodeAt(lo & 15);
      lo >>>= 4;
    }
    p += 8;
    buf[p++] = 0x2c; // ','
    if (size >= 100) {
      buf[p++] = 0x30 + Math.floor(size / 100);
      buf[p++] = 0x30 + (Math.floor(size / 10) % 10);
    } else if (size >= 10) {
      buf[p++] = 0x30 + Math.floor(size / 10);
    }
    buf[p++] = 0x30 + (size % 10);
    buf[p++] = 0x0a; // '\n'
    this.pos = p;
  }

  /** Only when one batch overshoots the flush threshold by more than the headroom. */
  private grow(): void {
    const bigger = Buffer.allocUnsafe(this.buf.length * 2);
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
}

// ---------------------------------------------------------------------------------------------
// The modelled program.

/** What an instruction does to data memory. */
const OP_NONE = 0;
const OP_PUSH = 1; // S 8 at sp-8; sp -= 8
const OP_POP = 2; // L 8 at sp; sp += 8
const OP_LOCAL_LOAD = 3; // L bytes at sp + arg
const OP_LOCAL_STORE = 4; // S bytes at sp + arg
const OP_LOCAL_MODIFY = 5; // M bytes at sp + arg
const OP_GLOBAL_LOAD = 6; // L bytes at globals + arg
const OP_GLOBAL_STORE = 7; // S bytes at globals + arg
const OP_STREAM_LOAD = 8; // L bytes at stream[arg] position
const OP_STREAM_STORE = 9; // S bytes at stream[arg] position
const OP_STREAM_STEP = 10; // advance stream[arg] by bytes (no access)
const OP_HASH_LOOKUP = 11; // pick a random bucket, L 8 of its key
const OP_HASH_PROBE = 12; // with some probability move to the next bucket, L 8 of its key
const OP_HASH_MODIFY = 13; // M 8 of the current bucket's count
const OP_CHASE_VALUE = 14; // L 4 of the current node's payload
const OP_CHASE_NEXT = 15; // L 8 of the current node's next pointer; move to it
const OP_CALL = 16; // S 8 return address; run function arg
const OP_CALL_COLD = 17; // S 8 return address; run a skewed-random cold function
const OP_FRAME_OPEN = 18; // sub rsp, arg (no access)
const OP_FRAME_CLOSE = 19; // add rsp, arg (no access)
const OP_RET = 20; // L 8 return address

interface Insn {
  readonly pc: number;
  readonly size: number;
  readonly op: number;
  readonly arg: number;
  readonly bytes: number;
}

interface Block {
  readonly insns: readonly Insn[];
  /** Probability that the block runs in an iteration (1 for straight-line code). */
  readonly prob: number;
}

interface Func {
  readonly prologue: readonly Insn[];
  readonly body: readonly Block[];
  readonly epilogue: readonly Insn[];
  readonly minIter: number;
  readonly maxIter: number;
}

/** An instruction before layout: what it does, not yet where it is. */
interface InsnSpec {
  readonly op: number;
  readonly arg?: number;
  readonly bytes?: number;
}

// Address-space layout, in the style of a PIE under valgrind on amd64.
const MAIN_CODE = 0x00108000;
const GLOBALS = 0x0010e000;
const LIB_CODE = 0x04900000;
const HEAP = 0x04a80000;
const STACK_TOP = 0x1ffefffd00;

/** The scalar kernel's output array a: written once per pass, larger than any LLC. */
const OUT_STREAM_BYTES = 16 << 20;
/** Its input arrays b and c: re-read every pass, they fit in an 8 MiB LLC with the rest. */
const IN_STREAM_BYTES = 1 << 20;
const COPY_BYTES = 1 << 20;
const HASH_BYTES = 2 << 20;
const BUCKET_BYTES = 16;
const NODE_BYTES = 32;
const NODE_COUNT = (1 << 20) / NODE_BYTES;
const COLD_FUNCS = 600;

/** Instruction sizes as drawn for x86-64 code: mostly 2-7 bytes, rarely up to 15. */
const SIZE_TABLE = [1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 7, 7, 8, 3, 4, 2, 10, 5, 3, 11, 15];

class Program {
  private readonly rng: Rng;
  private readonly out: LineBuffer;
  private sp = STACK_TOP;
  private readonly streamBase: number[] = [];
  private readonly streamLen: number[] = [];
  private readonly streamPos: number[] = [];
  private readonly nodeNext: Uint32Array;
  private node = 0;
  private bucket = 0;
  private mainPc = MAIN_CODE;
  private libPc = LIB_CODE;
  private readonly funcs: Func[] = [];
  private readonly cold: Func[] = [];
  private readonly dispatch: Func;
  /** The dispatcher's `call *%rax`, placed right after its loop body. */
  private readonly dispatchCall: Insn;
  private readonly hashBase: number;
  private readonly nodeBase: number;
  /** Kernel function indices (into funcs) with cumulative weights. */
  private readonly kernels: { readonly func: number; readonly cumWeight: number }[] = [];
  private readonly totalWeight: number;

  constructor(seed: number, out: LineBuffer) {
    this.rng = new Rng(seed);
    this.out = out;
    const rng = this.rng;

    // Data regions.
    // Streams: 0..2 the scalar arrays a, b, c; 3 the copy source; 4 the copy destination.
    let heap = HEAP;
    const lens = [OUT_STREAM_BYTES, IN_STREAM_BYTES, IN_STREAM_BYTES, COPY_BYTES, COPY_BYTES];
    for (const len of lens) {
      this.streamBase.push(heap);
      this.streamLen.push(len);
      this.streamPos.push(0);
      heap += len + 4096;
    }
    this.hashBase = heap;
    heap += HASH_BYTES + 4096;
    this.nodeBase = heap;
    // One random cycle through all nodes (Sattolo's algorithm).
    const order = new Uint32Array(NODE_COUNT);
    for (let i = 0; i < NODE_COUNT; i++) order[i] = i;
    for (let i = NODE_COUNT - 1; i > 0; i--) {
      const j = rng.below(i);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    this.nodeNext = new Uint32Array(NODE_COUNT);
    for (let i = 0; i < NODE_COUNT; i++) this.nodeNext[order[i]!] = order[(i + 1) % NODE_COUNT]!;

    // Leaf helpers called from the kernels (indices 0..2).
    const leafA = this.addFunc(this.leafFunc(3, 2), true);
    const leafB = this.addFunc(this.leafFunc(5, 1), true);
    const leafC = this.addFunc(this.leafFunc(2, 3), false);

    // Kernels.
    const k = (func: number, weight: number): void => {
      const prev = this.kernels.length > 0 ? this.kernels[this.kernels.length - 1]!.cumWeight : 0;
      this.kernels.push({ func, cumWeight: prev + weight });
    };
    k(this.addFunc(this.streamKernel(), false), 3);
    k(this.addFunc(this.copyKernel(), true), 2);
    k(this.addFunc(this.hashKernel(leafA), false), 2);
    k(this.addFunc(this.chaseKernel(), false), 1);
    k(this.addFunc(this.stackKernel(leafA, leafB, leafC), false), 8);
    k(this.addFunc(this.coldKernel(), false), 2);
    this.totalWeight = this.kernels[this.kernels.length - 1]!.cumWeight;

    // Cold library functions.
    for (let i = 0; i < COLD_FUNCS; i++) {
      const body = this.leafFunc(rng.range(10, 110), rng.range(0, 4));
      this.cold.push(this.layout(body, true));
    }

    this.dispatch = this.layout(this.dispatchFunc(), false);
    this.dispatchCall = { pc: this.mainPc, size: 2, op: OP_CALL, arg: 0, bytes: 8 };
    this.mainPc += 2;
  }

  // --- code construction ---------------------------------------------------------------------

  private addFunc(spec: FuncSpec, inLib: boolean): number {
    this.funcs.push(this.layout(spec, inLib));
    return this.funcs.length - 1;
  }

  /** Places a function's instructions at consecutive addresses in main or library code. */
  private layout(spec: FuncSpec, inLib: boolean): Func {
    let pc = inLib ? this.libPc : this.mainPc;
    pc = Math.ceil(pc / 16) * 16; // functions are 16-byte aligned
    const place = (specs: readonly InsnSpec[]): Insn[] =>
      specs.map((s) => {
        const size = SIZE_TABLE[this.rng.below(SIZE_TABLE.length)]!;
        const insn: Insn = { pc, size, op: s.op, arg: s.arg ?? 0, bytes: s.bytes ?? 8 };
        pc += size;
        return insn;
      });
    const prologue = place(spec.prologue);
    const body = spec.body.map((b) => ({ insns: place(b.insns), prob: b.prob }));
    const epilogue = place(spec.epilogue);
    if (inLib) this.libPc = pc;
    else this.mainPc = pc;
    return { prologue, body, epilogue, minIter: spec.minIter, maxIter: spec.maxIter };
  }

  /** Standard prologue/epilogue: push rbp and `saved` callee-saved registers, open a frame. */
  private frame(saved: number, frameBytes: number): { prologue: InsnSpec[]; epilogue: InsnSpec[] } {
    const prologue: InsnSpec[] = [{ op: OP_PUSH }];
    const epilogue: InsnSpec[] = [{ op: OP_FRAME_CLOSE, arg: frameBytes }];
    for (let i = 0; i < saved; i++) prologue.push({ op: OP_PUSH });
    prologue.push({ op: OP_FRAME_OPEN, arg: frameBytes });
    for (let i = 0; i < saved; i++) epilogue.push({ op: OP_POP });
    epilogue.push({ op: OP_POP }, { op: OP_RET });
    return { prologue, epilogue };
  }

  private alu(n: number): InsnSpec[] {
    return Array.from({ length: n }, () => ({ op: OP_NONE }));
  }

  private dispatchFunc(): FuncSpec {
    // main's loop body: load the work counter, pick a kernel (the call is made by run()).
    return {
      prologue: [],
      body: [
        {
          insns: [
            { op: OP_GLOBAL_LOAD, arg: 0, bytes: 8 },
            ...this.alu(3),
            { op: OP_LOCAL_LOAD, arg: 8, bytes: 8 },
            { op: OP_GLOBAL_STORE, arg: 0, bytes: 8 },
          ],
          prob: 1,
        },
      ],
      epilogue: [],
      minIter: 1,
      maxIter: 1,
    };
  }

  private leafFunc(aluCount: number, localOps: number): FuncSpec {
    const f = this.frame(this.rng.range(0, 2), 16 * this.rng.range(1, 6));
    const insns: InsnSpec[] = [];
    for (let i = 0; i < localOps; i++) insns.push({ op: OP_LOCAL_STORE, arg: 8 * i, bytes: 8 });
    insns.push(...this.alu(aluCount));
    for (let i = 0; i < localOps; i++) insns.push({ op: OP_LOCAL_LOAD, arg: 8 * i, bytes: 8 });
    insns.push({ op: OP_GLOBAL_LOAD, arg: 64 + 8 * this.rng.below(64), bytes: 4 });
    return { prologue: f.prologue, body: [{ insns, prob: 1 }], epilogue: f.epilogue, minIter: 1, maxIter: 1 };
  }

  private streamKernel(): FuncSpec {
    const f = this.frame(2, 32);
    return {
      prologue: [...f.prologue, { op: OP_LOCAL_STORE, arg: 0, bytes: 8 }, ...this.alu(2)],
      body: [
        {
          insns: [
            { op: OP_STREAM_LOAD, arg: 1, bytes: 8 },
            ...this.alu(1),
            { op: OP_STREAM_LOAD, arg: 2, bytes: 8 },
            ...this.alu(1),
            { op: OP_STREAM_STORE, arg: 0, bytes: 8 },
            { op: OP_STREAM_STEP, arg: 0, bytes: 8 },
            { op: OP_STREAM_STEP, arg: 1, bytes: 8 },
            { op: OP_STREAM_STEP, arg: 2, bytes: 8 },
            ...this.alu(2),
          ],
          prob: 1,
        },
        // Every so often the loop spills a partial sum and reloads a loop bound.
        {
          insns: [
            { op: OP_LOCAL_MODIFY, arg: 0, bytes: 8 },
            { op: OP_GLOBAL_LOAD, arg: 16, bytes: 8 },
            ...this.alu(1),
          ],
          prob: 0.25,
        },
      ],
      epilogue: [{ op: OP_LOCAL_LOAD, arg: 0, bytes: 8 }, ...f.epilogue],
      minIter: 40,
      maxIter: 400,
    };
  }

  private copyKernel(): FuncSpec {
    return {
      prologue: [...this.alu(4), { op: OP_GLOBAL_LOAD, arg: 24, bytes: 8 }],
      body: [
        {
          insns: [
            { op: OP_STREAM_LOAD, arg: 3, bytes: 32 },
            { op: OP_STREAM_STORE, arg: 4, bytes: 32 },
            { op: OP_STREAM_STEP, arg: 3, bytes: 32 },
            { op: OP_STREAM_STEP, arg: 4, bytes: 32 },
            ...this.alu(2),
          ],
          prob: 1,
        },
      ],
      epilogue: [...this.alu(1), { op: OP_RET }],
      minIter: 4,
      maxIter: 64,
    };
  }

  private hashKernel(leaf: number): FuncSpec {
    const f = this.frame(3, 48);
    return {
      prologue: [...f.prologue, { op: OP_GLOBAL_LOAD, arg: 32, bytes: 8 }, ...this.alu(2)],
      body: [
        {
          insns: [
            { op: OP_LOCAL_LOAD, arg: 8, bytes: 8 },
            ...this.alu(6), // hash the key
            { op: OP_HASH_LOOKUP },
            ...this.alu(2),
            { op: OP_HASH_PROBE },
            ...this.alu(2),
            { op: OP_HASH_MODIFY },
            { op: OP_LOCAL_STORE, arg: 8, bytes: 8 },
            ...this.alu(2),
          ],
          prob: 1,
        },
        {
          insns: [
            { op: OP_LOCAL_LOAD, arg: 16, bytes: 8 },
            { op: OP_CALL, arg: leaf },
          ],
          prob: 0.3,
        },
      ],
      epilogue: f.epilogue,
      minIter: 10,
      maxIter: 100,
    };
  }

  private chaseKernel(): FuncSpec {
    const f = this.frame(1, 16);
    return {
      prologue: [...f.prologue, { op: OP_GLOBAL_LOAD, arg: 40, bytes: 8 }],
      body: [
        {
          insns: [
            { op: OP_CHASE_VALUE },
            ...this.alu(1),
            { op: OP_CHASE_NEXT },
            { op: OP_LOCAL_LOAD, arg: 0, bytes: 8 },
            ...this.alu(2),
          ],
          prob: 1,
        },
      ],
      epilogue: [{ op: OP_LOCAL_STORE, arg: 0, bytes: 8 }, ...f.epilogue],
      minIter: 10,
      maxIter: 80,
    };
  }

  private stackKernel(leafA: number, leafB: number, leafC: number): FuncSpec {
    const f = this.frame(4, 128);
    const blocks: BlockSpec[] = [];
    const localBlock = (n: number, prob: number): void => {
      const insns: InsnSpec[] = [];
      for (let i = 0; i < n; i++) {
        const r = this.rng.below(10);
        const slot = 8 * this.rng.below(16);
        if (r < 4) insns.push({ op: OP_LOCAL_LOAD, arg: slot, bytes: 8 });
        else if (r < 6) insns.push({ op: OP_LOCAL_STORE, arg: slot, bytes: 8 });
        else if (r < 7) insns.push({ op: OP_GLOBAL_LOAD, arg: 8 * this.rng.below(256), bytes: 4 });
        else if (r < 8) insns.push({ op: OP_LOCAL_MODIFY, arg: slot, bytes: 4 });
        else insns.push({ op: OP_NONE });
        insns.push(...this.alu(this.rng.range(0, 2)));
      }
      blocks.push({ insns, prob });
    };
    localBlock(8, 1);
    blocks.push({ insns: [{ op: OP_CALL, arg: leafA }], prob: 0.5 });
    localBlock(6, 0.7);
    blocks.push({ insns: [{ op: OP_CALL, arg: leafB }], prob: 0.3 });
    localBlock(10, 0.5);
    blocks.push({ insns: [{ op: OP_CALL, arg: leafC }], prob: 0.4 });
    localBlock(5, 1);
    return {
      prologue: [...f.prologue, ...this.alu(2)],
      body: blocks,
      epilogue: f.epilogue,
      minIter: 5,
      maxIter: 60,
    };
  }

  private coldKernel(): FuncSpec {
    const f = this.frame(1, 32);
    return {
      prologue: f.prologue,
      body: [
        { insns: [...this.alu(2), { op: OP_CALL_COLD }, { op: OP_LOCAL_LOAD, arg: 0, bytes: 8 }], prob: 1 },
      ],
      epilogue: f.epilogue,
      minIter: 1,
      maxIter: 6,
    };
  }

  // --- execution -----------------------------------------------------------------------------

  /** Runs dispatcher iterations until the buffer holds at least `untilBytes` or all lines are out. */
  run(untilBytes: number): void {
    const out = this.out;
    while (out.remaining > 0 && out.pos < untilBytes) {
      this.exec(this.dispatch);
      // The dispatcher's indirect call to a kernel chosen by weight.
      const r = this.rng.below(this.totalWeight);
      let func = 0;
      for (const kern of this.kernels) {
        if (r < kern.cumWeight) {
          func = kern.func;
          break;
        }
      }
      this.out.emit(KIND_I, this.dispatchCall.pc, this.dispatchCall.size);
      this.call(this.funcs[func]!);
    }
  }

  /** `call`: push the return address, run the callee (whose epilogue ends with `ret`). */
  private call(f: Func): void {
    this.sp -= 8;
    this.out.emit(KIND_S, this.sp, 8);
    this.exec(f);
  }

  private exec(f: Func): void {
    const rng = this.rng;
    this.execInsns(f.prologue);
    const iters = f.minIter === f.maxIter ? f.minIter : rng.range(f.minIter, f.maxIter);
    for (let it = 0; it < iters; it++) {
      for (const block of f.body) {
        if (block.prob < 1 && !rng.chance(block.prob)) continue;
        this.execInsns(block.insns);
      }
      if (this.out.remaining <= 0) return;
    }
    this.execInsns(f.epilogue);
  }

  private execInsns(insns: readonly Insn[]): void {
    const out = this.out;
    for (const insn of insns) {
      out.emit(KIND_I, insn.pc, insn.size);
      switch (insn.op) {
        case OP_NONE:
          break;
        case OP_FRAME_OPEN:
          this.sp -= insn.arg;
          break;
        case OP_FRAME_CLOSE:
          this.sp += insn.arg;
          break;
        case OP_PUSH:
          this.sp -= 8;
          out.emit(KIND_S, this.sp, 8);
          break;
        case OP_POP:
        case OP_RET:
          out.emit(KIND_L, this.sp, 8);
          this.sp += 8;
          break;
        case OP_LOCAL_LOAD:
          out.emit(KIND_L, this.sp + insn.arg, insn.bytes);
          break;
        case OP_LOCAL_STORE:
          out.emit(KIND_S, this.sp + insn.arg, insn.bytes);
          break;
        case OP_LOCAL_MODIFY:
          out.emit(KIND_M, this.sp + insn.arg, insn.bytes);
          break;
        case OP_GLOBAL_LOAD:
          out.emit(KIND_L, GLOBALS + insn.arg, insn.bytes);
          break;
        case OP_GLOBAL_STORE:
          out.emit(KIND_S, GLOBALS + insn.arg, insn.bytes);
          break;
        case OP_STREAM_LOAD:
          out.emit(KIND_L, this.streamAddr(insn.arg), insn.bytes);
          break;
        case OP_STREAM_STORE:
          out.emit(KIND_S, this.streamAddr(insn.arg), insn.bytes);
          break;
        case OP_STREAM_STEP:
          this.streamStep(insn.arg, insn.bytes);
          break;
        case OP_HASH_LOOKUP:
          this.bucket = this.rng.below(HASH_BYTES / BUCKET_BYTES);
          out.emit(KIND_L, this.hashBase + this.bucket * BUCKET_BYTES, 8);
          break;
        case OP_HASH_PROBE:
          if (this.rng.chance(0.3)) {
            this.bucket = (this.bucket + 1) % (HASH_BYTES / BUCKET_BYTES);
            out.emit(KIND_L, this.hashBase + this.bucket * BUCKET_BYTES, 8);
          }
          break;
        case OP_HASH_MODIFY:
          out.emit(KIND_M, this.hashBase + this.bucket * BUCKET_BYTES + 8, 8);
          break;
        case OP_CHASE_VALUE:
          out.emit(KIND_L, this.nodeBase + this.node * NODE_BYTES + 16, 4);
          break;
        case OP_CHASE_NEXT:
          out.emit(KIND_L, this.nodeBase + this.node * NODE_BYTES, 8);
          this.node = this.nodeNext[this.node] ?? 0;
          break;
        case OP_CALL:
          this.call(this.funcs[insn.arg]!);
          break;
        case OP_CALL_COLD: {
          // Skewed choice: u^2 makes the first functions hot and the last ones rare.
          const u = this.rng.nextU32() / TWO_POW_32;
          this.call(this.cold[Math.floor(u * u * COLD_FUNCS)]!);
          break;
        }
        default:
          throw new Error(`unknown op ${insn.op}`);
      }
    }
  }

  private streamAddr(s: number): number {
    return this.streamBase[s]! + this.streamPos[s]!;
  }

  private streamStep(s: number, bytes: number): void {
    let pos = this.streamPos[s]! + bytes;
    if (pos + bytes > this.streamLen[s]!) {
      // Wrap; the copy streams restart at a new alignment (0, 8, 4 or 20 bytes off a line)
      // so that some passes straddle lines.
      pos = s >= 3 ? [0, 0, 8, 4, 20][this.rng.below(5)]! : 0;
    }
    this.streamPos[s] = pos;
  }
}

interface BlockSpec {
  readonly insns: readonly InsnSpec[];
  readonly prob: number;
}

interface FuncSpec {
  readonly prologue: readonly InsnSpec[];
  readonly body: readonly BlockSpec[];
  readonly epilogue: readonly InsnSpec[];
  readonly minIter: number;
  readonly maxIter: number;
}

// ---------------------------------------------------------------------------------------------

const BLOCK_BYTES = 8 << 20;
/** Room left after the flush threshold: one dispatcher iteration never writes more than this. */
const HEADROOM_BYTES = 2 << 20;

/** Writes a lackey trace of exactly `accesses` lines (instruction + data) to `path`. */
export async function generateLackey(path: string, accesses: number, seed: number): Promise<void> {
  if (!Number.isSafeInteger(accesses) || accesses < 0) throw new Error(`bad access count ${accesses}`);
  const out = new LineBuffer(BLOCK_BYTES + HEADROOM_BYTES, accesses);
  const program = new Program(seed, out);
  const file = await open(path, 'w');
  try {
    while (out.remaining > 0) {
      program.run(BLOCK_BYTES);
      await file.write(out.buf, 0, out.pos);
      out.pos = 0;
    }
  } finally {
    await file.close();
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const [outPath, millionsArg, seedArg] = argv;
  const millions = Number(millionsArg);
  const seed = seedArg === undefined ? 1 : Number(seedArg);
  if (outPath === undefined || !(millions > 0) || !Number.isInteger(seed)) {
    throw new Error('usage: gen-lackey <out> <millionsOfAccesses> [seed]');
  }
  const accesses = Math.round(millions * 1e6);
  const start = process.hrtime.bigint();
  await generateLackey(outPath, accesses, seed);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(
    `${outPath}: ${accesses} accesses in ${seconds.toFixed(2)} s (${(accesses / seconds / 1e6).toFixed(1)} M/s)\n`,
  );
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`gen-lackey: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
