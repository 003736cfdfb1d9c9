/**
 * Importer for Dinero IV traces: the classic `din` format and the extended `D` format,
 * which may be mixed line by line.
 *
 *   din:  <label> <hexaddr> [ignored...]   label 0 read, 1 write, 2 ifetch, 3 misc, 4 copy-back, 5 invalidate
 *   D:    <r|w|i|m|c|v> <hexaddr> <hexsize> [ignored...]   (same kinds in the same order)
 *
 * Mapping: read → read, write → write, ifetch → ifetch, misc → read (Dinero counts it as a
 * data fetch of its own kind; txsim has none), copy-back → write, invalidate → skipped
 * (txsim's events cannot drop a line from a cache). `din` records are 4-byte words: the
 * address is rounded down to a multiple of 4 and the size is 4. Addresses may carry 0x.
 * A CR right after the last field must end the line (CRLF). Every event gets tid 0 and no
 * site. Left out: Dinero's binary (`-informat b`) and pixie formats.
 */
import { MAX_ADDR, NO_SITE, Op } from './events.js';
import { LineReader } from './line-reader.js';
import { CH_0, CH_CR, CH_LF, CH_SPACE, CH_TAB, HEX, LONE_CR, describeLine } from './scan.js';
import type { ByteSource } from './source.js';
import { MAX_SIZE } from './text-line.js';

const SKIP = -2;
/** Label byte (digit or D-format letter) → op, SKIP, or -1 for unknown. */
const LABEL = new Int8Array(256).fill(-1);
const KINDS = [Op.read, Op.write, Op.ifetch, Op.read, Op.write, SKIP] as const;
KINDS.forEach((op, i) => {
  LABEL[0x30 + i] = op;
  LABEL['rwimcv'.charCodeAt(i)] = op;
});

function blank(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB;
}

export class DinReader extends LineReader {
  readonly format = 'din' as const;

  constructor(path: string, source: ByteSource, chunkEvents: number) {
    super(path, source, chunkEvents);
    this.chunk.tid.fill(0);
    this.chunk.site.fill(NO_SITE);
  }

  protected parse(n: number, limit: number): number {
    const buf = this.input.buf;
    const stop = this.stop;
    const cap = limit;
    const { op: opA, addr: addrA, size: sizeA } = this.chunk;
    let p = this.pos;
    let line = this.line;
    while (p < stop && n < cap) {
      line++;
      const start = p;
      let c = buf[p]!;
      while (blank(c)) c = buf[++p]!;
      if (c === CH_CR) c = buf[++p]!;
      if (c === CH_LF) {
        p++;
        continue;
      }
      const op = LABEL[c]!;
      const extended = c > CH_0 + 9;
      c = buf[++p]!;
      if (op === -1 || !blank(c)) throw this.explain(start, line);
      do c = buf[++p]!;
      while (blank(c));
      let addr = this.hex(buf, p);
      p = this.at;
      if (addr < 0) throw this.explain(start, line);
      let size = 4;
      if (extended) {
        if (!blank(buf[p]!)) throw this.explain(start, line);
        do c = buf[++p]!;
        while (blank(c));
        size = this.hex(buf, p);
        p = this.at;
        if (size < 1 || size > MAX_SIZE) throw this.explain(start, line);
      } else {
        addr -= addr % 4;
      }
      c = buf[p]!;
      // The last byte, addr + size - 1, must be within MAX_ADDR too (subtracted: exact).
      if (addr > 9007194959773696 /* 2^53 - 2^32: every size fits below */ && size - 1 > MAX_ADDR - addr)
        throw this.explain(start, line);
      // The line end (LF or CRLF), or a blank and an ignored tail up to the LF.
      if (c === CH_LF) p++;
      else if (c === CH_CR && buf[p + 1] === CH_LF) p += 2;
      else if (c === CH_CR) throw this.fail(LONE_CR, line);
      else if (!blank(c)) throw this.explain(start, line);
      else {
        while (buf[p] !== CH_LF) p++;
        p++;
      }
      if (op === SKIP) continue;
      opA[n] = op;
      addrA[n] = addr;
      sizeA[n] = size;
      n++;
    }
    this.pos = p;
    this.line = line;
    return n;
  }

  /** Position after the last `hex` scan. */
  private at = 0;

  /** Scans an optional 0x and hex digits at `p` (sets `at`); -1 if there are no digits. */
  private hex(buf: Uint8Array, p: number): number {
    if (buf[p] === CH_0 && (buf[p + 1]! | 0x20) === 0x78 && HEX[buf[p + 2]!]! >= 0) p += 2;
    let d = HEX[buf[p]!]!;
    if (d < 0) {
      this.at = p;
      return -1;
    }
    let v = 0;
    do {
      v = v * 16 + d;
      d = HEX[buf[++p]!]!;
    } while (d >= 0);
    this.at = p;
    return v;
  }

  /** Says what is wrong with the din line at `start` (cold path). */
  private explain(start: number, line: number): Error {
    const text = describeLine(this.input.buf, start).trim();
    const toks = text.split(/[ \t]+/);
    const label = toks[0] ?? '';
    const extended = /^[rwimcv]$/.test(label);
    if (!/^[0-5]$/.test(label) && !extended) {
      return this.fail(
        `expected a din label 0..5 or a D-format kind r|w|i|m|c|v, got '${label}' in '${text}'`,
        line,
      );
    }
    const addr = toks[1];
    if (addr === undefined || !/^(0[xX])?[0-9a-fA-F]+$/.test(addr)) {
      return this.fail(
        `expected a hex address after '${label}', got ${addr === undefined ? 'end of line' : `'${addr}'`}`,
        line,
      );
    }
    if (parseInt(addr.replace(/^0[xX]/, ''), 16) > MAX_ADDR) {
      return this.fail(
        `address ${addr} is above the largest supported address 1fffffffffffff (2^53-1)`,
        line,
      );
    }
    const size = toks[2];
    if (extended && (size === undefined || !/^(0[xX])?[0-9a-fA-F]+$/.test(size))) {
      return this.fail(
        `expected a hex size after the address, got ${size === undefined ? 'end of line' : `'${size}'`}`,
        line,
      );
    }
    if (extended) {
      const v = parseInt((size ?? '').replace(/^0[xX]/, ''), 16);
      if (v >= 1 && v <= MAX_SIZE) {
        return this.fail(
          `access of ${size ?? ''} (hex) bytes at ${addr} runs past the largest supported address 1fffffffffffff (2^53-1)`,
          line,
        );
      }
      return this.fail(`size ${size ?? ''} is out of range 1..${MAX_SIZE.toString(16)} (hex)`, line);
    }
    return this.fail(`unexpected text after the address in '${text}'`, line);
  }
}
