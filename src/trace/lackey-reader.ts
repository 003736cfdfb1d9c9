/**
 * Importer for valgrind lackey traces (`valgrind --tool=lackey --trace-mem=yes`).
 *
 * Records: `I  addr,size` → ifetch, ` L addr,size` → read, ` S addr,size` → write,
 * ` M addr,size` → modify; the address is hex without 0x, the size decimal. Lines starting
 * with `==` or `--` (valgrind's own messages, `==PID==`, and with -v `--PID--`) and blank
 * lines are skipped; anything else is an error naming the line. Every event gets tid 0 and
 * no site: lackey records one serial stream.
 * This is a benchmark input path, so the loop below parses bytes directly and writes only
 * the op, addr and size columns (tid and site are filled once, when the chunk is made).
 * Left out: lackey's other outputs (`--trace-superblocks`, counts), which are not traces.
 */
import { MAX_ADDR, NO_SITE, Op } from './events.js';
import { LineReader } from './line-reader.js';
import { CH_CR, CH_LF, HEX, LONE_CR, describeLine, describeToken, lineEnd } from './scan.js';
import type { ByteSource } from './source.js';
import { MAX_SIZE } from './text-line.js';

const CH_EQ = 0x3d;
const CH_MINUS = 0x2d;
const CH_I = 0x49;
/** Data-record letter (L, S, M) → op, or -1. */
const IFETCH = Op.ifetch;
const DATA_OP = new Int8Array(256).fill(-1);
DATA_OP[0x4c] = Op.read;
DATA_OP[0x53] = Op.write;
DATA_OP[0x4d] = Op.modify;

export class LackeyReader extends LineReader {
  readonly format = 'lackey' as const;

  constructor(path: string, source: ByteSource, chunkEvents: number) {
    super(path, source, chunkEvents);
    this.chunk.tid.fill(0);
    this.chunk.site.fill(NO_SITE);
  }

  protected parse(n: number, limit: number): number {
    const buf = this.input.buf;
    const stop = this.stop;
    const { op: opA, addr: addrA, size: sizeA } = this.chunk;
    const hex = HEX;
    let p = this.pos;
    let line = this.line;
    // Byte values are literals here: 0x0a LF, 0x0d CR, 0x20 space, 0x2c comma, 0x30 '0', 0x49 'I'.
    while (p < stop && n < limit) {
      line++;
      const start = p;
      const c0 = buf[p]!;
      let op: number;
      if (c0 === 0x49 && buf[p + 1] === 0x20 && buf[p + 2] === 0x20) {
        op = IFETCH;
      } else if (c0 === 0x20 && (op = DATA_OP[buf[p + 1]!]!) >= 0 && buf[p + 2] === 0x20) {
        // a data record
      } else {
        p = this.skipLine(start, line);
        continue;
      }
      p += 3;
      // Lackey prints at least 8 hex digits: decode 8 at once, then any more one by one.
      const h0 = hex[buf[p]!]!;
      const h1 = hex[buf[p + 1]!]!;
      const h2 = hex[buf[p + 2]!]!;
      const h3 = hex[buf[p + 3]!]!;
      const h4 = hex[buf[p + 4]!]!;
      const h5 = hex[buf[p + 5]!]!;
      const h6 = hex[buf[p + 6]!]!;
      const h7 = hex[buf[p + 7]!]!;
      let addr = 0;
      let d: number;
      if ((h0 | h1 | h2 | h3 | h4 | h5 | h6 | h7) >= 0) {
        addr =
          ((h0 << 12) | (h1 << 8) | (h2 << 4) | h3) * 0x10000 + ((h4 << 12) | (h5 << 8) | (h6 << 4) | h7);
        p += 8;
        d = hex[buf[p]!]!;
      } else {
        d = h0;
        if (d < 0) throw this.explain(start, line);
      }
      while (d >= 0) {
        addr = addr * 16 + d;
        d = hex[buf[++p]!]!;
      }
      if (buf[p] !== 0x2c) throw this.explain(start, line);
      let c = buf[++p]!;
      let size = c - 0x30;
      if (size < 0 || size > 9) throw this.explain(start, line);
      c = buf[++p]!;
      while (c >= 0x30 && c <= 0x39) {
        size = size * 10 + (c - 0x30);
        c = buf[++p]!;
      }
      if (c !== 0x0a && !(c === 0x0d && buf[++p] === 0x0a)) throw this.explain(start, line);
      // 2^53-1 and 2^32-1 (MAX_ADDR, MAX_SIZE) as literals: imported bindings are slower here.
      // The last byte, addr + size - 1, must be within MAX_ADDR too (subtracted: exact); below
      // 2^53 - 2^32 every size fits, so one comparison settles almost every line.
      if (size < 1 || size > 4294967295 || (addr > 9007194959773696 && size - 1 > 9007199254740991 - addr))
        throw this.explain(start, line);
      p++;
      opA[n] = op;
      addrA[n] = addr;
      sizeA[n] = size;
      n++;
    }
    this.pos = p;
    this.line = line;
    return n;
  }

  /**
   * Skips a blank line or a valgrind message (`==PID==`, `--PID--`) at `start` (returns the
   * next line's start); any other line is an error.
   */
  private skipLine(start: number, line: number): number {
    const buf = this.input.buf;
    const c0 = buf[start];
    if (c0 === CH_LF) return start + 1;
    if (c0 === CH_CR && buf[start + 1] === CH_LF) return start + 2;
    if ((c0 === CH_EQ || c0 === CH_MINUS) && buf[start + 1] === c0) return lineEnd(buf, start) + 1;
    throw this.explain(start, line);
  }

  /** Says what is wrong with the lackey line at `start` (cold path). */
  private explain(start: number, line: number): Error {
    const buf = this.input.buf;
    const text = describeLine(buf, start);
    if (text.includes('\r')) return this.fail(LONE_CR, line);
    const kind = buf[start] === CH_I ? 'I' : String.fromCharCode(buf[start + 1] ?? 0);
    const known = buf[start] === CH_I ? /^I {2}/.test(text) : /^ [LSM] /.test(text);
    if (!known) {
      return this.fail(
        `expected a lackey record ('I  addr,size' or ' L|S|M addr,size') or a valgrind message ('==PID==' or '--PID--'), got '${text}'`,
        line,
      );
    }
    const m = /^.{3}([0-9a-fA-F]*)(.*)$/.exec(text);
    const hex = m?.[1] ?? '';
    const rest = m?.[2] ?? '';
    if (hex === '')
      return this.fail(`expected a hex address after '${kind}', got ${describeToken(buf, start + 3)}`, line);
    if (parseInt(hex, 16) > MAX_ADDR) {
      return this.fail(`address ${hex} is above the largest supported address 1fffffffffffff (2^53-1)`, line);
    }
    const sm = /^,([0-9]+)(.*)$/.exec(rest);
    if (sm === null) return this.fail(`expected ',<decimal size>' after the address, got '${rest}'`, line);
    if (sm[2] !== '') return this.fail(`unexpected '${sm[2] ?? ''}' after the size`, line);
    const size = Number(sm[1]);
    if (size >= 1 && size <= MAX_SIZE) {
      return this.fail(
        `access of ${size} bytes at ${hex} runs past the largest supported address 1fffffffffffff (2^53-1)`,
        line,
      );
    }
    return this.fail(`size ${sm[1] ?? ''} is out of range 1..${MAX_SIZE}`, line);
  }
}
